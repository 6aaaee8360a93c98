"""Solicitud, evaluación de viabilidad y compra (actividades 1, 2, 2.1 y 3 del procedimiento 1).

Políticas que se hacen cumplir aquí:

* la solicitud llega por un oficio recibido de la dependencia (o desde una solicitud de software
  del procedimiento 10, que ya trae el suyo);
* una adquisición que no es viable no se cierra sin la solución alternativa que se ofrece a la
  dependencia, y esa respuesta sale por oficio;
* la compra o contratación es con un proveedor del catálogo (por su RFC), con partidas y montos
  exactos en ``Decimal``; el importe es la suma de las partidas.
"""
from __future__ import annotations

from typing import Any

from app.base_datos import transaccion
from app.errores import ErrorTransicion
from app.modelos import Dependencia, Oficio, Proveedor, TipoBien, Usuario, ahora
from app.modelos.adquisiciones import (CANCELADA, CONTRATADA, EN_COMPRA, EN_CORRECCION, NO_VIABLE, ORIGEN_OFICIO,
                                       ORIGEN_SOFTWARE, PAGADA, PAGO_EN_TRAMITE, PAGO_SOLICITADO, RECIBIDA,
                                       SOLICITADA, Adquisicion, PartidaAdquisicion)
from app.modelos.licencias import SolicitudSoftware
from app.servicios.adquisiciones import expedientes, oficios_adquisicion
from app.servicios.adquisiciones.comun import actualizar_busqueda, exigir, exigir_estado, fecha, guardar, importe, nombre, obtener
from app.servicios.nucleo import bitacora, permisos
from app.servicios.nucleo.validacion import Validador, limpiar_texto
from app.tiempo import hoy_mexico
from app.servicios.nucleo.concurrencia import cambia, crea

__all__ = ["registrar", "desde_solicitud_software", "evaluar", "contratar", "cancelar", "obtener",
           "MAXIMO_PARTIDAS"]

MAXIMO_PARTIDAS = 200
MAXIMO_PIEZAS = 10_000
_ESTADOS_VIVOS = (SOLICITADA, EN_COMPRA, CONTRATADA, EN_CORRECCION, RECIBIDA)


@crea
def registrar(actor: Usuario | None, *, descripcion: str, oficio: Oficio | None = None,
              dependencia: Dependencia | None = None,
              solicitud_software: SolicitudSoftware | None = None) -> Adquisicion:
    """Registra la solicitud (actividad 1) y abre su trámite en la misma transacción; queda en evaluación.

    Sin solicitud de software de origen, la petición llega por un oficio recibido (políticas 1 y 2
    del procedimiento: dirigido al titular, con procedencia, descripción, firma, número y fecha).
    """
    exigir(actor, permisos.ABRIR_TRAMITE)
    v = Validador()
    descripcion = v.texto("descripcion", "Bien o servicio que se necesita", descripcion, 5000,
                          requerido=True, multilinea=True)
    if solicitud_software is None and oficio is None:
        v.error("oficio", "La solicitud de adquisición llega por el oficio de la dependencia (política 1 del "
                          "procedimiento 1): registre el oficio recibido y elíjalo.")
    if oficio is not None:
        if oficio.tipo != "entrante":
            v.error("oficio", "La solicitud llega por un oficio recibido, no por uno emitido.")
        elif oficio.estado in ("archivado", "descartado", "cancelado"):
            v.error("oficio", f"El oficio {oficio.numero_oficio or oficio.id} está {oficio.estado}: no abre casos.")
    v.validar()
    if dependencia is None and oficio is not None and oficio.procedencia_id:
        dependencia = oficio.procedencia
    with transaccion():
        momento = ahora()
        adquisicion = Adquisicion(origen=ORIGEN_SOFTWARE if solicitud_software is not None else ORIGEN_OFICIO,
                                  oficio=oficio, dependencia=dependencia, solicitud_software=solicitud_software,
                                  descripcion=descripcion, estado=SOLICITADA, creado_por=actor,
                                  creado_en=momento, modificado_en=momento)
        expedientes.abrir(actor, adquisicion)
        actualizar_busqueda(adquisicion)
        bitacora.guardar(adquisicion, "solicitud de adquisición", actor)
    return adquisicion


@crea
def desde_solicitud_software(actor: Usuario | None, solicitud: SolicitudSoftware, nombre_software: str,
                             justificacion: str = "") -> Adquisicion:
    """La adquisición que pide el procedimiento 10 (actividad 5) cuando no hay licencia del software.

    Se llama dentro de la transacción de la solicitud de software; la solicitud ya debe estar guardada.
    """
    descripcion = f"Licencia de {nombre_software}"
    if justificacion:
        descripcion += f". {justificacion}"
    oficio = solicitud.oficio if solicitud.oficio_id else None
    return registrar(actor, descripcion=descripcion[:5000], oficio=oficio, dependencia=solicitud.dependencia,
                     solicitud_software=solicitud)


def _version(adquisicion: Adquisicion, version: int | None) -> int:
    return adquisicion.version if version is None else version


@cambia("adquisicion")
def evaluar(actor: Usuario | None, adquisicion: Adquisicion, *, viable: bool, justificacion: str,
            costo_estimado: Any = None, motivo_no_viable: str = "", solucion_alternativa: str = "",
            version: int | None = None) -> Adquisicion:
    """Actividad 2: ¿es viable la adquisición? Sí → compra (3); No → solución alternativa por oficio (2.1).

    Una adquisición no viable sin solución alternativa se rehúsa: la dependencia siempre recibe una
    propuesta, por oficio, y el trámite concluye.
    """
    exigir(actor)
    exigir_estado(adquisicion, (SOLICITADA,), "evaluar la adquisición")
    v = Validador()
    justificacion = v.texto("justificacion", "Evaluación de la adquisición", justificacion, 5000,
                            requerido=True, multilinea=True)
    costo = importe(v, "costo_estimado", "Costo estimado", costo_estimado, requerido=False)
    motivo = v.texto("motivo_no_viable", "Motivo por el que no es viable", motivo_no_viable, 5000, multilinea=True)
    alternativa = v.texto("solucion_alternativa", "Solución alternativa", solucion_alternativa, 5000,
                          multilinea=True)
    if not viable:
        if not motivo:
            v.error("motivo_no_viable", "Diga por qué no es viable la adquisición.")
        if not alternativa:
            v.error("solucion_alternativa", "Una adquisición no viable requiere la solución alternativa que se "
                                            "ofrece a la dependencia (actividad 2.1 del procedimiento 1).")
        permisos.exigir(actor, permisos.EMITIR_OFICIO)
    v.validar()
    leida = _version(adquisicion, version)
    datos_2 = {"justificacion": justificacion, **({"costo_estimado": costo} if costo is not None else {})}
    with transaccion():
        adquisicion.viable, adquisicion.justificacion, adquisicion.costo_estimado = bool(viable), justificacion, costo
        if viable:
            adquisicion.estado = EN_COMPRA
            expedientes.llevar(actor, adquisicion, "3", respuestas={"2": "Sí"}, datos={"2": datos_2})
            return guardar(actor, adquisicion, "adquisición viable", leida)
        adquisicion.motivo_no_viable, adquisicion.solucion_alternativa = motivo, alternativa
        adquisicion.estado = NO_VIABLE
        expedientes.llevar(actor, adquisicion, "2.1", respuestas={"2": "No"}, datos={"2": datos_2})
        adquisicion.oficio_alternativa = oficios_adquisicion.alternativa(actor, adquisicion)
        expedientes.llevar(actor, adquisicion, None, datos={"2.1": {"motivo_no_viable": motivo,
                                                                     "solucion_alternativa": alternativa}},
                           nota=f"Oficio de solución alternativa {adquisicion.oficio_alternativa.folio}.")
        return guardar(actor, adquisicion, "adquisición no viable con solución alternativa", leida)


def proveedor_del_catalogo(v: Validador, proveedor: Proveedor | str | int | None) -> Proveedor | None:
    """El proveedor por su registro, id o RFC; debe estar en el catálogo y activo."""
    if proveedor is None or (isinstance(proveedor, str) and not proveedor.strip()):
        v.error("proveedor", "Elija el proveedor del catálogo (por su RFC).")
        return None
    if isinstance(proveedor, Proveedor):
        registro = Proveedor.get_or_none(Proveedor.id == proveedor.id)
    elif isinstance(proveedor, int) and not isinstance(proveedor, bool):
        registro = Proveedor.get_or_none(Proveedor.id == proveedor)
    else:
        rfc = limpiar_texto(proveedor).upper().replace(" ", "").replace("-", "")
        registro = Proveedor.get_or_none(Proveedor.rfc == rfc)
        if registro is None:
            v.error("proveedor", f"El RFC «{rfc[:20]}» no está en el catálogo de proveedores: dé de alta al "
                                 "proveedor en Catálogos › Proveedores.")
            return None
    if registro is None:
        v.error("proveedor", "El proveedor elegido no está en el catálogo.")
    elif not registro.activo:
        v.error("proveedor", f"El proveedor {registro.razon_social} está dado de baja en el catálogo.")
    return registro


def _partidas(v: Validador, partidas: list[dict[str, Any]]) -> list[PartidaAdquisicion]:
    if not partidas:
        v.error("partidas", "Capture al menos una partida de lo que se compra o contrata.")
        return []
    if len(partidas) > MAXIMO_PARTIDAS:
        v.error("partidas", f"Una adquisición admite como máximo {MAXIMO_PARTIDAS} partidas.")
        return []
    preparadas = []
    for numero, crudo in enumerate(partidas, start=1):
        if not isinstance(crudo, dict):
            v.error("partidas", f"La partida {numero} no tiene el formato esperado.")
            continue
        desconocidos = set(crudo) - {"descripcion", "cantidad", "precio_unitario", "marca", "modelo", "es_bien",
                                     "tipo_bien"}
        if desconocidos:
            v.error("partidas", f"Partida {numero}: campos desconocidos ({', '.join(sorted(desconocidos))}).")
            continue
        prefijo = f"Partida {numero}: "
        descripcion = v.texto(f"partida_{numero}", prefijo + "descripción", crudo.get("descripcion"), 500,
                              requerido=True)
        cantidad = crudo.get("cantidad", 1)
        if isinstance(cantidad, bool) or not isinstance(cantidad, (int, str)):
            v.error(f"partida_{numero}", prefijo + "la cantidad debe ser un número entero de piezas.")
            cantidad = 1
        cantidad = v.entero(f"partida_{numero}", prefijo + "cantidad", cantidad, 1, MAXIMO_PIEZAS)
        precio = importe(v, f"partida_{numero}", prefijo + "precio unitario", crudo.get("precio_unitario"))
        marca = v.texto(f"partida_{numero}", prefijo + "marca", crudo.get("marca", ""), 100)
        modelo = v.texto(f"partida_{numero}", prefijo + "modelo", crudo.get("modelo", ""), 100)
        tipo = crudo.get("tipo_bien")
        if tipo is not None and not isinstance(tipo, TipoBien):
            tipo = TipoBien.get_or_none(TipoBien.id == tipo) if isinstance(tipo, int) else None
            if tipo is None:
                v.error(f"partida_{numero}", prefijo + "el tipo de bien no está en el catálogo.")
        preparadas.append(PartidaAdquisicion(numero=numero, descripcion=descripcion, cantidad=cantidad,
                                             precio_unitario=precio or 0, marca=marca, modelo=modelo,
                                             es_bien=bool(crudo.get("es_bien", True)), tipo_bien=tipo))
    return preparadas


@cambia("adquisicion")
def contratar(actor: Usuario | None, adquisicion: Adquisicion, *, proveedor: Proveedor | str | int | None,
              partidas: list[dict[str, Any]], fecha_entrega_pactada: Any, numero_contrato: str = "",
              fecha_contrato: Any = None, version: int | None = None) -> Adquisicion:
    """Actividad 3: la compra del bien o contratación del servicio con un proveedor del catálogo.

    ``partidas``: [{descripcion, cantidad, precio_unitario (con impuestos), marca, modelo, es_bien,
    tipo_bien}]. El importe del contrato es la suma exacta de cantidad × precio de cada partida.
    """
    exigir(actor)
    exigir_estado(adquisicion, (EN_COMPRA,), "registrar la compra o contratación")
    v = Validador()
    registro = proveedor_del_catalogo(v, proveedor)
    preparadas = _partidas(v, list(partidas or []))
    numero_contrato = v.texto("numero_contrato", "Número de contrato u orden de compra", numero_contrato, 100)
    hoy = hoy_mexico()
    inicio = fecha(v, "fecha_contrato", "Fecha del contrato", fecha_contrato, requerido=False) or hoy
    v.fecha_no_futura("fecha_contrato", "Fecha del contrato", inicio, hoy)
    entrega = fecha(v, "fecha_entrega_pactada", "Fecha de entrega pactada", fecha_entrega_pactada)
    if entrega is not None and entrega < inicio:
        v.error("fecha_entrega_pactada", "La fecha de entrega pactada es anterior a la del contrato.")
    v.validar()
    total = sum((p.precio_unitario * p.cantidad for p in preparadas), start=0)
    leida = _version(adquisicion, version)
    with transaccion():
        for partida in preparadas:
            partida.adquisicion = adquisicion
            bitacora.guardar(partida, "partida de adquisición", actor)
        adquisicion.proveedor, adquisicion.numero_contrato = registro, numero_contrato
        adquisicion.fecha_contrato, adquisicion.fecha_entrega_pactada = inicio, entrega
        adquisicion.importe, adquisicion.estado = total, CONTRATADA
        expedientes.llevar(actor, adquisicion, "4", datos={"3": {
            "proveedor": registro, "descripcion_compra": oficios_adquisicion.descripcion_compra(adquisicion),
            "importe": total, **({"numero_contrato": numero_contrato} if numero_contrato else {})}})
        return guardar(actor, adquisicion, "compra o contratación registrada", leida)


@cambia("adquisicion")
def cancelar(actor: Usuario | None, adquisicion: Adquisicion, motivo: str, version: int | None = None) -> Adquisicion:
    """Cancela (baja lógica) una adquisición cuyo pago aún no se solicita; su trámite queda cancelado."""
    exigir(actor, permisos.CANCELAR_TRAMITE)
    if adquisicion.estado in (PAGO_SOLICITADO, PAGO_EN_TRAMITE, PAGADA):
        raise ErrorTransicion(f"La {nombre(adquisicion).lower()} ya tiene el pago solicitado a Egresos: "
                              "no se cancela aquí (cancele primero el oficio de pago con la Dirección de Egresos).")
    exigir_estado(adquisicion, _ESTADOS_VIVOS, "cancelar la adquisición")
    v = Validador()
    motivo = v.texto("motivo", "Motivo de la cancelación", motivo, 1000, requerido=True, multilinea=True)
    v.validar()
    leida = _version(adquisicion, version)
    with transaccion():
        adquisicion.estado, adquisicion.motivo_cancelacion = CANCELADA, motivo
        expedientes.cancelar(actor, adquisicion, motivo)
        return guardar(actor, adquisicion, "cancelación de adquisición", leida)

