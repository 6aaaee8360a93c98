"""Exportación a Excel: Libro de inventarios CONAC, Relación de bienes y listas filtradas."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from app.modelos import Bien
from app.servicios.inventario import exportacion, tipos_bien
from app.errores import ErrorPermiso
from tests.bienes_prueba import catalogo_minimo, crear_bienes
from tests.conftest import usuario

AL = dt.date(2026, 11, 26)


def _fila_por_numero(hoja, numero: str):
    for fila in hoja.iter_rows(min_row=6):
        if fila[0].value == numero:
            return fila
    raise AssertionError(f"no está {numero}")


def test_libro_de_inventarios_con_fechas_importes_y_estilo(bd, tmp_path):
    catalogo = catalogo_minimo()
    dep, resguardante = catalogo["tesoreria"], catalogo["laura"]
    bienes = crear_bienes(8, dependencia=dep, resguardante=resguardante)
    ruta = tmp_path / "inventario.xlsx"
    avances = []
    assert exportacion.exportar_inventario(ruta, progreso=lambda h, t: avances.append((h, t)), al=AL) == 8
    assert avances[-1] == (8, 8)
    libro = load_workbook(ruta)
    assert libro.sheetnames == ["Libro de inventarios", "Relación de bienes", "Inventario completo"]
    hoja = libro["Inventario completo"]
    assert hoja["A1"].value == exportacion.TITULO_COMPLETO and hoja["A1"].font.b
    encabezado = [c.value for c in hoja[5]]
    assert encabezado[:12] == ["Número de inventario", "Descripción", "Marca", "Modelo",
                               "Número de serie", "Cuenta contable", "Fecha de adquisición",
                               "Valor", "Resguardante", "Dependencia", "UUID del CFDI", "Estado"]
    assert hoja["A5"].font.b and hoja["A5"].fill.fgColor.rgb.endswith("6B1D2E")
    assert hoja.freeze_panes == "A6"
    assert hoja.auto_filter.ref == "A5:W13"
    assert hoja.column_dimensions["B"].width >= 30
    bien = bienes[2]
    fila = _fila_por_numero(hoja, bien.numero_inventario)
    fecha, valor = fila[6], fila[7]
    assert fecha.is_date and fecha.value.date() == bien.fecha_adquisicion
    assert fecha.number_format == "dd/mm/yyyy"
    assert valor.data_type == "n" and Decimal(str(valor.value)) == bien.valor
    assert "$" in valor.number_format
    assert fila[8].value == resguardante.nombre and fila[9].value == dep.nombre
    assert fila[11].value == "En uso" and fila[12].value == bien.tipo.nombre


def test_relacion_con_valor_en_libros_y_totales_por_cuenta(bd, tmp_path):
    bienes = crear_bienes(12)
    Bien.update(estado="dado_de_baja").where(Bien.id == bienes[0].id).execute()
    ruta = tmp_path / "inventario.xlsx"
    exportacion.exportar_inventario(ruta, al=AL)
    hoja = load_workbook(ruta)["Relación de bienes"]
    filas = [[c.value for c in f] for f in hoja.iter_rows(min_row=6)]
    filas = filas[:next(i for i, f in enumerate(filas) if f[0] == "Total general") + 1]   # sin las firmas
    datos = [f for f in filas if f[0] and not str(f[0]).startswith("Total")]
    assert bienes[0].numero_inventario not in [f[0] for f in datos]      # dado de baja
    assert len(datos) == 11
    vigentes = [b for b in bienes[1:]]
    por_cuenta: dict[str, Decimal] = {}
    for b in vigentes:
        tipo = b.tipo
        libros = tipos_bien.valor_en_libros(b.valor, b.fecha_adquisicion, tipo.vida_util_anios, AL)
        fila = next(f for f in datos if f[0] == b.numero_inventario)
        assert Decimal(str(fila[3])).quantize(Decimal("0.01")) == libros
        por_cuenta[tipo.cuenta_contable] = por_cuenta.get(tipo.cuenta_contable, Decimal(0)) + libros
    subtotales = {f[2]: Decimal(str(f[3])).quantize(Decimal("0.01"))
                  for f in filas if str(f[0]).startswith("Total 1.")}
    assert subtotales == por_cuenta
    general = next(f for f in filas if f[0] == "Total general")
    assert Decimal(str(general[3])).quantize(Decimal("0.01")) == sum(por_cuenta.values())
    assert [c.value for c in hoja[5]] == ["Código", "Descripción del bien", "Cuenta contable",
                                          "Valor en libros"]
    # El equipo de cómputo de 2022 (3 años) ya está depreciado; el de comunicación (10) no.
    assert subtotales["1.2.4.1.3"] == 0 and subtotales["1.2.4.6.5"] > 0


@pytest.mark.parametrize("hostil", ["=HYPERLINK(\"http://x\",\"clic\")", "+1+1", "-2+3",
                                    "@SUM(1,1)", "\t=1+1", " =1+1"])
def test_texto_que_parece_formula_se_escribe_como_texto(bd, tmp_path, hostil):
    bien = crear_bienes(1)[0]
    Bien.update(descripcion=hostil, marca="Marca\x0bde Word\x1f", modelo=hostil).where(
        Bien.id == bien.id).execute()
    ruta = tmp_path / "hostil.xlsx"
    exportacion.exportar_inventario(ruta, al=AL)
    libro = load_workbook(ruta)
    fila = _fila_por_numero(libro["Inventario completo"], bien.numero_inventario)
    for celda in (fila[1], fila[3]):
        assert celda.data_type == "s" and celda.value == hostil and celda.quotePrefix
    assert fila[2].value == "Marcade Word"
    conac = _fila_por_numero(libro["Libro de inventarios"], bien.numero_inventario)
    assert conac[1].data_type == "s" and conac[1].value == hostil
    relacion = _fila_por_numero(libro["Relación de bienes"], bien.numero_inventario)
    assert relacion[1].data_type == "s" and relacion[1].value == hostil


def test_solo_los_bienes_de_la_consulta_y_permiso_de_exportar(bd, tmp_path):
    from app.servicios.catalogos import usuarios

    usuarios.crear_usuario(None, "consulta", "Consulta", "consulta", "Consulta2026")
    crear_bienes(6)
    consulta = Bien.select().where(Bien.marca == "Cisco")
    ruta = tmp_path / "filtro.xlsx"
    assert exportacion.exportar_inventario(ruta, bienes=consulta, al=AL) == consulta.count() == 1
    assert exportacion.exportar_inventario(ruta, bienes=[], al=AL) == 0
    # Una selección grande de ids (más de los que caben en un IN de SQLite) también sirve.
    ids = [b.id for b in Bien.select(Bien.id)][:4] + list(range(10**6, 10**6 + 40000))
    assert exportacion.exportar_inventario(ruta, bienes=ids, al=AL) == 4
    with pytest.raises(ErrorPermiso):
        exportacion.exportar_inventario(tmp_path / "no.xlsx", actor=usuario("consulta"))
    assert not (tmp_path / "no.xlsx").exists()


def test_lista_filtrada_con_tipos_reales(bd, tmp_path):
    ruta = tmp_path / "lista.xlsx"
    columnas = [("Número", "texto", 18), ("Fecha", "fecha", 12), ("Importe", "moneda", 14),
                ("Piezas", "entero", 8)]
    filas = [("SMT-TIC-00001", dt.date(2024, 2, 29), Decimal("1234.50"), 3),
             ("=1+1", None, None, None)]
    assert exportacion.exportar_lista(ruta, "Bienes de Tesorería", columnas, filas) == 2
    hoja = load_workbook(ruta).active
    assert hoja.title == "Bienes de Tesorería"
    assert hoja.freeze_panes == "A6" and hoja.auto_filter.ref == "A5:D7"
    assert hoja["B6"].is_date and hoja["B6"].value == dt.datetime(2024, 2, 29)
    assert hoja["C6"].value == 1234.5 and hoja["D6"].value == 3
    assert hoja["A7"].value == "=1+1" and hoja["A7"].data_type == "s"


def test_lista_con_columnas_de_texto_recibe_fechas_e_importes_reales(bd, tmp_path):
    ruta = tmp_path / "vista.xlsx"
    columnas = [("Número", "texto", 18), ("Adquisición", "texto", 12), ("Valor", "texto", 14),
                ("Piezas", "texto", 8)]
    filas = [("SMT-TIC-00001", dt.date(2024, 1, 31), Decimal("99.90"), 2),
             ("SMT-TIC-00002", dt.date(2025, 6, 1), Decimal("10.00"), 1)]
    exportacion.exportar_lista(ruta, "Vista", columnas, filas)
    hoja = load_workbook(ruta).active
    assert [hoja["B6"].value, hoja["B7"].value] == [dt.datetime(2024, 1, 31), dt.datetime(2025, 6, 1)]
    assert hoja["B6"].number_format == "dd/mm/yyyy" and "$" in hoja["C7"].number_format
    assert [hoja["C6"].value, hoja["C7"].value, hoja["D6"].value] == [99.9, 10, 2]


def test_cancelar_desde_el_progreso_no_deja_archivo(bd, tmp_path):
    crear_bienes(3)
    carpeta = tmp_path / "salida"
    carpeta.mkdir()
    ruta = carpeta / "cancelado.xlsx"

    class Cancelado(Exception):
        pass

    def progreso(hechos, total):
        raise Cancelado()

    with pytest.raises(Cancelado):
        exportacion.exportar_inventario(ruta, progreso=progreso, al=AL)
    assert list(carpeta.iterdir()) == []
