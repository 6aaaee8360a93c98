"""La llave de secretos entre PC (issue 17, punto 7): una PC con otra llave no escribe nada."""
from __future__ import annotations

import pytest

from app.modelos import Bitacora, Dependencia, HuellaLlave, Licencia
from app.servicios.catalogos import catalogos
from app.servicios.licencias import licencias
from app.servicios.nucleo import secretos
from app.servicios.nucleo.secretos import ErrorLlaveDistinta

CLAVE = "VK7JG-NPHTM-C97JM-9MPGT-3V66T"


@pytest.fixture
def primera_pc(sistema):
    """La PC donde se instaló: su llave es la de la base (la anotó al escribir la primera entrada)."""
    software = licencias.guardar_software(sistema, nombre="Suite de oficina")
    licencias.registrar_licencia(sistema, software=software, tipo=licencias.PERPETUA, clave=CLAVE)
    return software


@pytest.fixture
def segunda_pc(monkeypatch):
    """Otra PC conectada a la misma base, que creó su propia llave en vez de copiar la de la primera."""
    def cambiar():
        monkeypatch.setenv(secretos.VARIABLE_LLAVE, secretos.generar_llave())
        secretos.olvidar_llave()
    yield cambiar
    monkeypatch.undo()
    secretos.olvidar_llave()


def test_la_base_anota_la_huella_y_no_la_llave(primera_pc):
    fila = HuellaLlave.get(HuellaLlave.clave == secretos.CLAVE_HUELLA)
    assert fila.huella == secretos.huella_llave()
    assert HuellaLlave.select().count() == 1


def test_otra_llave_no_guarda_secretos_ni_bitacora(sistema, primera_pc, segunda_pc):
    huella_buena = secretos.huella_llave()
    licencias_antes, entradas_antes = Licencia.select().count(), Bitacora.select().count()
    segunda_pc()
    with pytest.raises(ErrorLlaveDistinta) as error:
        licencias.registrar_licencia(sistema, software=primera_pc, tipo=licencias.PERPETUA, clave="OTRA-CLAVE-1234")
    mensaje = str(error.value)
    assert f"no es la de la instalación (huella {huella_buena})" in mensaje
    assert "no se guardó nada" in mensaje
    for como_copiarla in ("llave-secretos.key", "DTI_LLAVE", "dti secretos huella"):
        assert como_copiarla in mensaje
    with pytest.raises(ErrorLlaveDistinta):
        catalogos.guardar_dependencia(sistema, "Dirección de Catastro")
    assert (Licencia.select().count(), Bitacora.select().count()) == (licencias_antes, entradas_antes)
    assert Dependencia.select().where(Dependencia.nombre == "Dirección de Catastro").count() == 0
    # La huella guardada sigue siendo la de la primera PC: la segunda no la reemplazó.
    assert HuellaLlave.get(HuellaLlave.clave == secretos.CLAVE_HUELLA).huella == huella_buena


def test_con_la_llave_copiada_se_escribe_y_se_lee(sistema, primera_pc, monkeypatch):
    from app.servicios.nucleo import bitacora

    copiada, _origen = secretos._fuente(crear=False)
    monkeypatch.setenv(secretos.VARIABLE_LLAVE, copiada)       # «otra PC» con DTI_LLAVE = la misma llave
    secretos.olvidar_llave()
    licencia = licencias.registrar_licencia(sistema, software=primera_pc, tipo=licencias.PERPETUA,
                                            clave="ABCDE-FGHIJ-KLMNO")
    assert licencias.ver_clave(sistema, licencia) == "ABCDE-FGHIJ-KLMNO"
    assert bitacora.verificar() == []
    secretos.olvidar_llave()

