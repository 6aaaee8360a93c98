"""Issue 14: después de la demo, cada registro de módulo tiene su trámite, en el procedimiento correcto."""
from __future__ import annotations

import pytest

from app.base_datos import transaccion
from app.modelos import (Dictamen, Escalamiento, Mantenimiento, Movimiento, PasoTramite, SolicitudCuenta,
                         SolicitudSoftware, Ticket, Tramite)
from app.servicios.expedientes import vincular
from app.servicios.tramites import tramites

# (modelo, procedimientos posibles de su trámite)
MODELOS = ((Ticket, {6}), (Escalamiento, {2}), (Dictamen, {4}), (Mantenimiento, {7, 8, 12}),
           (SolicitudCuenta, {9}), (SolicitudSoftware, {10}), (Movimiento, {21}))


def test_cada_registro_de_la_demo_tiene_su_tramite(demo):
    for modelo, procedimientos in MODELOS:
        registros = list(modelo.select())
        assert registros, f"la demo debe traer {modelo.__name__}"
        for registro in registros:
            assert registro.expediente_id is not None, (modelo.__name__, registro.id)
            tramite = Tramite.get_by_id(registro.expediente_id)
            assert tramite.procedimiento in procedimientos and tramite.modulo, (modelo.__name__, registro.id)
            # Cada trámite tiene su historial: un solo paso abierto si sigue abierto, ninguno si no.
            abiertos = PasoTramite.select().where((PasoTramite.tramite == tramite) & PasoTramite.fin.is_null())
            assert abiertos.count() == (1 if tramite.estado == tramites.ABIERTO else 0), tramite.numero
    assert Mantenimiento.select().where(Mantenimiento.procedimiento == 7).exists()
    assert vincular.pendientes() == 0


def test_registros_anteriores_reciben_su_tramite_una_sola_vez(demo):
    """Una base de antes del expediente único: los vínculos vacíos se llenan al abrir la base, una vez."""
    with transaccion():
        for modelo, _ in MODELOS:
            modelo.update(expediente=None).execute()
    assert vincular.pendientes() > 0
    hechos = vincular.vincular_existentes()
    assert set(hechos) == {"Mesa de ayuda", "Dictámenes", "Mantenimiento", "Cuentas", "Licencias", "Inventario"}
    assert all(n > 0 for n in hechos.values()), hechos
    assert vincular.pendientes() == 0
    assert vincular.vincular_existentes() == {}


@pytest.mark.parametrize("procedimiento, pestana", [(6, "Mesa de ayuda"), (21, "Inventario")])
def test_la_consola_no_abre_un_tramite_suelto_de_un_modulo(demo, url_bd, procedimiento, pestana, consola_director):
    import subprocess
    import sys

    resultado = subprocess.run(
        [sys.executable, "-m", "app", "tramite", "abrir", "--db", url_bd, "--procedimiento", str(procedimiento),
         "--asunto", "Caso suelto", "--usuario", "director"], capture_output=True, text=True, timeout=120)
    assert resultado.returncode == 2, resultado.stderr
    assert pestana in resultado.stderr + resultado.stdout
