"""Primer uso: en una base sin cuentas se crea la del Director(a) de TI, y solo entonces."""
from __future__ import annotations

import pytest

from app.servicios.nucleo import permisos
from app.servicios.catalogos import usuarios
from app.errores import ErrorPermiso

pytestmark = pytest.mark.gui


def test_primer_director_desde_el_dialogo(qtbot, bd_sqlite):
    from app.vistas.primer_uso import DialogoPrimerUso

    assert not usuarios.hay_cuentas_con_acceso()
    dialogo = DialogoPrimerUso()
    qtbot.addWidget(dialogo)
    qtbot.keyClicks(dialogo.nombre_usuario, "mmendoza")
    qtbot.keyClicks(dialogo.nombre, "Miguel Angel Mendoza Lopez")
    qtbot.keyClicks(dialogo.contrasena, "Titular2026")
    qtbot.keyClicks(dialogo.repeticion, "Titular2027")
    dialogo.crear()
    assert "no coinciden" in dialogo.error.text() and not usuarios.hay_cuentas_con_acceso()
    dialogo.repeticion.clear()
    qtbot.keyClicks(dialogo.repeticion, "Titular2026")
    dialogo.crear()
    assert dialogo.result() == dialogo.DialogCode.Accepted
    assert usuarios.iniciar_sesion("mmendoza", "Titular2026").rol == permisos.DIRECTOR


def test_no_se_crea_un_segundo_director_por_esta_via(demo_sqlite):
    with pytest.raises(ErrorPermiso, match="Ya existen cuentas"):
        usuarios.crear_primer_director("intruso", "Intruso", "Intruso2026")
