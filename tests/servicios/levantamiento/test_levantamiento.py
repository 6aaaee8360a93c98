"""Levantamiento físico con lector: respuesta inmediata por lectura, pausa, informe en PDF y
Excel, cambios propuestos y trabajo fuera de línea con archivo (conflictos reportados)."""
from __future__ import annotations

import datetime as dt
import json

import openpyxl
import pypdfium2 as pdfium
import pytest

from app import base_datos
from app.modelos import Bien, Dependencia, LecturaLevantamiento, Levantamiento, ServidorPublico
from app.modelos.inventario import DADO_DE_BAJA
from app.servicios.nucleo import bitacora
from app.servicios.inventario import inventario, movimientos, tipos_bien
from app.servicios.levantamiento import archivo as levantamiento_archivo, levantamiento
from app.errores import ErrorConflicto, ErrorTransicion, ErrorValidacion
from app.tiempo import ahora_mexico, hoy_mexico
from tests.conftest import usuario


def _texto_pdf(contenido: bytes) -> str:
    documento = pdfium.PdfDocument(contenido)
    return " ".join(" ".join(documento[i].get_textpage().get_text_range() for i in range(len(documento))).split())


def _dependencia(siglas: str) -> Dependencia:
    return Dependencia.get(Dependencia.siglas == siglas)


def _catastro() -> tuple[Dependencia, list[Bien]]:
    """Una dependencia nueva (Archivo Municipal) con tres bienes y uno de Egresos."""
    from app.servicios.catalogos import catalogos

    tipos_bien.asegurar_predeterminados()
    redes = usuario("redes")
    archivo = catalogos.guardar_dependencia(redes, "Archivo General Municipal", "AGM", "Casa de la Cultura, sótano")
    rocio = catalogos.guardar_servidor(redes, "Rocío Juárez Tlapa", "Directora del Archivo General", archivo)
    ricardo = ServidorPublico.get(ServidorPublico.nombre == "Ricardo Flores Aguilar")
    bienes = []
    for i, (resguardante, descripcion) in enumerate([(rocio, "Computadora HP ProDesk 400 G7"),
                                                     (rocio, "Monitor Dell P2422H"),
                                                     (rocio, "Impresora HP LaserJet M404dn"),
                                                     (ricardo, "Laptop Lenovo ThinkPad E14")]):
        bienes.append(inventario.registrar_bien(
            redes, numero_inventario=f"CAT-{i + 1:03d}", tipo=tipos_bien.por_nombre("Computadora"),
            descripcion=descripcion, serie=f"SER-CAT-{i}", resguardante=resguardante, area="Ventanilla 2"))
    return archivo, bienes


def test_cada_lectura_responde_al_instante(demo):
    redes = usuario("redes")
    catastro, bienes = _catastro()
    lev = levantamiento.iniciar(redes, dependencia_id=catastro.id)
    # Baja de un bien de Catastro para probar la respuesta «dado de baja».
    baja = Bien.get(Bien.numero_inventario == "CAT-003")
    baja.estado = DADO_DE_BAJA
    bitacora.guardar_versionado(baja, "baja (prueba)", None, baja.version)

    r = levantamiento.registrar_lectura(lev.id, "  cat-001 \r", redes)
    assert (r.tipo, r.progreso, r.bien_id) == ("encontrado", "1 de 2", bienes[0].id)
    r = levantamiento.registrar_lectura(lev.id, "CAT-001", redes)
    assert r.tipo == "repetido" and r.progreso == "1 de 2" and "no se cuenta dos veces" in r.mensaje
    r = levantamiento.registrar_lectura(lev.id, "CAT'002", redes)      # teclado del lector mal configurado
    assert r.tipo == "encontrado" and r.progreso == "2 de 2"
    r = levantamiento.registrar_lectura(lev.id, "cat-004", redes)
    assert r.tipo == "otra_area" and r.otra_area.startswith("Dirección de Egresos")
    assert "pertenece a Dirección de Egresos" in r.mensaje and "Ricardo Flores Aguilar" in r.mensaje
    assert levantamiento.registrar_lectura(lev.id, "CAT-003", redes).tipo == "dado_de_baja"
    r = levantamiento.registrar_lectura(lev.id, "SMT-TIC-99999", redes)
    assert r.tipo == "desconocido" and "no está en el inventario" in r.mensaje
    assert LecturaLevantamiento.select().where(LecturaLevantamiento.levantamiento == lev.id).count() == 5
    with pytest.raises(ErrorValidacion, match="vacía"):
        levantamiento.registrar_lectura(lev.id, " \t ", redes)
    assert not bitacora.verificar()


def test_pausar_reanudar_y_cerrar_con_informe(demo, tmp_path):
    redes = usuario("redes")
    catastro, bienes = _catastro()
    lev = levantamiento.iniciar(redes, dependencia_id=catastro.id)
    levantamiento.registrar_lectura(lev.id, "CAT-001", redes)
    lev = levantamiento.pausar(redes, lev.id, lev.version)
    with pytest.raises(ErrorTransicion, match="reanúdelo"):
        levantamiento.registrar_lectura(lev.id, "CAT-002", redes)
    lev = levantamiento.reanudar(redes, lev.id, lev.version)
    levantamiento.registrar_lectura(lev.id, "CAT-004", redes)
    levantamiento.registrar_lectura(lev.id, "=HYPERLINK(\"http://x\")", redes)
    informe = levantamiento.cerrar(redes, lev.id, levantamiento.obtener(lev.id).version)
    numeros = lambda filas: {f["numero_inventario"] for f in filas}  # noqa: E731
    assert numeros(informe.encontrados) == {"CAT-001"}
    assert numeros(informe.faltantes) == {"CAT-002", "CAT-003"}
    assert numeros(informe.mal_ubicados) == {"CAT-004"}
    assert numeros(informe.sobrantes) == {'=HYPERLINK("HTTP://X")'}
    with pytest.raises(ErrorTransicion):
        levantamiento.registrar_lectura(lev.id, "CAT-002", redes)
    # El informe quedó congelado: mover un bien después no lo cambia.
    assert levantamiento.calcular_informe(lev.id).faltantes == informe.faltantes

    texto = _texto_pdf(levantamiento.informe_pdf(lev.id))
    assert "Faltantes (2)" in texto and "CAT-002" in texto and "Mal ubicados (1)" in texto
    assert "Dirección de Egresos" in texto and "Encontrados: 1 de 3" in texto
    assert "Rocío Juárez Tlapa" in texto                   # resguardante de los faltantes, por su nombre
    # Membrete de la institución, fechas en español (nunca ISO) y firmas con nombre y cargo.
    from app.documentos.fechas import fecha_hora_larga
    from app.servicios.catalogos import catalogos

    institucion = catalogos.institucion()
    cerrado = levantamiento.obtener(lev.id).cerrado_en
    assert institucion.nombre in texto and institucion.area in texto
    assert f"Cerrado: {fecha_hora_larga(cerrado)}" in texto and f"{cerrado:%Y-%m-%d}" not in texto
    if institucion.titular_dti_id:
        assert institucion.titular_dti.nombre in texto

    ruta = tmp_path / "levantamiento.xlsx"
    levantamiento.informe_excel(lev.id, ruta)
    libro = openpyxl.load_workbook(ruta)
    assert libro.sheetnames == ["Resumen", "Faltantes", "Mal ubicados", "Sobrantes", "Encontrados"]
    faltantes = libro["Faltantes"]
    assert faltantes["A1"].value == "No. de inventario" and faltantes.freeze_panes == "A2"
    assert {faltantes.cell(row=r, column=1).value for r in (2, 3)} == {"CAT-002", "CAT-003"}
    sobrante = libro["Sobrantes"]["A2"]
    assert sobrante.data_type == "s" and sobrante.value.startswith("=HYPERLINK")   # texto, no fórmula
    assert isinstance(libro["Encontrados"]["G2"].value, dt.datetime)


def test_mal_ubicados_proponen_cambio_de_resguardante(demo):
    redes = usuario("redes")
    catastro, bienes = _catastro()
    lev = levantamiento.iniciar(redes, dependencia_id=catastro.id)
    levantamiento.registrar_lectura(lev.id, "CAT-004", redes)
    propuestas = levantamiento.proponer_cambios(lev.id)
    assert len(propuestas) == 1
    propuesta = propuestas[0]
    assert propuesta.numero_inventario == "CAT-004" and propuesta.resguardante_actual == "Ricardo Flores Aguilar"
    assert propuesta.resguardante_id == ServidorPublico.get(ServidorPublico.nombre == "Rocío Juárez Tlapa").id
    (movimiento,) = levantamiento.aplicar_cambios(redes, lev.id, propuestas)
    assert movimiento.tipo == "cambio" and movimiento.levantamiento_id == lev.id
    assert levantamiento.proponer_cambios(lev.id) == []          # ya tiene un movimiento en espera
    movimiento = movimientos.marcar_enviado(redes, movimiento.id, movimiento.version)
    movimientos.aplicar(redes, movimiento.id, movimiento.version, "DAC/0700/2026", hoy_mexico())
    assert Bien.get(Bien.numero_inventario == "CAT-004").dependencia_id == catastro.id


def test_levantamiento_por_ubicacion(demo):
    redes = usuario("redes")
    _catastro()
    ubicaciones = levantamiento.ubicaciones()
    assert {"edificio": "Casa de la Cultura, sótano", "area": "Ventanilla 2"} in [
        {"edificio": u["edificio"], "area": u["area"]} for u in ubicaciones]
    lev = levantamiento.iniciar(redes, edificio="Casa de la Cultura, sótano", area="Ventanilla 2")
    assert levantamiento.ambito(lev) == "Casa de la Cultura, sótano › Ventanilla 2"
    esperados = Bien.select().where((Bien.edificio == "Casa de la Cultura, sótano") & (Bien.area == "Ventanilla 2")
                                    & (Bien.estado != DADO_DE_BAJA)).count()
    assert esperados == 3
    r = levantamiento.registrar_lectura(lev.id, "cat-001", redes)
    assert r.tipo == "encontrado" and r.progreso == "1 de 3"
    r = levantamiento.registrar_lectura(lev.id, "cat-004", redes)
    assert r.tipo == "otra_area" and r.otra_area.startswith("Edificio de Tesorería › Ventanilla 2")
    with pytest.raises(ErrorValidacion, match="Elija la dependencia o el edificio"):
        levantamiento.iniciar(redes)
    with pytest.raises(ErrorValidacion, match=f"Ya hay un levantamiento abierto de .*número {lev.id}"):
        levantamiento.iniciar(redes, edificio="Casa de la Cultura, sótano", area="Ventanilla 2")
    assert levantamiento.consultar()[0]["ambito"] == "Casa de la Cultura, sótano › Ventanilla 2"


def _reconectar(url: str) -> None:
    base_datos.cerrar()
    base_datos.conectar(url)


def test_fuera_de_linea_con_conflictos(demo, url_bd, tmp_path, reloj):
    """Oficina → archivo → laptop sin red → archivo → oficina; lo que cambió se reporta."""
    redes = usuario("redes")
    catastro, bienes = _catastro()
    lev = levantamiento.iniciar(redes, dependencia_id=catastro.id)
    levantamiento.registrar_lectura(lev.id, "CAT-001", redes)          # leído en la oficina
    salida = tmp_path / "catastro.dti-lev.json"
    levantamiento_archivo.exportar_levantamiento(lev.id, salida)
    datos = json.loads(salida.read_text(encoding="utf-8"))
    assert datos["formato"] == "dti-levantamiento" and datos["version"] == 1 and len(datos["huella"]) == 64

    # Mientras tanto, en la oficina: CAT-002 cambia de resguardante y CAT-003 se da de baja.
    ricardo = ServidorPublico.get(ServidorPublico.nombre == "Ricardo Flores Aguilar")
    cambio = movimientos.solicitar_cambio(redes, bienes[1].id, ricardo.id)
    cambio = movimientos.marcar_enviado(redes, cambio.id, cambio.version)
    movimientos.aplicar(redes, cambio.id, cambio.version, "DAC/0800/2026", hoy_mexico())
    baja = Bien.get_by_id(bienes[2].id)
    baja.estado = DADO_DE_BAJA
    bitacora.guardar_versionado(baja, "baja (prueba)", None, baja.version)

    # En la laptop: base SQLite nueva, creada en otro momento (la identidad de una base sale de su
    # primera entrada de bitácora, que lleva la hora en que se creó).
    reloj.fijar(ahora_mexico() + dt.timedelta(hours=1))
    laptop = f"sqlite:///{(tmp_path / 'laptop.sqlite3').as_posix()}"
    _reconectar(laptop)
    try:
        from app.servicios.catalogos import usuarios

        campo = usuarios.usuario_sistema()
        lev_campo = levantamiento_archivo.preparar_campo(campo, salida)
        assert lev_campo.clave == lev.clave and lev_campo.estado == "en_curso"
        assert levantamiento.progreso(lev_campo.id) == (1, 3)
        assert levantamiento.registrar_lectura(lev_campo.id, "cat-001", campo).tipo == "repetido"
        for numero in ("CAT-002", "CAT-003", "CAT-004", "NO-EXISTE-1"):
            levantamiento.registrar_lectura(lev_campo.id, numero, campo)
        assert levantamiento.progreso(lev_campo.id) == (3, 3)
        assert not bitacora.verificar()                           # la laptop también queda íntegra
        with pytest.raises(ErrorConflicto, match="ya está preparado"):
            levantamiento_archivo.preparar_campo(campo, salida)
        regreso = tmp_path / "catastro-leido.dti-lev.json"
        levantamiento_archivo.exportar_levantamiento(lev_campo.id, regreso)
    finally:
        _reconectar(url_bd)

    # Un archivo alterado se rechaza sin escribir nada.
    alterado = tmp_path / "alterado.dti-lev.json"
    contenido = json.loads(regreso.read_text(encoding="utf-8"))
    contenido["contenido"]["lecturas"][1][2] = "desconocido"   # era «encontrado»
    alterado.write_text(json.dumps(contenido), encoding="utf-8")
    lecturas_antes = LecturaLevantamiento.select().count()
    with pytest.raises(ErrorValidacion, match="fue alterado"):
        levantamiento_archivo.importar_levantamiento(redes, alterado)
    (tmp_path / "basura.json").write_text("{no es json", encoding="utf-8")
    with pytest.raises(ErrorValidacion, match="no es un archivo de levantamiento"):
        levantamiento_archivo.importar_levantamiento(redes, tmp_path / "basura.json")
    assert LecturaLevantamiento.select().count() == lecturas_antes

    resultado = levantamiento_archivo.importar_levantamiento(redes, regreso)
    assert resultado.importadas == 4 and resultado.ya_registradas == 1
    conflictos = "\n".join(resultado.conflictos)
    assert "CAT-002: el bien CAT-002 cambió en la oficina" in conflictos and "Ricardo Flores Aguilar" in conflictos
    assert "CAT-003" in conflictos and "«Dado de baja»" in conflictos
    assert "CAT-004" not in conflictos and "NO-EXISTE-1" not in conflictos
    leida = LecturaLevantamiento.get((LecturaLevantamiento.levantamiento == lev.id)
                                     & (LecturaLevantamiento.numero == "CAT-002"))
    assert leida.resultado == "otra_area" and leida.origen == "fuera de línea" and leida.conflicto
    # Importar otra vez no duplica nada.
    assert levantamiento_archivo.importar_levantamiento(redes, regreso).importadas == 0
    # Ya cerrado: las lecturas del archivo no entran.
    levantamiento.cerrar(redes, lev.id, Levantamiento.get_by_id(lev.id).version)
    with pytest.raises(ErrorConflicto, match="ya se cerró"):
        levantamiento_archivo.importar_levantamiento(redes, regreso)
    assert not bitacora.verificar()


def test_archivo_de_otra_base(demo, url_sqlite, tmp_path, reloj):
    """Un archivo que salió de otra base (otra instalación) se rechaza."""
    redes = usuario("redes")
    catastro, _ = _catastro()
    lev = levantamiento.iniciar(redes, dependencia_id=catastro.id)
    salida = tmp_path / "otra.dti-lev.json"
    levantamiento_archivo.exportar_levantamiento(lev.id, salida)
    actual = base_datos.bd.obj
    reloj.fijar(ahora_mexico() + dt.timedelta(hours=1))     # la otra instalación se creó en otro momento
    otra = f"sqlite:///{(tmp_path / 'otra-base.sqlite3').as_posix()}"
    base_datos.conectar(otra)
    try:
        from app.demo import carga as servicio_demo

        servicio_demo.cargar_demo()
        with pytest.raises(ErrorValidacion, match="es de otra base de datos"):
            levantamiento_archivo.importar_levantamiento(usuario("redes"), salida)
        with pytest.raises(Exception, match="esta ya tiene datos"):
            levantamiento_archivo.preparar_campo(usuario("redes"), salida)
    finally:
        base_datos.cerrar()
        base_datos.bd.initialize(actual)
        actual.connect(reuse_if_open=True)


def test_dos_lectores_leen_el_mismo_bien_a_la_vez(demo):
    """Dos lectores (hilos con su conexión) leen el mismo código: se cuenta una vez."""
    import threading

    redes = usuario("redes")
    catastro, _ = _catastro()
    lev = levantamiento.iniciar(redes, dependencia_id=catastro.id)
    barrera = threading.Barrier(2)
    resultados: list[object] = [None, None]

    def leer(i: int) -> None:
        try:
            barrera.wait(timeout=30)
            resultados[i] = levantamiento.registrar_lectura(lev.id, "cat-002", redes).tipo
        except Exception as exc:  # noqa: BLE001 - se revisa abajo
            resultados[i] = exc
        finally:
            demo.close()

    hilos = [threading.Thread(target=leer, args=(i,)) for i in range(2)]
    for hilo in hilos:
        hilo.start()
    for hilo in hilos:
        hilo.join(timeout=120)
    assert sorted(resultados) == ["encontrado", "repetido"], resultados
    assert levantamiento.progreso(lev.id) == (1, 3)
