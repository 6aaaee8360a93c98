"""Procedimiento 9: solicitudes, cuentas, contraseñas que nunca quedan en claro, bloqueo y baja."""
from __future__ import annotations

import datetime as dt
import string
from pathlib import Path

import openpyxl
import pypdfium2 as pdfium
import pytest

from app import base_datos
from app.modelos import Cuenta, Dependencia, MensajeCorreo, MovimientoCuenta, Oficio, SolicitudCuenta, TODOS
from app.servicios.nucleo import bitacora, correo
from app.servicios.cuentas import cuentas
from app.servicios.oficios import oficios
from app.errores import ErrorConflicto, ErrorPermiso, ErrorTransicion, ErrorValidacion
from tests.conftest import hace_dias, usuario
from tests.servicios.nucleo.test_correo import ServidorSmtp, configurar, puerto_libre



def dep(siglas: str) -> Dependencia:
    return Dependencia.get(Dependencia.siglas == siglas)


def solicitar(actor_nombre: str = "soporte", **cambios) -> cuentas.ResultadoSolicitud:
    datos = dict(tipo=cuentas.CORREO, nombre_completo="Valeria Ibarra Soto", dependencia=dep("TM"),
                 correo_alternativo="valeria.ibarra@gmail.com", propuesta_1="valeria.ibarra", propuesta_2="vibarra",
                 numero_oficio="TM/0415/2026", fecha_oficio=hace_dias(2), solicitante_nombre="José Javier Gregorio Pérez Hernández",
                 solicitante_cargo="Tesorero Municipal", firmado=True)
    datos.update(cambios)
    return cuentas.registrar_solicitud(usuario(actor_nombre), **datos)


TABLAS_PROPIAS = {"solicitud_cuenta", "cuenta", "movimiento_cuenta", "configuracion_correo", "mensaje_correo",
                  "oficio", "bitacora"}


def problemas_propios() -> list:
    """Problemas de la bitácora en las tablas de este módulo (y la cadena misma)."""
    return [p for p in bitacora.verificar() if p.tabla in TABLAS_PROPIAS]


def texto_pdf(contenido: bytes) -> str:
    documento = pdfium.PdfDocument(contenido)
    return "\n".join(documento[i].get_textpage().get_text_range() for i in range(len(documento)))


def test_contrasena_generada_fuerte_y_sin_ambiguos():
    vistas = set()
    for _ in range(300):
        clave = cuentas.generar_contrasena()
        assert len(clave) >= 14
        assert any(c.isupper() for c in clave) and any(c.islower() for c in clave)
        assert any(c.isdigit() for c in clave) and any(c in string.punctuation for c in clave)
        assert not set(clave) & set("0O1lI|'\"`\\ ")
        vistas.add(clave)
    assert len(vistas) == 300
    with pytest.raises(ValueError):
        cuentas.generar_contrasena(10)


@pytest.mark.parametrize("propuesta, motivo", [
    ("José.Pérez", "mayúsculas"), ("jose.pérez", "acentos"), ("peña", "acentos"), ("jo", "entre 3 y 30"),
    ("a" * 31, "entre 3 y 30"), ("juan perez", "espacios"), ("1juan", "empezar con letra"),
    ("juan..perez", "solo admite"), ("=cmd", "solo admite"), ("", "vacía"),
])
def test_forma_de_las_propuestas(propuesta, motivo):
    assert motivo in cuentas.problema_de_forma(propuesta)


def test_formas_validas():
    for propuesta in ("valeria.ibarra", "vibarra2", "juan_perez", "ana-luz"):
        assert cuentas.problema_de_forma(propuesta) is None


def test_solicitud_completa_elige_la_primera_propuesta_disponible(demo):
    resultado = solicitar(propuesta_1="tesoreria", propuesta_2="valeria.ibarra")
    assert resultado.faltantes == [] and resultado.solicitud.estado == cuentas.LISTA
    assert resultado.elegida == "valeria.ibarra"
    assert "1. tesoreria: es un nombre reservado" in resultado.solicitud.dictamen_propuestas
    assert "2. valeria.ibarra: disponible" in resultado.solicitud.dictamen_propuestas
    assert resultado.oficio_faltantes is None
    oficio = resultado.solicitud.oficio
    assert oficio.tipo == oficios.ENTRANTE and oficio.numero_oficio == "TM/0415/2026"
    assert oficio.estado == oficios.REGISTRADO


def test_propuestas_contra_cuentas_existentes_y_buzones_del_catalogo(demo):
    primera = solicitar()
    cuentas.crear_cuenta(usuario("soporte"), primera.solicitud)
    # «armonizacion» ya es un buzón del catálogo (armonizacion@texmelucan.gob.mx).
    segunda = solicitar(nombre_completo="Luis Ibarra Sosa", propuesta_1="valeria.ibarra",
                        propuesta_2="armonizacion", numero_oficio="TM/0416/2026")
    assert segunda.elegida is None and segunda.solicitud.estado == cuentas.INCOMPLETA
    assert "ya pertenece a otra cuenta (Valeria Ibarra Soto, activa)" in segunda.solicitud.dictamen_propuestas
    assert "armonizacion@texmelucan.gob.mx ya existe" in segunda.solicitud.dictamen_propuestas
    assert any("ninguna de las recibidas sirve" in f for f in segunda.faltantes)
    # En una aplicación municipal el mismo nombre sí está libre (otro ámbito).
    app = solicitar(tipo=cuentas.APLICACION, aplicacion="Sistema de Catastro", propuesta_1="valeria.ibarra",
                    numero_oficio="TM/0417/2026")
    assert app.elegida == "valeria.ibarra"


def test_faltan_datos_genera_la_solicitud_de_datos_faltantes(demo):
    resultado = solicitar(correo_alternativo="", propuesta_2="", dependencia=None)
    solicitud = resultado.solicitud
    assert solicitud.estado == cuentas.INCOMPLETA
    assert set(resultado.faltantes) == {cuentas.REQUISITOS["dependencia"], cuentas.REQUISITOS["correo_alternativo"],
                                        cuentas.REQUISITOS["propuestas"]}
    saliente = resultado.oficio_faltantes
    assert saliente is not None and saliente.folio and saliente.en_respuesta_a_id == solicitud.oficio_id
    texto = texto_pdf(oficios.pdf_de_oficio(saliente)).replace("\r", "")
    assert saliente.folio in texto
    assert "Correo electrónico alternativo" in texto and "Dos propuestas de nombre de usuario" in texto
    entrante = Oficio.get_by_id(solicitud.oficio_id)
    assert entrante.estado == oficios.INCOMPLETO and "Correo electrónico alternativo" in entrante.faltantes
    with pytest.raises(ErrorTransicion):
        cuentas.crear_cuenta(usuario("soporte"), solicitud)
    with pytest.raises(ErrorTransicion, match="Ya se emitió"):
        cuentas.solicitar_datos_faltantes(usuario("soporte"), SolicitudCuenta.get_by_id(solicitud.id))
    # La dependencia responde: se revisa de nuevo (el manual regresa al paso 2).
    completa = cuentas.completar_solicitud(
        usuario("soporte"), SolicitudCuenta.get_by_id(solicitud.id), nombre_completo="Valeria Ibarra Soto",
        dependencia=dep("TM"), correo_alternativo="valeria.ibarra@gmail.com", propuesta_1="valeria.ibarra",
        propuesta_2="vibarra")
    assert completa.faltantes == [] and completa.solicitud.estado == cuentas.LISTA


def test_asistente_registra_incompleta_y_el_jefe_emite_la_solicitud(demo):
    resultado = solicitar("asistente", correo_alternativo="")
    assert resultado.oficio_faltantes is None and resultado.solicitud.estado == cuentas.INCOMPLETA
    with pytest.raises(ErrorPermiso):
        cuentas.solicitar_datos_faltantes(usuario("asistente"), resultado.solicitud)
    saliente = cuentas.solicitar_datos_faltantes(usuario("soporte"), resultado.solicitud)
    assert SolicitudCuenta.get_by_id(resultado.solicitud.id).oficio_faltantes_id == saliente.id


def test_datos_mal_escritos_no_escriben_nada(demo):
    antes = (SolicitudCuenta.select().count(), Oficio.select().count())
    with pytest.raises(ErrorValidacion) as error:
        solicitar(nombre_completo="x" * 10_000, correo_alternativo="=HYPERLINK(\"http://x\")",
                  tipo=cuentas.APLICACION, aplicacion="")
    assert set(error.value.campos()) >= {"nombre_completo", "correo_alternativo", "aplicacion"}
    assert (SolicitudCuenta.select().count(), Oficio.select().count()) == antes
    with pytest.raises(ErrorPermiso):
        solicitar("consulta")


def test_crear_cuenta_guarda_solo_el_hash_y_encola_cifrado(demo):
    solicitud = solicitar().solicitud
    creada = cuentas.crear_cuenta(usuario("soporte"), solicitud)
    cuenta = Cuenta.get_by_id(creada.cuenta.id)
    assert cuenta.direccion == "valeria.ibarra@texmelucan.gob.mx" and cuenta.estado == cuentas.ACTIVA
    assert cuenta.hash_contrasena.startswith("$argon2id$")
    assert cuentas.verificar_contrasena(cuenta, creada.contrasena)
    assert not cuentas.verificar_contrasena(cuenta, creada.contrasena + "x")
    mensaje = MensajeCorreo.get_by_id(creada.mensaje_id)
    assert mensaje.destinatario == "valeria.ibarra@gmail.com" and mensaje.cifrado and mensaje.cuerpo == ""
    assert creada.contrasena not in mensaje.cuerpo_cifrado
    assert SolicitudCuenta.get_by_id(solicitud.id).estado == cuentas.ATENDIDA
    assert [m.accion for m in MovimientoCuenta.select().where(MovimientoCuenta.cuenta == cuenta)] == \
        ["Alta", "Credenciales en cola"]
    with pytest.raises(ErrorTransicion):
        cuentas.crear_cuenta(usuario("soporte"), solicitud)
    assert "contrasena" not in repr(creada)
    assert problemas_propios() == []


def test_nombre_elegido_a_mano_se_verifica(demo):
    solicitud = solicitar().solicitud
    with pytest.raises(ErrorValidacion, match="reservado"):
        cuentas.crear_cuenta(usuario("soporte"), solicitud, nombre_usuario="postmaster")
    creada = cuentas.crear_cuenta(usuario("soporte"), solicitud, nombre_usuario="valeria.ibarra.soto")
    assert creada.cuenta.nombre_usuario == "valeria.ibarra.soto"
    with pytest.raises(ErrorPermiso):
        cuentas.crear_cuenta(usuario("sistemas"), solicitar(numero_oficio="TM/9/2026").solicitud)


def _todo_el_texto_de_la_base() -> str:
    partes = []
    for modelo in TODOS:
        for fila in modelo.select().tuples():
            partes.append(" ".join(str(bytes(v)) if isinstance(v, (bytes, memoryview)) else str(v) for v in fila))
    return "\n".join(partes)


def test_ninguna_contrasena_en_claro_en_la_base(demo):
    """Flujo completo con SMTP real; luego se busca cada contraseña en todas las tablas y en la bitácora."""
    servidor = ServidorSmtp(puerto_libre())
    servidor.encender()
    try:
        configurar(servidor.puerto)
        creada = cuentas.crear_cuenta(usuario("soporte"), solicitar().solicitud)
        assert correo.procesar_cola(ids=[creada.mensaje_id]).enviados == 1
        nueva = cuentas.restablecer_en_persona(
            usuario("soporte"), Cuenta.get_by_id(creada.cuenta.id), persona_presente="Valeria Ibarra Soto",
            identificacion_tipo="Credencial para votar (INE)", identificacion_numero="MNORLC90031521M700")
    finally:
        servidor.apagar()
    recibido = servidor.buzon.recibidos[0][1]
    assert creada.contrasena in recibido.get_content()
    assert recibido["To"] == "valeria.ibarra@gmail.com"
    assert MensajeCorreo.get_by_id(creada.mensaje_id).cuerpo_cifrado == ""
    acciones = [m["accion"] for m in cuentas.historial(Cuenta.get_by_id(creada.cuenta.id))]
    assert acciones == ["Alta", "Credenciales en cola", "Credenciales enviadas", "Restablecimiento en persona"]
    assert problemas_propios() == []
    texto = _todo_el_texto_de_la_base()
    for clave in (creada.contrasena, nueva.contrasena):
        assert clave not in texto


def test_archivo_sqlite_no_contiene_la_contrasena(demo_sqlite):
    """Se leen los bytes del archivo SQLite (y su WAL) con el mensaje en cola y ya enviado."""
    servidor = ServidorSmtp(puerto_libre())
    configurar(servidor.puerto)
    creada = cuentas.crear_cuenta(usuario("soporte"), solicitar().solicitud)
    ruta = Path(base_datos.bd.obj.database)

    def bytes_de_la_base() -> bytes:
        base_datos.bd.obj.execute_sql("PRAGMA wal_checkpoint(FULL)")
        contenido = ruta.read_bytes()
        wal = ruta.with_name(ruta.name + "-wal")
        return contenido + (wal.read_bytes() if wal.exists() else b"")

    contenido = bytes_de_la_base()
    assert b"valeria.ibarra@gmail.com" in contenido, "la lectura sí ve los datos de la cuenta"
    for codificacion in ("utf-8", "utf-16-le"):
        assert creada.contrasena.encode(codificacion) not in contenido
    servidor.encender()
    try:
        assert correo.procesar_cola(ids=[creada.mensaje_id]).enviados == 1
    finally:
        servidor.apagar()
    assert creada.contrasena in servidor.buzon.recibidos[0][1].get_content()
    assert creada.contrasena.encode() not in bytes_de_la_base()


def test_restablecer_solo_en_persona_y_registrado(demo):
    creada = cuentas.crear_cuenta(usuario("soporte"), solicitar().solicitud)
    cuenta = Cuenta.get_by_id(creada.cuenta.id)
    with pytest.raises(ErrorValidacion) as error:
        cuentas.restablecer_en_persona(usuario("soporte"), cuenta, persona_presente="Otra Persona",
                                       identificacion_tipo="Pasaporte", identificacion_numero="")
    assert set(error.value.campos()) == {"persona_presente", "identificacion_numero"}
    nueva = cuentas.restablecer_en_persona(
        usuario("soporte"), cuenta, persona_presente="valeria ibarra soto", identificacion_tipo="Pasaporte",
        identificacion_numero="G12345678", identifico=usuario("asistente"))
    assert nueva.contrasena != creada.contrasena
    cuenta = Cuenta.get_by_id(cuenta.id)
    assert cuentas.verificar_contrasena(cuenta, nueva.contrasena)
    assert not cuentas.verificar_contrasena(cuenta, creada.contrasena)
    ultimo = cuentas.historial(cuenta)[-1]
    assert ultimo["accion"] == "Restablecimiento en persona"
    assert ultimo["identifico"] == "Karla Jiménez Ortega" and ultimo["identificacion_tipo"] == "Pasaporte"
    assert ultimo["identificacion_numero"] == "G12345678" and ultimo["usuario"] == "Héctor Pérez Moreno"
    assert MensajeCorreo.select().where(MensajeCorreo.cuenta == cuenta).count() == 1, \
        "el restablecimiento en persona no manda correo"
    with pytest.raises(ErrorConflicto):
        cuentas.restablecer_en_persona(usuario("soporte"), cuenta, persona_presente="Valeria Ibarra Soto",
                                       identificacion_tipo="Pasaporte", identificacion_numero="G1", version=1)


def test_bloquear_desbloquear_y_dar_de_baja_con_motivo(demo):
    creada = cuentas.crear_cuenta(usuario("soporte"), solicitar().solicitud)
    cuenta = Cuenta.get_by_id(creada.cuenta.id)
    with pytest.raises(ErrorValidacion):
        cuentas.bloquear(usuario("soporte"), cuenta, "   ")
    with pytest.raises(ErrorPermiso):
        cuentas.bloquear(usuario("asistente"), cuenta, "Envío masivo de publicidad")
    cuenta = cuentas.bloquear(usuario("soporte"), cuenta, "Envío masivo de publicidad no institucional")
    assert cuenta.estado == cuentas.BLOQUEADA and cuenta.motivo_estado.startswith("Envío masivo")
    with pytest.raises(ErrorTransicion):
        cuentas.restablecer_en_persona(usuario("soporte"), cuenta, persona_presente="Valeria Ibarra Soto",
                                       identificacion_tipo="Pasaporte", identificacion_numero="G1")
    cuenta = cuentas.desbloquear(usuario("director"), cuenta, "Compromiso firmado de uso adecuado")
    assert cuenta.estado == cuentas.ACTIVA
    cuenta = cuentas.dar_de_baja(usuario("soporte"), cuenta, "Reincidencia en mal uso")
    assert cuenta.estado == cuentas.BAJA
    with pytest.raises(ErrorTransicion):
        cuentas.desbloquear(usuario("soporte"), cuenta, "x")
    assert Cuenta.get_by_id(cuenta.id).motivo_estado == "Reincidencia en mal uso", "el registro se queda"
    acciones = [m["accion"] for m in cuentas.historial(cuenta)]
    assert acciones[-3:] == ["Bloqueo", "Desbloqueo", "Baja"]
    # El nombre de una cuenta dada de baja no se reutiliza.
    otra = solicitar(nombre_completo="Valeria Ibarra Ruiz", propuesta_1="valeria.ibarra", propuesta_2="vibarra",
                     numero_oficio="TM/0500/2026")
    assert otra.elegida == "vibarra"
    assert "dada de baja" in otra.solicitud.dictamen_propuestas
    assert problemas_propios() == []


def test_consultar_con_filtros_y_exportar_a_excel(demo, tmp_path):
    creada = cuentas.crear_cuenta(usuario("soporte"), solicitar().solicitud)
    app = solicitar(tipo=cuentas.APLICACION, aplicacion="Sistema de Catastro",
                    nombre_completo="=HYPERLINK(\"http://x\")", dependencia=dep("DC"), correo_alternativo="",
                    numero_oficio="DC/0099/2026").solicitud
    nueva, pendiente = f"c{creada.cuenta.id}", f"s{app.id}"

    def claves(**filtros) -> list[str]:
        return [f["clave"] for f in cuentas.consultar(**filtros)]

    todas = claves()
    assert nueva in todas and pendiente in todas
    assert [c[0] for c in todas] == sorted((c[0] for c in todas), reverse=True), "las solicitudes van primero"
    de_correo = cuentas.consultar(tipo=cuentas.CORREO)
    assert nueva in [f["clave"] for f in de_correo] and pendiente not in [f["clave"] for f in de_correo]
    assert {f["tipo"] for f in de_correo} == {cuentas.CORREO}
    incompletas = cuentas.consultar(estado=cuentas.INCOMPLETA)
    assert pendiente in [f["clave"] for f in incompletas] and {f["estado"] for f in incompletas} == {cuentas.INCOMPLETA}
    assert [f["usuario"] for f in cuentas.consultar(estado=cuentas.BLOQUEADA)] == ["diana.salazar@texmelucan.gob.mx"]
    assert [f["usuario"] for f in cuentas.consultar(dependencia_id=dep("DC").id)] == [
        "(propuestas: valeria.ibarra / vibarra)", "snavarro"]
    assert claves(busqueda="IBARRA SOTO") == [nueva]
    assert claves(busqueda="%") == []
    ruta = tmp_path / "cuentas.xlsx"
    assert cuentas.exportar_excel(usuario("asistente"), str(ruta), dependencia_id=dep("DC").id) == 2
    hoja = openpyxl.load_workbook(ruta).active
    encabezados = [c.value for c in hoja[1]]
    assert encabezados[:3] == ["Correo o aplicación", "Usuario o correo", "Nombre completo"]
    filas = list(hoja.iter_rows(min_row=2))
    assert filas[0][2].value == "=HYPERLINK(\"http://x\")" and filas[0][2].data_type == "s"
    assert filas[1][1].value == "snavarro" and filas[1][0].value == "Sistema de Catastro"
    assert isinstance(filas[1][6].value, dt.datetime) and filas[1][6].is_date
    with pytest.raises(ErrorPermiso):
        cuentas.exportar_excel(usuario("consulta"), str(tmp_path / "no.xlsx"))


def test_textos_hostiles_se_guardan_limpios_en_ambos_motores(demo):
    resultado = solicitar(nombre_completo="Ana\x00 Ló\u202epez 🙂 <img src=\"C:/x.png\">",
                          correo_alternativo="ana.lopez@example.com", propuesta_1="ana\x00.lopez",
                          propuesta_2="alopez%_", numero_oficio="TM/0601/2026")
    solicitud = SolicitudCuenta.get_by_id(resultado.solicitud.id)
    assert "\x00" not in solicitud.nombre_completo and "🙂" in solicitud.nombre_completo
    assert solicitud.propuesta_1 == "ana.lopez" and resultado.elegida == "ana.lopez"
    assert "2. alopez%_: solo admite" in solicitud.dictamen_propuestas
    assert [f["clave"] for f in cuentas.consultar(busqueda="pez%_")] == [f"s{solicitud.id}"], "% y _ son literales"
    assert cuentas.consultar(busqueda="a%z") == []


def test_cancelar_solicitud(demo):
    solicitud = solicitar().solicitud
    with pytest.raises(ErrorValidacion):
        cuentas.cancelar_solicitud(usuario("soporte"), solicitud, " ")
    with pytest.raises(ErrorPermiso):
        cuentas.cancelar_solicitud(usuario("asistente"), solicitud, "Duplicada")
    cuentas.cancelar_solicitud(usuario("soporte"), solicitud, "Duplicada del oficio TM/0414/2026")
    with pytest.raises(ErrorTransicion):
        cuentas.crear_cuenta(usuario("soporte"), SolicitudCuenta.get_by_id(solicitud.id))
    assert f"s{solicitud.id}" not in [f["clave"] for f in cuentas.consultar()]
    assert problemas_propios() == []
