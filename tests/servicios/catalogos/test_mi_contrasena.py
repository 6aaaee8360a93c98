"""Archivo → «Cambiar mi contraseña…»: pide la actual; la nueva dos veces; queda en la bitácora."""
from __future__ import annotations

import pytest

from app.errores import ErrorAutenticacion, ErrorValidacion
from app.modelos import Bitacora, Usuario
from app.servicios.catalogos import usuarios
from app.servicios.nucleo import permisos


@pytest.fixture
def ana(sistema) -> Usuario:
    return usuarios.crear_usuario(sistema, "ana.soporte", "Ana Ruiz", permisos.JEFE_SOPORTE, "Inicial2026")


def _campos(error: pytest.ExceptionInfo) -> set[str]:
    return {campo for campo, _ in error.value.errores}


def test_cambia_la_propia_con_la_actual_y_queda_en_la_bitacora(ana):
    antes = Bitacora.select().count()
    usuarios.cambiar_mi_contrasena(ana, "Inicial2026", "Nueva2026x", "Nueva2026x")
    assert usuarios.iniciar_sesion("ana.soporte", "Nueva2026x").id == ana.id
    with pytest.raises(ErrorAutenticacion):
        usuarios.iniciar_sesion("ana.soporte", "Inicial2026")
    acciones = [b.accion for b in Bitacora.select().where(Bitacora.id > 0).order_by(Bitacora.id)][antes:]
    assert "cambio de contraseña" in acciones


@pytest.mark.parametrize("actual,nueva,confirmacion,campo", [
    ("Equivocada1", "Nueva2026x", "Nueva2026x", "actual"),       # una PC con la sesión abierta no basta
    ("Inicial2026", "Nueva2026x", "Nueva2026y", "confirmacion"),
    ("Inicial2026", "Inicial2026", "Inicial2026", "contrasena"),  # la misma de antes
    ("Inicial2026", "corta1", "corta1", "contrasena"),
    ("Inicial2026", "sololetras", "sololetras", "contrasena"),
])
def test_rechaza_sin_cambiar_nada(ana, actual, nueva, confirmacion, campo):
    hash_antes = Usuario.get_by_id(ana.id).hash_contrasena
    with pytest.raises(ErrorValidacion) as error:
        usuarios.cambiar_mi_contrasena(ana, actual, nueva, confirmacion)
    assert campo in _campos(error)
    assert Usuario.get_by_id(ana.id).hash_contrasena == hash_antes
    assert usuarios.iniciar_sesion("ana.soporte", "Inicial2026").id == ana.id
