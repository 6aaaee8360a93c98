"""Issue 17, punto 4: dos PC con el mismo oficio abierto; la segunda escritura, con datos viejos, se rechaza.

Cada «sesión» es una lectura propia del registro (como la pantalla de cada PC): la primera
escribe; la segunda, con lo que vio antes, recibe un aviso en español y no escribe nada.
"""
from __future__ import annotations

import pytest

from app.errores import ErrorConflicto
from app.modelos import Bitacora, Oficio
from app.servicios.oficios import oficios
from tests.conftest import hace_dias, usuario


def _ultima_bitacora() -> int:
    return Bitacora.select(Bitacora.id).order_by(Bitacora.id.desc()).scalar() or 0


def _emitido():
    return oficios.emitir_oficio(usuario("director"), destinatario_nombre="Lic. Ana Ruiz", asunto="Prueba",
                                 cuerpo="Texto del oficio.")


@pytest.mark.parametrize("con_version", [False, True], ids=["objeto-viejo", "version-vista"])
def test_cancelar_dos_veces_con_datos_viejos(demo, reloj, con_version):
    emitido = _emitido()
    pc1 = Oficio.get_by_id(emitido.id)          # las dos pantallas muestran el oficio emitido
    pc2 = Oficio.get_by_id(emitido.id)
    director, otro_director = usuario("director"), usuario("director")   # la misma cuenta en dos PC
    oficios.cancelar_oficio(director, pc1, "Se emitió con el destinatario equivocado.",
                            **({"version": pc1.version} if con_version else {}))
    guardado = Oficio.get_by_id(emitido.id)
    antes, bitacora = guardado.instantanea(), _ultima_bitacora()
    reloj.fijar("2026-11-18T12:00:00")
    vista = pc2.version
    if con_version:                              # la vista relee el oficio, pero pasa la versión que mostró
        pc2 = Oficio.get_by_id(emitido.id)
    with pytest.raises(ErrorConflicto) as error:
        oficios.cancelar_oficio(otro_director, pc2, "Otro motivo, escrito con la pantalla vieja.",
                                **({"version": vista} if con_version else {}))
    assert str(error.value).startswith(f"Otro usuario cambió el oficio {emitido.folio} mientras usted lo veía; "
                                       "actualice la pantalla")
    assert "No se guardó nada" in str(error.value)
    ahora = Oficio.get_by_id(emitido.id)
    assert ahora.instantanea() == antes          # el motivo, quién y cuándo de la primera cancelación
    assert ahora.motivo_cancelacion == "Se emitió con el destinatario equivocado."
    assert _ultima_bitacora() == bitacora        # ni una entrada más


def test_completar_recibido_con_captura_vieja(demo):
    asistente = usuario("asistente")
    recibido = oficios.registrar_oficio_entrante(
        asistente, numero_oficio="TM/DE/0500/2026", procedencia_texto="Dirección de Egresos",
        descripcion="Solicita una impresora.", permitir_incompleto=True)
    assert recibido.estado == oficios.INCOMPLETO
    pc1 = Oficio.get_by_id(recibido.id)
    pc2 = Oficio.get_by_id(recibido.id)
    completo = dict(numero_oficio="TM/DE/0500/2026", fecha_documento=hace_dias(3),
                    procedencia_texto="Dirección de Egresos", solicitante_nombre="Ricardo Flores Aguilar",
                    solicitante_cargo="Director de Egresos", firmado=True,
                    descripcion="Solicita una impresora multifuncional para la caja 2.")
    oficios.registrar_oficio_entrante(asistente, oficio=pc1, version=pc1.version, **completo)
    guardado = Oficio.get_by_id(recibido.id)
    assert guardado.estado == oficios.REGISTRADO and guardado.version > recibido.version
    antes, bitacora = guardado.instantanea(), _ultima_bitacora()
    # La otra PC tenía abierta la captura parcial y la guarda (incompleta) encima de la completa.
    with pytest.raises(ErrorConflicto) as error:
        oficios.registrar_oficio_entrante(usuario("soporte"), oficio=pc2, version=pc2.version,
                                          numero_oficio="TM/DE/0500/2026", procedencia_texto="Dirección de Egresos",
                                          descripcion="Solicita una impresora.", permitir_incompleto=True)
    assert "Otro usuario cambió el oficio TM/DE/0500/2026 mientras usted lo veía" in str(error.value)
    assert Oficio.get_by_id(recibido.id).instantanea() == antes
    assert _ultima_bitacora() == bitacora


def test_con_la_version_al_dia_si_se_guarda(demo):
    """La comprobación no estorba: quien relee el oficio y lo ve cancelado recibe el aviso de siempre."""
    emitido = _emitido()
    oficios.cancelar_oficio(usuario("director"), emitido, "Primera")
    assert Oficio.get_by_id(emitido.id).version == emitido.version
    with pytest.raises(Exception) as error:
        oficios.cancelar_oficio(usuario("director"), Oficio.get_by_id(emitido.id), "Segunda")
    assert not isinstance(error.value, ErrorConflicto)
    assert "Solo se cancelan oficios emitidos" in str(error.value)
