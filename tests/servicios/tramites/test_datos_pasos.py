"""Datos de los pasos: campos requeridos, reglas de las políticas, adjuntos por contenido, plazos y registro."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from decimal import Decimal

import pytest

from app.demo import datos_tramites
from app.errores import ErrorValidacion
from app.modelos import AdjuntoPaso, Bitacora, Institucion, ServidorPublico, Tramite, ValorPaso
from app.servicios.tramites import datos_paso, formulario, procedimientos, tramites
from tests.servicios.tramites.test_tramites import _abrir, _camino, _catalogo, _director

PASO_CON_DATOS = {
    "numero": "1", "actividad": "Se evalúa la solicitud.", "responsable": "Departamento de Soporte Técnico",
    "documento_manual": "Oficio", "tantos": "", "siguiente": "2", "decision": None,
    "campos": [
        {"clave": "viable", "etiqueta": "¿Es viable?", "tipo": "si_no", "requerido": True},
        {"clave": "costo", "etiqueta": "Costo estimado", "tipo": "importe", "requerido": False},
        {"clave": "prioridad", "etiqueta": "Prioridad", "tipo": "opcion", "requerido": True,
         "opciones": ["Alta", "Media", "Baja"]},
        {"clave": "entrega", "etiqueta": "Fecha de entrega", "tipo": "fecha", "requerido": True},
    ],
    "adjuntos": [{"clave": "minuta", "etiqueta": "Minuta de la reunión", "requerido": True, "tipos": ["pdf"]}],
    "plazo_horas_habiles": 16,
}
PASOS_PRUEBA = [
    PASO_CON_DATOS,
    {"numero": "2", "actividad": "La Tesorería responde.", "responsable": "Tesorería Municipal",
     "documento": "Oficio", "tantos": "", "siguiente": "3", "decision": None},
    {"numero": "3", "actividad": "Se programa el mantenimiento.", "responsable": "Departamento de Soporte Técnico",
     "tantos": "", "siguiente": None, "decision": None, "reglas": [{"nombre": "fuera_de_horario"}]},
]


@pytest.fixture
def procedimiento_prueba(tmp_path, monkeypatch):
    """La carpeta de procedimientos con un p01 propio (los demás, los del sistema)."""
    for original in procedimientos.carpeta_procedimientos().glob("p*.json"):
        (tmp_path / original.name).write_text(original.read_text(encoding="utf-8"), encoding="utf-8")
    datos = json.loads((tmp_path / "p01.json").read_text(encoding="utf-8"))
    datos["pasos"] = PASOS_PRUEBA
    datos.pop("modulo", None)          # un procedimiento de otro manual: se lleva en Trámites
    (tmp_path / "p01.json").write_text(json.dumps(datos, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(procedimientos, "carpeta_procedimientos", lambda: tmp_path)
    return procedimientos.obtener(1)


def _pdf() -> bytes:
    return datos_tramites.archivo_de_ejemplo("pdf")


def _huella():
    return (ValorPaso.select().count(), AdjuntoPaso.select().count(), Bitacora.select().count())


def test_cargador_acepta_documento_de_texto_viejo(procedimiento_prueba):
    uno, dos = procedimiento_prueba.paso("1"), procedimiento_prueba.paso("2")
    assert uno.documento_manual == "Oficio" and dos.documento_manual == "Oficio" and dos.documento is None
    assert [c.tipo for c in uno.campos] == ["si_no", "importe", "opcion", "fecha"]
    assert uno.adjuntos[0].tipos == ("pdf",) and uno.plazo_horas_habiles == 16
    assert dos.es_externo and not uno.es_externo


def test_paso_con_requeridos_no_cierra_y_nombra_cada_faltante(bd, procedimiento_prueba):
    director = _director()
    t = _abrir(director, 1, "Evaluación de prueba")
    antes = _huella()
    with pytest.raises(ErrorValidacion) as error:
        tramites.avanzar_tramite(director, t)
    mensaje = str(error.value)
    for etiqueta in ("¿Es viable?", "Prioridad", "Fecha de entrega", "Minuta de la reunión"):
        assert etiqueta in mensaje
    assert "Costo estimado" not in mensaje                      # opcional
    assert set(error.value.campos()) == {"viable", "prioridad", "entrega", "minuta"}
    with pytest.raises(ErrorValidacion) as error:
        tramites.avanzar_tramite(director, t, valores={"viable": "quizá", "costo": "mucho", "prioridad": "Urgente",
                                                       "entrega": "31/02/2026", "color": "azul"})
    assert len(error.value.errores) == 6                        # 4 inválidos, 1 desconocido y la minuta
    assert "«color»" in str(error.value) and "Alta, Media, Baja" in str(error.value)
    assert _huella() == antes and tramites.obtener(t.id).paso_actual == "1"
    tramites.avanzar_tramite(director, t, valores={"viable": "sí", "costo": "$12,500.5", "prioridad": "media",
                                                   "entrega": "30/11/2026"},
                             adjuntos={"minuta": ("minuta.pdf", _pdf())})
    assert t.paso_actual == "2"
    guardados = {v.clave: v for v in ValorPaso.select().where(ValorPaso.tramite == t)}
    assert {k: v.valor for k, v in guardados.items()} == {"viable": "Sí", "costo": "12500.50", "prioridad": "Media",
                                                         "entrega": "2026-11-30"}
    assert {v.paso for v in guardados.values()} == {"1"}
    assert guardados["costo"].texto == "$12,500.50"
    acciones = [b.accion for b in Bitacora.select().where(Bitacora.tabla.in_(["valor_paso", "adjunto_paso"]))]
    assert acciones.count("valor de paso capturado") == 4 and acciones.count("adjunto de paso") == 1
    texto = formulario.registro_legible(t)
    assert "Costo estimado: $12,500.50" in texto and "Prioridad: Media" in texto and "minuta.pdf" in texto
    assert "{" not in texto


def test_importe_es_decimal():
    campo = procedimientos.Campo("costo", "Costo", "importe")
    valor, error = datos_paso.convertir(campo, "$1,234.565")
    assert error is None and valor.valor == Decimal("1234.57") and isinstance(valor.valor, Decimal)
    assert datos_paso.convertir(campo, "-5")[1] and datos_paso.convertir(campo, "1e400x")[1]


def test_capturar_a_medias_y_cerrar_despues(bd, procedimiento_prueba):
    director = _director()
    t = _abrir(director, 1, "Captura en dos tiempos")
    tramites.capturar_datos(director, t, valores={"viable": "No"}, adjuntos={"minuta": ("m.pdf", _pdf())})
    datos = formulario.formulario_paso(t)
    assert datos.valores["viable"].valor is False and "minuta" in datos.adjuntos_capturados
    assert datos.faltantes == ["Prioridad", "Fecha de entrega"]
    tramites.avanzar_tramite(director, t, valores={"prioridad": "Alta", "entrega": dt.date(2026, 12, 1)})
    assert t.paso_actual == "2"


def test_adjunto_que_dice_ser_pdf_y_no_lo_es(bd, procedimiento_prueba):
    director = _director()
    t = _abrir(director, 1, "Adjunto falso")
    valores = {"viable": True, "prioridad": "Alta", "entrega": "2026-11-30"}
    antes = _huella()
    for falso in (b"%PDF-1.7\nesto no es un PDF", b"MZ\x90\x00 un ejecutable"):
        with pytest.raises(ErrorValidacion, match="dice ser PDF pero su contenido no lo es"):
            tramites.avanzar_tramite(director, t, valores=valores, adjuntos={"minuta": ("minuta.pdf", falso)})
    with pytest.raises(ErrorValidacion, match="aquí se admite: pdf"):
        tramites.avanzar_tramite(director, t, valores=valores,
                                 adjuntos={"minuta": ("minuta.png", datos_tramites.archivo_de_ejemplo("png"))})
    assert _huella() == antes and tramites.obtener(t.id).paso_actual == "1"
    contenido = _pdf()
    tramites.avanzar_tramite(director, t, valores=valores, adjuntos={"minuta": ("..\\..\\C:\\tmp\\con<1>.exe", contenido)})
    adjunto = AdjuntoPaso.get(AdjuntoPaso.tramite == t)
    assert adjunto.nombre_archivo == "con_1_.pdf" and adjunto.tipo == "pdf"
    assert adjunto.sha256 == hashlib.sha256(contenido).hexdigest() and adjunto.tamano == len(contenido)
    assert formulario.contenido_adjunto(adjunto.id) == ("con_1_.pdf", "application/pdf", contenido)


def test_adjunto_con_tope_de_tamano_y_nombres_seguros(monkeypatch):
    definicion = procedimientos.Adjunto("evidencia", "Evidencia", True, ("pdf", "txt", "docx"))
    monkeypatch.setattr(datos_paso, "TAMANO_MAXIMO_ADJUNTO", 100)
    _archivo, error = datos_paso.validar_adjunto(definicion, "grande.pdf", _pdf())
    assert "el máximo es" in error
    monkeypatch.undo()
    assert datos_paso.nombre_seguro("CON.pdf", "pdf", "evidencia") == "evidencia.pdf"
    assert datos_paso.nombre_seguro("../../etc/informe final.txt", "txt") == "informe final.txt"
    docx = datos_tramites.archivo_de_ejemplo("docx")
    archivo, error = datos_paso.validar_adjunto(definicion, "informe", docx)
    assert error is None and archivo.nombre == "informe.docx"


def test_p16_pedido_por_la_tesoreria_se_rechaza_con_la_politica_de_la_contraloria(bd, manual_sin_modulos):
    from app.modelos import Dependencia

    director = _director()
    _catalogo()
    with pytest.raises(ErrorValidacion) as error:
        tramites.abrir_tramite(director, 16, "Cambio en el módulo de declaraciones",
                               dependencia=Dependencia.get(Dependencia.nombre == "Tesorería Municipal"))
    mensaje = str(error.value)
    assert "Tesorería Municipal" in mensaje and "Contraloría Municipal" in mensaje
    assert "Política 2" in mensaje and "única dependencia" in mensaje
    assert Tramite.select().count() == 0
    assert _abrir(director, 16, "Cambio pedido por la Contraloría").paso_actual == "1"


def _hasta_paso_con_regla(director, numero: int, regla: str):
    definicion = procedimientos.obtener(numero)
    destino = next(p for p in definicion.pasos if p.regla(regla))
    t = _abrir(director, numero, f"Prueba de la regla {regla}")
    for paso, respuesta in _camino(definicion, definicion.inicio.numero, destino.numero):
        datos_tramites.avanzar(director, t, respuesta)
    assert t.paso_actual == destino.numero
    return t, destino


def test_p18_respuesta_firmada_por_quien_no_es_el_tesorero(bd, manual_sin_modulos):
    director = _director()
    t, paso = _hasta_paso_con_regla(director, 18, "firma")
    opcion = paso.opciones[0].etiqueta if paso.es_decision else None
    valores, adjuntos = datos_tramites.completar(t)
    contralora = ServidorPublico.get(ServidorPublico.cargo == "Contralora Municipal")
    titular = Institucion.get().titular_dti
    antes = _huella()
    with pytest.raises(ErrorValidacion, match="no puede firmar esta respuesta: la firma el Tesorero Municipal") as error:
        tramites.avanzar_tramite(director, t, opcion, valores={**valores, "firmante": contralora.id}, adjuntos=adjuntos)
    assert "Política 3" in str(error.value)
    with pytest.raises(ErrorValidacion, match="autorización"):
        tramites.avanzar_tramite(director, t, opcion, valores={**valores, "firmante": titular.nombre}, adjuntos=adjuntos)
    assert _huella() == antes
    tramites.avanzar_tramite(director, t, opcion, adjuntos=adjuntos,
                             valores={**valores, "firmante": titular.id,
                                      "autorizacion_de": "Oficio TM/0123/2026 del 17/11/2026"})
    assert t.paso_actual != paso.numero or t.estado == tramites.CONCLUIDO


def test_p19_grabacion_pasada_la_retencion_se_niega(bd, tmp_path, monkeypatch):
    # El p19 lo lleva la pestaña Videovigilancia (tests/servicios/videovigilancia); la regla del motor se
    # prueba con una copia del p19 sin «modulo», como la cargaría un municipio sin ese módulo.
    for original in procedimientos.carpeta_procedimientos().glob("p*.json"):
        (tmp_path / original.name).write_text(original.read_text(encoding="utf-8"), encoding="utf-8")
    datos = json.loads((tmp_path / "p19.json").read_text(encoding="utf-8"))
    datos.pop("modulo", None)
    (tmp_path / "p19.json").write_text(json.dumps(datos, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(procedimientos, "carpeta_procedimientos", lambda: tmp_path)
    director = _director()
    t, paso = _hasta_paso_con_regla(director, 19, "dentro_de_retencion")
    dias = paso.regla("dentro_de_retencion").parametros["dias"]
    vieja = {"fecha_grabacion": (dt.date(2026, 11, 18) - dt.timedelta(days=dias + 5)).isoformat()}
    with pytest.raises(ErrorValidacion, match="ya pasó el tiempo de retención"):
        tramites.avanzar_tramite(director, t, "Sí", valores=vieja)
    tramites.avanzar_tramite(director, t, "No", valores=vieja)
    assert t.paso_actual == paso.destino("No")


def test_paso_de_otra_area_registra_quien_respondio_y_plazo(bd, procedimiento_prueba, reloj):
    director = _director()
    reloj.fijar("2026-11-18T10:30:00")                            # miércoles
    t = _abrir(director, 1, "Plazo y respuesta de la Tesorería")
    datos = formulario.formulario_paso(t)
    assert datos.vence_en == dt.datetime(2026, 11, 20, 10, 30) and not datos.vencido    # 16 h hábiles
    fila = next(f for f in tramites.consultar() if f["id"] == t.id)
    assert fila["vence_en"] == datos.vence_en and not fila["vencido"]
    reloj.fijar("2026-11-23T09:00:00")
    assert formulario.formulario_paso(t).vencido
    datos_tramites.avanzar(director, t)
    otra = formulario.formulario_paso(t)
    assert otra.es_otra_area and [c.clave for c in otra.campos] == ["respondio", "respondio_en", "oficio_respuesta"]
    with pytest.raises(ErrorValidacion) as error:
        tramites.avanzar_tramite(director, t, valores={"respondio_en": "2026-12-25 10:00"})
    assert "Quién respondió" in str(error.value) and "posterior a ahora" in str(error.value)
    tramites.avanzar_tramite(director, t, valores={"respondio": "Tesorero Municipal", "respondio_en": "23/11/2026 08:30",
                                                   "oficio_respuesta": "TM/0456/2026"})
    with pytest.raises(ErrorValidacion, match="es horario laboral"):
        tramites.avanzar_tramite(director, t, valores={"programado_para": "23/11/2026 11:00"})
    tramites.avanzar_tramite(director, t, valores={"programado_para": "28/11/2026 09:00"})    # sábado
    assert t.estado == tramites.CONCLUIDO
    texto = formulario.registro_legible(t)
    assert "Quién respondió (nombre y cargo): Tesorero Municipal" in texto and "TM/0456/2026" in texto
