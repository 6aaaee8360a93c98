"""Todo PDF que escribe la app lleva su título y su fecha de creación real (no 2000-01-01).

Se leen los metadatos del archivo escrito con pypdfium2; el texto por página, también.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal
from types import SimpleNamespace

import pypdfium2 as pdfium
import pytest

from app.documentos.dictamen_pdf import DatosDictamen, generar_dictamen_pdf
from app.documentos.etiquetas import Etiqueta, generar_pdf_etiquetas
from app.documentos.informe_mensual_pdf import generar_informe_pdf as generar_informe_mensual
from app.documentos.levantamiento_pdf import generar_informe_pdf as generar_levantamiento
from app.documentos.licencias_informe import informe_pdf as informe_licencias
from app.documentos.oficio_pdf import DatosOficio, Firmante, generar_oficio_pdf
from app.documentos.pdf_comun import fecha_pdf
from app.documentos.resguardo_pdf import BienResguardado, DatosResguardo, generar_resguardo_pdf
from app.tiempo import ZONA_MEXICO, reloj_fijo

INSTITUCION = "H. Ayuntamiento de San Martín Texmelucan, Puebla"
AREA = "Dirección de Tecnologías de la Información"
CREADO = dt.datetime(2026, 12, 1, 21, 45, 7)
FECHA_ESPERADA = "D:20261201214507-06'00"


def _metadatos(pdf: bytes) -> dict[str, str]:
    documento = pdfium.PdfDocument(pdf)
    try:
        return documento.get_metadata_dict()
    finally:
        documento.close()


def _paginas(pdf: bytes) -> list[str]:
    documento = pdfium.PdfDocument(pdf)
    try:
        return [" ".join(pagina.get_textpage().get_text_range().split()) for pagina in documento]
    finally:
        documento.close()


def _oficio(**cambios) -> DatosOficio:
    datos = DatosOficio(
        institucion=INSTITUCION, lema="¡Unidos Seguimos Haciendo Historia!", area_emisora=AREA,
        lugar="San Martín Texmelucan, Pue.", fecha=dt.date(2026, 12, 1), folio="TM/DTI/0007/2026",
        asunto="Mantenimiento", destinatario_nombre="Laura Hernández", destinatario_cargo="Directora",
        destinatario_dependencia="Tesorería", cuerpo="Le informo.",
        firmantes=(Firmante("Miguel Ángel Mendoza López", "Director de Tecnologías de la Información"),),
        creado=CREADO)
    return replace(datos, **cambios)


def _dictamen(**cambios) -> DatosDictamen:
    datos = DatosDictamen(
        institucion=INSTITUCION, lema="", area_emisora=AREA, lugar="San Martín Texmelucan, Pue.",
        folio="DT/0003/2026", fecha=dt.date(2026, 12, 1), destinatario_nombre="Laura Hernández",
        destinatario_cargo="Directora", destinatario_dependencia="Tesorería", oficio_numero="TM/DE/1/2026",
        oficio_fecha=dt.date(2026, 11, 20), recibido_en=dt.datetime(2026, 11, 21, 10, 5),
        numero_inventario="SMT-TIC-00042", descripcion_bien="Computadora de escritorio", serie="ABC123",
        fecha_fabricacion=dt.date(2015, 3, 1), marca="Dell", modelo="OptiPlex 3020",
        caracteristicas_hardware="Core i3, 4 GB", caracteristicas_software="Windows 7",
        pruebas="Encendido y diagnóstico.", resultado="no_apto", resultado_texto="No apto para operar",
        posible_solucion="", conclusion="", firmante_nombre="Miguel Ángel Mendoza López",
        firmante_cargo="Director de Tecnologías de la Información")
    return replace(datos, **cambios)


def _informe_levantamiento() -> SimpleNamespace:
    bien = {"numero_inventario": "SMT-TIC-00042", "descripcion": "Monitor", "marca": "Dell", "modelo": "P2219",
            "serie": "X1", "resguardante": "Ana López", "edificio": "Palacio", "registrado_en": "Tesorería",
            "leido_en": "2026-12-01 10:00:00", "motivo": "No está en el inventario"}
    return SimpleNamespace(levantamiento_id=5, ambito="Tesorería", iniciado_en="2026-12-01 09:30",
                           cerrado_en="2026-12-01 21:45", esperados=2, encontrados=[bien], faltantes=[bien],
                           mal_ubicados=[], sobrantes=[bien])


def _generadores():
    mensual = {"periodo": "noviembre de 2026", "desde": dt.date(2026, 11, 1), "hasta": dt.date(2026, 11, 30),
               "recibidos": 3, "resueltos": 2, "escalados": 0, "abiertos_al_corte": 1, "por_canal": [],
               "por_modalidad": [], "cifras": []}
    licencias = {"resumen": {"licencias": 0, "asientos": 0, "asignados": 0, "sobreasignadas": 0, "por_vencer": 0,
                             "vencidas": 0, "costo_total": Decimal("0")}, "fecha": dt.date(2026, 12, 1),
                 "dias": 30, "filas": []}
    resguardo = DatosResguardo(
        institucion=INSTITUCION, area=AREA, lema="", lugar="San Martín Texmelucan, Pue.",
        fecha=dt.date(2026, 12, 1), resguardante="Ana López", cargo="Cajera", dependencia="Tesorería",
        titular_dti="Miguel Ángel Mendoza López", cargo_titular="Director",
        bienes=(BienResguardado("SMT-TIC-00042", "Monitor", "Dell", "P2219", "X1", Decimal("1")),),
        creado=CREADO)
    return {
        "oficio": (lambda: generar_oficio_pdf(_oficio()), "Oficio TM/DTI/0007/2026"),
        "dictamen": (lambda: generar_dictamen_pdf(_dictamen(creado=CREADO)), "Dictamen técnico DT/0003/2026"),
        "resguardo": (lambda: generar_resguardo_pdf(resguardo), "Resguardo de bienes: Ana López"),
        "etiquetas": (lambda: generar_pdf_etiquetas([Etiqueta("SMT-TIC-00042")], creado=CREADO),
                      "Etiquetas de inventario"),
        "mensual": (lambda: generar_informe_mensual(
            mensual, institucion=INSTITUCION, area=AREA, lema="", lugar="San Martín", logotipo=None, pie="",
            firmante=("Miguel", "Director"), destinatario=("Tesorero", "Tesorero"), creado=CREADO),
            "Informe mensual de la mesa de ayuda, noviembre de 2026"),
        "levantamiento": (lambda: generar_levantamiento(_informe_levantamiento(), INSTITUCION, creado=CREADO),
                          "Informe del levantamiento físico 5"),
        "licencias": (lambda: informe_licencias(licencias, INSTITUCION, AREA, creado=CREADO),
                      "Informe de cumplimiento de licencias"),
    }


@pytest.mark.parametrize("nombre", list(_generadores()))
def test_titulo_y_fecha_de_creacion(nombre):
    generar, titulo = _generadores()[nombre]
    pdf = generar()
    metadatos = _metadatos(pdf)
    assert metadatos["Title"] == titulo
    assert metadatos["CreationDate"] == FECHA_ESPERADA
    assert "20000101" not in metadatos["CreationDate"]
    assert generar() == pdf  # determinista: la misma fecha da los mismos bytes


@pytest.mark.parametrize("nombre", ["resguardo", "etiquetas", "mensual", "levantamiento", "licencias"])
def test_informes_sin_fecha_toman_el_reloj_de_la_app(nombre, monkeypatch):
    import app.documentos.resguardo_pdf as modulo_resguardo

    generar, _titulo = _generadores()[nombre]
    if nombre == "resguardo":
        original = modulo_resguardo.generar_resguardo_pdf
        monkeypatch.setattr(modulo_resguardo, "generar_resguardo_pdf",
                            lambda d: original(replace(d, creado=None)))
    with reloj_fijo(dt.datetime(2026, 7, 3, 8, 15, 0)):
        pdf = (modulo_resguardo.generar_resguardo_pdf(_resguardo_sin_fecha()) if nombre == "resguardo"
               else _sin_creado(nombre))
    assert _metadatos(pdf)["CreationDate"] == "D:20260703081500-06'00"


def _resguardo_sin_fecha() -> DatosResguardo:
    return DatosResguardo(
        institucion=INSTITUCION, area=AREA, lema="", lugar="", fecha=dt.date(2026, 7, 3), resguardante="Ana",
        cargo="", dependencia="", titular_dti="Miguel", cargo_titular="Director",
        bienes=(BienResguardado("SMT-TIC-00042", "Monitor", "", "", "", Decimal("1")),))


def _sin_creado(nombre: str) -> bytes:
    if nombre == "etiquetas":
        return generar_pdf_etiquetas([Etiqueta("SMT-TIC-00042")])
    if nombre == "levantamiento":
        return generar_levantamiento(_informe_levantamiento(), INSTITUCION)
    if nombre == "licencias":
        return informe_licencias({"resumen": {"licencias": 0, "asientos": 0, "asignados": 0, "sobreasignadas": 0,
                                              "por_vencer": 0, "vencidas": 0, "costo_total": Decimal("0")},
                                  "fecha": dt.date(2026, 7, 3), "dias": 30, "filas": []}, INSTITUCION)
    return generar_informe_mensual(
        {"periodo": "junio de 2026", "desde": dt.date(2026, 6, 1), "hasta": dt.date(2026, 6, 30), "recibidos": 0,
         "resueltos": 0, "escalados": 0, "abiertos_al_corte": 0, "por_canal": [], "por_modalidad": [],
         "cifras": []}, institucion=INSTITUCION, area=AREA, lema="", lugar="", logotipo=None, pie="",
        firmante=("Miguel", "Director"), destinatario=("Tesorero", "Tesorero"))


def test_documento_congelado_sin_hora_usa_su_fecha_de_emision():
    pdf = generar_dictamen_pdf(_dictamen())
    assert _metadatos(pdf)["CreationDate"] == "D:20261201000000-06'00"


def test_fecha_pdf_con_zona_de_mexico():
    assert fecha_pdf(dt.datetime(2026, 12, 1, 21, 45, tzinfo=dt.timezone.utc)) == "D:20261201154500-06'00"
    assert fecha_pdf(dt.datetime(2026, 12, 1, 21, 45, tzinfo=ZONA_MEXICO)) == "D:20261201214500-06'00"
    assert fecha_pdf(dt.date(2026, 12, 1)) == "D:20261201000000-06'00"


def test_oficio_congelado_reimpreso_da_los_mismos_bytes():
    assert generar_oficio_pdf(_oficio()) == generar_oficio_pdf(_oficio())
    assert generar_oficio_pdf(_oficio()) != generar_oficio_pdf(_oficio(creado=CREADO + dt.timedelta(seconds=1)))


def test_levantamiento_con_membrete_fechas_en_espanol_y_firmas():
    pdf = generar_levantamiento(_informe_levantamiento(), INSTITUCION, area=AREA,
                                firmantes=[("Ana López Ruiz", "Jefa de Inventarios"),
                                           ("Miguel Ángel Mendoza López", "Director de Tecnologías")],
                                creado=CREADO)
    paginas = _paginas(pdf)
    texto = " ".join(paginas)
    assert all(INSTITUCION in pagina for pagina in paginas)  # membrete en cada página
    assert AREA in texto
    assert "1 de diciembre de 2026, 09:30" in texto and "1 de diciembre de 2026, 21:45" in texto
    assert "2026-12-01" not in texto
    for esperado in ("Ana López Ruiz", "Jefa de Inventarios", "Miguel Ángel Mendoza López",
                     "Director de Tecnologías"):
        assert esperado in texto, esperado


@pytest.mark.parametrize("parrafos", [1, 4])
@pytest.mark.parametrize("renglones", range(20, 140, 7))
def test_dictamen_resultado_y_firma_junto_al_ultimo_dato(parrafos, renglones):
    palabras = "Se revisó el equipo y se registró la falla del componente en la prueba. " * renglones
    bloques = [palabras + f"FINPRUEBA{i}" for i in range(parrafos)]
    pdf = generar_dictamen_pdf(_dictamen(pruebas="\n\n".join(bloques), creado=CREADO))
    paginas = _paginas(pdf)
    ultimo = f"FINPRUEBA{parrafos - 1}"
    con_ultimo = [i for i, p in enumerate(paginas) if ultimo in p]
    assert len(con_ultimo) == 1
    pagina = paginas[con_ultimo[0]]
    for esperado in ("NO APTO PARA OPERAR", "Miguel Ángel Mendoza López", "A T E N T A M E N T E"):
        assert esperado in pagina, (renglones, esperado)
        assert sum(esperado in p for p in paginas) == 1
    # El resultado nunca queda solo: en su hoja lo precede texto de las pruebas; si esa hoja no es la
    # primera y solo hay un párrafo de pruebas, la encabeza «(continuación)».
    assert "la prueba." in pagina[:pagina.index("Resultado")]
    if con_ultimo[0] > 0 and parrafos == 1:
        assert "Pruebas realizadas (continuación)" in pagina
        assert pagina.index("(continuación)") < pagina.index("se registró la falla")
