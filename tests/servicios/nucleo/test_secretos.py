"""Secretos cifrados: llave fuera de la base, errores claros, máscara."""
from __future__ import annotations

import os
import stat
import sys

import pytest

from app.servicios.nucleo import secretos
from app.servicios.nucleo.secretos import ErrorSecreto

CLAVE = "VK7JG-NPHTM-C97JM-9MPGT-3V66T"


@pytest.fixture
def carpeta(tmp_path, monkeypatch):
    """Carpeta de datos propia y sin ``DTI_LLAVE``: cada prueba empieza sin llave."""
    monkeypatch.setenv("DTI_DATOS", str(tmp_path))
    monkeypatch.delenv("DTI_LLAVE", raising=False)
    secretos.olvidar_llave()
    yield tmp_path
    secretos.olvidar_llave()


def test_cifrar_y_descifrar_ida_y_vuelta(carpeta):
    token = secretos.cifrar(CLAVE)
    assert CLAVE not in token
    assert token.startswith("v1:")
    assert secretos.descifrar(token) == CLAVE
    assert secretos.descifrar(secretos.cifrar("ñandú – clave con acentos")) == \
        "ñandú – clave con acentos"


def test_dos_cifrados_de_lo_mismo_no_se_delatan(carpeta):
    assert secretos.cifrar(CLAVE) != secretos.cifrar(CLAVE)


def test_la_llave_se_crea_al_primer_uso_con_permisos_restringidos(carpeta):
    ruta = carpeta / secretos.ARCHIVO_LLAVE
    assert not ruta.exists()
    secretos.cifrar("x")
    assert ruta.exists()
    if sys.platform != "win32":
        assert stat.S_IMODE(os.stat(ruta).st_mode) == 0o600


def test_sin_llave_no_se_descifra_y_el_error_lo_explica(carpeta):
    token = secretos.cifrar(CLAVE)
    (carpeta / secretos.ARCHIVO_LLAVE).unlink()
    secretos.olvidar_llave()
    with pytest.raises(ErrorSecreto, match="No se encontró la llave"):
        secretos.descifrar(token)
    # Descifrar no inventa una llave nueva que luego haría ilegible todo lo anterior.
    assert not (carpeta / secretos.ARCHIVO_LLAVE).exists()


def test_otra_llave_no_corresponde(carpeta, monkeypatch):
    token = secretos.cifrar(CLAVE)
    monkeypatch.setenv("DTI_LLAVE", secretos.generar_llave())
    with pytest.raises(ErrorSecreto, match="no corresponde"):
        secretos.descifrar(token)


def test_token_alterado_se_rechaza(carpeta):
    token = secretos.cifrar(CLAVE)
    alterado = token[:-6] + ("A" if token[-6] != "A" else "B") + token[-5:]
    with pytest.raises(ErrorSecreto):
        secretos.descifrar(alterado)
    with pytest.raises(ErrorSecreto, match="no es un secreto"):
        secretos.descifrar(CLAVE)


def test_llave_del_entorno_compartida_entre_pc(carpeta, tmp_path_factory, monkeypatch):
    llave = secretos.generar_llave()
    monkeypatch.setenv("DTI_LLAVE", llave)
    token = secretos.cifrar(CLAVE)
    assert not (carpeta / secretos.ARCHIVO_LLAVE).exists()
    # «Otra PC»: otra carpeta de datos, misma DTI_LLAVE.
    monkeypatch.setenv("DTI_DATOS", str(tmp_path_factory.mktemp("otra_pc")))
    secretos.olvidar_llave()
    assert secretos.descifrar(token) == CLAVE
    huella = secretos.huella_llave()
    assert len(huella) == 16 and llave not in huella


def test_archivo_copiado_a_otra_pc_sirve(carpeta, tmp_path_factory, monkeypatch):
    token = secretos.cifrar(CLAVE)
    huella = secretos.huella_llave()
    otra = tmp_path_factory.mktemp("otra_pc")
    (otra / secretos.ARCHIVO_LLAVE).write_bytes((carpeta / secretos.ARCHIVO_LLAVE).read_bytes())
    monkeypatch.setenv("DTI_DATOS", str(otra))
    secretos.olvidar_llave()
    assert secretos.descifrar(token) == CLAVE
    assert secretos.huella_llave() == huella


def test_llave_danada_da_error_claro(carpeta, monkeypatch):
    monkeypatch.setenv("DTI_LLAVE", "esto-no-es-una-llave")
    with pytest.raises(ErrorSecreto, match="dañada"):
        secretos.cifrar(CLAVE)


@pytest.mark.parametrize("texto, esperado", [
    ("XXXXX-XXXXX-XXXXX-XXXXX-7K3QF", "•••••-•••••-•••••-•••••-7K3QF"),
    ("ABCD1234EFGH5678", "•••••••••••H5678"),
    ("", ""),
])
def test_enmascarar(texto, esperado):
    assert secretos.enmascarar(texto) == esperado


def test_enmascarar_clave_corta_no_la_revela():
    assert secretos.enmascarar("1234") in ("••••", "•••4")
    assert "123" not in secretos.enmascarar("12345678")
