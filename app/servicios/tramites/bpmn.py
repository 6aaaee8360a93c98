"""Exportación de un procedimiento a BPMN 2.0 (XML con su diagrama BPMNDI).

El archivo abre acomodado en bpmn.io o Camunda Modeler: una alberca (participante) con un
carril por área responsable, un evento de inicio, una tarea por paso, una compuerta
exclusiva después de cada paso de decisión (sus flujos llevan el nombre de la respuesta)
y un evento de fin después de cada paso final. Los pasos se acomodan en columnas por
su distancia desde el inicio; los regresos (correcciones que vuelven a revisar) se
dibujan por debajo.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from app import __version__
from app.servicios.tramites.procedimientos import Paso, Procedimiento

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
DC = "http://www.omg.org/spec/DD/20100524/DC"
DI = "http://www.omg.org/spec/DD/20100524/DI"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
ESPACIO_DESTINO = "https://dti.municipio.local/procedimientos"

for _prefijo, _uri in (("bpmn", BPMN), ("bpmndi", BPMNDI), ("dc", DC), ("di", DI), ("xsi", XSI)):
    ET.register_namespace(_prefijo, _uri)

# Medidas del diagrama (las de bpmn.io: tarea 100×80, compuerta 50×50, evento 36×36).
TAMANOS = {"tarea": (120, 80), "compuerta": (50, 50), "evento": (36, 36)}
COLUMNA = 170           # ancho de cada columna
RENGLON = 130           # alto de cada renglón de un carril
ORIGEN_X, ORIGEN_Y = 160, 80
BANDA_ALBERCA = 30      # franja del nombre de la alberca
BANDA_CARRIL = 30       # franja del nombre de cada carril


@dataclass
class _Nodo:
    id: str
    tipo: str           # tarea | compuerta | inicio | fin
    nombre: str
    carril: int
    documentacion: str = ""
    entrantes: list[str] = field(default_factory=list)
    salientes: list[str] = field(default_factory=list)
    columna: int = 0
    renglon: int = 0
    x: float = 0
    y: float = 0

    @property
    def forma(self) -> str:
        return "evento" if self.tipo in ("inicio", "fin") else self.tipo

    @property
    def ancho(self) -> int:
        return TAMANOS[self.forma][0]

    @property
    def alto(self) -> int:
        return TAMANOS[self.forma][1]

    @property
    def centro(self) -> tuple[float, float]:
        return self.x + self.ancho / 2, self.y + self.alto / 2


@dataclass
class _Flujo:
    id: str
    origen: str
    destino: str
    nombre: str = ""


def _id(prefijo: str, numero: str) -> str:
    """Identificador XML válido (NCName) para un paso: «3.1» → «Paso_3_1»."""
    return f"{prefijo}_{re.sub(r'[^A-Za-z0-9]', '_', numero)}"


def _l(nombre: str, espacio: str = BPMN) -> str:
    return f"{{{espacio}}}{nombre}"


def exportar(procedimiento: Procedimiento) -> bytes:
    """El procedimiento como documento BPMN 2.0 (UTF-8, con declaración XML)."""
    carriles = list(dict.fromkeys(p.responsable or procedimiento.area for p in procedimiento.pasos))
    nodos, flujos = _grafo(procedimiento, carriles)
    alturas = _acomodar(nodos, flujos, len(carriles))
    raiz = _documento(procedimiento, carriles, nodos, flujos, alturas)
    ET.indent(raiz, space="  ")
    return ET.tostring(raiz, encoding="UTF-8", xml_declaration=True)


def guardar(procedimiento: Procedimiento, ruta) -> None:
    """Escribe el BPMN del procedimiento en ``ruta``."""
    with open(ruta, "wb") as archivo:
        archivo.write(exportar(procedimiento))


# ---------------------------------------------------------------------------------------------
# Grafo: nodos y flujos
# ---------------------------------------------------------------------------------------------
def _grafo(procedimiento: Procedimiento, carriles: list[str]) -> tuple[dict[str, _Nodo], list[_Flujo]]:
    nodos: dict[str, _Nodo] = {}
    flujos: list[_Flujo] = []

    def unir(origen: str, destino: str, nombre: str = "") -> None:
        flujo = _Flujo(f"Flujo_{len(flujos) + 1}", origen, destino, nombre)
        flujos.append(flujo)
        nodos[origen].salientes.append(flujo.id)
        nodos[destino].entrantes.append(flujo.id)

    existentes = {p.numero for p in procedimiento.pasos}
    carril_de = {p.numero: carriles.index(p.responsable or procedimiento.area) for p in procedimiento.pasos}
    inicio = procedimiento.pasos[0]
    nodos["Inicio"] = _Nodo("Inicio", "inicio", "Inicio", carril_de[inicio.numero])
    for paso in procedimiento.pasos:
        nodos[_id("Paso", paso.numero)] = _Nodo(_id("Paso", paso.numero), "tarea",
                                                f"{paso.numero}. {paso.actividad}", carril_de[paso.numero],
                                                _documentacion(paso))
        if paso.es_decision:
            nodos[_id("Decision", paso.numero)] = _Nodo(_id("Decision", paso.numero), "compuerta",
                                                        paso.pregunta or paso.actividad, carril_de[paso.numero])
        elif paso.siguiente is None or paso.siguiente not in existentes:
            nodos[_id("Fin", paso.numero)] = _Nodo(_id("Fin", paso.numero), "fin", "Fin", carril_de[paso.numero])
    unir("Inicio", _id("Paso", inicio.numero))
    for paso in procedimiento.pasos:
        tarea = _id("Paso", paso.numero)
        if paso.es_decision:
            compuerta = _id("Decision", paso.numero)
            unir(tarea, compuerta)
            for opcion in paso.opciones:
                if opcion.destino in existentes:
                    unir(compuerta, _id("Paso", opcion.destino), opcion.etiqueta)
        elif paso.siguiente is not None and paso.siguiente in existentes:
            unir(tarea, _id("Paso", paso.siguiente))
        else:
            unir(tarea, _id("Fin", paso.numero))
    return nodos, flujos


def _documentacion(paso: Paso) -> str:
    lineas = [f"Responsable: {paso.responsable}"]
    documento = getattr(paso, "documento_manual", "") or ""
    if isinstance(documento, str) and documento:
        lineas.append(f"Documento: {documento}" + (f" ({paso.tantos})" if paso.tantos else ""))
    campos = [getattr(c, "etiqueta", str(c)) for c in getattr(paso, "campos", ()) or ()]
    if campos:
        lineas.append("Datos: " + "; ".join(campos))
    adjuntos = [getattr(a, "etiqueta", str(a)) for a in getattr(paso, "adjuntos", ()) or ()]
    if adjuntos:
        lineas.append("Adjuntos: " + "; ".join(adjuntos))
    plazo = getattr(paso, "plazo_horas_habiles", None)
    if plazo:
        lineas.append(f"Plazo: {plazo:g} horas hábiles")
    return "\n".join(lineas)


# ---------------------------------------------------------------------------------------------
# Acomodo: columnas por distancia desde el inicio (sin contar los regresos), renglones por carril
# ---------------------------------------------------------------------------------------------
def _regresos(nodos: dict[str, _Nodo], flujos: list[_Flujo]) -> set[str]:
    """Flujos que cierran un ciclo (regresan a un nodo en el camino desde el inicio)."""
    salientes: dict[str, list[_Flujo]] = {n: [] for n in nodos}
    for flujo in flujos:
        salientes[flujo.origen].append(flujo)
    regresos: set[str] = set()
    estado: dict[str, int] = {}         # 1: en el camino; 2: terminado
    for raiz in ["Inicio", *nodos]:
        if raiz in estado:
            continue
        pila = [(raiz, iter(salientes[raiz]))]
        estado[raiz] = 1
        while pila:
            nodo, pendientes = pila[-1]
            flujo = next(pendientes, None)
            if flujo is None:
                estado[nodo] = 2
                pila.pop()
            elif estado.get(flujo.destino) == 1:
                regresos.add(flujo.id)
            elif flujo.destino not in estado:
                estado[flujo.destino] = 1
                pila.append((flujo.destino, iter(salientes[flujo.destino])))
    return regresos


def _acomodar(nodos: dict[str, _Nodo], flujos: list[_Flujo], n_carriles: int) -> list[int]:
    """Pone x, y a cada nodo; devuelve la altura de cada carril."""
    regresos = _regresos(nodos, flujos)
    adelante = [f for f in flujos if f.id not in regresos]
    grado = {n: 0 for n in nodos}
    for flujo in adelante:
        grado[flujo.destino] += 1
    listos = [n for n in nodos if grado[n] == 0]
    while listos:       # camino más largo en el grafo sin regresos (orden topológico)
        actual = listos.pop(0)
        for flujo in adelante:
            if flujo.origen == actual:
                nodos[flujo.destino].columna = max(nodos[flujo.destino].columna, nodos[actual].columna + 1)
                grado[flujo.destino] -= 1
                if grado[flujo.destino] == 0:
                    listos.append(flujo.destino)
    ocupados: dict[tuple[int, int], int] = {}
    for nodo in nodos.values():
        celda = (nodo.carril, nodo.columna)
        nodo.renglon = ocupados.get(celda, 0)
        ocupados[celda] = nodo.renglon + 1
    renglones = [max([c for (carril, _), c in ocupados.items() if carril == i] or [1]) for i in range(n_carriles)]
    alturas = [r * RENGLON for r in renglones]
    for nodo in nodos.values():
        arriba = ORIGEN_Y + sum(alturas[:nodo.carril])
        cx = ORIGEN_X + BANDA_ALBERCA + BANDA_CARRIL + nodo.columna * COLUMNA + COLUMNA / 2
        cy = arriba + nodo.renglon * RENGLON + RENGLON / 2
        nodo.x, nodo.y = cx - nodo.ancho / 2, cy - nodo.alto / 2
    return alturas


def _puntos(origen: _Nodo, destino: _Nodo, es_regreso: bool, lado: str) -> list[tuple[float, float]]:
    """Quiebres de la arista, en ángulo recto, por los huecos entre renglones y columnas.

    ``lado`` es por dónde sale del origen: derecha, arriba o abajo.
    """
    (ox, oy), dy = origen.centro, destino.centro[1]
    if es_regreso:
        # Regreso: por la franja libre de abajo (o de arriba) del renglón, y entra por la izquierda.
        margen = (RENGLON - TAMANOS["tarea"][1]) / 4
        salida, banda = ((origen.y, oy - TAMANOS["tarea"][1] / 2 - margen) if lado == "arriba" else
                         (origen.y + origen.alto, oy + TAMANOS["tarea"][1] / 2 + margen))
        entrada = destino.x - (COLUMNA - destino.ancho) / 4
        return [(ox, salida), (ox, banda), (entrada, banda), (entrada, dy), (destino.x, dy)]
    if lado != "derecha":
        return [(ox, origen.y if lado == "arriba" else origen.y + origen.alto), (ox, dy), (destino.x, dy)]
    if oy == dy:
        return [(origen.x + origen.ancho, oy), (destino.x, dy)]
    medio = ORIGEN_X + BANDA_ALBERCA + BANDA_CARRIL + (origen.columna + 1) * COLUMNA - (COLUMNA - destino.ancho) / 4
    return [(origen.x + origen.ancho, oy), (medio, oy), (medio, dy), (destino.x, dy)]


def _lados(origen: _Nodo, nodos: dict[str, _Nodo], flujos: dict[str, _Flujo], regresos: set[str]) -> dict[str, str]:
    """Por qué lado sale cada flujo de ``origen``: una tarea sale por la derecha (sus regresos, por
    abajo); una compuerta reparte sus ramas entre derecha, arriba y abajo para no encimarlas."""
    salientes = [flujos[f] for f in origen.salientes]
    if origen.tipo != "compuerta":
        return {f.id: "abajo" if f.id in regresos else "derecha" for f in salientes}
    oy = origen.centro[1]
    libres = ["derecha", "abajo", "arriba"]
    lados: dict[str, str] = {}
    adelante = sorted((f for f in salientes if f.id not in regresos),
                      key=lambda f: (nodos[f.destino].centro[1] != oy, nodos[f.destino].centro[1]))
    for flujo in adelante:
        dy = nodos[flujo.destino].centro[1]
        natural = "arriba" if dy < oy else "abajo"
        for lado in ("derecha", natural) if dy != oy else ("derecha",):
            if lado in libres:
                break
        else:
            lado = next(iter(libres), "derecha")
        lados[flujo.id] = lado
        if lado in libres:
            libres.remove(lado)
    for flujo in salientes:
        if flujo.id in regresos:
            lados[flujo.id] = next((lado for lado in ("abajo", "arriba") if lado in libres), "abajo")
            if lados[flujo.id] in libres:
                libres.remove(lados[flujo.id])
    return lados


def _trazar(nodos: dict[str, _Nodo], flujos: list[_Flujo]) -> dict[str, list[tuple[float, float]]]:
    """Puntos de cada flujo."""
    regresos = _regresos(nodos, flujos)
    por_id = {f.id: f for f in flujos}
    lados: dict[str, str] = {}
    for nodo in nodos.values():
        lados.update(_lados(nodo, nodos, por_id, regresos))
    return {f.id: _puntos(nodos[f.origen], nodos[f.destino], f.id in regresos, lados[f.id]) for f in flujos}


# ---------------------------------------------------------------------------------------------
# XML
# ---------------------------------------------------------------------------------------------
_ETIQUETA = {"tarea": "userTask", "compuerta": "exclusiveGateway", "inicio": "startEvent", "fin": "endEvent"}


def _documento(procedimiento: Procedimiento, carriles: list[str], nodos: dict[str, _Nodo],
               flujos: list[_Flujo], alturas: list[int]) -> ET.Element:
    clave = procedimiento.clave
    raiz = ET.Element(_l("definitions"), {
        "id": f"Definiciones_{clave}", "targetNamespace": ESPACIO_DESTINO,
        "exporter": "dti-municipal", "exporterVersion": __version__})
    colaboracion = ET.SubElement(raiz, _l("collaboration"), {"id": f"Colaboracion_{clave}"})
    ET.SubElement(colaboracion, _l("participant"), {
        "id": f"Participante_{clave}", "name": f"{clave} · {procedimiento.nombre}",
        "processRef": f"Proceso_{clave}"})
    proceso = ET.SubElement(raiz, _l("process"), {
        "id": f"Proceso_{clave}", "name": procedimiento.titulo, "isExecutable": "true"})
    if procedimiento.objetivo:
        ET.SubElement(proceso, _l("documentation")).text = procedimiento.objetivo
    conjunto = ET.SubElement(proceso, _l("laneSet"), {"id": f"Carriles_{clave}"})
    for i, nombre in enumerate(carriles):
        carril = ET.SubElement(conjunto, _l("lane"), {"id": f"Carril_{i + 1}", "name": nombre})
        for nodo in nodos.values():
            if nodo.carril == i:
                ET.SubElement(carril, _l("flowNodeRef")).text = nodo.id
    for nodo in nodos.values():
        elemento = ET.SubElement(proceso, _l(_ETIQUETA[nodo.tipo]), {"id": nodo.id, "name": nodo.nombre})
        if nodo.documentacion:
            ET.SubElement(elemento, _l("documentation")).text = nodo.documentacion
        for flujo in nodo.entrantes:
            ET.SubElement(elemento, _l("incoming")).text = flujo
        for flujo in nodo.salientes:
            ET.SubElement(elemento, _l("outgoing")).text = flujo
    for flujo in flujos:
        atributos = {"id": flujo.id, "sourceRef": flujo.origen, "targetRef": flujo.destino}
        if flujo.nombre:
            atributos["name"] = flujo.nombre
        elemento = ET.SubElement(proceso, _l("sequenceFlow"), atributos)
        if flujo.nombre:
            condicion = ET.SubElement(elemento, _l("conditionExpression"), {_l("type", XSI): "bpmn:tFormalExpression"})
            condicion.text = f"respuesta == {flujo.nombre!r}"
    _diagrama(raiz, procedimiento, carriles, nodos, flujos, alturas)
    return raiz


def _limites(padre: ET.Element, x: float, y: float, ancho: float, alto: float) -> None:
    ET.SubElement(padre, _l("Bounds", DC), {"x": f"{x:g}", "y": f"{y:g}", "width": f"{ancho:g}", "height": f"{alto:g}"})


def _diagrama(raiz: ET.Element, procedimiento: Procedimiento, carriles: list[str], nodos: dict[str, _Nodo],
              flujos: list[_Flujo], alturas: list[int]) -> None:
    clave = procedimiento.clave
    diagrama = ET.SubElement(raiz, _l("BPMNDiagram", BPMNDI), {"id": f"Diagrama_{clave}"})
    plano = ET.SubElement(diagrama, _l("BPMNPlane", BPMNDI), {
        "id": f"Plano_{clave}", "bpmnElement": f"Colaboracion_{clave}"})
    columnas = max(n.columna for n in nodos.values()) + 1
    ancho = BANDA_ALBERCA + BANDA_CARRIL + columnas * COLUMNA
    forma = ET.SubElement(plano, _l("BPMNShape", BPMNDI), {
        "id": f"Participante_{clave}_di", "bpmnElement": f"Participante_{clave}", "isHorizontal": "true"})
    _limites(forma, ORIGEN_X, ORIGEN_Y, ancho, sum(alturas))
    arriba = ORIGEN_Y
    for i, _nombre in enumerate(carriles):
        forma = ET.SubElement(plano, _l("BPMNShape", BPMNDI), {
            "id": f"Carril_{i + 1}_di", "bpmnElement": f"Carril_{i + 1}", "isHorizontal": "true"})
        _limites(forma, ORIGEN_X + BANDA_ALBERCA, arriba, ancho - BANDA_ALBERCA, alturas[i])
        arriba += alturas[i]
    puntos = _trazar(nodos, flujos)
    for nodo in nodos.values():
        atributos = {"id": f"{nodo.id}_di", "bpmnElement": nodo.id}
        if nodo.tipo == "compuerta":
            atributos["isMarkerVisible"] = "true"
        forma = ET.SubElement(plano, _l("BPMNShape", BPMNDI), atributos)
        _limites(forma, nodo.x, nodo.y, nodo.ancho, nodo.alto)
        if nodo.tipo != "tarea":       # nombre de compuertas y eventos, del lado que no usan los flujos
            _etiqueta_de_nodo(forma, nodo, [puntos[f][0] for f in nodo.salientes])
    for flujo in flujos:
        arista = ET.SubElement(plano, _l("BPMNEdge", BPMNDI), {"id": f"{flujo.id}_di", "bpmnElement": flujo.id})
        for x, y in puntos[flujo.id]:
            ET.SubElement(arista, _l("waypoint", DI), {"x": f"{x:g}", "y": f"{y:g}"})
        if flujo.nombre:
            (x0, y0), (x1, y1) = puntos[flujo.id][0], puntos[flujo.id][1]
            etiqueta = ET.SubElement(arista, _l("BPMNLabel", BPMNDI))
            if x0 == x1:        # sale hacia arriba o hacia abajo: junto al tramo vertical
                _limites(etiqueta, x0 + 4, y0 + (4 if y1 > y0 else -18), 40, 14)
            else:
                _limites(etiqueta, x0 + 4, y0 - 18, 40, 14)


def _etiqueta_de_nodo(forma: ET.Element, nodo: _Nodo, salidas: list[tuple[float, float]]) -> None:
    ancho, alto = (110, 40) if nodo.tipo == "compuerta" else (50, 14)
    cx = nodo.centro[0]
    abajo = any(y == nodo.y + nodo.alto for _, y in salidas)
    arriba = any(y == nodo.y for _, y in salidas)
    if not abajo:
        x, y = cx - ancho / 2, nodo.y + nodo.alto + 4
    elif not arriba:
        x, y = cx - ancho / 2, nodo.y - alto - 4
    else:
        x, y = cx + 8, nodo.y - alto - 4
    _limites(ET.SubElement(forma, _l("BPMNLabel", BPMNDI)), x, y, ancho, alto)
