"""Cuentas que se parecen (issue 17, punto 9): espacio de ancho cero, guion suave y «о» cirílica."""
from __future__ import annotations

import pytest

from app.errores import ErrorValidacion
from app.modelos import Dependencia, ServidorPublico, Usuario
from app.servicios.catalogos import catalogos, usuarios
from app.servicios.nucleo import permisos

CONTRASENA = "Segura2026x"


@pytest.fixture
def con_ana(sistema):
    return usuarios.crear_usuario(sistema, "ana.lopez", "Ana López", permisos.ASISTENTE, CONTRASENA)


@pytest.mark.parametrize("parecido", ["ana.lo\u200bpez", "ana.lo\u00adpez", "\u200bana.lopez\u2060"],
                         ids=["espacio-de-ancho-cero", "guion-suave", "marcas-invisibles"])
def test_caracteres_invisibles_no_crean_otra_cuenta(sistema, con_ana, parecido):
    antes = Usuario.select().count()
    with pytest.raises(ErrorValidacion, match="Ya existe el usuario «ana.lopez»"):
        usuarios.crear_usuario(sistema, parecido, "Impostora", permisos.DIRECTOR, CONTRASENA)
    assert Usuario.select().count() == antes
    # Con el carácter invisible se entra a la misma cuenta, no a otra.
    assert usuarios.iniciar_sesion(parecido, CONTRASENA).id == con_ana.id


def test_o_cirilica_entre_latinas_se_rechaza(sistema, con_ana):
    antes = Usuario.select().count()
    with pytest.raises(ErrorValidacion) as error:
        usuarios.crear_usuario(sistema, "ana.l\u043epez", "Impostora", permisos.DIRECTOR, CONTRASENA)
    mensaje = str(error.value)
    assert "«Usuario» mezcla letras de alfabetos distintos" in mensaje
    assert "«\u043e» (cirílico) no es del alfabeto latino" in mensaje
    assert Usuario.select().count() == antes


def test_forma_de_compatibilidad_queda_en_nfkc(sistema):
    # «ﬁ» (ligadura) y la «Ａ» de ancho completo son «fi» y «A»: la misma cuenta que se teclea.
    cuenta = usuarios.crear_usuario(sistema, "\ufb01lemon.\uff21", "Filemón Ávila", permisos.ASISTENTE, CONTRASENA)
    assert cuenta.nombre_usuario == "filemon.a"
    with pytest.raises(ErrorValidacion, match="Ya existe el usuario"):
        usuarios.crear_usuario(sistema, "filemon.a", "Otro", permisos.ASISTENTE, CONTRASENA)


def test_nombres_legitimos_con_acentos_y_enie(sistema):
    cuenta = usuarios.crear_usuario(sistema, "María.Núñez", "María José Núñez Peña", permisos.ASISTENTE, None)
    assert (cuenta.nombre_usuario, cuenta.nombre) == ("maria.nunez", "María José Núñez Peña")
    dep = catalogos.guardar_dependencia(sistema, "Dirección de Obras Públicas y Señalización", "DOPS")
    servidor = catalogos.guardar_servidor(sistema, "José Ángel O'Higgins-Muñoz", "Jefe de Área", dep)
    assert dep.nombre == "Dirección de Obras Públicas y Señalización"
    assert servidor.nombre == "José Ángel O'Higgins-Muñoz"


def test_dependencia_y_servidor_sin_invisibles_ni_mezclas(sistema):
    dep = catalogos.guardar_dependencia(sistema, "Tesore\u00adría Municipal\u200b")
    assert dep.nombre == "Tesorería Municipal"
    with pytest.raises(ErrorValidacion, match="Ya existe la dependencia «Tesorería Municipal»"):
        catalogos.guardar_dependencia(sistema, "Teso\u200brería Municipal")
    with pytest.raises(ErrorValidacion, match="«Nombre de la dependencia» mezcla letras de alfabetos"):
        catalogos.guardar_dependencia(sistema, "Tes\u043erería Municipal")
    with pytest.raises(ErrorValidacion, match="«Nombre» mezcla letras de alfabetos distintos: «\u03bf» \\(griego\\)"):
        catalogos.guardar_servidor(sistema, "Rod\u03bflfo Pérez", "Tesorero", dep)
    assert Dependencia.select().count() == 1 and ServidorPublico.select().count() == 0
