"""Importar un inventario de Excel: vista previa con errores por fila, todo o nada, ida y vuelta."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from app import base_datos
from app.modelos import Bien, Bitacora, Dependencia, Proveedor, ServidorPublico, TipoBien
from app.servicios.nucleo import bitacora
from app.servicios.inventario import (exportacion as exportacion_inventario,
                                      importacion as importacion_inventario)
from app.errores import ErrorPermiso, ErrorValidacion
from app.servicios.nucleo.validacion import texto_busqueda
from tests.bienes_prueba import catalogo_minimo, crear_bienes

AL = dt.date(2026, 11, 26)
CAMPOS = ("numero_inventario", "descripcion", "marca", "modelo", "serie", "color",
          "fecha_fabricacion", "fecha_adquisicion", "valor", "cuenta_contable", "edificio", "area",
          "estado", "caracteristicas_hardware", "caracteristicas_software", "observaciones",
          "no_identificacion")


def _contenido() -> list[tuple]:
    """Todo lo que un usuario ve de cada bien, con los catálogos por nombre."""
    filas = []
    for bien in Bien.select().order_by(Bien.numero_inventario):
        filas.append(tuple(getattr(bien, c) for c in CAMPOS) + (
            bien.tipo.nombre, bien.resguardante.nombre if bien.resguardante else None,
            bien.dependencia.nombre if bien.dependencia else None,
            bien.proveedor.rfc if bien.proveedor else None, bien.busqueda))
    return filas


def _valores(ruta, hoja: str) -> list[list]:
    """Filas desde el encabezado; sin el bloque de firmas (sale de la institución, no del inventario)."""
    filas = [[c.value for c in fila] for fila in load_workbook(ruta)[hoja].iter_rows(min_row=5)]
    total = next((i for i, f in enumerate(filas) if f[0] == "Total general"), None)
    return filas if total is None else filas[:total + 1]


def _otra_base(request, tmp_path) -> str:
    if base_datos.es_postgres():
        from tests.conftest import _nueva_pg

        return _nueva_pg(request.getfixturevalue("plantilla_pg"))
    return f"sqlite:///{(tmp_path / 'vacia.sqlite3').as_posix()}"


def test_exportar_e_importar_en_base_vacia_da_contenido_identico(bd, tmp_path, request):
    catalogo = catalogo_minimo()
    crear_bienes(10, dependencia=catalogo["tesoreria"], resguardante=catalogo["laura"])
    crear_bienes(6, dependencia=catalogo["dti"], resguardante=catalogo["titular"], inicio=200)
    crear_bienes(3, inicio=500)
    raro = Bien.get(Bien.numero_inventario == "TXM-PRB-00003")
    raro.descripcion = "=HYPERLINK(\"http://x\",\"clic\") monitor"
    raro.observaciones = "Primera línea\nSegunda línea con ñ y acentos: áéíóú"
    raro.modelo = "-2+3"
    raro.estado = "en_reparacion"
    raro.busqueda = texto_busqueda(raro.numero_inventario, raro.serie, raro.marca, raro.modelo,
                                   raro.descripcion, raro.resguardante.nombre)
    raro.save()
    Bien.update(estado="dado_de_baja").where(Bien.numero_inventario == "TXM-PRB-00004").execute()
    original = _contenido()
    primera = tmp_path / "primera.xlsx"
    assert exportacion_inventario.exportar_inventario(primera, al=AL) == 19

    base_datos.cerrar()
    base_datos.conectar(_otra_base(request, tmp_path))
    assert Bien.select().count() == 0 and Dependencia.select().count() == 0
    vista = importacion_inventario.previsualizar(primera)
    assert vista.valida and not vista.errores and not vista.advertencias, vista.errores[:3]
    assert vista.fila_encabezado == 5 and len(vista.filas) == 19
    assert sorted(vista.nuevas_dependencias) == ["Dirección de Tecnologías de la Información",
                                                 "Tesorería Municipal"]
    assert len(vista.nuevos_servidores) == 2 and len(vista.nuevos_proveedores) == 1
    assert Bien.select().count() == 0                                  # la vista previa no escribe
    assert importacion_inventario.importar(None, primera) == 19
    assert _contenido() == original
    assert bitacora.verificar() == []
    segunda = tmp_path / "segunda.xlsx"
    exportacion_inventario.exportar_inventario(segunda, al=AL)
    for hoja in ("Libro de inventarios", "Relación de bienes", "Inventario completo"):
        assert _valores(segunda, hoja) == _valores(primera, hoja)


def _libro_municipal(ruta, filas: list[list]) -> None:
    """Un inventario como los que ya tiene el municipio: título arriba y encabezados propios."""
    libro = Workbook()
    hoja = libro.active
    hoja.title = "INVENTARIO 2025"
    hoja.append(["INVENTARIO DE BIENES INFORMÁTICOS 2025"])
    hoja.append([])
    hoja.append(["No. de Inventario", "DESCRIPCION DEL BIEN", "Tipo de bien", "Marca", "Modelo",
                 "N/S", "Costo", "Fecha de compra", "Responsable", "Área de adscripción", "Estatus",
                 "Columna que nadie usa"])
    for fila in filas:
        hoja.append(fila)
    libro.save(ruta)


def test_vista_previa_reporta_errores_por_fila_y_no_escribe(bd, tmp_path):
    catalogo = catalogo_minimo()
    existente = crear_bienes(1, resguardante=catalogo["laura"])[0]
    ruta = tmp_path / "municipal.xlsx"
    _libro_municipal(ruta, [
        ["SMT-0001", "Computadora HP ProDesk", "computadora", "HP", "ProDesk 400", "MXL111",
         "$15,999.00", dt.datetime(2024, 2, 29), "Laura Hernández Sánchez", "TESORERIA MUNICIPAL", "en uso", "x"],
        ["smt-0001", "Duplicado en el archivo", "Laptop", "Dell", "", "", 100, "01/03/2024", "", "", "", ""],
        ["SMT-0003", "Serie repetida contra la base", "Switch", "Cisco", "", existente.serie, 1, None, "", "", "", ""],
        ["SMT-0004", "", "Impresora", "Epson", "", "", 1, None, "", "", "", ""],
        ["SMT-0005", "Fecha imposible", "Monitor", "Dell", "", "", 1, "31/02/2024", "", "", "", ""],
        ["SMT-0006", "Importe malo", "Monitor", "Dell", "", "", "doce mil", None, "", "", "", ""],
        ["SMT-0007", "Importe negativo", "Monitor", "Dell", "", "", -5, None, "", "", "", ""],
        ["SMT-0008", "Importe NaN", "Monitor", "Dell", "", "", "NaN", None, "", "", "", ""],
        ["SMT-0009", "Tipo desconocido", "Refrigerador", "Mabe", "", "", 1, None, "", "", "", ""],
        [existente.numero_inventario, "Número que ya está en la base", "UPS", "APC", "", "", 1, None, "", "", "", ""],
        ["SMT-0011", "Sin tipo", None, "APC", "", "", 1, None, "", "", "bonito", ""],
        [None, None, None, None, None, None, None, None, None, None, None, None],
        ["SMT-0013", "Nueva persona y área", "Teléfono IP", "Yealink", "T31P", "YL-1", 1450.5,
         dt.date(2025, 5, 6), "Pedro Sánchez Ruiz", "Dirección de Obras Públicas", "En reparación", ""],
    ])
    bitacora_antes, bienes_antes = Bitacora.select().count(), Bien.select().count()
    vista = importacion_inventario.previsualizar(ruta)
    assert vista.hoja == "INVENTARIO 2025" and vista.fila_encabezado == 3
    assert vista.columnas["serie"] == "N/S" and vista.columnas["valor"] == "Costo"
    assert vista.columnas["dependencia"] == "Área de adscripción"
    assert vista.ignoradas == ["Columna que nadie usa"]
    por_fila = {}
    for error in vista.errores:
        por_fila.setdefault(error.fila, []).append(error.campo)
    assert por_fila == {5: ["numero_inventario"], 6: ["serie"], 7: ["descripcion"],
                        8: ["fecha_adquisicion"], 9: ["valor"], 10: ["valor"], 11: ["valor"],
                        12: ["tipo"], 13: ["numero_inventario"], 14: ["tipo", "estado"]}
    assert "también en la fila 4" in str(vista.errores_de_fila(5)[0])
    assert existente.numero_inventario in str(vista.errores_de_fila(6)[0])
    assert not vista.valida
    buena = vista.filas[0]
    assert buena["valor"] == Decimal("15999.00") and buena["fecha_adquisicion"] == dt.date(2024, 2, 29)
    assert buena["dependencia"] == "Tesorería Municipal" and buena["tipo"] == "Computadora"
    assert buena["resguardante"] == "Laura Hernández Sánchez"
    assert vista.nuevas_dependencias == ["Dirección de Obras Públicas"]
    assert vista.nuevos_servidores == ["Pedro Sánchez Ruiz"]
    with pytest.raises(ErrorValidacion) as error:
        importacion_inventario.importar(None, ruta)
    assert "Fila 5:" in str(error.value) and "Fila 14:" in str(error.value)
    assert (Bitacora.select().count(), Bien.select().count()) == (bitacora_antes, bienes_antes)
    assert not ServidorPublico.select().where(ServidorPublico.nombre == "Pedro Sánchez Ruiz").exists()


def test_importar_crea_catalogos_y_vincula(bd, tmp_path):
    from app.servicios.catalogos import usuarios

    catalogo = catalogo_minimo()
    ruta = tmp_path / "bueno.xlsx"
    _libro_municipal(ruta, [
        ["SMT-0001", "Computadora HP ProDesk", "computadora", "HP", "ProDesk 400", "mxl111",
         15999, dt.datetime(2024, 2, 29), "laura hernandez sanchez", "TM", "", ""],
        ["SMT-0002", "Teléfono IP Yealink", "telefono ip", "Yealink", "T31P", "", "1,450.50",
         "2025-05-06", "Pedro Sánchez Ruiz", "Dirección de Obras Públicas", "En reparación", ""],
    ])
    usuarios.crear_usuario(None, "consulta", "Consulta", "consulta", "Consulta2026")
    with pytest.raises(ErrorPermiso):
        importacion_inventario.importar(usuarios.obtener("consulta"), ruta)
    assert importacion_inventario.importar(None, ruta) == 2
    uno = Bien.get(Bien.numero_inventario == "SMT-0001")
    assert uno.serie == "MXL111" and uno.resguardante_id == catalogo["laura"].id
    assert uno.dependencia_id == catalogo["tesoreria"].id and uno.tipo.nombre == "Computadora"
    assert uno.cuenta_contable == "1.2.4.1.3" and uno.valor == Decimal("15999.00")
    assert "laura hernandez sanchez" in uno.busqueda and "mxl111" in uno.busqueda
    dos = Bien.get(Bien.numero_inventario == "SMT-0002")
    assert dos.estado == "en_reparacion" and dos.valor == Decimal("1450.50")
    assert dos.resguardante.nombre == "Pedro Sánchez Ruiz"
    assert dos.resguardante.dependencia.nombre == "Dirección de Obras Públicas"
    assert dos.dependencia.nombre == "Dirección de Obras Públicas"
    assert TipoBien.get(TipoBien.id == dos.tipo_id).cuenta_contable == "1.2.4.6.5"
    assert Proveedor.select().count() == 1
    assert bitacora.verificar() == []
    # Importar el mismo archivo otra vez: todos los números ya existen, nada se duplica.
    with pytest.raises(ErrorValidacion):
        importacion_inventario.importar(None, ruta)
    assert Bien.select().count() == 2


@pytest.mark.parametrize("contenido, palabra", [
    (b"esto no es un libro de excel", "no es un libro"),
    (b"PK\x03\x04basura", "no es un libro"),
])
def test_archivos_que_no_son_excel(bd, tmp_path, contenido, palabra):
    ruta = tmp_path / "malo.xlsx"
    ruta.write_bytes(contenido)
    with pytest.raises(ErrorValidacion, match=palabra):
        importacion_inventario.previsualizar(ruta)


def test_bomba_zip_y_sin_encabezados(bd, tmp_path, monkeypatch):
    ruta = tmp_path / "sin.xlsx"
    libro = Workbook()
    libro.active.append(["hola", "mundo"])
    libro.save(ruta)
    with pytest.raises(ErrorValidacion, match="encabezados"):
        importacion_inventario.previsualizar(ruta)
    monkeypatch.setattr(importacion_inventario, "DESCOMPRIMIDO_MAXIMO", 1000)
    with pytest.raises(ErrorValidacion, match="se expande"):
        importacion_inventario.previsualizar(ruta)
