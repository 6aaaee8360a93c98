"""Informe de un levantamiento físico en Excel: una hoja por resumen, faltantes, mal ubicados,
sobrantes y encontrados (modo de solo escritura: memoria constante).

Texto del usuario que empieza con «=», «+», «-», «@», tabulador o retorno se escribe como
texto, nunca como fórmula; los caracteres de control se quitan (rompen el archivo).
"""
from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import Any

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _celda(hoja, valor: Any):
    from openpyxl.cell import WriteOnlyCell

    if isinstance(valor, str):
        limpio = _CONTROL.sub("", valor)
        celda = WriteOnlyCell(hoja, value=limpio)
        if limpio.startswith(_FORMULA):
            celda.data_type = "s"     # se guarda como texto aunque parezca fórmula
        return celda
    return WriteOnlyCell(hoja, value=valor)


def _fecha(texto: str) -> dt.datetime | str:
    try:
        return dt.datetime.fromisoformat(texto) if texto else ""
    except ValueError:
        return texto


def escribir_informe_excel(informe: Any, ruta: str | Path) -> Path:
    """Escribe el libro del informe en ``ruta`` (primero a un temporal, luego lo reemplaza)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill

    from app.documentos.impresion_excel import configurar_impresion

    libro = Workbook(write_only=True)
    negrita = Font(bold=True, color="FFFFFF")
    fondo = PatternFill("solid", fgColor="5B2333")

    def hoja(nombre: str, columnas: list[tuple[str, str, int]], filas: list[dict[str, Any]]) -> None:
        h = libro.create_sheet(nombre)
        configurar_impresion(h, fila_encabezado=1)
        for letra, (_, _, ancho) in zip("ABCDEFGHIJKLMNOP", columnas):
            h.column_dimensions[letra].width = ancho
        h.freeze_panes = "A2"
        if filas:
            h.auto_filter.ref = f"A1:{'ABCDEFGHIJKLMNOP'[len(columnas) - 1]}{len(filas) + 1}"
        cabeza = []
        for _, etiqueta, _ in columnas:
            celda = WriteOnlyCell(h, value=etiqueta)
            celda.font, celda.fill = negrita, fondo
            cabeza.append(celda)
        h.append(cabeza)
        for fila in filas:
            valores = []
            for clave, _, _ in columnas:
                valor = fila.get(clave, "")
                if clave == "leido_en":
                    celda = WriteOnlyCell(h, value=_fecha(valor))
                    celda.number_format = "dd/mm/yyyy hh:mm"
                    valores.append(celda)
                else:
                    valores.append(_celda(h, "" if valor is None else valor))
            h.append(valores)

    resumen = libro.create_sheet("Resumen")
    configurar_impresion(resumen, fila_encabezado=None)
    resumen.column_dimensions["A"].width = 26
    resumen.column_dimensions["B"].width = 60
    for etiqueta, valor in [("Levantamiento", informe.levantamiento_id), ("Ámbito", informe.ambito),
                            ("Iniciado", _fecha(informe.iniciado_en)), ("Cerrado", _fecha(informe.cerrado_en)),
                            ("Esperados", informe.esperados), ("Encontrados", len(informe.encontrados)),
                            ("Faltantes", len(informe.faltantes)), ("Mal ubicados", len(informe.mal_ubicados)),
                            ("Sobrantes", len(informe.sobrantes))]:
        celda = _celda(resumen, valor)
        if isinstance(valor, dt.datetime):
            celda.number_format = "dd/mm/yyyy hh:mm"
        resumen.append([WriteOnlyCell(resumen, value=etiqueta), celda])
    basicas = [("numero_inventario", "No. de inventario", 18), ("descripcion", "Descripción", 45),
               ("marca", "Marca", 14), ("modelo", "Modelo", 18), ("serie", "Serie", 18)]
    hoja("Faltantes", basicas + [("resguardante", "Resguardante", 32), ("dependencia", "Dependencia", 32),
                                 ("edificio", "Edificio", 26), ("area", "Área", 20)], informe.faltantes)
    hoja("Mal ubicados", basicas + [("resguardante", "Resguardante", 32), ("registrado_en", "Registrado en", 40),
                                    ("leido_en", "Leído", 17)], informe.mal_ubicados)
    hoja("Sobrantes", [("numero_inventario", "Código leído", 20), ("descripcion", "Descripción", 45),
                       ("motivo", "Motivo", 30), ("leido_en", "Leído", 17)], informe.sobrantes)
    hoja("Encontrados", basicas + [("resguardante", "Resguardante", 32), ("leido_en", "Leído", 17)],
         informe.encontrados)
    destino = Path(ruta)
    temporal = destino.with_name(destino.name + ".tmp")
    libro.save(temporal)
    os.replace(temporal, destino)
    return destino
