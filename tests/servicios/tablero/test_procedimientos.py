"""Cifras por procedimiento del Tablero: casos por mes, tiempos por paso, vencidos y su Excel."""
from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from app.base_datos import transaccion
from app.demo import datos_tramites
from app.errores import ErrorPermiso
from app.modelos import Tramite
from app.servicios.tablero import procedimientos as cifras_procedimientos
from app.servicios.tramites import expediente, tramites
from tests.conftest import usuario
from tests.servicios.tramites.test_tramites import _abrir, _director

FINAL = dt.datetime(2026, 6, 10, 10, 0)        # miércoles: el momento en que se miran las cifras


def _en(reloj, momento: str, accion, *args, **kwargs):
    """Hace ``accion`` con el reloj en ``momento`` (el paso se cierra a esa hora exacta)."""
    reloj.fijar(momento)
    return accion(*args, **kwargs)


def _avanzar(reloj, actor, tramite: Tramite, momento: str, opcion: str | None = None) -> Tramite:
    return _en(reloj, momento, datos_tramites.avanzar, actor, tramite, opcion)


def _llevar(reloj, actor, tramite: Tramite, momento: str, hasta, **kwargs) -> Tramite:
    reloj.fijar(momento)
    with transaccion():
        return expediente.llevar(actor, tramite, hasta, **kwargs)


def cargar_casos(reloj) -> dict[str, Tramite]:
    """Trámites de los procedimientos 5 (en Trámites) y 6 (el de un ticket) movidos en momentos fijos.

    Procedimiento 5, paso 1 de A, B, C y D: 1, 2, 3 y 10 horas (mediana 2.5 h; percentil 90, 7.9 h).
    G viene de 2025 y concluye en enero; A concluye en abril; B se cancela en mayo; D concluye en
    junio; C se queda en el paso 2 (plazo de 5 minutos hábiles: vencido) y E se abre el 10 de junio.
    """
    actor = _director()
    casos: dict[str, Tramite] = {}
    casos["G"] = _en(reloj, "2025-11-18T09:00", _abrir, actor, 5, "Respaldo de la Tesorería")
    _avanzar(reloj, actor, casos["G"], "2025-11-18T10:00")
    for letra in "ABCD":
        casos[letra] = _en(reloj, "2026-03-03T09:00", _abrir, actor, 5, f"Respaldo {letra}")
    for letra, hora in zip("ABCD", ("10:00", "11:00", "12:00", "19:00")):
        _avanzar(reloj, actor, casos[letra], f"2026-03-03T{hora}")
    for paso, hora, opcion in (("2", "09:00", None), ("3", "10:00", "Respaldo"), ("3.2", "11:00", None),
                               ("4", "12:00", None)):
        _avanzar(reloj, actor, casos["G"], f"2026-01-13T{hora}", opcion)
        _avanzar(reloj, actor, casos["A"], f"2026-04-07T{hora}", opcion)
        _avanzar(reloj, actor, casos["D"], f"2026-06-02T{hora}", "Recuperación" if opcion else None)
    _en(reloj, "2026-05-05T10:00", tramites.cancelar_tramite, actor, casos["B"], "Lo pidió por error")
    casos["E"] = _en(reloj, "2026-06-10T09:00", _abrir, actor, 5, "Respaldo E")
    # Procedimiento 6: lo lleva Mesa de ayuda (abre en marzo, concluye en mayo).
    reloj.fijar("2026-03-10T09:00")
    with transaccion():
        casos["T"] = expediente.abrir(actor, 6, "La impresora no imprime")
    _llevar(reloj, actor, casos["T"], "2026-03-10T09:30", "2")
    _llevar(reloj, actor, casos["T"], "2026-05-12T10:00", None, respuestas={"3": "Sí"})
    reloj.fijar(FINAL)
    return {letra: Tramite.get_by_id(t.id) for letra, t in casos.items()}


@pytest.fixture
def casos(bd, reloj, respaldos_sin_modulo) -> dict[str, Tramite]:
    return cargar_casos(reloj)


def _filas_casos(cifra, numero: int) -> list[tuple]:
    return [(f[2].month, *f[3:]) for f in cifra.filas if f[0] == numero]


def _fila_paso(cifra, numero: int, paso: str) -> dict:
    fila = next(f for f in cifra.filas if f[0] == numero and f[2] == paso)
    return dict(zip(cifra.encabezados, fila))


def test_los_casos_quedan_donde_se_dejaron(casos):
    estados = {letra: (t.estado, t.paso_actual) for letra, t in casos.items()}
    assert estados == {"G": ("concluido", None), "A": ("concluido", None), "B": ("cancelado", None),
                       "C": ("abierto", "2"), "D": ("concluido", None), "E": ("abierto", "1"),
                       "T": ("concluido", None)}
    assert casos["T"].modulo == "mesa_ayuda"


def test_casos_por_procedimiento_y_mes(casos):
    cifra = cifras_procedimientos.casos_por_mes(2026, FINAL)
    assert cifra.encabezados[2:] == ["Mes", "Abiertos", "Concluidos", "Cancelados", "Abiertos al cierre"]
    # (mes, abiertos, concluidos, cancelados, abiertos al cierre); los meses sin nada no aparecen.
    assert _filas_casos(cifra, 5) == [(1, 0, 1, 0, 0), (3, 4, 0, 0, 4), (4, 0, 1, 0, 3), (5, 0, 0, 1, 2),
                                      (6, 1, 1, 0, 2)]
    assert _filas_casos(cifra, 6) == [(3, 1, 0, 0, 1), (4, 0, 0, 0, 1), (5, 0, 1, 0, 0)]
    assert {f[0] for f in cifra.filas} == {5, 6}
    assert cifra.filas[0][1] == "Respaldo y recuperación de información"
    assert cifra.filas[0][2] == dt.date(2026, 1, 1)
    # En 2025 G se abrió en noviembre y seguía abierto al cierre de noviembre y diciembre.
    assert _filas_casos(cifras_procedimientos.casos_por_mes(2025, FINAL), 5) == [
        (11, 1, 0, 0, 1), (12, 0, 0, 0, 1)]
    # Un año que no ha empezado no tiene meses.
    assert cifras_procedimientos.casos_por_mes(2027, FINAL).filas == []


def test_tiempos_por_paso_mediana_percentil_y_vencidos(casos):
    cifra = cifras_procedimientos.tiempos_por_paso(2026, FINAL)
    uno = _fila_paso(cifra, 5, "1")
    # El paso 1 de G se cerró en 2025: no cuenta en 2026. E acaba de abrir y no ha vencido.
    assert (uno["Veces"], uno["Mediana (horas)"], uno["Percentil 90 (horas)"]) == (4, 2.5, 7.9)
    assert (uno["Abiertos"], uno["Vencidos"]) == (1, 0)
    assert uno["Plazo (horas hábiles)"] == 8.0
    dos = _fila_paso(cifra, 5, "2")
    # G, A y D lo cerraron; el de B se cerró al cancelarlo (no se terminó); el de C sigue abierto y vencido.
    assert (dos["Veces"], dos["Abiertos"], dos["Vencidos"]) == (3, 1, 1)
    assert _fila_paso(cifra, 5, "3.2")["Veces"] == 2 and _fila_paso(cifra, 5, "3.1")["Veces"] == 1
    # El trámite del ticket: su paso 1 duró media hora; los que cerró de golpe, cero.
    ticket = _fila_paso(cifra, 6, "1")
    assert (ticket["Veces"], ticket["Mediana (horas)"], ticket["Percentil 90 (horas)"]) == (1, 0.5, 0.5)
    assert _fila_paso(cifra, 6, "5")["Mediana (horas)"] == 0
    # Los pasos en el orden del manual.
    assert [f[2] for f in cifra.filas if f[0] == 5] == ["1", "2", "3", "3.1", "3.2", "4"]
    assert sum(f[9] for f in cifra.filas) == 1
    # En 2025 solo el paso 1 de G (una hora); los abiertos son los de hoy.
    anterior = cifras_procedimientos.tiempos_por_paso(2025, FINAL)
    assert _fila_paso(anterior, 5, "1")["Veces"] == 1 and _fila_paso(anterior, 5, "1")["Mediana (horas)"] == 1.0


def test_el_paso_vence_por_el_calendario_laboral(casos):
    # E se abrió el miércoles a las 09:00 con 8 horas hábiles: vence el jueves a las 09:00.
    jueves = dt.datetime(2026, 6, 11, 9, 0)
    antes = cifras_procedimientos.tiempos_por_paso(2026, jueves - dt.timedelta(minutes=1))
    despues = cifras_procedimientos.tiempos_por_paso(2026, jueves + dt.timedelta(minutes=1))
    assert _fila_paso(antes, 5, "1")["Vencidos"] == 0
    assert _fila_paso(despues, 5, "1")["Vencidos"] == 1


def test_percentil_90():
    assert cifras_procedimientos.percentil_90([3600.0]) == 3600.0
    assert cifras_procedimientos.percentil_90([1, 2, 3, 10]) == pytest.approx(7.9)
    assert cifras_procedimientos.percentil_90(list(range(1, 11))) == pytest.approx(9.1)


def test_exportar_a_excel_con_numeros_y_meses_reales(casos, tmp_path):
    cifras = cifras_procedimientos.calcular(2026, FINAL)
    ruta = cifras_procedimientos.exportar_excel(usuario("dir"), cifras.cifras, tmp_path / "por-procedimiento.xlsx")
    libro = openpyxl.load_workbook(ruta)
    assert libro.sheetnames == ["Casos por procedimiento (2026)", "Tiempos por paso (2026)"]
    casos_hoja = libro.worksheets[0]
    assert [c.value for c in casos_hoja[2]] == ["Núm.", "Procedimiento", "Mes", "Abiertos", "Concluidos",
                                                 "Cancelados", "Abiertos al cierre"]
    marzo = [c.value for c in casos_hoja[4]]
    assert marzo == [5, "Respaldo y recuperación de información", dt.datetime(2026, 3, 1), 4, 0, 0, 4]
    assert casos_hoja["C4"].number_format == "mm/yyyy" and casos_hoja["D4"].data_type == "n"
    pasos = libro.worksheets[1]
    fila = next(r for r in pasos.iter_rows(min_row=3, values_only=True) if r[0] == 5 and r[2] == "1")
    assert fila[5:] == (4, 2.5, 7.9, 1, 0)
    assert not list(tmp_path.glob(".*tmp*"))


def test_consulta_no_exporta_ni_deja_archivo(casos, tmp_path):
    from app.servicios.catalogos import usuarios

    consulta = usuarios.crear_usuario(None, "lector", "Solo consulta", "consulta", "Consulta2026")
    cifras = cifras_procedimientos.calcular(2026, FINAL)
    with pytest.raises(ErrorPermiso):
        cifras_procedimientos.exportar_excel(consulta, cifras.cifras, tmp_path / "x.xlsx")
    assert list(tmp_path.glob("*x*")) == []
