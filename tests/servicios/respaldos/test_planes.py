"""Planes de respaldo: el caso recorre el procedimiento 5 por «Respaldo» y cada política rehúsa con su razón."""
from __future__ import annotations

import datetime as dt

import pytest

from app.errores import ErrorPermiso, ErrorValidacion
from app.modelos import EjecucionRespaldo, PasoTramite, PlanRespaldo, Tramite
from app.servicios.bandeja import bandeja
from app.servicios.nucleo import bitacora
from app.servicios.respaldos import planes
from app.tiempo import hoy_mexico
from tests.conftest import usuario
from tests.servicios.respaldos.ayudas import SUMA, dependencia, oficio, plan, titular


def _pasos(tramite_id: int) -> list[tuple[str, str, str | None, bool]]:
    return [(p.paso, p.opcion, p.destino, p.fin is None)
            for p in PasoTramite.select().where(PasoTramite.tramite == tramite_id).order_by(PasoTramite.id)]


def _fila(plan_id: int) -> dict:
    return next(f for f in planes.calendario(incluir_bajas=True) if f["id"] == plan_id)


def _respaldo(nuevo, **datos):
    valores = dict(medio="NAS de la DTI", ubicacion="\\\\nas\\SOP\\2026", sha256=SUMA, tamano_bytes=1_048_576)
    valores.update(datos)
    return planes.registrar_ejecucion(usuario("soporte"), nuevo, **valores)


def test_el_plan_abre_su_tramite_por_respaldo_y_espera_en_el_paso_3_2(demo):
    nuevo = plan("semanal")
    tramite = Tramite.get_by_id(nuevo.expediente_id)
    assert (tramite.procedimiento, tramite.modulo, tramite.estado, tramite.paso_actual) == (5, "respaldos", "abierto",
                                                                                           "3.2")
    assert tramite.oficio_entrada_id == nuevo.oficio_id and tramite.dependencia_id == dependencia().id
    # 1 → 2 → ¿Qué tipo de actividad es? «Respaldo» → 3.2 (abierto).
    assert _pasos(tramite.id) == [("1", "", "2", False), ("2", "", "3", False), ("3", "Respaldo", "3.2", False),
                                  ("3.2", "", None, True)]
    assert nuevo.folio.startswith("RES-") and nuevo.folio.endswith(f"/{nuevo.anio}")
    assert _fila(nuevo.id)["proxima"] == hoy_mexico() and _fila(nuevo.id)["estado"] == "Toca hoy"
    assert bitacora.verificar() == []


def test_el_respaldo_exitoso_mueve_la_proxima_fecha_y_el_fallido_no(demo, reloj):
    nuevo = plan("semanal", inicio=hoy_mexico() - dt.timedelta(days=10))
    assert _fila(nuevo.id)["dias_atraso"] == 10
    _respaldo(nuevo, resultado="fallido", sha256="", tamano_bytes=None, notas="El NAS no respondió.")
    assert _fila(nuevo.id)["dias_atraso"] == 10          # un respaldo fallido no cuenta
    hecho = _respaldo(nuevo, realizado_en=dt.datetime.combine(hoy_mexico() - dt.timedelta(days=2), dt.time(20)))
    assert (hecho.realizado_por.nombre_usuario, hecho.sha256, hecho.tamano_bytes) == ("soporte", SUMA, 1_048_576)
    fila = _fila(nuevo.id)
    assert fila["proxima"] == hoy_mexico() + dt.timedelta(days=5) and not fila["vencido"]
    # El paso 3.2 del trámite guarda la fecha y la ubicación del último respaldo, y sigue abierto.
    assert Tramite.get_by_id(nuevo.expediente_id).paso_actual == "3.2"
    # Ocho días después el plan está vencido 3 días: sale en «dti respaldos vencidos» y en la bandeja.
    reloj.fijar(dt.datetime.combine(hoy_mexico() + dt.timedelta(days=8), dt.time(11)))
    vencido = next(f for f in planes.vencidos() if f["id"] == nuevo.id)
    assert vencido["dias_atraso"] == 3
    pendiente = next(p for p in bandeja.pendientes(usuario("soporte")) if p.tramite_id == nuevo.expediente_id)
    assert pendiente.vencido and pendiente.caso == f"Plan de respaldo {nuevo.folio}"
    assert pendiente.vence_en.date() == vencido["proxima"]
    assert bitacora.verificar() == []


def test_plan_al_dia_no_sale_vencido_en_la_bandeja(demo):
    nuevo = plan("diaria", inicio=hoy_mexico() + dt.timedelta(days=3))
    pendiente = next(p for p in bandeja.pendientes(usuario("soporte")) if p.tramite_id == nuevo.expediente_id)
    assert not pendiente.vencido and pendiente.vence_en.date() == hoy_mexico() + dt.timedelta(days=3)


def _sin_escribir(funcion, *args, **kwargs) -> str:
    planes_antes, tramites_antes = PlanRespaldo.select().count(), Tramite.select().count()
    ejecuciones_antes = EjecucionRespaldo.select().count()
    with pytest.raises(ErrorValidacion) as error:
        funcion(*args, **kwargs)
    assert (PlanRespaldo.select().count(), Tramite.select().count(),
            EjecucionRespaldo.select().count()) == (planes_antes, tramites_antes, ejecuciones_antes)
    return str(error.value)


def test_politicas_del_plan_rehusan_con_su_razon(demo):
    soporte = usuario("soporte")
    base = dict(dependencia=dependencia(), informacion="Planos de obra", propietario=titular(),
                periodicidad="mensual")
    # Sin el oficio del titular no hay plan (actividad 2).
    assert "oficio del titular" in _sin_escribir(planes.registrar_plan, soporte, oficio=None, **base)
    # El propietario que propone la periodicidad es de la dependencia dueña de la información (política 1).
    ajeno = {**base, "propietario": titular("TM")}
    assert "debe ser de Secretaría de Obras Públicas" in _sin_escribir(planes.registrar_plan, soporte,
                                                                       oficio=oficio("SOP/1/2026"), **ajeno)
    sin_periodo = {**base, "periodicidad": "cuando se pueda"}
    assert "periodicidad que propuso el propietario" in _sin_escribir(planes.registrar_plan, soporte,
                                                                      oficio=oficio("SOP/2/2026"), **sin_periodo)
    cada = {**base, "periodicidad": "cada_n_dias"}
    assert "cada cuántos días" in _sin_escribir(planes.registrar_plan, soporte, oficio=oficio("SOP/3/2026"), **cada)
    incompleto = oficio("", firmado=False, permitir_incompleto=True)
    assert "incompleto" in _sin_escribir(planes.registrar_plan, soporte, oficio=incompleto, **base)
    hostil = {**base, "informacion": "x" * 301}
    assert "Información" in _sin_escribir(planes.registrar_plan, soporte, oficio=oficio("SOP/4/2026"), **hostil)
    plan(informacion="Planos de obra", oficio=oficio("SOP/5/2026"))
    assert "ya tiene el plan" in _sin_escribir(planes.registrar_plan, soporte, oficio=oficio("SOP/6/2026"),
                                               **{**base, "informacion": "  PLANOS  de  obra "})
    with pytest.raises(ErrorPermiso):
        planes.registrar_plan(usuario("sistemas"), oficio=oficio("SOP/7/2026"), **base)


def test_politicas_del_respaldo_rehusan_con_su_razon(demo, tmp_path):
    nuevo = plan()
    assert "64 caracteres hexadecimales" in _sin_escribir(_respaldo, nuevo, sha256="z" * 64)
    assert "64 caracteres hexadecimales" in _sin_escribir(_respaldo, nuevo, sha256=SUMA[:63])
    assert "lleva su SHA-256" in _sin_escribir(_respaldo, nuevo, sha256="")
    assert "lleva su tamaño" in _sin_escribir(_respaldo, nuevo, tamano_bytes=0)
    assert "Tamaño en bytes" in _sin_escribir(_respaldo, nuevo, tamano_bytes="1e9; DROP TABLE")
    assert "posterior a ahora" in _sin_escribir(_respaldo, nuevo, realizado_en=dt.datetime.combine(
        hoy_mexico() + dt.timedelta(days=1), dt.time(9)))
    assert "qué falló" in _sin_escribir(_respaldo, nuevo, resultado="fallido")
    assert "exitoso, parcial o fallido" in _sin_escribir(_respaldo, nuevo, resultado="más o menos")
    assert "Medio" in _sin_escribir(_respaldo, nuevo, medio="   ")
    archivo = tmp_path / "respaldo.bak"
    archivo.write_bytes(b"respaldo de prueba")
    assert "no coincide" in _sin_escribir(_respaldo, nuevo, archivo=archivo, sha256="a" * 64)
    assert "carpeta" in _sin_escribir(_respaldo, nuevo, archivo=tmp_path)
    assert "No se encontró" in _sin_escribir(_respaldo, nuevo, archivo=tmp_path / "no-existe.bak")


def test_sha256_del_archivo_por_bloques_con_progreso(demo, tmp_path):
    archivo = tmp_path / "grande.bak"
    archivo.write_bytes(b"\x00\xff" * (planes.BLOQUE + 10))      # algo más de 2 MiB: tres bloques
    avances: list[tuple[int, int]] = []
    hecho = _respaldo(plan(), archivo=archivo, sha256="", tamano_bytes=None,
                      progreso=lambda h, t: avances.append((h, t)))
    import hashlib

    assert hecho.sha256 == hashlib.sha256(archivo.read_bytes()).hexdigest()
    assert hecho.tamano_bytes == archivo.stat().st_size
    assert len(avances) == 3 and avances[-1] == (archivo.stat().st_size, archivo.stat().st_size)


def test_cambiar_periodicidad_exige_oficio_nuevo_del_propietario(demo):
    nuevo = plan("semanal")
    soporte = usuario("soporte")
    with pytest.raises(ErrorValidacion, match="oficio nuevo"):
        planes.cambiar_periodicidad(soporte, nuevo, periodicidad="diaria", oficio=nuevo.oficio)
    with pytest.raises(ErrorValidacion, match="la periodicidad la propone"):
        planes.cambiar_periodicidad(soporte, nuevo, periodicidad="diaria", oficio=oficio("TM/9/2026", "TM"))
    with pytest.raises(ErrorValidacion, match="oficio del titular"):
        planes.cambiar_periodicidad(soporte, nuevo, periodicidad="diaria", oficio=None)
    assert PlanRespaldo.get_by_id(nuevo.id).periodicidad == "semanal"
    cambiado = planes.cambiar_periodicidad(soporte, nuevo, periodicidad="Cada N días", cada_dias=3,
                                           oficio=oficio("SOP/0600/2026"))
    assert (cambiado.periodicidad, cambiado.cada_dias) == ("cada_n_dias", 3)
    assert "Semanal → Cada 3 días" in cambiado.notas and _fila(nuevo.id)["periodicidad_texto"] == "Cada 3 días"


def test_baja_del_plan_concluye_su_tramite_y_ya_no_se_respalda(demo):
    nuevo = plan()
    with pytest.raises(ErrorValidacion, match="Motivo"):
        planes.dar_de_baja(usuario("director"), nuevo, "  ")
    planes.dar_de_baja(usuario("director"), nuevo, "El sistema se sustituyó por uno en la nube.")
    assert Tramite.get_by_id(nuevo.expediente_id).estado == "concluido"
    assert nuevo.id not in [f["id"] for f in planes.calendario()]
    assert _fila(nuevo.id)["estado"] == "Dado de baja"
    assert "dado de baja" in _sin_escribir(_respaldo, PlanRespaldo.get_by_id(nuevo.id))


def test_la_demo_tiene_planes_vencidos_de_varias_dependencias(demo):
    vencidos = planes.vencidos()
    assert {f["dependencia"] for f in vencidos} >= {"Registro Civil", "Tesorería Municipal",
                                                    "Dirección de Catastro"}
    assert all(f["dias_atraso"] > 0 for f in vencidos)
    assert [f["dias_atraso"] for f in vencidos] == sorted((f["dias_atraso"] for f in vencidos), reverse=True)
    assert bitacora.verificar() == []
