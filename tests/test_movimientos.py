"""Movimientos del procedimiento 21: oficio a Armonización Contable con folio y PDF,
solicitado → enviado → aplicado / rechazado, baja con dictamen, conflictos entre PC."""
from __future__ import annotations

import datetime as dt

import pypdfium2 as pdfium
import pytest

from app.modelos import Bien, ContadorFolio, Movimiento, Oficio, ServidorPublico
from app.modelos.inventario import BAJA_SOLICITADA, DADO_DE_BAJA, EN_REPARACION, EN_USO
from app.servicios import bitacora, inventario, movimientos, tipos_bien
from app.servicios.errores import ErrorConflicto, ErrorTransicion, ErrorValidacion
from app.tiempo import hoy_mexico
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
    eventos = [e.descripcion for e in inventario.historial_bien(bien.id)]
    assert any("Cambio o reasignación de resguardante aplicado" in e for e in eventos)


def test_baja_exige_dictamen_tecnico(demo):
    bien = _bien("CN0BAJA0001")
    with pytest.raises(ErrorValidacion) as error:
        movimientos.solicitar_baja(usuario("redes"), bien.id, "Tarjeta madre dañada", None)
    assert "La baja de un bien TIC requiere un dictamen técnico que lo declare no apto para operar" in str(error.value)
    assert error.value.campos() == ["dictamen"]
    assert not Movimiento.select().where(Movimiento.tipo == "baja").exists()


def test_baja_aplicada_y_baja_rechazada(demo, monkeypatch):
    redes = usuario("redes")
    uno, dos = _bien("CN0BAJA0002"), _bien("CN0BAJA0003")
    # El módulo de dictámenes conectará su validación aquí.
    vistos = []
    monkeypatch.setattr(movimientos, "VALIDAR_DICTAMEN", lambda dictamen, bien: vistos.append((dictamen, bien)))
    baja = movimientos.solicitar_baja(redes, uno.id, "Tarjeta madre dañada; no costeable.", 17)
    assert vistos == [(17, uno.id)] and baja.dictamen_id == 17
    assert Bien.get_by_id(uno.id).estado == BAJA_SOLICITADA
    assert "dictamen técnico número 17" in _texto_pdf(movimientos.pdf_oficio(baja.id))
    _enviar_y_aplicar(baja)
    assert Bien.get_by_id(uno.id).estado == DADO_DE_BAJA
    # Rechazada: el bien vuelve al estado que tenía (en reparación).
    dos = Bien.get_by_id(dos.id)
    dos.estado = EN_REPARACION
    bitacora.guardar_versionado(dos, "en reparación", None, dos.version)
    rechazo = movimientos.solicitar_baja(redes, dos.id, "Pantalla rota.", 18)
    assert Bien.get_by_id(dos.id).estado == BAJA_SOLICITADA
    rechazo = movimientos.marcar_enviado(redes, rechazo.id, rechazo.version)
    with pytest.raises(ErrorValidacion, match="Motivo del rechazo"):
        movimientos.rechazar(redes, rechazo.id, rechazo.version, "DAC/0500/2026", hoy_mexico(), "")
    movimientos.rechazar(redes, rechazo.id, rechazo.version, "DAC/0500/2026", hoy_mexico(),
                         "El dictamen no trae la firma del jefe de soporte.")
    assert Bien.get_by_id(dos.id).estado == EN_REPARACION
    assert movimientos.obtener(rechazo.id).estado == "rechazado"
    assert not bitacora.verificar()


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
    with pytest.raises(ErrorConflicto, match="ya tiene una solicitud"):
        movimientos.solicitar_baja(director, bien.id, "Obsoleto", 3)
    # Nada se escribió por los intentos fallidos: ni oficio ni folio.
    assert Oficio.select().count() == oficios_antes + 1
    assert ContadorFolio.get(ContadorFolio.serie == "oficio").ultimo == folio
    # Versión vieja del bien (otra PC lo editó).
    otro = _bien("CN0DOSPC002")
    inventario.editar_bien(redes, otro.id, otro.version, color="Gris")
    with pytest.raises(ErrorConflicto, match="Otro usuario modificó el bien"):
        movimientos.solicitar_cambio(director, otro.id, _servidor("Ricardo Flores Aguilar").id,
                                     versiones={otro.id: otro.version})
    # Dos PC responden el mismo movimiento.
    movimiento = movimientos.pendiente_de(bien.id)
    movimientos.marcar_enviado(redes, movimiento.id, movimiento.version)
    with pytest.raises(ErrorConflicto, match="Otro usuario actualizó este movimiento"):
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
    # La demostración deja un alta aplicada, un alta solicitada y un cambio enviado.
    assert {(f["tipo"], f["estado"]) for f in filas} == {("alta", "aplicado"), ("alta", "solicitado"),
                                                         ("cambio", "enviado")}
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
