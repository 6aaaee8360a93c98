"""Exportación BPMN 2.0 de los 21 procedimientos.

Cada archivo se valida contra el XSD oficial de la OMG (``tests/datos/bpmn/``) y se abre con
una biblioteca BPMN real (SpiffWorkflow); además: una tarea por paso, una compuerta exclusiva
por decisión con sus flujos nombrados por la respuesta, un carril por área responsable y un
diagrama (BPMNDI) con una forma o arista por elemento, sin formas encimadas.
"""
from __future__ import annotations

import itertools

import pytest
from lxml import etree

from app.servicios.tramites import bpmn, procedimientos
from tests.conftest import DATOS_PRUEBAS

NS = {"bpmn": bpmn.BPMN, "bpmndi": bpmn.BPMNDI, "dc": bpmn.DC, "di": bpmn.DI}
NUMEROS = [p.numero for p in procedimientos.todos()]


@pytest.fixture(scope="module")
def esquema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(DATOS_PRUEBAS / "bpmn" / "BPMN20.xsd")))


def _documento(numero: int) -> etree._Element:
    return etree.fromstring(bpmn.exportar(procedimientos.obtener(numero)))


def _limites(forma: etree._Element) -> tuple[float, float, float, float]:
    b = forma.find("dc:Bounds", NS)
    return tuple(float(b.get(k)) for k in ("x", "y", "width", "height"))


def test_son_los_21():
    assert NUMEROS == list(range(1, 22))


@pytest.mark.parametrize("numero", NUMEROS)
def test_cumple_el_xsd_de_bpmn_2_0(esquema, numero):
    documento = _documento(numero)
    assert esquema.validate(documento), f"P{numero:02d}: {esquema.error_log}"


@pytest.mark.parametrize("numero", NUMEROS)
def test_una_tarea_por_paso_y_una_compuerta_por_decision(numero):
    procedimiento = procedimientos.obtener(numero)
    proceso = _documento(numero).find("bpmn:process", NS)
    tareas = proceso.findall("bpmn:userTask", NS)
    assert len(tareas) == len(procedimiento.pasos)
    nombres = {t.get("name") for t in tareas}
    assert all(f"{paso.numero}. {paso.actividad}" in nombres for paso in procedimiento.pasos)
    compuertas = {c.get("id"): c for c in proceso.findall("bpmn:exclusiveGateway", NS)}
    decisiones = [paso for paso in procedimiento.pasos if paso.es_decision]
    assert len(compuertas) == len(decisiones)
    flujos = proceso.findall("bpmn:sequenceFlow", NS)
    for paso in decisiones:
        compuerta = compuertas[bpmn._id("Decision", paso.numero)]
        assert compuerta.get("name") == paso.pregunta
        salen = [f for f in flujos if f.get("sourceRef") == compuerta.get("id")]
        assert sorted(f.get("name") for f in salen) == sorted(o.etiqueta for o in paso.opciones)
        assert {f.get("targetRef") for f in salen} == {bpmn._id("Paso", o.destino) for o in paso.opciones}
    assert len(proceso.findall("bpmn:startEvent", NS)) == 1
    assert len(proceso.findall("bpmn:endEvent", NS)) == sum(1 for paso in procedimiento.pasos if paso.es_final)


@pytest.mark.parametrize("numero", NUMEROS)
def test_un_carril_por_area_responsable(numero):
    procedimiento = procedimientos.obtener(numero)
    proceso = _documento(numero).find("bpmn:process", NS)
    carriles = proceso.findall("bpmn:laneSet/bpmn:lane", NS)
    assert sorted(c.get("name") for c in carriles) == sorted({p.responsable for p in procedimiento.pasos})
    carril_de = {ref.text: c.get("name") for c in carriles for ref in c.findall("bpmn:flowNodeRef", NS)}
    nodos = [e.get("id") for e in proceso if etree.QName(e).localname in
             ("userTask", "exclusiveGateway", "startEvent", "endEvent")]
    assert sorted(carril_de) == sorted(nodos)          # cada nodo, en exactamente un carril
    for paso in procedimiento.pasos:
        assert carril_de[bpmn._id("Paso", paso.numero)] == paso.responsable


@pytest.mark.parametrize("numero", NUMEROS)
def test_diagrama_acomodado(numero):
    documento = _documento(numero)
    proceso = documento.find("bpmn:process", NS)
    plano = documento.find("bpmndi:BPMNDiagram/bpmndi:BPMNPlane", NS)
    assert plano.get("bpmnElement") == documento.find("bpmn:collaboration", NS).get("id")
    formas = {f.get("bpmnElement"): _limites(f) for f in plano.findall("bpmndi:BPMNShape", NS)}
    aristas = {a.get("bpmnElement"): a for a in plano.findall("bpmndi:BPMNEdge", NS)}
    nodos = [e.get("id") for e in proceso if etree.QName(e).localname in
             ("userTask", "exclusiveGateway", "startEvent", "endEvent")]
    carriles = [c.get("id") for c in proceso.findall("bpmn:laneSet/bpmn:lane", NS)]
    assert set(nodos) | set(carriles) <= set(formas)
    assert {f.get("id") for f in proceso.findall("bpmn:sequenceFlow", NS)} == set(aristas)
    for a, b in itertools.combinations(nodos, 2):       # ninguna forma encima de otra
        (ax, ay, aw, ah), (bx, by, bw, bh) = formas[a], formas[b]
        assert ax + aw <= bx or bx + bw <= ax or ay + ah <= by or by + bh <= ay, (a, b)
    for carril in proceso.findall("bpmn:laneSet/bpmn:lane", NS):       # cada nodo dentro de su carril
        cx, cy, cw, ch = formas[carril.get("id")]
        for ref in carril.findall("bpmn:flowNodeRef", NS):
            x, y, w, h = formas[ref.text]
            assert cx <= x and x + w <= cx + cw and cy <= y and y + h <= cy + ch, ref.text
    for arista in aristas.values():                     # aristas en ángulo recto, con al menos dos puntos
        puntos = [(float(p.get("x")), float(p.get("y"))) for p in arista.findall("di:waypoint", NS)]
        assert len(puntos) >= 2
        assert all(x0 == x1 or y0 == y1 for (x0, y0), (x1, y1) in itertools.pairwise(puntos)), arista.get("id")


@pytest.mark.parametrize("numero", NUMEROS)
def test_lo_abre_una_biblioteca_bpmn(numero):
    from SpiffWorkflow.bpmn.parser import BpmnParser, BpmnValidator
    from SpiffWorkflow.bpmn.specs.defaults import ExclusiveGateway, UserTask

    procedimiento = procedimientos.obtener(numero)
    parser = BpmnParser(validator=BpmnValidator())
    parser.add_bpmn_str(bpmn.exportar(procedimiento), filename=f"p{numero:02d}.bpmn")
    especificacion = parser.get_spec(f"Proceso_{procedimiento.clave}")
    tareas = [t for t in especificacion.task_specs.values() if isinstance(t, UserTask)]
    assert len(tareas) == len(procedimiento.pasos)
    assert {t.lane for t in tareas} == {p.responsable for p in procedimiento.pasos}
    compuertas = [t for t in especificacion.task_specs.values() if isinstance(t, ExclusiveGateway)]
    assert len(compuertas) == sum(1 for p in procedimiento.pasos if p.es_decision)


def test_el_flujo_exportado_corre_en_la_biblioteca_por_cada_respuesta():
    """P05 ejecutado en SpiffWorkflow: cada respuesta de la compuerta lleva a su paso, y de ahí al fin."""
    from SpiffWorkflow import TaskState
    from SpiffWorkflow.bpmn import BpmnWorkflow
    from SpiffWorkflow.bpmn.parser import BpmnParser

    procedimiento = procedimientos.obtener(5)
    decision = next(p for p in procedimiento.pasos if p.es_decision)
    for opcion in decision.opciones:
        parser = BpmnParser()
        parser.add_bpmn_str(bpmn.exportar(procedimiento))
        flujo = BpmnWorkflow(parser.get_spec("Proceso_P05"))
        hechos = []
        for _ in range(50):
            flujo.do_engine_steps()
            listas = flujo.get_tasks(state=TaskState.READY, manual=True)
            if not listas:
                break
            tarea = listas[0]
            tarea.data["respuesta"] = opcion.etiqueta
            hechos.append(tarea.task_spec.bpmn_name.split(". ", 1)[0])      # «3.2. Se inicia…» → «3.2»
            tarea.run()
        assert flujo.is_completed()
        assert opcion.destino in hechos
        assert [d for d in (o.destino for o in decision.opciones) if d != opcion.destino][0] not in hechos


def test_guardar_escribe_el_archivo(tmp_path):
    ruta = tmp_path / "p16.bpmn"
    bpmn.guardar(procedimientos.obtener(16), ruta)
    assert ruta.read_bytes().startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    assert etree.parse(str(ruta)).getroot().tag == f"{{{bpmn.BPMN}}}definitions"
