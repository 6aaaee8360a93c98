"""Movimientos del procedimiento 21: oficio a Armonización Contable con folio y PDF,
solicitado → enviado → aplicado / rechazado, baja con dictamen, conflictos entre PC."""
from __future__ import annotations

import datetime as dt

import pypdfium2 as pdfium
import pytest

from app.modelos import Bien, ContadorFolio, Movimiento, Oficio, ServidorPublico
from app.modelos.inventario import BAJA_SOLICITADA, DADO_DE_BAJA, EN_REPARACION, EN_USO
from app.modelos.dictamenes import Dictamen
from app.servicios.nucleo import bitacora
from app.servicios.dictamenes import dictamenes
from app.servicios.inventario import inventario, movimientos, tipos_bien
from app.servicios.historial import historial
from app.errores import ErrorConflicto, ErrorTransicion, ErrorValidacion
from app.tiempo import hoy_mexico
from tests.ayudas_dictamenes import dictamen_emitido
from tests.conftest import usuario


def _texto_pdf(contenido: bytes) -> str:
    documento = pdfium.PdfDocument(contenido)
    texto = "\n".join(documento[i].get_textpage().get_text_range() for i in range(len(documento)))
    return " ".join(texto.split())        # los renglones del PDF se parten donde caen


def _servidor(nombre: str) -> ServidorPublico:
    return ServidorPublico.get(ServidorPublico.nombre == nombre)


def _bien(serie: str, resguardante: str = "Sofía Navarro Peña") -> Bien:
    tipos_bien.asegurar_predeterminados()
    return inventario.registrar_bien(
        usuario("redes"), tipo=tipos_bien.por_nombre("Laptop"), descripcion="Laptop Dell Latitude 5420",
        marca="Dell", modelo="Latitude 5420", serie=serie, color="Negro", valor="23500",
        fecha_adquisicion=dt.date(2025, 2, 10), resguardante=_servidor(resguardante))


def _enviar_y_aplicar(movimiento: Movimiento, numero: str = "TM/DAC/0412/2026") -> Movimiento:
    redes = usuario("redes")
    movimiento = movimientos.marcar_enviado(redes, movimiento.id, movimiento.version)
    return movimientos.aplicar(redes, movimiento.id, movimiento.version, numero, hoy_mexico())


def test_alta_emite_oficio_con_los_datos_de_la_politica(demo):
    redes = usuario("redes")
    a, b = _bien("CN0LAT5420A"), _bien("CN0LAT5420B")
    movimiento = movimientos.solicitar_alta(redes, [a.id, b.id])
    assert movimiento.estado == "solicitado" and movimiento.oficio.folio
    texto = _texto_pdf(movimientos.pdf_oficio(movimiento.id))
    assert movimiento.oficio.folio in texto
    assert "Solicitud de alta al inventario de bienes muebles" in texto
    assert "Laura Hernández Sánchez" in texto                      # titular de Armonización Contable
    for bien in (a, b):
        assert bien.numero_inventario in texto
    assert "CN0LAT5420A" in texto and "Negro" in texto and "Latitude 5420" in texto
    assert "Sofía Navarro Peña (Dirección de Catastro)" in texto
    assert "representación impresa del CFDI" in texto
    aplicado = _enviar_y_aplicar(movimiento)
    assert aplicado.estado == "aplicado" and aplicado.respuesta_numero == "TM/DAC/0412/2026"
    assert movimientos.alta_aplicada(a.id)
    with pytest.raises(ErrorValidacion, match="ya fue dado de alta"):
        movimientos.solicitar_alta(redes, [a.id])
    assert not bitacora.verificar()


def test_cambio_de_resguardante_surte_efecto_al_aplicarse(demo):
    redes = usuario("redes")
    bien = _bien("CN0CAMBIO01")
    futuro = _servidor("Ricardo Flores Aguilar")
    movimiento = movimientos.solicitar_cambio(redes, bien.id, futuro.id, motivo="Cambio de adscripción.")
    texto = _texto_pdf(movimientos.pdf_oficio(movimiento.id))
    assert bien.numero_inventario in texto
    assert "Resguardante actual: Sofía Navarro Peña (Dirección de Catastro)" in texto
    assert "Futuro resguardante: Ricardo Flores Aguilar (Dirección de Egresos)" in texto
    # Mientras espera respuesta, el bien no cambia.
    assert Bien.get_by_id(bien.id).resguardante.nombre == "Sofía Navarro Peña"
    _enviar_y_aplicar(movimiento)
    ahora = Bien.get_by_id(bien.id)
    assert ahora.resguardante.nombre == "Ricardo Flores Aguilar"
    assert ahora.dependencia.nombre == "Dirección de Egresos"
    assert ahora.edificio == "Edificio de Tesorería"
    assert "ricardo flores" in ahora.busqueda
    eventos = [e.descripcion for e in historial.historial_bien(bien.id)]
    assert any("Cambio o reasignación de resguardante aplicado" in e for e in eventos)


def test_baja_exige_dictamen_tecnico(demo):
    bien = _bien("CN0BAJA0001")
    bajas_antes = Movimiento.select().where(Movimiento.tipo == "baja").count()
    with pytest.raises(ErrorValidacion) as error:
        movimientos.solicitar_baja(usuario("redes"), bien.id, "Tarjeta madre dañada", None)
    assert "La baja de un bien TIC requiere un dictamen técnico que lo declare no apto para operar" in str(error.value)
    assert error.value.campos() == ["dictamen"]
    assert Movimiento.select().where(Movimiento.tipo == "baja").count() == bajas_antes


def test_dictamen_no_apto_abre_la_baja_que_se_aplica(demo):
    """El dictamen «no apto» (procedimiento 4) abre la baja; al aplicarse, el bien queda dado de baja."""
    uno = _bien("CN0BAJA0002")
    dictamen = dictamen_emitido(uno)
    baja = movimientos.pendiente_de(uno.id)
    assert baja is not None and baja.tipo == "baja" and baja.dictamen_id == dictamen.id
    assert Dictamen.get_by_id(dictamen.id).movimiento_baja_id == baja.id
    assert Bien.get_by_id(uno.id).estado == BAJA_SOLICITADA
    texto = _texto_pdf(movimientos.pdf_oficio(baja.id))
    assert dictamen.folio in texto and "no apto para operar" in texto
    _enviar_y_aplicar(movimientos.obtener(baja.id))
    assert Bien.get_by_id(uno.id).estado == DADO_DE_BAJA
    assert not bitacora.verificar()


def test_baja_rechazada_devuelve_el_bien_y_libera_el_dictamen(demo):
    redes = usuario("redes")
    dos = Bien.get_by_id(_bien("CN0BAJA0003").id)
    dos.estado = EN_REPARACION
    bitacora.guardar_versionado(dos, "en reparación", None, dos.version)
    dictamen = dictamen_emitido(dos)
    rechazo = movimientos.pendiente_de(dos.id)
    assert Bien.get_by_id(dos.id).estado == BAJA_SOLICITADA and dictamenes.para_baja(dos.id) == []
    rechazo = movimientos.marcar_enviado(redes, rechazo.id, rechazo.version)
    with pytest.raises(ErrorValidacion, match="Motivo del rechazo"):
        movimientos.rechazar(redes, rechazo.id, rechazo.version, "DAC/0500/2026", hoy_mexico(), "")
    movimientos.rechazar(redes, rechazo.id, rechazo.version, "DAC/0500/2026", hoy_mexico(),
                         "El dictamen no trae la firma del jefe de soporte.")
    assert Bien.get_by_id(dos.id).estado == EN_REPARACION
    assert movimientos.obtener(rechazo.id).estado == "rechazado"
    # El dictamen vuelve a servir: la baja se pide otra vez desde el inventario.
    assert [d.id for d in dictamenes.para_baja(dos.id)] == [dictamen.id]
    otra = movimientos.solicitar_baja(redes, dos.id, "Se reenvía con la firma.", dictamen.id)
    assert otra.dictamen_id == dictamen.id and Dictamen.get_by_id(dictamen.id).movimiento_baja_id == otra.id
    assert not bitacora.verificar()


def test_baja_con_dictamen_que_no_la_autoriza_se_rechaza_sin_escribir(demo):
    redes = usuario("redes")
    bien, otro = _bien("CN0BAJA0004"), _bien("CN0BAJA0005")
    reparable = dictamen_emitido(bien, "reparable", "DE/0778/2026")
    ajeno = dictamen_emitido(otro, numero_oficio="DE/0779/2026")
    oficios_antes = Oficio.select().count()
    bien = Bien.get_by_id(bien.id)
    with pytest.raises(ErrorValidacion, match="concluyó «Reparable»"):
        movimientos.solicitar_baja(redes, bien.id, "Obsoleto", reparable.id)
    with pytest.raises(ErrorValidacion, match=f"es del bien {otro.numero_inventario}"):
        movimientos.solicitar_baja(redes, bien.id, "Obsoleto", ajeno.id)
    with pytest.raises(ErrorValidacion, match="no existe el dictamen"):
        movimientos.solicitar_baja(redes, bien.id, "Obsoleto", 999_999)
    with pytest.raises(ErrorValidacion, match="ya se usó para la baja"):
        movimientos.solicitar_baja(redes, otro.id, "Obsoleto", ajeno.id)
    assert Oficio.select().count() == oficios_antes
    assert Bien.get_by_id(bien.id).estado == EN_REPARACION


def test_transiciones_invalidas_y_respuesta_incompleta(demo):
    redes = usuario("redes")
    movimiento = movimientos.solicitar_alta(redes, [_bien("CN0TRANS001").id])
    with pytest.raises(ErrorTransicion, match="está «Solicitado»"):
        movimientos.aplicar(redes, movimiento.id, movimiento.version, "DAC/1", hoy_mexico())
    movimiento = movimientos.marcar_enviado(redes, movimiento.id, movimiento.version)
    with pytest.raises(ErrorValidacion, match="Número del oficio de respuesta"):
        movimientos.aplicar(redes, movimiento.id, movimiento.version, "  ", hoy_mexico())
    with pytest.raises(ErrorValidacion, match="posterior a hoy"):
        movimientos.aplicar(redes, movimiento.id, movimiento.version, "DAC/2", hoy_mexico() + dt.timedelta(days=1))
    with pytest.raises(ErrorValidacion, match="anterior al envío"):
        movimientos.aplicar(redes, movimiento.id, movimiento.version, "DAC/2", hoy_mexico() - dt.timedelta(days=9))


def test_dos_pc_mueven_el_mismo_bien(demo):
    """La segunda PC ve el conflicto: ni dos solicitudes en espera ni una versión vieja."""
    redes, director = usuario("redes"), usuario("director")
    bien = _bien("CN0DOSPC001")
    leida = bien.version
    oficios_antes = Oficio.select().count()
    movimientos.solicitar_cambio(redes, bien.id, _servidor("Ricardo Flores Aguilar").id, versiones={bien.id: leida})
    folio = ContadorFolio.get(ContadorFolio.serie == "oficio").ultimo
    with pytest.raises(ErrorConflicto, match="ya tiene una solicitud de cambio o reasignación de resguardante en espera"):
        movimientos.solicitar_cambio(director, bien.id, _servidor("María Fernanda Castillo Ruiz").id,
                                     versiones={bien.id: leida})
    # Nada se escribió por los intentos fallidos: ni oficio ni folio.
    assert Oficio.select().count() == oficios_antes + 1
    assert ContadorFolio.get(ContadorFolio.serie == "oficio").ultimo == folio
    # Un dictamen «no apto» emitido mientras tanto no abre la baja encima del cambio pendiente:
    # se emite, avisa por qué, y la baja tampoco se puede pedir a mano todavía.
    dictamen = dictamen_emitido(bien)
    assert dictamen.folio and "No se abrió la baja del bien" in dictamen.aviso_baja
    folio = ContadorFolio.get(ContadorFolio.serie == "oficio").ultimo
    with pytest.raises(ErrorConflicto, match="ya tiene una solicitud"):
        movimientos.solicitar_baja(director, bien.id, "Obsoleto", dictamen.id)
    assert ContadorFolio.get(ContadorFolio.serie == "oficio").ultimo == folio
    assert [d.id for d in dictamenes.para_baja(bien.id)] == [dictamen.id]
    # Versión vieja del bien (otra PC lo editó).
    otro = _bien("CN0DOSPC002")
    inventario.editar_bien(redes, otro.id, otro.version, color="Gris")
    with pytest.raises(ErrorConflicto, match="Otro usuario modificó el bien"):
        movimientos.solicitar_cambio(director, otro.id, _servidor("Ricardo Flores Aguilar").id,
                                     versiones={otro.id: otro.version})
    # Dos PC responden el mismo movimiento.
    movimiento = movimientos.pendiente_de(bien.id)
    movimientos.marcar_enviado(redes, movimiento.id, movimiento.version)
    with pytest.raises(ErrorConflicto, match="Otro usuario cambió el movimiento #[0-9]+ mientras usted lo veía"):
        movimientos.marcar_enviado(director, movimiento.id, movimiento.version)


def test_validacion_del_cambio(demo):
    redes = usuario("redes")
    bien = _bien("CN0VALID001")
    with pytest.raises(ErrorValidacion, match="ya es el resguardante"):
        movimientos.solicitar_cambio(redes, bien.id, _servidor("Sofía Navarro Peña").id)
    tesoreria = _servidor("José Javier Gregorio Pérez Hernández").dependencia_id
    with pytest.raises(ErrorValidacion, match="pertenece a «Dirección de Egresos»"):
        movimientos.solicitar_cambio(redes, bien.id, _servidor("Ricardo Flores Aguilar").id, tesoreria)
    with pytest.raises(ErrorValidacion, match="Elija al futuro resguardante"):
        movimientos.solicitar_cambio(redes, bien.id, None)
    assert movimientos.pendiente_de(bien.id) is None
    filas = movimientos.consultar(bien_id=bien.id)
    assert filas == []
    assert Bien.get_by_id(bien.id).estado == EN_USO


def test_consulta_de_movimientos(demo):
    filas = movimientos.consultar()
    # La demostración deja un alta aplicada, un alta solicitada, un cambio enviado y la baja
    # que abrió el dictamen «no apto» de la demostración de dictámenes.
    assert {(f["tipo"], f["estado"]) for f in filas} == {("alta", "aplicado"), ("alta", "solicitado"),
                                                         ("cambio", "enviado"), ("baja", "solicitado")}
    aplicada = next(f for f in filas if f["estado"] == "aplicado")
    assert aplicada["bienes"] == 4 and aplicada["folio"].startswith("TM/DTI/")
    assert aplicada["tipo_nombre"] == "Alta al inventario"


def test_dos_pc_a_la_vez_solo_una_solicitud(demo):
    """Dos hilos con su propia conexión piden a la vez el cambio del mismo bien."""
    import threading

    bien = _bien("CN0HILOS001")
    destinos = [_servidor("Ricardo Flores Aguilar").id, _servidor("María Fernanda Castillo Ruiz").id]
    actores = [usuario("redes"), usuario("director")]
    barrera = threading.Barrier(2)
    resultados: list[object] = [None, None]

    def pedir(i: int) -> None:
        try:
            barrera.wait(timeout=30)
            resultados[i] = movimientos.solicitar_cambio(actores[i], bien.id, destinos[i])
        except Exception as exc:  # noqa: BLE001 - se revisa abajo
            resultados[i] = exc
        finally:
            demo.close()          # la conexión de este hilo

    hilos = [threading.Thread(target=pedir, args=(i,)) for i in range(2)]
    for hilo in hilos:
        hilo.start()
    for hilo in hilos:
        hilo.join(timeout=120)
    exitos = [r for r in resultados if isinstance(r, Movimiento)]
    errores = [r for r in resultados if isinstance(r, Exception)]
    assert len(exitos) == 1 and len(errores) == 1, resultados
    assert isinstance(errores[0], ErrorConflicto)
    assert Movimiento.select().join(movimientos.DetalleMovimiento).where(
        movimientos.DetalleMovimiento.bien == bien.id).count() == 1
    assert not bitacora.verificar()
