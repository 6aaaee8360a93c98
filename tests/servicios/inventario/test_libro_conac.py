"""Libro de inventarios CONAC a una fecha de corte: bienes vigentes, depreciación, totales y firmas."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from openpyxl import load_workbook

from app.modelos import Bien, Institucion, ServidorPublico
from app.modelos.movimientos import APLICADO, BAJA, DetalleMovimiento, Movimiento
from app.servicios.inventario import exportacion, tipos_bien
from tests.bienes_prueba import crear_bienes

CENTAVO = Decimal("0.01")


def _dinero(valor) -> Decimal:
    return Decimal(str(valor)).quantize(CENTAVO)


def _baja_aplicada(bien: Bien, fecha: dt.date) -> None:
    """Un movimiento de baja ya aplicado por Armonización Contable en ``fecha``."""
    movimiento = Movimiento.create(tipo=BAJA, estado=APLICADO, respuesta_numero="TM/AC/1/2026",
                                   respuesta_fecha=fecha, resuelto_en=dt.datetime.combine(fecha, dt.time(12)))
    DetalleMovimiento.create(movimiento=movimiento, bien=bien, estado_bien_anterior="baja_solicitada")
    Bien.update(estado="dado_de_baja").where(Bien.id == bien.id).execute()


def _firmantes() -> tuple[str, str]:
    titular = ServidorPublico.create(nombre="Ing. Rosa Díaz Pérez", cargo="Directora de TI")
    tesorero = ServidorPublico.create(nombre="C.P. Jorge Ruiz Gómez", cargo="Tesorero Municipal")
    institucion = Institucion.get_or_none(Institucion.id == 1)
    if institucion is None:
        Institucion.create(id=1, nombre="H. Ayuntamiento de Prueba", municipio="Prueba", lugar="Prueba, Pue.",
                           area="Dirección de Tecnologías de la Información", titular_dti=titular,
                           tesorero=tesorero)
    else:
        Institucion.update(titular_dti=titular, tesorero=tesorero).where(Institucion.id == 1).execute()
    return titular.nombre, tesorero.nombre


def _libro(ruta, al: dt.date):
    exportacion.exportar_inventario(ruta, al=al)
    return load_workbook(ruta)


def _datos(hoja) -> tuple[list[list], list[list], list]:
    """(filas de bienes, filas de subtotal, fila del total general) del Libro."""
    filas = [[c for c in f] for f in hoja.iter_rows(min_row=6)]
    fin = next(i for i, f in enumerate(filas) if f[0].value == "Total general")
    cuerpo = filas[:fin]
    subtotales = [f for f in cuerpo if str(f[0].value).startswith("Total ")]
    bienes = [f for f in cuerpo if f[0].value and not str(f[0].value).startswith("Total ")]
    return bienes, subtotales, filas[fin]


def test_libro_al_corte_deja_fuera_bajas_y_posteriores(bd, tmp_path):
    bienes = crear_bienes(10)
    baja_antes, baja_despues, sin_movimiento, nuevo = bienes[0], bienes[1], bienes[2], bienes[3]
    _baja_aplicada(baja_antes, dt.date(2025, 6, 30))
    _baja_aplicada(baja_despues, dt.date(2026, 3, 15))
    Bien.update(estado="dado_de_baja").where(Bien.id == sin_movimiento.id).execute()
    Bien.update(fecha_adquisicion=dt.date(2026, 5, 4)).where(Bien.id == nuevo.id).execute()

    cierre_2025 = _libro(tmp_path / "2025.xlsx", dt.date(2025, 12, 31))
    numeros = {f[0].value for f in _datos(cierre_2025["Libro de inventarios"])[0]}
    assert baja_antes.numero_inventario not in numeros                 # baja antes del corte
    assert sin_movimiento.numero_inventario not in numeros             # baja sin fecha conocida
    assert nuevo.numero_inventario not in numeros                      # adquirido después del corte
    assert baja_despues.numero_inventario in numeros                   # en 2025 todavía era del municipio
    assert len(numeros) == 7

    cierre_2026 = _libro(tmp_path / "2026.xlsx", dt.date(2026, 12, 31))
    numeros = {f[0].value for f in _datos(cierre_2026["Libro de inventarios"])[0]}
    assert baja_despues.numero_inventario not in numeros and nuevo.numero_inventario in numeros
    assert len(numeros) == 7
    relacion = {f[0].value for f in _datos(cierre_2026["Relación de bienes"])[0]}
    assert relacion == numeros
    # La hoja para reimportar conserva todos los bienes, también los dados de baja.
    completo = [f[0].value for f in cierre_2026["Inventario completo"].iter_rows(min_row=6) if f[0].value]
    assert len(completo) == 10


def test_columnas_depreciacion_totales_encabezado_y_firmas(bd, tmp_path):
    bienes = {b.numero_inventario: b for b in crear_bienes(12)}
    titular, tesorero = _firmantes()
    al = dt.date(2026, 12, 31)
    libro = _libro(tmp_path / "libro.xlsx", al)
    hoja = libro["Libro de inventarios"]
    assert hoja["A1"].value == "Libro de inventarios de bienes muebles al 31 de diciembre de 2026 (pesos)"
    assert [c.value for c in hoja[5]] == ["Número de inventario", "Descripción del bien", "Cuenta contable",
                                          "Fecha de adquisición", "Valor de adquisición",
                                          "Depreciación acumulada", "Valor en libros"]
    filas, subtotales, general = _datos(hoja)
    assert len(filas) == 12
    por_cuenta: dict[str, list[Decimal]] = {}
    for fila in filas:
        bien = bienes[fila[0].value]
        assert fila[1].value == bien.descripcion and fila[2].value == bien.tipo.cuenta_contable
        assert fila[3].is_date and fila[3].value.date() == bien.fecha_adquisicion
        for celda in fila[4:7]:
            assert celda.data_type == "n" and "$" in celda.number_format
        adquisicion, depreciacion, libros = (_dinero(c.value) for c in fila[4:7])
        assert adquisicion == bien.valor
        assert libros == tipos_bien.valor_en_libros(bien.valor, bien.fecha_adquisicion,
                                                    bien.tipo.vida_util_anios, al)
        assert libros == adquisicion - depreciacion and libros >= 0
        suma = por_cuenta.setdefault(fila[2].value, [Decimal(0)] * 3)
        for i, valor in enumerate((adquisicion, depreciacion, libros)):
            suma[i] += valor
    assert {f[2].value: [_dinero(c.value) for c in f[4:7]] for f in subtotales} == por_cuenta
    for fila in subtotales + [general]:
        assert all(c.data_type == "n" for c in fila[4:7])              # valores, no fórmulas
    assert [_dinero(c.value) for c in general[4:7]] == [sum(s[i] for s in por_cuenta.values())
                                                        for i in range(3)]
    textos = [c.value for f in hoja.iter_rows(min_row=general[0].row + 1) for c in f if c.value]
    for esperado in ("Elaboró", "Revisó", "Autorizó", titular, tesorero):
        assert esperado in textos
    assert textos.index("Revisó") < textos.index(titular)
    # Lista para imprimir: horizontal, ajustada al ancho, encabezado repetido, número de página.
    for nombre in libro.sheetnames:
        h = libro[nombre]
        assert h.page_setup.orientation == "landscape" and int(h.page_setup.fitToWidth) == 1
        assert h.sheet_properties.pageSetUpPr.fitToPage and h.print_title_rows == "$5:$5"
        assert "&P" in h.oddFooter.center.text


def test_corte_por_omision_es_hoy(bd, tmp_path):
    from app.documentos.fechas import fecha_larga
    from app.tiempo import hoy_mexico

    crear_bienes(2)
    ruta = tmp_path / "hoy.xlsx"
    exportacion.exportar_inventario(ruta)
    assert load_workbook(ruta)["Libro de inventarios"]["A1"].value.endswith(
        f"al {fecha_larga(hoy_mexico())} (pesos)")
