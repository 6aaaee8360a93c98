"""Consola: «dti proyectos lista» y «dti proyectos faltantes ID»."""
from __future__ import annotations

from app.consola.principal import principal
from app.servicios.proyectos import proyectos
from tests.conftest import usuario
from tests.servicios.proyectos.ayudas import oficio, preparar_base


def test_lista_y_faltantes_de_entrega(bd_sqlite, capsys):
    preparar_base()
    sistemas = usuario("sistemas")
    p = proyectos.registrar(sistemas, procedimiento=11, nombre="Sistema de expedientes", oficio=oficio("RH/7", "RH"))
    proyectos.registrar(sistemas, procedimiento=13, nombre="Página del DIF", oficio=oficio("DIF/7", "DIF"))
    url = f"sqlite:///{bd_sqlite.database}"
    assert principal(["proyectos", "lista", "--procedimiento", "11", "--db", url]) == 0
    salida = capsys.readouterr().out
    assert "Sistema de expedientes" in salida and "Página del DIF" not in salida and "paso 2." in salida
    assert principal(["proyectos", "faltantes", str(p.id), "--db", url]) == 0
    salida = capsys.readouterr().out
    assert "memoria técnica" in salida and "manual de usuario" in salida and "código fuente" in salida
    assert principal(["proyectos", "faltantes", "9999", "--db", url]) == 2
    assert "No existe el proyecto 9999" in capsys.readouterr().err
