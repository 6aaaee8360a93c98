"""La solicitud de software lleva su trámite del procedimiento 10 según la decisión del manual (issue 14)."""
from __future__ import annotations

import datetime as dt

from app.base_datos import transaccion
from app.modelos import PasoTramite, SolicitudSoftware, Tramite
from app.servicios.licencias import expedientes, licencias
from app.servicios.nucleo import bitacora
from tests.ayudas_dictamenes import crear_bien
from tests.conftest import usuario
from tests.servicios.licencias import test_licencias as _base

_licencia, _peticion, _software = _base._licencia, _base._peticion, _base._software
base = _base.base    # la misma fixture de las pruebas de licencias


def _pasos(tramite_id: int) -> list[tuple[str, int | None, str, str | None]]:
    return [(p.paso, p.segundos, p.opcion, p.destino)
            for p in PasoTramite.select().where(PasoTramite.tramite == tramite_id).order_by(PasoTramite.id)]


def _tramite(solicitud: SolicitudSoftware) -> Tramite:
    return Tramite.get_by_id(SolicitudSoftware.get_by_id(solicitud.id).expediente_id)


def test_cada_decision_lleva_el_tramite_por_su_camino(base, reloj):
    soporte = usuario("soporte")
    windows = _software()
    _licencia(windows)
    reloj.fijar(dt.datetime(2026, 11, 16, 9, 0))
    peticion = _peticion("SOP/1/2026", "Windows")
    asignada = licencias.atender_solicitud(soporte, software=windows, oficio=peticion, bien=crear_bien())
    tramite = _tramite(asignada)
    # ¿Hay licencia? Sí → se instala (4) y el trámite concluye en el momento de la atención.
    assert (tramite.procedimiento, tramite.modulo, tramite.estado) == (10, "licencias", "concluido")
    assert (tramite.oficio_entrada_id, tramite.concluido_en) == (peticion.id, dt.datetime(2026, 11, 16, 9, 0))
    assert _pasos(tramite.id) == [("1", 0, "", "2"), ("2", 0, "Sí", "4"), ("4", 0, "", None)]

    autocad = _software("AutoCAD LT 2026", fabricante="Autodesk", alternativa_libre="LibreCAD")
    reloj.fijar(dt.datetime(2026, 11, 16, 10, 0))
    adquirir = licencias.atender_solicitud(soporte, software=autocad, oficio=_peticion("SOP/2/2026", "AutoCAD"),
                                           adquirir=True, justificacion="Los planos llegan en DWG.")
    tramite = _tramite(adquirir)
    # No → ¿adquirir? Sí → 5: el trámite espera la adquisición (otro trámite, el del procedimiento 1).
    assert (tramite.estado, tramite.paso_actual) == ("abierto", "5")
    assert adquirir.tramite_id != tramite.id and Tramite.get_by_id(adquirir.tramite_id).procedimiento == 1
    assert _pasos(tramite.id) == [("1", 0, "", "2"), ("2", 0, "No", "3"), ("3", 0, "Sí", "5"), ("5", None, "", None)]

    libre = licencias.atender_solicitud(soporte, software=autocad, oficio=_peticion("SOP/3/2026", "AutoCAD"))
    tramite = _tramite(libre)
    assert tramite.estado == "concluido"
    assert _pasos(tramite.id) == [("1", 0, "", "2"), ("2", 0, "No", "3"), ("3", 0, "No", "6"), ("6", 0, "", None)]
    textos = {f["id"]: f["expediente"] for f in licencias.solicitudes()}
    assert textos[adquirir.id] == (f"{_tramite(adquirir).numero} · paso 5. "
                                   "Se hace tramite de adquisición de la licencia.")
    assert textos[libre.id] == f"{tramite.numero} · Concluido"


def test_vincular_existentes_crea_el_tramite_de_las_solicitudes_anteriores(base, reloj):
    autocad = _software("AutoCAD LT 2026", fabricante="Autodesk", alternativa_libre="LibreCAD")
    reloj.fijar(dt.datetime(2026, 11, 16, 9, 0))
    libre = licencias.atender_solicitud(usuario("soporte"), software=autocad)
    with transaccion():
        SolicitudSoftware.update(expediente=None).where(SolicitudSoftware.id == libre.id).execute()
        bitacora.registrar(SolicitudSoftware.get_by_id(libre.id), "prueba: sin trámite")
    reloj.fijar(dt.datetime(2026, 11, 20, 8, 0))
    assert expedientes.vincular_existentes() == 1
    assert expedientes.vincular_existentes() == 0
    tramite = _tramite(libre)
    assert (tramite.estado, tramite.creado_en, tramite.concluido_en) == (
        "concluido", dt.datetime(2026, 11, 16, 9, 0), dt.datetime(2026, 11, 16, 9, 0))
    assert [p[0] for p in _pasos(tramite.id)] == ["1", "2", "3", "6"]


def test_la_licencia_adquirida_se_instala_y_el_caso_concluye(base, reloj):
    """Paso 5 (adquisición) → 4 (se instala) → fin, cuando llega la licencia comprada."""
    from app.errores import ErrorValidacion

    soporte = usuario("soporte")
    autocad = _software("AutoCAD LT 2026", fabricante="Autodesk", alternativa_libre="LibreCAD")
    reloj.fijar(dt.datetime(2026, 11, 16, 10, 0))
    solicitud = licencias.atender_solicitud(soporte, software=autocad, oficio=_peticion("SOP/4/2026", "AutoCAD"),
                                            adquirir=True, justificacion="Los planos llegan en DWG.")
    otra = _licencia(_software("Office 2024"))
    with __import__("pytest").raises(ErrorValidacion, match="no de AutoCAD"):
        licencias.instalar_adquirida(soporte, solicitud, otra, bien=crear_bien("SMT-TIC-00201"))
    assert _tramite(solicitud).paso_actual == "5"
    reloj.fijar(dt.datetime(2026, 11, 20, 12, 0))
    comprada = _licencia(autocad)
    bien = crear_bien("SMT-TIC-00202")
    licencias.instalar_adquirida(soporte, SolicitudSoftware.get_by_id(solicitud.id), comprada, bien=bien)
    tramite = _tramite(solicitud)
    assert tramite.estado == "concluido" and tramite.concluido_en == dt.datetime(2026, 11, 20, 12, 0)
    assert _pasos(tramite.id)[-2:] == [("5", 4 * 86400 + 2 * 3600, "", "4"), ("4", 0, "", None)]
    guardada = SolicitudSoftware.get_by_id(solicitud.id)
    assert guardada.asignacion.licencia_id == comprada.id and guardada.asignacion.bien_id == bien.id
    with __import__("pytest").raises(ErrorValidacion, match="aún no se instala"):
        licencias.instalar_adquirida(soporte, guardada, comprada, bien=bien)
    assert bitacora.verificar() == []
