"""Sesiones vigentes (issue 17, punto 3): una ventana abierta no conserva poderes que ya le quitaron."""
from __future__ import annotations

import pytest

from app.errores import ErrorPermiso, ErrorSesion
from app.modelos import Licencia, Oficio
from app.servicios.catalogos import usuarios
from app.servicios.nucleo import permisos
from app.servicios.oficios import oficios
from tests.conftest import usuario


def _emitir(actor):
    return oficios.emitir_oficio(actor, destinatario_nombre="Ricardo Flores Aguilar", asunto="Prueba de sesión",
                                 cuerpo="Texto del oficio.")


def test_usuario_desactivado_ya_no_emite(demo):
    sesion_abierta = usuario("soporte")          # la ventana de soporte sigue abierta
    usuarios.desactivar(usuario("director"), usuario("soporte"))
    antes = Oficio.select().count()
    with pytest.raises(ErrorSesion, match="fue desactivada"):
        _emitir(sesion_abierta)
    assert Oficio.select().count() == antes
    assert sesion_abierta.activo is False


def test_jefe_degradado_a_consulta_ya_no_emite(demo):
    sesion_abierta = usuario("sistemas")
    _emitir(sesion_abierta)                      # todavía es jefe: emite
    cuenta = usuario("sistemas")
    usuarios.guardar_usuario(usuario("director"), cuenta, cuenta.nombre, permisos.CONSULTA)
    antes = Oficio.select().count()
    with pytest.raises(ErrorPermiso, match="Consulta"):
        _emitir(sesion_abierta)
    assert Oficio.select().count() == antes and sesion_abierta.rol == permisos.CONSULTA


def test_jefe_degradado_ya_no_lee_la_clave_completa(demo):
    from app.servicios.licencias import licencias

    licencia = Licencia.select().where(Licencia.clave_cifrada != "").first()
    sesion_abierta = usuario("soporte")
    assert licencias.ver_clave(sesion_abierta, licencia)
    cuenta = usuario("soporte")
    usuarios.guardar_usuario(usuario("director"), cuenta, cuenta.nombre, permisos.CONSULTA)
    with pytest.raises(ErrorPermiso):
        licencias.ver_clave(sesion_abierta, licencia)


def test_la_ventana_cierra_la_sesion_de_una_cuenta_desactivada(demo_sqlite, qtbot, monkeypatch):
    from app.vistas.comun import comunes
    from app.vistas.ventana_principal import VentanaPrincipal

    avisos: list[str] = []
    monkeypatch.setattr(comunes, "avisar", lambda padre, titulo, mensaje, *a, **k: avisos.append(mensaje))
    sesion = usuario("soporte")
    ventana = VentanaPrincipal(sesion)
    qtbot.addWidget(ventana)
    ventana.show()
    usuarios.desactivar(usuario("director"), usuario("soporte"))
    vista = ventana.modulo_actual()
    with qtbot.waitSignal(ventana.sesion_cerrada, timeout=3000):
        assert comunes.ejecutar(vista, _emitir, sesion) is None
    assert avisos and "fue desactivada" in avisos[0]
