"""Motor de trámites: los 21 procedimientos, de principio a fin, por ambas ramas de cada decisión."""
from __future__ import annotations

import datetime as dt
from collections import deque

import pytest

from app.servicios.tramites import procedimientos, tramites
from app.errores import ErrorConflicto, ErrorPermiso, ErrorTransicion, ErrorValidacion
from app.servicios.tramites.procedimientos import Procedimiento
from tests.conftest import usuario

Ruta = list[tuple[str, str | None]]   # (paso, respuesta elegida o None)


def _vecinos(p: Procedimiento, numero: str) -> list[tuple[str | None, str | None]]:
    paso = p.paso(numero)
    if paso.es_decision:
        return [(o.etiqueta, o.destino) for o in paso.opciones]
    return [(None, paso.siguiente)]


def _camino(p: Procedimiento, desde: str, hasta: str | None) -> Ruta:
    """Camino más corto de ``desde`` a ``hasta`` (None = a cualquier fin), como lista de (paso, respuesta)."""
    previo: dict[str, tuple[str, str | None] | None] = {desde: None}
    cola = deque([desde])
    while cola:
        actual = cola.popleft()
        if (hasta is None and p.paso(actual).es_final) or actual == hasta:
            ruta: Ruta = []
            nodo = actual
            while previo[nodo] is not None:
                anterior, respuesta = previo[nodo]
                ruta.append((anterior, respuesta))
                nodo = anterior
            ruta.reverse()
            if hasta is None:
                ruta.append((actual, None))   # el paso final también se concluye
            return ruta
        for respuesta, destino in _vecinos(p, actual):
            if destino is not None and destino not in previo:
                previo[destino] = (actual, respuesta)
                cola.append(destino)
    raise AssertionError(f"P{p.numero}: no hay camino de {desde} a {hasta}")


def _recorridos(p: Procedimiento) -> list[tuple[str, Ruta]]:
    """Un recorrido completo por cada respuesta de cada decisión (o el directo si no hay decisiones)."""
    recorridos = []
    for paso in p.pasos:
        for opcion in paso.opciones:
            ruta = _camino(p, p.inicio.numero, paso.numero) + [(paso.numero, opcion.etiqueta)]
            ruta += _camino(p, opcion.destino, None)
            recorridos.append((f"{paso.numero}={opcion.etiqueta}", ruta))
    if not recorridos:
        recorridos.append(("directo", _camino(p, p.inicio.numero, None)))
    return recorridos


CASOS = [(p.numero, nombre, ruta) for p in procedimientos.todos() for nombre, ruta in _recorridos(p)]


def test_hay_21_procedimientos_y_todos_tienen_recorridos():
    assert [p.numero for p in procedimientos.todos()] == list(range(1, 22))
    decisiones = sum(len(p.opciones) for proc in procedimientos.todos() for p in proc.pasos)
    assert len(CASOS) >= decisiones >= 40


@pytest.mark.parametrize("numero,rama,ruta", CASOS, ids=[f"P{n:02d}-{r}" for n, r, _ in CASOS])
def test_recorrido_completo_sqlite(bd_sqlite, numero, rama, ruta):
    director = _director()
    definicion = procedimientos.obtener(numero)
    tramite = tramites.abrir_tramite(director, numero, f"Prueba {definicion.clave} rama {rama}")
    assert tramite.paso_actual == definicion.inicio.numero
    for paso, respuesta in ruta:
        assert tramite.paso_actual == paso
        tramites.avanzar_tramite(director, tramite, respuesta, nota=f"paso {paso}")
    assert tramite.estado == tramites.CONCLUIDO and tramite.paso_actual is None
    historial = tramites.pasos(tramite)
    assert [(h.paso, h.opcion or None) for h in historial] == ruta
    assert all(h.fin is not None and h.segundos is not None and h.usuario_id == director.id for h in historial)


def _director():
    from app.servicios.catalogos import usuarios

    if usuarios.Usuario.get_or_none(usuarios.Usuario.nombre_usuario == "dir") is None:
        return usuarios.crear_usuario(None, "dir", "Directora de prueba", "director", "Director2026")
    return usuarios.obtener("dir")


@pytest.mark.parametrize("numero", [2, 5, 11, 21])
def test_recorridos_en_ambos_motores(bd, numero):
    """En PostgreSQL también: cada rama de los procedimientos con más decisiones."""
    director = _director()
    for _rama, ruta in _recorridos(procedimientos.obtener(numero)):
        tramite = tramites.abrir_tramite(director, numero, "Prueba en ambos motores")
        for _paso, respuesta in ruta:
            tramites.avanzar_tramite(director, tramite, respuesta)
        assert tramites.obtener(tramite.id).estado == tramites.CONCLUIDO


def test_solo_transiciones_definidas(bd):
    director = _director()
    t = tramites.abrir_tramite(director, 2, "Falla de impresora")
    with pytest.raises(ErrorTransicion, match="no es una decisión"):
        tramites.avanzar_tramite(director, t, "Sí")
    tramites.avanzar_tramite(director, t)
    tramites.avanzar_tramite(director, t)
    assert t.paso_actual == "3"
    with pytest.raises(ErrorTransicion, match="Elija una respuesta"):
        tramites.avanzar_tramite(director, t)
    with pytest.raises(ErrorTransicion, match="no es una respuesta"):
        tramites.avanzar_tramite(director, t, "Quizá")
    tramites.avanzar_tramite(director, t, "si")          # «si» se acepta como «Sí»
    assert t.paso_actual == "4"
    assert tramites.pasos(t)[-2].opcion == "Sí"


def test_concluido_no_avanza_y_cancelado_conserva_historial(bd):
    director = _director()
    t = tramites.abrir_tramite(director, 4, "Dictamen de CPU")
    for _ in range(len(procedimientos.obtener(4).pasos)):
        tramites.avanzar_tramite(director, t)
    assert t.estado == tramites.CONCLUIDO
    with pytest.raises(ErrorTransicion, match="ya está concluido"):
        tramites.avanzar_tramite(director, t)
    otro = tramites.abrir_tramite(director, 6, "Sin internet en Catastro")
    tramites.avanzar_tramite(director, otro)
    with pytest.raises(ErrorValidacion, match="Motivo"):
        tramites.cancelar_tramite(director, otro, "   ")
    tramites.cancelar_tramite(director, otro, "La dependencia retiró la solicitud.")
    guardado = tramites.obtener(otro.numero)
    assert guardado.estado == tramites.CANCELADO
    assert len(tramites.pasos(guardado)) == 2 and "retiró" in tramites.pasos(guardado)[-1].nota


def test_tiempo_por_paso(bd, monkeypatch):
    director = _director()
    monkeypatch.setenv("DTI_AHORA", "2026-11-24T09:00:00")
    t = tramites.abrir_tramite(director, 1, "Pago de enlaces de internet")
    monkeypatch.setenv("DTI_AHORA", "2026-11-24T11:30:00")
    tramites.avanzar_tramite(director, t)
    monkeypatch.setenv("DTI_AHORA", "2026-11-25T11:30:00")
    tramites.avanzar_tramite(director, t, "No")
    historial = tramites.pasos(t)
    assert [h.segundos for h in historial[:2]] == [9000, 86400]
    assert historial[0].inicio == dt.datetime(2026, 11, 24, 9, 0)
    assert tramites.tiempos_por_paso(t)["1"] == 9000


def test_area_y_rol_se_aplican_en_el_servicio(demo):
    redes, consulta, asistente = usuario("redes"), usuario("consulta"), usuario("asistente")
    with pytest.raises(ErrorPermiso, match="Soporte Técnico"):
        tramites.abrir_tramite(redes, 6, "Redes no atiende soporte")
    with pytest.raises(ErrorPermiso, match="Consulta"):
        tramites.abrir_tramite(consulta, 6, "Solo consulta")
    t = tramites.abrir_tramite(asistente, 6, "Mouse descompuesto")
    with pytest.raises(ErrorPermiso):
        tramites.avanzar_tramite(redes, t)
    with pytest.raises(ErrorPermiso):
        tramites.cancelar_tramite(asistente, t, "El asistente no cancela")
    tramites.avanzar_tramite(asistente, t)
    assert t.paso_actual == "2"


def test_dos_personas_mueven_el_mismo_tramite(bd):
    director = _director()
    t = tramites.abrir_tramite(director, 1, "Compra de switches")
    visto_por_otro = tramites.obtener(t.id)
    tramites.avanzar_tramite(director, t)
    with pytest.raises(ErrorConflicto, match="Otro usuario"):
        tramites.avanzar_tramite(director, visto_por_otro)
    assert len(tramites.pasos(t)) == 2


def test_tramite_desde_oficio_recibido(demo):
    from app.servicios.oficios import oficios

    asistente = usuario("asistente")
    entrante = oficios.registrar_oficio_entrante(
        asistente, numero_oficio="RC/0001/2026", fecha_documento=dt.date(2026, 11, 2),
        procedencia_texto="Registro Civil", solicitante_nombre="Ana Ruiz", firmado=True,
        descripcion="Falla en el sistema de actas")
    t = tramites.abrir_tramite(asistente, 6, "Falla en el sistema de actas", oficio_entrada=entrante)
    assert oficios.obtener(entrante.id).tramite_id == t.id
    from app.tiempo import hoy_mexico

    assert t.numero.startswith("DTI-T-") and t.numero.endswith(f"/{hoy_mexico().year}")
