"""La hoja de estilo: sus imágenes existen y las flechas de los campos numéricos se ven (issue 20, punto 7)."""
from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import QSpinBox

from app.rutas import carpeta_recursos
from app.vistas.aplicacion import configurar_aplicacion, hoja_de_estilo


def test_cada_imagen_de_la_hoja_existe_con_ruta_completa():
    texto = hoja_de_estilo(carpeta_recursos() / "estilo.qss")
    assert "@RECURSOS@" not in texto
    rutas = re.findall(r"url\(([^)]+)\)", texto)
    assert len(rutas) >= 4
    for ruta in rutas:
        assert Path(ruta).is_absolute() and Path(ruta).is_file(), ruta


def test_las_flechas_del_campo_numerico_se_dibujan(qtbot, qapp):
    configurar_aplicacion(qapp)
    campo = QSpinBox()
    campo.setRange(2000, 2100)
    campo.setValue(2026)
    campo.resize(140, 30)
    qtbot.addWidget(campo)
    campo.show()
    imagen = campo.grab().toImage()
    # Mitad de arriba del botón de la derecha (sin el borde del campo): ahí va la flecha de subir,
    # un triángulo gris oscuro (#4a4540): filas cada vez más anchas. Antes se veía una raya.
    anchos = []
    for y in range(imagen.height() // 2):
        oscuros = [x for x in range(imagen.width() - 16, imagen.width() - 3)
                   if imagen.pixelColor(x, y).lightness() < 140]
        if oscuros:
            anchos.append(len(oscuros))
    crecientes = sum(1 for a, b in zip(anchos, anchos[1:]) if b > a)
    assert crecientes >= 3, f"la flecha de subir no se dibujó como triángulo: {anchos}"
