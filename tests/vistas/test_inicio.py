"""Primer arranque (issue 20, punto 3): algo se ve de inmediato y el trabajo largo muestra su avance."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from app.base_datos import cerrar, corredor_migraciones
from app.demo import carga
from app.vistas import aplicacion
from app.vistas.inicio import PantallaInicio

pytestmark = pytest.mark.gui


class PantallaEspia(PantallaInicio):
    def __init__(self) -> None:
        super().__init__()
        self.mensajes: list[tuple[str, float | None]] = []

    def mensaje(self, texto: str, fraccion: float | None = None) -> None:
        super().mensaje(texto, fraccion)
        self.mensajes.append((texto, self.fraccion))


def test_la_pantalla_de_inicio_aparece_antes_de_abrir_la_base(qapp, monkeypatch):
    vistas: list[tuple[bool, str]] = []

    def conectar_falso(_url, pantalla):
        # Cuando se abre la base, la pantalla de inicio ya está a la vista con su mensaje.
        visibles = [w for w in QApplication.topLevelWidgets() if isinstance(w, PantallaInicio) and w.isVisible()]
        vistas.append((bool(visibles), pantalla.texto))
        pantalla.close()
        return False

    monkeypatch.setattr(aplicacion, "_conectar_base", conectar_falso)
    assert aplicacion.ejecutar_gui("sqlite:///no-se-abre.sqlite3") == 1
    assert vistas == [(True, "Iniciando…")]


def test_una_base_nueva_dice_que_migracion_aplica_y_la_demo_cada_parte(qapp, url_sqlite):
    pantalla = PantallaEspia()
    pantalla.show()
    try:
        assert aplicacion._conectar_base(url_sqlite, pantalla)
        total = len(corredor_migraciones().applied())
        migraciones = [(t, f) for t, f in pantalla.mensajes if t.startswith("Actualizando la base de datos")]
        assert len(migraciones) == total >= 20
        assert migraciones[0][0].endswith(f"(1 de {total})") and migraciones[-1][1] == 1.0
        assert "0001_esquema_inicial" in migraciones[0][0]
        pantalla.mensajes.clear()
        aplicacion._cargar_demo_si_vacia(pantalla)
        demo = [t for t, _f in pantalla.mensajes if t.startswith("Cargando datos de demostración")]
        assert len(demo) == len(carga.PASOS_DEMO)
        assert demo[0] == f"Cargando datos de demostración: catálogos y usuarios (1 de {len(carga.PASOS_DEMO)})"
        assert carga.hay_datos()
    finally:
        pantalla.close()
        cerrar()
