"""Licencias de software (procedimiento 10): clave cifrada, asignaciones, flujo de decisión, informe."""
from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import openpyxl
import pypdfium2 as pdfium
import pytest

from app.base_datos import bd as conexion_bd, es_postgres
from app.modelos import AsignacionLicencia, Licencia, Oficio, Software, SolicitudSoftware, Tramite
from app.documentos.licencias_informe import informe_excel, informe_pdf
from app.servicios.nucleo import bitacora
from app.servicios.catalogos import catalogos
from app.servicios.licencias import licencias
from app.servicios.oficios import oficios
from app.errores import ErrorPermiso, ErrorValidacion
from app.tiempo import hoy_mexico
from tests.ayudas_dictamenes import crear_bien
from tests.conftest import hace_dias, usuario

CLAVE = "VK7JG-NPHTM-C97JM-9MPGT-3V66T"


@pytest.fixture
def base(bd, monkeypatch):
    """Demostración general sin la de dictámenes y licencias: cada prueba arma sus propios datos."""
    from app.demo import carga as demo, dictamenes_licencias as demo_dictamenes_licencias

    monkeypatch.setattr(demo_dictamenes_licencias, "cargar", lambda *_a: {})
    demo.cargar_demo()
    return bd


def _software(nombre: str = "Windows 11 Pro", **datos):
    existente = Software.get_or_none(Software.nombre == nombre)
    if existente is not None:
        return existente
    return licencias.guardar_software(usuario("soporte"), nombre=nombre, fabricante=datos.pop("fabricante", "Microsoft"),
                                      **datos)


def _licencia(software=None, **datos):
    valores = dict(tipo=licencias.OEM, asientos=1, clave=CLAVE, descripcion="OEM preinstalada",
                   costo=Decimal("3899.00"), proveedor=catalogos.proveedores()[0],
                   cfdi_uuid="6f1a2b3c-4d5e-6f70-8192-a3b4c5d6e7f8")
    valores.update(datos)
    return licencias.registrar_licencia(usuario("soporte"), software=software or _software(), **valores)


def _volcado_pg() -> bytes:
    conexion = conexion_bd.connection()
    salida = io.BytesIO()
    with conexion.cursor() as cursor:
        for tabla in ("licencia", "bitacora"):
            cursor.copy_expert(f"COPY {tabla} TO STDOUT", salida)
    return salida.getvalue()


def _bytes_sqlite() -> bytes:
    ruta = Path(conexion_bd.database)
    conexion_bd.execute_sql("PRAGMA wal_checkpoint(FULL)")
    partes = [ruta.read_bytes()]
    for sufijo in ("-wal", "-journal"):
        otro = ruta.with_name(ruta.name + sufijo)
        if otro.exists():
            partes.append(otro.read_bytes())
    return b"".join(partes)


def test_la_clave_no_se_lee_en_claro_en_la_base(base):
    licencia = _licencia()
    otra = _licencia(descripcion="Segunda OEM", clave="ABCDE-12345-FGHIJ-67890-KLMNO")
    licencias.ver_clave(usuario("director"), licencia)   # consultarla tampoco la deja en la bitácora
    licencias.registrar_licencia(usuario("soporte"), software=otra.software, tipo=licencias.OEM, clave=None,
                                 descripcion="editada", licencia=otra, version=otra.version)
    contenido = _volcado_pg() if es_postgres() else _bytes_sqlite()
    assert b"OEM preinstalada" in contenido          # la prueba sí ve lo que hay en la base
    for clave in (CLAVE, "ABCDE-12345-FGHIJ-67890-KLMNO"):
        for forma in (clave, clave.replace("-", ""), clave.lower()):
            assert forma.encode() not in contenido
            assert forma.encode("utf-16-le") not in contenido
    guardada = Licencia.get_by_id(licencia.id)
    assert guardada.clave_cifrada.startswith("v1:")
    assert guardada.clave_mascara == "•••••-•••••-•••••-•••••-3V66T"


def test_ver_clave_con_permiso_y_queda_en_bitacora(base):
    licencia = _licencia()
    assert licencias.ver_clave(usuario("director"), licencia) == CLAVE
    assert licencias.ver_clave(usuario("soporte"), licencia) == CLAVE
    for rol in ("asistente", "consulta", "redes"):
        with pytest.raises(ErrorPermiso):
            licencias.ver_clave(usuario(rol), licencia)
    acciones = [(e["accion"], e["usuario"]) for e in bitacora.historial("licencia", licencia.id)]
    assert acciones.count(("consulta de clave de licencia", "director")) == 1
    assert acciones.count(("consulta de clave de licencia", "soporte")) == 1
    assert not bitacora.verificar()


def test_editar_sin_clave_la_conserva(base):
    licencia = _licencia()
    editada = licencias.registrar_licencia(usuario("soporte"), software=licencia.software, tipo=licencias.OEM,
                                           clave=None, descripcion="Equipo de la caja 1", licencia=licencia,
                                           version=licencia.version)
    assert licencias.ver_clave(usuario("director"), editada) == CLAVE


@pytest.mark.parametrize("campo,cambios", [
    ("costo", {"costo": "NaN"}),
    ("costo", {"costo": "Infinity"}),
    ("costo", {"costo": "-5"}),
    ("costo", {"tipo": licencias.LIBRE, "costo": "10"}),
    ("tipo", {"tipo": "pirata"}),
    ("asientos", {"asientos": 0}),
    ("vigencia_fin", {"tipo": licencias.SUSCRIPCION, "vigencia_fin": None}),
    ("vigencia_fin", {"vigencia_inicio": dt.date(2026, 5, 1), "vigencia_fin": dt.date(2026, 1, 1)}),
    ("cfdi_uuid", {"cfdi_uuid": "no-es-un-uuid"}),
])
def test_datos_malos_no_escriben_nada(base, campo, cambios):
    software = _software()
    antes = Licencia.select().count()
    with pytest.raises(ErrorValidacion) as error:
        _licencia(software, **cambios)
    assert campo in error.value.campos()
    assert Licencia.select().count() == antes


def test_cfdi_archivo_se_guarda_y_se_rechaza_lo_que_no_es(base, tmp_path):
    xml = tmp_path / "factura.xml"
    xml.write_bytes(b'\xef\xbb\xbf<?xml version="1.0" encoding="UTF-8"?><cfdi:Comprobante/>')
    licencia = _licencia(cfdi_archivo=xml)
    assert licencias.archivo_cfdi(Licencia.get_by_id(licencia.id)) == ("factura.xml", xml.read_bytes())
    falso = tmp_path / "foto.jpg"
    falso.write_bytes(b"\xff\xd8\xff\xe0JFIF")
    with pytest.raises(ErrorValidacion, match="no es el XML ni el PDF"):
        _licencia(cfdi_archivo=falso)


def test_asientos_sobreasignacion_y_baja_de_asignacion(base):
    licencia = _licencia(tipo=licencias.VOLUMEN, asientos=2, descripcion="Antivirus 2 equipos", clave="")
    b1, b2, b3 = crear_bien("SMT-TIC-00801"), crear_bien("SMT-TIC-00802"), crear_bien("SMT-TIC-00803")
    soporte = usuario("asistente")
    licencias.asignar(soporte, licencia, bien=b1)
    with pytest.raises(ErrorValidacion, match="ya está asignada"):
        licencias.asignar(soporte, licencia, bien=b1)
    licencias.asignar(soporte, licencia, servidor=catalogos.servidor_por_nombre("Ricardo Flores Aguilar"))
    with pytest.raises(ErrorValidacion, match="ocupa sus 2 asiento"):
        licencias.asignar(soporte, licencia, bien=b2)
    with pytest.raises(ErrorValidacion, match="uno de los dos"):
        licencias.asignar(soporte, licencia, bien=b2, servidor=catalogos.servidor_por_nombre("Ricardo Flores Aguilar"))
    exceso = licencias.asignar(soporte, licencia, bien=b3, permitir_exceso=True)
    fila = licencias.consultar_licencias(busqueda="antivirus")[0]
    assert (fila["asignados"], fila["sobreasignada"]) == (3, True)
    assert "Sobreasignada (3 de 2)" in fila["alertas"]
    assert [f["id"] for f in licencias.consultar_licencias(alerta="sobreasignada")] == [licencia.id]
    licencias.quitar_asignacion(soporte, exceso, "Se desinstaló al formatear el equipo.")
    fila = licencias.consultar_licencias(busqueda="antivirus")[0]
    assert (fila["asignados"], fila["sobreasignada"], fila["disponibles"]) == (2, False, 0)
    # La asignación no se borra: queda dada de baja con su motivo.
    guardada = AsignacionLicencia.get_by_id(exceso.id)
    assert not guardada.activa and guardada.motivo_baja.startswith("Se desinstaló")
    assert len(licencias.asignaciones(licencia.id, activas=False)) == 3
    assert [a["software"] for a in licencias.asignaciones_de_bien(b1.id)] == ["Windows 11 Pro"]
    assert not bitacora.verificar()


def test_vencimientos_configurables(base, monkeypatch, tmp_path):
    from app.servicios.nucleo import secretos

    # Otra carpeta de datos, con la llave de la instalación copiada (si no, la base rehúsa escribir).
    monkeypatch.setenv(secretos.VARIABLE_LLAVE, secretos._fuente(crear=True)[0])
    monkeypatch.setenv("DTI_DATOS", str(tmp_path))
    hoy = hoy_mexico()
    software = _software("Microsoft 365 Empresa Estándar")
    pronto = _licencia(software, tipo=licencias.SUSCRIPCION, asientos=10, clave="", descripcion="vence pronto",
                       vigencia_inicio=hoy - dt.timedelta(days=300), vigencia_fin=hoy + dt.timedelta(days=20))
    lejos = _licencia(software, tipo=licencias.SUSCRIPCION, asientos=10, clave="", descripcion="vence lejos",
                      vigencia_inicio=hoy, vigencia_fin=hoy + dt.timedelta(days=45))
    vencida = _licencia(software, tipo=licencias.SUSCRIPCION, asientos=10, clave="", descripcion="ya vencida",
                        vigencia_inicio=hoy - dt.timedelta(days=400), vigencia_fin=hoy - dt.timedelta(days=1))
    assert licencias.dias_aviso() == 30
    assert {f["id"] for f in licencias.consultar_licencias(alerta="por_vencer")} == {pronto.id}
    licencias.fijar_dias_aviso(60)
    assert licencias.dias_aviso() == 60
    assert {f["id"] for f in licencias.consultar_licencias(alerta="por_vencer")} == {pronto.id, lejos.id}
    assert {f["id"] for f in licencias.consultar_licencias(alerta="vencida")} == {vencida.id}
    with pytest.raises(ErrorValidacion):
        licencias.fijar_dias_aviso(0)
    with pytest.raises(ErrorValidacion, match="venció"):
        licencias.asignar(usuario("soporte"), vencida, bien=crear_bien())
    # La disponible es la vigente que vence primero.
    assert licencias.licencia_disponible(software).id == pronto.id


def _peticion(numero: str, descripcion: str) -> Oficio:
    return oficios.registrar_oficio_entrante(
        usuario("asistente"), numero_oficio=numero, fecha_documento=hace_dias(3),
        procedencia=catalogos.dependencia_por_nombre("Secretaría de Obras Públicas"),
        solicitante_nombre="Ing. Arturo Vélez", firmado=True, descripcion=descripcion)


def test_flujo_de_decision_del_manual(base):
    soporte = usuario("soporte")
    windows = _software()
    licencia = _licencia(windows)
    bien = crear_bien()
    # Sí hay licencia → se asigna (actividad 4).
    s1 = licencias.atender_solicitud(soporte, software=windows, oficio=_peticion("SOP/1/2026", "Windows"),
                                     bien=bien)
    assert s1.decision == licencias.ASIGNADA and s1.asignacion.licencia_id == licencia.id
    # No hay (el único asiento se ocupó) y es necesaria → trámite de adquisición (actividad 5).
    peticion = _peticion("SOP/2/2026", "Licencia de AutoCAD para el proyecto del mercado.")
    autocad = _software("AutoCAD LT 2026", fabricante="Autodesk", alternativa_libre="LibreCAD")
    s2 = licencias.atender_solicitud(soporte, software=autocad, oficio=peticion, adquirir=True,
                                     justificacion="Los planos llegan en DWG.")
    tramite = Tramite.get_by_id(s2.tramite_id)
    assert s2.decision == licencias.ADQUISICION
    assert tramite.procedimiento == licencias.PROCEDIMIENTO_ADQUISICION
    assert "AutoCAD LT 2026" in tramite.asunto and tramite.oficio_entrada_id == peticion.id
    # No es necesaria → alternativa libre del catálogo (actividad 6).
    s3 = licencias.atender_solicitud(soporte, software=autocad, oficio=_peticion("SOP/3/2026", "AutoCAD"))
    assert (s3.decision, s3.alternativa) == (licencias.ALTERNATIVA_LIBRE, "LibreCAD")
    # Software fuera del catálogo sin alternativa → error claro, nada escrito.
    antes = SolicitudSoftware.select().count()
    with pytest.raises(ErrorValidacion, match="alternativa de uso libre"):
        licencias.atender_solicitud(soporte, software_texto="Photoshop")
    assert SolicitudSoftware.select().count() == antes
    assert [f["decision"] for f in licencias.solicitudes()] == [licencias.ALTERNATIVA_LIBRE, licencias.ADQUISICION,
                                                                 licencias.ASIGNADA]


def test_permisos_de_licencias(base):
    with pytest.raises(ErrorPermiso):
        licencias.guardar_software(usuario("asistente"), nombre="Notepad++")
    licencia = _licencia()
    with pytest.raises(ErrorPermiso):
        licencias.asignar(usuario("consulta"), licencia, bien=crear_bien())
    with pytest.raises(ErrorPermiso):
        licencias.registrar_licencia(usuario("sistemas"), software=licencia.software, tipo=licencias.OEM)


def test_nombre_de_software_repetido_sin_acentos(base):
    _software("Antivirus ESET Protect")
    with pytest.raises(ErrorValidacion, match="Ya existe"):
        licencias.guardar_software(usuario("soporte"), nombre="antivirus eset  protect")
    with pytest.raises(ErrorValidacion, match="Ya existe"):
        licencias.guardar_software(usuario("soporte"), nombre="Antivirus ÉSET Protect")


def test_informe_de_cumplimiento_excel_y_pdf(base):
    hoy = hoy_mexico()
    _licencia()
    peligrosa = _software("=HYPERLINK(\"http://x\",\"clic\")", fabricante="+1+1")
    _licencia(peligrosa, tipo=licencias.SUSCRIPCION, asientos=5, clave="", descripcion="@SUM(1,1)\x0b",
              vigencia_inicio=hoy - dt.timedelta(days=10), vigencia_fin=hoy + dt.timedelta(days=5),
              costo=Decimal("12500.50"))
    informe = licencias.informe_cumplimiento()
    assert informe["resumen"]["por_vencer"] == 1
    assert informe["resumen"]["costo_total"] == Decimal("16399.50")
    libro = openpyxl.load_workbook(io.BytesIO(informe_excel(informe, "H. Ayuntamiento")))
    hoja = libro["Licencias"]
    filas = list(hoja.iter_rows(values_only=True))
    encabezado = filas.index(tuple(c for c in filas[5]))
    assert filas[encabezado][0] == "Software"
    datos = {f[0]: f for f in filas[encabezado + 1:]}
    fila = datos['=HYPERLINK("http://x","clic")']
    assert hoja.cell(row=encabezado + 1 + 1 + list(datos).index(fila[0]), column=1).data_type == "s"
    assert fila[1] == "+1+1" and fila[3] == "@SUM(1,1)"
    assert isinstance(fila[9], dt.datetime) and fila[9].date() == hoy + dt.timedelta(days=5)
    assert fila[11] == pytest.approx(12500.50)
    assert "Vence en 5 día(s)" in fila[14]
    assert datos["Windows 11 Pro"][4] == "•••••-•••••-•••••-•••••-3V66T"
    resumen = {f[0]: f[1] for f in libro["Resumen"].iter_rows(values_only=True)}
    assert resumen["Costo total"] == pytest.approx(16399.50)
    texto = "\n".join(p.get_textpage().get_text_range() for p in pdfium.PdfDocument(informe_pdf(informe, "H. Ayto")))
    assert "Informe de cumplimiento de licencias" in texto and "Vence en 5" in texto and "3V66T" in texto
    assert CLAVE not in texto


def test_dos_pc_editan_la_misma_licencia(base):
    from app.errores import ErrorConflicto

    licencia = _licencia()
    otra_pc = Licencia.get_by_id(licencia.id)
    licencias.registrar_licencia(usuario("soporte"), software=licencia.software, tipo=licencias.OEM, asientos=1,
                                 descripcion="Primera PC", licencia=licencia, version=licencia.version)
    with pytest.raises(ErrorConflicto):
        licencias.registrar_licencia(usuario("director"), software=otra_pc.software, tipo=licencias.OEM,
                                     descripcion="Segunda PC", licencia=otra_pc, version=otra_pc.version)
    assert Licencia.get_by_id(licencia.id).descripcion == "Primera PC"
