"""Libros de Excel para Armonización Contable, escritos en modo *write-only* de openpyxl.

Lo que promete cada hoja: fechas como fechas reales (``dd/mm/yyyy``), importes como números
con formato de moneda, encabezado con estilo y congelado, autofiltro, anchos sensatos, y
**ningún texto del usuario se interpreta como fórmula**: lo que empieza con ``=``, ``+``,
``-`` o ``@`` (o con tabulador o retorno) se escribe como texto literal, y los caracteres de
control que Excel no admite (``\\x0b`` pegado desde Word, NUL) se quitan.

Rendimiento: una sola celda con estilo por columna de fecha o moneda se reutiliza en todas
las filas (openpyxl la escribe al momento de ``append``), así que escribir 50,000 filas
cuesta casi lo mismo que escribir los valores desnudos.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

TEXTO = "texto"
FECHA = "fecha"
MONEDA = "moneda"
NUMERO = "numero"
ENTERO = "entero"

FORMATO_FECHA = "dd/mm/yyyy"
FORMATO_MONEDA = '"$"#,##0.00;-"$"#,##0.00'

# Caracteres que openpyxl/Excel rechazan dentro de una celda (todos los de control salvo \t \n \r).
_ILEGALES = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_INICIO_FORMULA = ("=", "+", "-", "@")
# Primer carácter que obliga a revisar el texto con calma (fórmula, tabulador, retorno, espacio).
_RIESGO = frozenset("=+-@\t\r ")
_NOMBRE_HOJA_MALO = re.compile(r"[\[\]:*?/\\]")


@dataclass(frozen=True)
class ColumnaExcel:
    """Una columna: título del encabezado, tipo de dato y ancho aproximado en caracteres."""

    titulo: str
    tipo: str = TEXTO
    ancho: float = 16


def limpiar_celda(texto: str) -> str:
    """Quita los caracteres de control que harían inválido el archivo."""
    return _ILEGALES.sub("", texto)


def parece_formula(texto: str) -> bool:
    """¿Excel tomaría este texto como fórmula (o lo convertiría al editarlo)?"""
    return texto[:1] in ("\t", "\r") or texto.lstrip()[:1] in _INICIO_FORMULA


def _acelerar(hoja: Any) -> None:
    """Convierte cada fila en celdas sin el camino de excepción de openpyxl para celdas con estilo.

    ``WriteOnlyWorksheet._values_to_row`` intenta asignar cada valor a una celda reutilizada y,
    si el valor ya es una celda (las de fecha y moneda), lo descubre al fallar con ValueError:
    unos microsegundos por celda con estilo. Esta versión hace lo mismo sin la excepción. Si
    openpyxl cambia por dentro (no existe el método), se deja el suyo.
    """
    if not hasattr(hoja, "_values_to_row"):
        return
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import Cell

    def valores_a_fila(valores, fila):
        celda = WriteOnlyCell(hoja)
        for columna, valor in enumerate(valores, 1):
            if valor is None:
                continue
            if isinstance(valor, Cell):
                propia = valor
            else:
                celda.value = valor
                propia = celda
            propia.column = columna
            propia.row = fila
            yield propia
            if propia is celda and celda.has_style:
                celda = WriteOnlyCell(hoja)

    hoja._values_to_row = valores_a_fila


class HojaExcel:
    """Hoja en escritura: título opcional, encabezado congelado y filas tipadas por columna."""

    def __init__(self, libro: "LibroExcel", hoja: Any, columnas: Sequence[ColumnaExcel],
                 titulo: Sequence[str]):
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.utils import get_column_letter

        from app.documentos.impresion_excel import configurar_impresion

        self._hoja = hoja
        self._celda = WriteOnlyCell
        self.columnas = tuple(columnas)
        self.filas_escritas = 0
        for numero, columna in enumerate(self.columnas, start=1):
            hoja.column_dimensions[get_column_letter(numero)].width = columna.ancho
        self.fila_encabezado = len(titulo) + 1 + (1 if titulo else 0)
        hoja.freeze_panes = f"A{self.fila_encabezado + 1}"
        configurar_impresion(hoja, self.fila_encabezado)
        for numero, linea in enumerate(titulo):
            hoja.append([self._con_estilo(linea, "dti_titulo" if numero == 0 else "dti_subtitulo")])
        if titulo:
            hoja.append([])
        hoja.append([self._con_estilo(c.titulo, "dti_encabezado") for c in self.columnas])
        ultima = get_column_letter(len(self.columnas))
        self._rango_filtro = (f"A{self.fila_encabezado}", ultima)
        # Columnas de texto (se revisan contra fórmulas y caracteres de control) y columnas con
        # estilo: una sola celda con estilo por columna de fecha o moneda, reutilizada en cada fila.
        _acelerar(hoja)
        self._textos = tuple(i for i, c in enumerate(self.columnas) if c.tipo == TEXTO)
        self._estilizadas = []
        self._deducidas: dict[tuple[int, str], Any] = {}
        for i, columna in enumerate(self.columnas):
            if columna.tipo in (FECHA, MONEDA):
                celda = WriteOnlyCell(hoja)
                celda.style = "dti_fecha" if columna.tipo == FECHA else "dti_moneda"
                clase = (dt.date,) if columna.tipo == FECHA else (Decimal, int, float)
                self._estilizadas.append((i, celda, clase))

    def _con_estilo(self, valor: Any, estilo: str) -> Any:
        if isinstance(valor, str):
            valor = limpiar_celda(valor)
        celda = self._celda(self._hoja, value=valor)
        celda.style = estilo
        if isinstance(valor, str) and parece_formula(valor):
            celda.data_type = "s"
            celda.quotePrefix = True
        return celda

    def _literal(self, texto: str) -> Any:
        celda = self._celda(self._hoja)
        celda.value = texto
        celda.data_type = "s"
        celda.quotePrefix = True
        return celda

    def _texto(self, valor: Any) -> Any:
        if valor is None:
            return None
        texto = valor if isinstance(valor, str) else str(valor)
        if not texto:
            return None
        if not texto.isprintable():
            texto = limpiar_celda(texto)
        if texto[:1] in _RIESGO and parece_formula(texto):
            return self._literal(texto)
        return texto

    def _deducida(self, columna: int, valor: Any) -> Any:
        """Celda con estilo de fecha o moneda para un valor que llegó en una columna de texto."""
        estilo = "dti_fecha" if isinstance(valor, dt.date) else "dti_moneda"
        celda = self._deducidas.get((columna, estilo))
        if celda is None:
            celda = self._deducidas[(columna, estilo)] = self._celda(self._hoja)
            celda.style = estilo
        celda.value = valor
        return celda

    def fila(self, valores: Sequence[Any]) -> None:
        """Escribe una fila; cada valor se trata según el tipo de su columna."""
        fila = list(valores)
        if len(fila) < len(self.columnas):
            fila.extend([None] * (len(self.columnas) - len(fila)))
        for i in self._textos:
            valor = fila[i]
            # Camino rápido: texto imprimible que no empieza como fórmula pasa tal cual.
            if valor.__class__ is str and valor and valor.isprintable() and valor[0] not in _RIESGO:
                continue
            if isinstance(valor, (dt.date, Decimal)):
                fila[i] = self._deducida(i, valor)      # fecha o importe en una columna «texto»
            elif isinstance(valor, (int, float)) and not isinstance(valor, bool):
                continue
            else:
                fila[i] = self._texto(valor)
        for i, celda, clase in self._estilizadas:
            valor = fila[i]
            if valor is None:
                continue
            if isinstance(valor, clase) and not isinstance(valor, bool):
                celda.value = valor
                fila[i] = celda
            else:
                fila[i] = self._texto(valor)
        self._hoja.append(fila)
        self.filas_escritas += 1

    def fila_total(self, valores: Sequence[Any]) -> None:
        """Fila de subtotal o total, en negritas (importes con formato de moneda)."""
        celdas = []
        for columna, valor in zip(self.columnas, valores):
            if valor is None:
                celdas.append(None)
            elif columna.tipo == MONEDA and isinstance(valor, (Decimal, int, float)):
                celdas.append(self._con_estilo(valor, "dti_total_moneda"))
            else:
                celdas.append(self._con_estilo(str(valor), "dti_total"))
        self._hoja.append(celdas)
        self.filas_escritas += 1

    def firmas(self, bloques: Sequence[tuple[str, str, str]]) -> None:
        """Bloque de firmas al pie: leyenda («Elaboró»), espacio para firmar, línea, nombre y cargo.

        ``bloques``: (leyenda, nombre, cargo); un nombre vacío deja solo la línea para firmar.
        Las filas no cuentan como datos (quedan fuera del autofiltro).
        """
        if not bloques:
            return
        ancho = len(self.columnas)
        posiciones = ([0] if len(bloques) == 1 else
                      [round(i * (ancho - 1) / (len(bloques) - 1)) for i in range(len(bloques))])

        def renglon(valores: Sequence[str], estilo: str) -> None:
            fila: list[Any] = [None] * ancho
            for posicion, valor in zip(posiciones, valores):
                if valor:
                    fila[posicion] = self._con_estilo(valor, estilo)
            self._hoja.append(fila)

        self._hoja.append([])
        self._hoja.append([])
        renglon([leyenda for leyenda, _nombre, _cargo in bloques], "dti_total")
        self._hoja.append([])
        self._hoja.append([])
        renglon(["_" * 30 for _ in bloques], "dti_subtitulo")
        renglon([nombre for _leyenda, nombre, _cargo in bloques], "dti_total")
        renglon([cargo for _leyenda, _nombre, cargo in bloques], "dti_subtitulo")

    def cerrar(self) -> None:
        inicio, ultima = self._rango_filtro
        self._hoja.auto_filter.ref = f"{inicio}:{ultima}{self.fila_encabezado + max(self.filas_escritas, 1)}"


class LibroExcel:
    """Libro en modo *write-only*; se usa como administrador de contexto y guarda al salir."""

    def __init__(self, destino: str | Path | IO[bytes]):
        from openpyxl import Workbook

        self._destino = destino
        self._libro = Workbook(write_only=True)
        self._hojas: list[HojaExcel] = []
        self._registrar_estilos()

    def _registrar_estilos(self) -> None:
        from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side

        delgada = Side(style="thin", color="7F7F7F")
        estilos = [
            NamedStyle(name="dti_titulo", font=Font(bold=True, size=14)),
            NamedStyle(name="dti_subtitulo", font=Font(size=11, color="404040")),
            NamedStyle(name="dti_encabezado", font=Font(bold=True, color="FFFFFF"),
                       fill=PatternFill("solid", fgColor="6B1D2E"),
                       alignment=Alignment(horizontal="center", vertical="center", wrap_text=True),
                       border=Border(left=delgada, right=delgada, top=delgada, bottom=delgada)),
            NamedStyle(name="dti_fecha", number_format=FORMATO_FECHA,
                       alignment=Alignment(horizontal="center")),
            NamedStyle(name="dti_moneda", number_format=FORMATO_MONEDA),
            NamedStyle(name="dti_total", font=Font(bold=True)),
            NamedStyle(name="dti_total_moneda", font=Font(bold=True), number_format=FORMATO_MONEDA),
        ]
        for estilo in estilos:
            self._libro.add_named_style(estilo)

    def hoja(self, nombre: str, columnas: Sequence[ColumnaExcel],
             titulo: Sequence[str] = ()) -> HojaExcel:
        nombre = _NOMBRE_HOJA_MALO.sub(" ", limpiar_celda(nombre)).strip()[:31] or "Hoja"
        hoja = HojaExcel(self, self._libro.create_sheet(nombre), columnas, titulo)
        self._hojas.append(hoja)
        return hoja

    def guardar(self) -> None:
        for hoja in self._hojas:
            hoja.cerrar()
        self._libro.save(self._destino)

    def __enter__(self) -> "LibroExcel":
        return self

    def __exit__(self, tipo, *_exc) -> None:
        if tipo is None:
            self.guardar()


def escribir_lista(destino: str | Path | IO[bytes], nombre_hoja: str,
                   columnas: Sequence[ColumnaExcel], filas: Iterable[Sequence[Any]],
                   titulo: Sequence[str] = ()) -> int:
    """Escribe una lista cualquiera (las columnas y filas que muestra una vista); devuelve las filas."""
    with LibroExcel(destino) as libro:
        hoja = libro.hoja(nombre_hoja, columnas, titulo)
        for fila in filas:
            hoja.fila(fila)
    return hoja.filas_escritas
