"""Mantenimientos (procedimientos 7, 8 y 12) por los servicios, en SQLite y PostgreSQL."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pypdfium2 as pdfium
import pytest

from app.modelos import BitacoraServidor, ContadorFolio, Mantenimiento, Oficio
from app.servicios.nucleo import bitacora
from app.servicios.catalogos import catalogos
from app.servicios.mantenimiento import (avisos as mantenimiento_avisos, mantenimiento,
                                         recurrencia, servidores)
from app.servicios.oficios import oficios
from app.errores import ErrorPermiso, ErrorTransicion, ErrorValidacion
from tests.conftest import usuario

D = dt.date
H = dt.datetime


@pytest.fixture(autouse=True)
def reloj(monkeypatch):
    """Hoy es el viernes 20 de noviembre de 2026, 10:00 (hora de México)."""
    monkeypatch.setenv("DTI_AHORA", "2026-11-20T10:00:00")


def texto_pdf(contenido: bytes) -> str:
    documento = pdfium.PdfDocument(contenido)
    return "\n".join(documento[i].get_textpage().get_text_range() for i in range(len(documento)))


def _dep(siglas: str):
    return next(d for d in catalogos.dependencias() if d.siglas == siglas)


def equipo(nombre: str, tipo: str, *siglas: str):
    return mantenimiento.guardar_dispositivo(usuario("director"), nombre, tipo, ubicacion="Site de Tesorería",
                                             dependencias=[_dep(s) for s in siglas])


# --- Recurrencia (cálculo puro) ------------------------------------------------------------------

def test_recurrencia_mensual_respeta_el_fin_de_mes():
    fechas = recurrencia.fechas(D(2027, 1, 31), 1, recurrencia.MESES, cantidad=5)
    assert fechas == [D(2027, 1, 31), D(2027, 2, 28), D(2027, 3, 31), D(2027, 4, 30), D(2027, 5, 31)]
    # Año bisiesto: el 29 de febrero existe.
    assert recurrencia.fechas(D(2028, 1, 31), 1, recurrencia.MESES, cantidad=2)[1] == D(2028, 2, 29)
    # Cada 3 meses desde el 30 de noviembre: no se «encoge» al pasar por febrero.
    assert recurrencia.fechas(D(2026, 11, 30), 3, recurrencia.MESES, cantidad=4) == [
        D(2026, 11, 30), D(2027, 2, 28), D(2027, 5, 30), D(2027, 8, 30)]
    # Cambio de año con meses.
    assert recurrencia.sumar_meses(D(2026, 12, 15), 2) == D(2027, 2, 15)


def test_recurrencia_en_dias_y_semanas_con_ventana_y_fin_de_plan():
    assert recurrencia.fechas(D(2026, 12, 1), 2, recurrencia.SEMANAS, desde=D(2026, 12, 10),
                              hasta=D(2027, 1, 10)) == [D(2026, 12, 15), D(2026, 12, 29)]
    assert recurrencia.fechas(D(2026, 12, 30), 10, recurrencia.DIAS, cantidad=3) == [
        D(2026, 12, 30), D(2027, 1, 9), D(2027, 1, 19)]
    assert recurrencia.fechas(D(2026, 12, 1), 1, recurrencia.MESES, cantidad=10, fin_plan=D(2027, 2, 1)) == [
        D(2026, 12, 1), D(2027, 1, 1), D(2027, 2, 1)]
    assert recurrencia.describir(3, recurrencia.MESES) == "Cada 3 meses"
    assert recurrencia.describir(1, recurrencia.SEMANAS) == "Cada semana"
    with pytest.raises(ValueError):
        recurrencia.fechas(D(2026, 12, 1), 0, recurrencia.DIAS, cantidad=1)


# --- Planes preventivos ----------------------------------------------------------------------------

def test_el_plan_genera_sus_fechas_una_sola_vez(demo):
    director = usuario("director")
    switch = equipo("Switch núcleo de pruebas", "switch", "PM", "SGA")
    plan = mantenimiento.guardar_plan(director, switch, 1, recurrencia.MESES, D(2027, 1, 31), "09:30",
                                      duracion_min=90, actividades="Limpieza y revisión de puertos")
    assert mantenimiento.proximas_fechas(plan, 3) == [D(2027, 1, 31), D(2027, 2, 28), D(2027, 3, 31)]
    creados = mantenimiento.generar_preventivos(director, D(2027, 5, 31), plan=plan)
    assert [m.inicio for m in creados] == [H(2027, 1, 31, 9, 30), H(2027, 2, 28, 9, 30), H(2027, 3, 31, 9, 30),
                                           H(2027, 4, 30, 9, 30), H(2027, 5, 31, 9, 30)]
    assert all(m.fin - m.inicio == dt.timedelta(minutes=90) for m in creados)
    assert all(m.procedimiento == 7 and m.clase == mantenimiento.PREVENTIVO for m in creados)
    assert [d.siglas for d in mantenimiento.dependencias_de(creados[0].dependencias)] == ["PM", "SGA"]
    assert creados[0].numero.startswith("MTO-2026-")
    # Volver a generar no repite fechas.
    assert mantenimiento.generar_preventivos(director, D(2027, 5, 31), plan=plan) == []


def test_plan_invalido_no_escribe_nada(demo):
    director = usuario("director")
    switch = equipo("Switch de pruebas 2", "switch")
    antes = Mantenimiento.select().count()
    with pytest.raises(ErrorValidacion) as error:
        mantenimiento.guardar_plan(director, switch, 0, recurrencia.MESES, D(2027, 1, 1), "25:99")
    assert set(error.value.campos()) >= {"cada", "hora"}
    with pytest.raises(ErrorValidacion):
        mantenimiento.guardar_plan(director, switch, 1, "quincenas", D(2027, 1, 1), "09:00")
    # Un plan de servidor de datos en horario laboral se rechaza desde el plan.
    datos = equipo("Servidor de datos de pruebas", "servidor_datos", "TM")
    with pytest.raises(ErrorValidacion, match="horario laboral"):
        mantenimiento.guardar_plan(director, datos, 1, recurrencia.MESES, D(2027, 1, 1), "15:00",
                                   duracion_min=120)
    mantenimiento.guardar_plan(director, datos, 1, recurrencia.MESES, D(2027, 1, 1), "20:00", duracion_min=180)
    assert Mantenimiento.select().count() == antes


# --- Procedimiento 8: fuera del horario laboral -----------------------------------------------------

def test_servidor_de_datos_a_las_11_de_un_dia_habil_se_rechaza_con_razon(demo):
    soporte, director = usuario("soporte"), usuario("director")
    servidor = equipo("SRV-PRUEBA-BD", "servidor_datos", "TM", "DI")
    antes = (Mantenimiento.select().count(), BitacoraServidor.select().count(),
             mantenimiento_folios_usados())
    with pytest.raises(ErrorValidacion) as error:
        mantenimiento.programar(soporte, dispositivo=servidor, inicio=H(2026, 12, 3, 11, 0), duracion_min=120,
                                procedimiento=8, clase=mantenimiento.PREVENTIVO,
                                descripcion="Actualización de SQL Server")
    assert error.value.campos() == ["inicio"]
    assert ("Las 11:00 del jueves 3 de diciembre es horario laboral (lunes a viernes 08:00–16:00): "
            "el mantenimiento de servidores de datos se programa fuera de él.") in error.value.mensaje
    assert "Solo el director puede autorizar" in error.value.mensaje
    # El jefe de soporte no puede autorizarse a sí mismo.
    with pytest.raises(ErrorPermiso, match="Solo el director"):
        mantenimiento.programar(soporte, dispositivo=servidor, inicio=H(2026, 12, 3, 11, 0), duracion_min=120,
                                procedimiento=8, clase=mantenimiento.PREVENTIVO, autorizar_motivo="Urgente")
    assert (Mantenimiento.select().count(), BitacoraServidor.select().count(),
            mantenimiento_folios_usados()) == antes

    # Con autorización del director se acepta y queda registrado en la bitácora del servidor.
    aceptado = mantenimiento.programar(
        director, dispositivo=servidor, inicio=H(2026, 12, 3, 11, 0), duracion_min=120, procedimiento=8,
        clase=mantenimiento.CORRECTIVO, descripcion="Parche crítico de seguridad del motor de base de datos",
        autorizar_motivo="Vulnerabilidad crítica publicada por el fabricante; no puede esperar a la noche.")
    aceptado = mantenimiento.obtener(aceptado.id)
    assert aceptado.autorizado_por.nombre_usuario == "director"
    assert "Vulnerabilidad crítica" in aceptado.motivo_autorizacion
    entradas = servidores.consultar_bitacora(dispositivo=servidor)
    assert [e["tipo"] for e in entradas] == [servidores.AUTORIZACION, servidores.PROGRAMACION]
    assert "Vulnerabilidad crítica" in entradas[0]["descripcion"]
    assert entradas[0]["mantenimiento"] == aceptado.numero


def mantenimiento_folios_usados() -> int:
    return sum(c.ultimo for c in ContadorFolio.select().where(ContadorFolio.serie == mantenimiento.SERIE))


def test_servidor_de_datos_fuera_de_horario_se_acepta_y_el_que_cruza_se_rechaza(demo):
    soporte = usuario("soporte")
    servidor = equipo("SRV-PRUEBA-BD2", "servidor_datos", "TM")
    noche = mantenimiento.programar(soporte, dispositivo=servidor, inicio=H(2026, 12, 3, 21, 0), duracion_min=180,
                                    procedimiento=8, clase=mantenimiento.PREVENTIVO)
    assert noche.autorizado_por is None and noche.motivo_autorizacion == ""
    # Sábado a mediodía: fuera del horario laboral.
    mantenimiento.programar(soporte, dispositivo=servidor, inicio=H(2026, 12, 5, 11, 0), duracion_min=60,
                            procedimiento=8, clase=mantenimiento.PREVENTIVO)
    with pytest.raises(ErrorValidacion, match="De las 07:00 del jueves 3 de diciembre a las 09:00 .* se cruza"):
        mantenimiento.programar(soporte, dispositivo=servidor, inicio=H(2026, 12, 3, 7, 0), duracion_min=120,
                                procedimiento=8, clase=mantenimiento.PREVENTIVO)
    # Sin áreas que usen el servidor no se puede calendarizar.
    with pytest.raises(ErrorValidacion, match="áreas que lo usan"):
        mantenimiento.programar(soporte, dispositivo=servidor, inicio=H(2026, 12, 8, 21, 0), duracion_min=60,
                                procedimiento=8, clase=mantenimiento.PREVENTIVO, dependencias=[])
    # El procedimiento 8 solo atiende servidores de datos.
    switch = equipo("Switch de pruebas 3", "switch")
    with pytest.raises(ErrorValidacion, match="no corresponde al procedimiento 8"):
        mantenimiento.programar(soporte, dispositivo=switch, inicio=H(2026, 12, 8, 21, 0), duracion_min=60,
                                procedimiento=8, clase=mantenimiento.PREVENTIVO, dependencias=[_dep("TM")])


def test_el_horario_configurado_cambia_la_regla(demo):
    from app.servicios.nucleo import calendario_laboral

    director = usuario("director")
    calendario_laboral.guardar_horario(director, "09:00", "17:00", {0, 1, 2, 3, 4})
    razon = servidores.razon_horario_laboral(H(2026, 12, 3, 16, 30), H(2026, 12, 3, 16, 45))
    assert razon is not None and "(lunes a viernes 09:00–17:00)" in razon
    assert servidores.razon_horario_laboral(H(2026, 12, 3, 8, 0), H(2026, 12, 3, 8, 50)) is None
    # Un día inhábil (25 de diciembre, viernes) no es horario laboral.
    assert servidores.razon_horario_laboral(H(2026, 12, 25, 11, 0), H(2026, 12, 25, 13, 0)) is None


# --- Procedimiento 7: el correctivo desplaza al preventivo -------------------------------------------

def test_el_correctivo_desplaza_al_preventivo_del_mismo_equipo_y_dia(demo):
    soporte = usuario("soporte")
    conmutador = equipo("Conmutador de pruebas", "conmutador", "PM")
    otro = equipo("Switch de pruebas 4", "switch", "PM")
    preventivo = mantenimiento.programar(soporte, dispositivo=conmutador, inicio=H(2026, 12, 4, 10, 0),
                                         duracion_min=120, procedimiento=7, clase=mantenimiento.PREVENTIVO)
    ajeno = mantenimiento.programar(soporte, dispositivo=otro, inicio=H(2026, 12, 4, 10, 0), duracion_min=60,
                                    procedimiento=7, clase=mantenimiento.PREVENTIVO)
    correctivo = mantenimiento.programar(soporte, dispositivo=conmutador, inicio=H(2026, 12, 4, 17, 0),
                                         duracion_min=60, procedimiento=7, clase=mantenimiento.CORRECTIVO,
                                         descripcion="Tarjeta de troncales dañada")
    preventivo = mantenimiento.obtener(preventivo.id)
    # Viernes 4 → lunes 7 (el fin de semana no es día hábil), misma hora.
    assert preventivo.inicio == H(2026, 12, 7, 10, 0) and preventivo.fin == H(2026, 12, 7, 12, 0)
    assert preventivo.reprogramado_desde == H(2026, 12, 4, 10, 0)
    assert correctivo.numero in preventivo.nota_reprogramacion
    assert "prioridad" in preventivo.nota_reprogramacion
    assert any(e["tipo"] == servidores.REPROGRAMACION for e in mantenimiento.eventos(preventivo))
    assert mantenimiento.obtener(ajeno.id).inicio == H(2026, 12, 4, 10, 0)   # otro equipo: no se mueve

    # Un preventivo nuevo que cae el día de un correctivo se desplaza en ese momento,
    # y no al lunes 7 (ya ocupado) sino al martes 8.
    tarde = mantenimiento.programar(soporte, dispositivo=conmutador, inicio=H(2026, 12, 4, 8, 0),
                                    duracion_min=30, procedimiento=7, clase=mantenimiento.PREVENTIVO)
    assert mantenimiento.obtener(tarde.id).inicio == H(2026, 12, 8, 8, 0)


def test_ciclo_del_procedimiento_7_con_aviso_verificacion_y_ajustes(demo):
    soporte, director = usuario("soporte"), usuario("director")
    nvr = equipo("NVR de pruebas", "video", "SSPTM", "PM")
    m = mantenimiento.programar(soporte, dispositivo=nvr, inicio=H(2026, 12, 3, 18, 0), duracion_min=120,
                                procedimiento=7, clase=mantenimiento.PREVENTIVO,
                                descripcion="Limpieza de discos y actualización de firmware")
    assert "Avisar por oficio" in mantenimiento.siguiente_paso(m)
    with pytest.raises(ErrorTransicion, match="paso 5 del procedimiento 7"):
        mantenimiento.registrar_realizacion(soporte, m)
    # El asistente no emite oficios.
    with pytest.raises(ErrorPermiso):
        mantenimiento_avisos.emitir_avisos(usuario("asistente"), m)

    emitidos = mantenimiento_avisos.emitir_avisos(director, m)
    assert [o.destinatario_dependencia for o in emitidos] == [
        "Secretaría de Seguridad Pública y Tránsito Municipal", "Presidencia Municipal"]
    assert emitidos[0].destinatario_nombre == "Fernando Ríos Salazar"
    assert len({o.folio for o in emitidos}) == 2
    texto = texto_pdf(oficios.pdf_de_oficio(emitidos[0]))
    assert emitidos[0].folio in texto
    assert "jueves 3 de diciembre de 2026" in texto and "18:00" in texto and m.numero in texto
    assert mantenimiento.obtener(m.id).aviso_vigente
    assert all(a["vigente"] for a in mantenimiento_avisos.avisos_de(m))

    m = mantenimiento.registrar_realizacion(soporte, mantenimiento.obtener(m.id), "Se limpiaron los discos.")
    assert m.estado == mantenimiento.POR_VERIFICAR
    assert "¿Funcionan correctamente" in mantenimiento.siguiente_paso(m)
    with pytest.raises(ErrorValidacion, match="Resultado de la verificación"):
        mantenimiento.registrar_verificacion(soporte, m, correcto=False, nota="  ")
    m = mantenimiento.registrar_verificacion(soporte, m, correcto=False, nota="La cámara 4 no graba.")
    assert m.estado == mantenimiento.EN_AJUSTES and "7.1" in mantenimiento.siguiente_paso(m)
    with pytest.raises(ErrorTransicion):
        mantenimiento.registrar_verificacion(soporte, m, correcto=True)
    m = mantenimiento.registrar_ajustes(soporte, m, "Se reasignó el canal de la cámara 4.")
    m = mantenimiento.registrar_verificacion(soporte, m, correcto=True, nota="Todas las cámaras graban.")
    assert m.estado == mantenimiento.CONCLUIDO and m.verificaciones == 2 and m.concluido_en is not None
    assert "Finaliza" in mantenimiento.siguiente_paso(m)
    tipos = [e["tipo"] for e in mantenimiento.eventos(m)]
    assert tipos == ["programacion", "aviso", "realizacion", "verificacion", "ajuste", "verificacion"]
    with pytest.raises(ErrorTransicion):
        mantenimiento.cancelar(director, m, "Ya no se necesita")
    assert bitacora.verificar() == []


def test_reprogramar_invalida_el_aviso_y_cancelar_pide_motivo(demo):
    soporte, director = usuario("soporte"), usuario("director")
    enlace = equipo("Enlace de pruebas", "enlace", "TM")
    m = mantenimiento.programar(soporte, dispositivo=enlace, inicio=H(2026, 12, 9, 18, 0), duracion_min=60,
                                procedimiento=7, clase=mantenimiento.PREVENTIVO)
    mantenimiento_avisos.emitir_avisos(director, m)
    with pytest.raises(ErrorValidacion, match="Motivo"):
        mantenimiento.reprogramar(soporte, mantenimiento.obtener(m.id), H(2026, 12, 10, 18, 0), "")
    m = mantenimiento.reprogramar(soporte, mantenimiento.obtener(m.id), H(2026, 12, 10, 18, 0),
                                  "El proveedor del enlace cambió su visita.")
    assert m.inicio == H(2026, 12, 10, 18, 0) and not m.aviso_vigente
    assert [a["vigente"] for a in mantenimiento_avisos.avisos_de(m)] == [False]
    with pytest.raises(ErrorValidacion):
        mantenimiento.cancelar(director, m, "")
    m = mantenimiento.cancelar(director, m, "Se sustituyó el enlace.")
    assert m.estado == mantenimiento.CANCELADO
    assert m.id not in [f["id"] for f in mantenimiento.consultar(incluir_cancelados=False)]


def test_dos_pc_no_se_pisan(demo):
    from app.errores import ErrorConflicto

    soporte = usuario("soporte")
    switch = equipo("Switch de pruebas 5", "switch")
    m = mantenimiento.programar(soporte, dispositivo=switch, inicio=H(2026, 12, 9, 18, 0), duracion_min=60,
                                procedimiento=7, clase=mantenimiento.CORRECTIVO)
    leida = m.version
    mantenimiento.registrar_realizacion(soporte, mantenimiento.obtener(m.id), "Hecho", version=leida)
    with pytest.raises((ErrorConflicto, ErrorTransicion)):
        mantenimiento.registrar_realizacion(soporte, mantenimiento.obtener(m.id), "Otra vez", version=leida)


# --- Procedimiento 12: sistemas informáticos ---------------------------------------------------------

def test_sistemas_con_fecha_acordada_y_aviso_de_no_disponible(demo):
    sistemas, soporte = usuario("sistemas"), usuario("soporte")
    predial = equipo("Sistema de Predial de pruebas", "sistema", "DC")
    with pytest.raises(ErrorValidacion, match="titular del área"):
        mantenimiento.programar(sistemas, dispositivo=predial, inicio=H(2026, 12, 7, 9, 0), duracion_min=240,
                                procedimiento=12, clase=mantenimiento.PREVENTIVO)
    with pytest.raises(ErrorPermiso):
        mantenimiento.programar(soporte, dispositivo=predial, inicio=H(2026, 12, 7, 9, 0), duracion_min=240,
                                procedimiento=12, clase=mantenimiento.PREVENTIVO, acordado_con="Sofía Navarro Peña")
    with pytest.raises(ErrorValidacion, match="no corresponde al procedimiento 7"):
        mantenimiento.programar(soporte, dispositivo=predial, inicio=H(2026, 12, 7, 9, 0), duracion_min=240,
                                procedimiento=7, clase=mantenimiento.PREVENTIVO)
    m = mantenimiento.programar(sistemas, dispositivo=predial, inicio=H(2026, 12, 7, 9, 0), duracion_min=240,
                                procedimiento=12, clase=mantenimiento.CORRECTIVO,
                                descripcion="Corrección del cálculo de recargos\x00",
                                acordado_con="Sofía Navarro Peña, Directora de Catastro")
    assert m.descripcion == "Corrección del cálculo de recargos"   # sin el NUL
    with pytest.raises(ErrorTransicion, match="no estará disponible"):
        mantenimiento.registrar_realizacion(sistemas, m)
    [oficio] = mantenimiento_avisos.emitir_avisos(sistemas, m)
    assert oficio.plantilla == mantenimiento_avisos.PLANTILLA_SISTEMA
    texto = texto_pdf(oficios.pdf_de_oficio(oficio))
    assert "no se podrá utilizar" in texto and "Sofía Navarro Peña" in texto
    m = mantenimiento.registrar_realizacion(sistemas, mantenimiento.obtener(m.id))
    assert "¿El mantenimiento corrigió el problema?" in mantenimiento.siguiente_paso(m)
    m = mantenimiento.registrar_verificacion(sistemas, m, correcto=True)
    assert "Se entrega sistema operando" in mantenimiento.siguiente_paso(m)
    with pytest.raises(ErrorPermiso):
        mantenimiento.programar(usuario("consulta"), dispositivo=predial, inicio=H(2026, 12, 7, 9, 0),
                                duracion_min=60, procedimiento=12, clase=mantenimiento.PREVENTIVO,
                                acordado_con="Sofía")


def test_entradas_hostiles_en_el_catalogo(demo):
    director = usuario("director")
    with pytest.raises(ErrorValidacion) as error:
        mantenimiento.guardar_dispositivo(director, "", "tostador")
    assert set(error.value.campos()) == {"nombre", "tipo"}
    with pytest.raises(ErrorValidacion, match="inventario"):
        mantenimiento.guardar_dispositivo(director, "Switch X", "switch", numero_inventario="SMT-TIC-99999")
    equipo("Switch =HYPERLINK(\"x\") 🚀", "switch")
    with pytest.raises(ErrorValidacion, match="Ya existe"):
        equipo("Switch =HYPERLINK(\"x\") 🚀", "switch")
    with pytest.raises(ErrorValidacion, match="5,000"):
        mantenimiento.programar(director, dispositivo=mantenimiento.dispositivo_por_nombre("switch =hyperlink(\"x\") 🚀"),
                                inicio=H(2026, 12, 9, 18, 0), duracion_min=60, procedimiento=7,
                                clase=mantenimiento.CORRECTIVO, descripcion="x" * 10000)
    with pytest.raises(ErrorPermiso):
        mantenimiento.guardar_dispositivo(usuario("asistente"), "Switch Y", "switch")


# --- Bitácora de servidores ------------------------------------------------------------------------

def test_bitacora_de_servidor_se_busca_por_texto_servidor_y_fechas(demo, monkeypatch):
    soporte = usuario("soporte")
    uno = equipo("SRV-BITACORA-1", "servidor", "TM")
    dos = equipo("SRV-BITACORA-2", "servidor_datos", "DI")
    monkeypatch.setenv("DTI_AHORA", "2026-11-02T22:00:00")
    servidores.documentar_cambio(soporte, uno, "Actualización de Windows Server a la versión 2022 (KB5031364)")
    monkeypatch.setenv("DTI_AHORA", "2026-11-10T22:00:00")
    servidores.documentar_cambio(soporte, dos, "Se amplió el disco de datos a 2 TB; 100% de la réplica al día")
    servidores.documentar_cambio(soporte, uno, "Cambio de la fuente de poder redundante")
    with pytest.raises(ErrorValidacion):
        servidores.documentar_cambio(soporte, uno, "   ")
    switch = equipo("Switch de bitácora", "switch")
    with pytest.raises(ErrorValidacion, match="no es un servidor"):
        servidores.documentar_cambio(soporte, switch, "Cambio")
    with pytest.raises(ErrorPermiso):
        servidores.documentar_cambio(usuario("consulta"), uno, "Cambio")

    def descripciones(**filtros) -> list[str]:
        return [e["descripcion"][:20] for e in servidores.consultar_bitacora(**filtros)
                if e["servidor"].startswith("SRV-BITACORA")]

    assert descripciones(busqueda="ACTUALIZACION windows") == ["Actualización de Win"]
    assert descripciones(busqueda="100%") == ["Se amplió el disco d"]
    assert descripciones(busqueda="_") == []
    assert descripciones(dispositivo=uno) == ["Cambio de la fuente ", "Actualización de Win"]
    assert descripciones(desde=D(2026, 11, 10), hasta=D(2026, 11, 10)) == ["Cambio de la fuente ",
                                                                         "Se amplió el disco d"]
    assert descripciones(hasta=D(2026, 11, 9)) == ["Actualización de Win"]
    with pytest.raises(ErrorValidacion):
        servidores.consultar_bitacora(desde=D(2026, 11, 10), hasta=D(2026, 11, 1))
    assert Oficio.select().count() >= 0 and bitacora.verificar() == []


def test_consultar_calendario_agrupa_por_dia_y_distingue_categorias(demo):
    soporte, sistemas = usuario("soporte"), usuario("sistemas")
    switch = equipo("Switch de calendario", "switch", "PM")
    datos = equipo("BD de calendario", "servidor_datos", "TM")
    sistema = equipo("Sistema de calendario", "sistema", "RH")
    mantenimiento.programar(soporte, dispositivo=switch, inicio=H(2027, 3, 2, 18, 0), duracion_min=60,
                            procedimiento=7, clase=mantenimiento.PREVENTIVO)
    mantenimiento.programar(soporte, dispositivo=switch, inicio=H(2027, 3, 9, 18, 0), duracion_min=60,
                            procedimiento=7, clase=mantenimiento.CORRECTIVO)
    mantenimiento.programar(soporte, dispositivo=datos, inicio=H(2027, 3, 9, 22, 0), duracion_min=60,
                            procedimiento=8, clase=mantenimiento.PREVENTIVO)
    mantenimiento.programar(sistemas, dispositivo=sistema, inicio=H(2027, 3, 31, 9, 0), duracion_min=60,
                            procedimiento=12, clase=mantenimiento.PREVENTIVO, acordado_con="Gabriela Torres")
    dias = mantenimiento.del_calendario(D(2027, 3, 1), D(2027, 3, 31))
    assert sorted(dias) == [D(2027, 3, 2), D(2027, 3, 9), D(2027, 3, 31)]
    assert [f["categoria"] for f in dias[D(2027, 3, 9)]] == ["correctivo", "datos"]
    assert dias[D(2027, 3, 2)][0]["requiere_aviso"] is True
    assert dias[D(2027, 3, 31)][0]["categoria"] == "sistemas"
    assert [f["dispositivo"] for f in mantenimiento.consultar(busqueda="calendario switch")] == [
        "Switch de calendario", "Switch de calendario"]


# --- Consola -----------------------------------------------------------------------------------------

def test_consola_programar_y_listar(demo, url_bd, capsys, consola_como):
    from app.consola.principal import principal

    equipo("SRV-CONSOLA", "servidor_datos", "TM")
    consola_como("soporte")         # programar cambia datos: se identifica quien lo hace
    argumentos = ["mantenimiento", "programar", "--db", url_bd, "--equipo", "srv-consola", "--inicio",
                  "2026-12-03T11:00", "--procedimiento", "8", "--usuario", "soporte"]
    assert principal(argumentos) == 2
    assert "Las 11:00 del jueves 3 de diciembre es horario laboral" in capsys.readouterr().err
    consola_como("director")
    assert principal(argumentos[:-2] + ["--usuario", "director", "--autorizar", "Parche urgente"]) == 0
    numero = capsys.readouterr().out.strip().splitlines()[-1]
    assert mantenimiento.por_numero(numero).motivo_autorizacion == "Parche urgente"
    assert principal(["mantenimiento", "listar", "--db", url_bd, "--desde", "2026-12-03", "--hasta",
                      "2026-12-03", "--buscar", "srv-consola"]) == 0
    assert numero in capsys.readouterr().out


def test_otra_area_no_mueve_mantenimientos_ajenos(demo):
    soporte, sistemas, redes = usuario("soporte"), usuario("sistemas"), usuario("redes")
    switch = equipo("Switch de otra área", "switch", "PM")
    sistema = equipo("Sistema de otra área", "sistema", "RH")
    m = mantenimiento.programar(soporte, dispositivo=switch, inicio=H(2026, 12, 9, 18, 0), duracion_min=60,
                                procedimiento=7, clase=mantenimiento.CORRECTIVO)
    with pytest.raises(ErrorPermiso):
        mantenimiento.registrar_realizacion(sistemas, m)
    with pytest.raises(ErrorPermiso):
        mantenimiento.cancelar(redes, m, "No aplica")
    with pytest.raises(ErrorPermiso):
        mantenimiento_avisos.emitir_avisos(sistemas, m)
    with pytest.raises(ErrorPermiso):
        mantenimiento.reprogramar(sistemas, m, H(2026, 12, 10, 18, 0), "Cambio")
    assert mantenimiento.obtener(m.id).estado == mantenimiento.PROGRAMADO
    # Al generar preventivos, cada área genera los de sus planes.
    director = usuario("director")
    plan_switch = mantenimiento.guardar_plan(director, switch, 1, recurrencia.SEMANAS, D(2027, 1, 4), "18:00")
    plan_sistema = mantenimiento.guardar_plan(director, sistema, 1, recurrencia.SEMANAS, D(2027, 1, 4), "18:00")
    creados = mantenimiento.generar_preventivos(sistemas, D(2027, 1, 11), desde=D(2027, 1, 1))
    assert {c.plan_id for c in creados} == {plan_sistema.id}
    assert all(c.procedimiento == 12 for c in creados)
    # La propuesta del plan aún no tiene fecha acordada con el titular (paso 4 del 12).
    propuesta = creados[0]
    assert "Paso 4: acordar la fecha" in mantenimiento.siguiente_paso(propuesta)
    with pytest.raises(ErrorTransicion, match="paso 4 del procedimiento 12"):
        mantenimiento_avisos.emitir_avisos(sistemas, propuesta)
    with pytest.raises(ErrorTransicion, match="paso 4 del procedimiento 12"):
        mantenimiento.registrar_realizacion(sistemas, mantenimiento.obtener(propuesta.id))
    with pytest.raises(ErrorValidacion):
        mantenimiento.acordar_fecha(sistemas, mantenimiento.obtener(propuesta.id), " ")
    propuesta = mantenimiento.acordar_fecha(sistemas, mantenimiento.obtener(propuesta.id),
                                            "Gabriela Torres Medina, Directora de Recursos Humanos")
    mantenimiento_avisos.emitir_avisos(sistemas, propuesta)
    propuesta = mantenimiento.obtener(propuesta.id)
    assert mantenimiento.registrar_realizacion(sistemas, propuesta).estado == mantenimiento.POR_VERIFICAR
    with pytest.raises(ErrorPermiso):
        mantenimiento.generar_preventivos(sistemas, D(2027, 1, 11), plan=plan_switch)
    with pytest.raises(ErrorPermiso):
        mantenimiento.generar_preventivos(usuario("consulta"), D(2027, 1, 11))


def test_equipo_ligado_a_un_bien_del_inventario(demo):
    from app.modelos import Bien, TipoBien

    sistema = usuario("director")
    tipo = TipoBien.get_or_none(TipoBien.nombre == "Switch") or bitacora.guardar(
        TipoBien(nombre="Switch", cuenta_contable="1.2.4.1.3", vida_util_anios=5), "alta de tipo de bien", sistema)
    bien = bitacora.guardar(Bien(numero_inventario="SMT-TIC-00842", tipo=tipo, descripcion="Switch de 48 puertos",
                                 marca="Cisco", modelo="C9200L-48T", valor=Decimal("38500.00")),
                            "alta de bien", sistema)
    equipo_bien = mantenimiento.guardar_dispositivo(sistema, "SW-LIGADO", "switch", numero_inventario="smt-tic-00842")
    assert equipo_bien.bien.id == bien.id
    assert [d.nombre for d in mantenimiento.dispositivos(busqueda="smt-tic-00842")] == ["SW-LIGADO"]
    # Modificarlo con la versión leída; otra PC que lo tenía abierto ve el conflicto.
    from app.errores import ErrorConflicto

    leida = equipo_bien.version
    mantenimiento.guardar_dispositivo(sistema, "SW-LIGADO", "switch", ubicacion="Site 2", dispositivo=equipo_bien,
                                      version=leida)
    with pytest.raises(ErrorConflicto):
        mantenimiento.guardar_dispositivo(sistema, "SW-LIGADO", "switch", ubicacion="Site 3",
                                          dispositivo=mantenimiento.obtener_dispositivo(equipo_bien.id), version=leida)
    assert bitacora.verificar() == []
