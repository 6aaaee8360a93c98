"""Consola: «dti internet excepciones» escribe la lista que carga el firewall; «dti internet politica»."""
from __future__ import annotations

import datetime as dt

from app.consola.principal import principal
from app.servicios.internet import solicitudes
from app.tiempo import hoy_mexico
from tests.conftest import usuario
from tests.servicios.internet.ayudas import cargar_base, politica, solicitud


def _datos(reloj) -> None:
    cargar_base()
    reloj.fijar(dt.datetime.combine(hoy_mexico() - dt.timedelta(days=30), dt.time(10, 0)))
    politica()
    casos = [("https://www.youtube.com/curso", "DCS/1", False, 10), ("https://www.facebook.com/ayto", "DCS/2", False, 200),
             ("instagram.com", "DCS/3", False, None), ("https://caliente.mx", "DCS/4", True, None)]
    for sitio, numero, infringe, dias in casos:
        s = solicitud(sitio, numero=numero)
        solicitudes.decidir(usuario("redes"), s, infringe=infringe, razon="Revisado.",
                            categoria="Apuestas" if infringe else "Redes sociales",
                            regla_firewall="" if infringe else f"permitir {s.sitio}",
                            vence=None if dias is None else hoy_mexico() + dt.timedelta(days=dias))
    reloj.fijar(dt.datetime.combine(hoy_mexico() + dt.timedelta(days=30), dt.time(10, 0)))


def test_excepciones_vigentes_una_por_linea(bd_sqlite, reloj, tmp_path, capsys):
    _datos(reloj)
    url = f"sqlite:///{bd_sqlite.database}"
    salida = tmp_path / "lista.txt"
    assert principal(["internet", "excepciones", "--salida", str(salida), "--db", url]) == 0
    # Sin la vencida (youtube) ni la negada (caliente); ordenada, sin repetir, UTF-8 sin BOM, «\n».
    assert salida.read_bytes() == b"facebook.com\ninstagram.com\n"
    assert "2 dominio(s)" in capsys.readouterr().err
    assert principal(["internet", "excepciones", "--db", url]) == 0
    assert capsys.readouterr().out == "facebook.com\ninstagram.com\n"
    assert principal(["internet", "politica", "--db", url]) == 0
    texto = capsys.readouterr().out
    assert "Versión 1 (vigente)" in texto and "Apuestas (sin excepciones)" in texto


def test_sin_permiso_una_linea_en_espanol_y_no_escribe(bd_sqlite, reloj, tmp_path, capsys):
    _datos(reloj)
    url = f"sqlite:///{bd_sqlite.database}"
    salida = tmp_path / "lista.txt"
    assert principal(["internet", "excepciones", "--usuario", "consulta", "--salida", str(salida), "--db", url]) == 2
    error = capsys.readouterr().err
    assert error.startswith("Error: Su rol (Consulta) no permite exportar") and error.count("\n") == 1
    assert not salida.exists()
