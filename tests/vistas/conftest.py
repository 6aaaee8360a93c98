"""Lo común a las pruebas de pantallas."""
from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def impresiones_ofrecidas(monkeypatch) -> list[tuple[str, str]]:
    """El aviso «guardado… ¿Imprimir…?» no se queda esperando un clic: se anota y se contesta «Cerrar».

    Cada elemento es (título, mensaje) del aviso; una prueba que quiere imprimir cambia la respuesta
    con ``monkeypatch.setattr(impresion, "preguntar_imprimir", …)``.
    """
    from app.vistas.comun import impresion

    ofrecidas: list[tuple[str, str]] = []

    def anotar(_padre, titulo: str, mensaje: str) -> bool:
        ofrecidas.append((titulo, mensaje))
        return False

    monkeypatch.setattr(impresion, "preguntar_imprimir", anotar)
    return ofrecidas
