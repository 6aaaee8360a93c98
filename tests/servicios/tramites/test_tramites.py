"""Motor de trámites: los 21 procedimientos, de principio a fin, por ambas ramas de cada decisión."""
from __future__ import annotations

import datetime as dt
from collections import deque

import pytest

from app.demo import datos_tramites
from app.modelos import Dependencia, Oficio, Tramite, ValorPaso
from app.base_datos import transaccion
from app.servicios.tramites import expediente, procedimientos, reglas, tramites
from app.tiempo import hoy_mexico
from app.errores import ErrorConflicto, ErrorPermiso, ErrorTransicion, ErrorValidacion
from app.servicios.tramites.procedimientos import Procedimiento
from tests.conftest import usuario

Ruta = list[tuple[str, str | None]]   # (paso, respuesta elegida o None)


def _vecinos(p: Procedimiento, numero: str) -> list[tuple[str | None, str | None]]:
    paso = p.paso(numero)
    if paso.es_decision:
        return [(o.etiqueta, o.destino) for o in paso.opciones]
    return [(None, paso.siguiente)]


def _camino(p: Procedimiento, desde: str, hasta: str | None) -> Ruta:
    """Camino más corto de ``desde`` a ``hasta`` (None = a cualquier fin), como lista de (paso, respuesta)."""
    previo: dict[str, tuple[str, str | None] | None] = {desde: None}
    cola = deque([desde])
    while cola:
        actual = cola.popleft()
        if (hasta is None and p.paso(actual).es_final) or actual == hasta:
            ruta: Ruta = []
            nodo = actual
            while previo[nodo] is not None:
                anterior, respuesta = previo[nodo]
                ruta.append((anterior, respuesta))
                nodo = anterior
            ruta.reverse()
            if hasta is None:
                ruta.append((actual, None))   # el paso final también se concluye
            return ruta
        for respuesta, destino in _vecinos(p, actual):
            if destino is not None and destino not in previo:
                previo[destino] = (actual, respuesta)
                cola.append(destino)
    raise AssertionError(f"P{p.numero}: no hay camino de {desde} a {hasta}")


def _recorridos(p: Procedimiento) -> list[tuple[str, Ruta]]:
    """Un recorrido completo por cada respuesta de cada decisión (o el directo si no hay decisiones)."""
    recorridos = []
    for paso in p.pasos:
        for opcion in paso.opciones:
            ruta = _camino(p, p.inicio.numero, paso.numero) + [(paso.numero, opcion.etiqueta)]
            ruta += _camino(p, opcion.destino, None)
            recorridos.append((f"{paso.numero}={opcion.etiqueta}", ruta))
    if not recorridos:
        recorridos.append(("directo", _camino(p, p.inicio.numero, None)))
    return recorridos


CASOS = [(p.numero, nombre, ruta) for p in procedimientos.todos() for nombre, ruta in _recorridos(p)]


def test_hay_21_procedimientos_y_todos_tienen_recorridos():
    assert [p.numero for p in procedimientos.todos()] == list(range(1, 22))
    decisiones = sum(len(p.opciones) for proc in procedimientos.todos() for p in proc.pasos)
    assert len(CASOS) >= decisiones >= 40


def _director():
    from app.servicios.catalogos import usuarios

    if usuarios.Usuario.get_or_none(usuarios.Usuario.nombre_usuario == "dir") is None:
        return usuarios.crear_usuario(None, "dir", "Directora de prueba", "director", "Director2026")
    return usuarios.obtener("dir")


def _catalogo():
    """Lo mínimo para recorrer cualquier procedimiento: dependencias, Tesorero, director, proveedor y un bien."""
    from app.servicios.catalogos import catalogos
    from tests.bienes_prueba import crear_bienes

    if Dependencia.select().where(Dependencia.nombre == "Contraloría Municipal").exists():
        return
    deps = {n: catalogos.guardar_dependencia(None, n, s) for n, s in (
        ("Contraloría Municipal", "CM"), ("Tesorería Municipal", "TM"), ("Sistema Municipal DIF", "DIF"),
        ("Dirección de Tecnologías de la Información", "DTI"))}
    tesorero = catalogos.guardar_servidor(None, "José Pérez Hernández", "Tesorero Municipal",
                                          deps["Tesorería Municipal"])
    titular = catalogos.guardar_servidor(None, "Miguel Mendoza López", "Director de Tecnologías de la Información",
                                         deps["Dirección de Tecnologías de la Información"])
    catalogos.guardar_servidor(None, "Nadia Olivera Rendón", "Contralora Municipal", deps["Contraloría Municipal"])
    catalogos.guardar_institucion(None, titular_dti=titular, tesorero=tesorero)
    catalogos.guardar_proveedor(None, "ABC010203XY1", "Cómputo del Centro S.A. de C.V.")
    crear_bienes(1)


def _abrir(actor, numero: int, asunto: str):
    """Abre un trámite como llega de verdad: con oficio recibido de una dependencia que puede pedirlo.

    Un procedimiento con módulo (tickets, dictámenes…) no se abre en Trámites: aquí se abre como lo
    abre su módulo, con ``expediente.abrir``, para recorrer igual cada rama de su flujo.
    """
    from app.servicios.oficios import oficios

    _catalogo()
    definicion = procedimientos.obtener(numero)
    regla = definicion.inicio.regla("solicitante_de")
    nombre = regla.parametros["dependencias"][0] if regla else "Sistema Municipal DIF"
    dependencia = Dependencia.get(Dependencia.nombre == nombre)
    entrante = oficios.registrar_oficio_entrante(
        actor, numero_oficio=f"OF/{numero:02d}/{Oficio.select().count() + 1:04d}", fecha_documento=hoy_mexico(),
        procedencia=dependencia, solicitante_nombre="Titular de prueba", solicitante_cargo="Titular",
        firmado=True, descripcion=asunto)
    if definicion.modulo:
        with transaccion():
            return expediente.abrir(actor, numero, asunto, dependencia=dependencia, oficio_entrada=entrante)
    return tramites.abrir_tramite(actor, numero, asunto, dependencia=dependencia, oficio_entrada=entrante)


def _avanzar(actor, tramite, opcion=None, nota="", **valores):
    """Cierra el paso con valores válidos (los dados y, para cada requerido que falte, uno generado por su tipo).

    Un trámite de módulo se mueve como lo mueve su módulo: al destino de la respuesta.
    """
    if tramite.modulo:
        paso = procedimientos.obtener(tramite.procedimiento).paso(tramite.paso_actual)
        with transaccion():
            movido = expediente.llevar(actor, tramite, paso.destino(opcion), respuestas={paso.numero: opcion or ""},
                                       nota=nota, repetir=paso.destino(opcion) == paso.numero)
        tramite.__data__.update(movido.__data__)
        return tramite
    return datos_tramites.avanzar(actor, tramite, opcion, nota, **valores)


@pytest.mark.parametrize("numero,rama,ruta", CASOS, ids=[f"P{n:02d}-{r}" for n, r, _ in CASOS])
def test_recorrido_completo_sqlite(bd_sqlite, numero, rama, ruta):
    """Cada rama de cada decisión llega al fin, llenando en cada paso lo que pide con valores válidos."""
    director = _director()
    definicion = procedimientos.obtener(numero)
    tramite = _abrir(director, numero, f"Prueba {definicion.clave} rama {rama}")
    assert tramite.paso_actual == definicion.inicio.numero
    for paso, respuesta in ruta:
        assert tramite.paso_actual == paso
        _avanzar(director, tramite, respuesta, nota=f"paso {paso}")
    assert tramite.estado == tramites.CONCLUIDO and tramite.paso_actual is None
    historial = tramites.pasos(tramite)
    assert [(h.paso, h.opcion or None) for h in historial] == ruta
    assert all(h.fin is not None and h.segundos is not None and h.usuario_id == director.id for h in historial)
    # Lo requerido de cada paso quedó con el paso que lo capturó (un módulo guarda sus propios datos).
    for registro in historial if not definicion.modulo else ():
        requeridos = {c.clave for c in reglas.campos_del_paso(definicion.paso(registro.paso)) if c.requerido}
        capturados = {v.clave for v in ValorPaso.select().where(ValorPaso.paso_tramite == registro)}
        assert requeridos <= capturados, (registro.paso, requeridos - capturados)


def test_p20_liberar_el_sitio_termina_el_tramite(bd_sqlite):
    """Respuesta «No» (no infringe): se libera el sitio y el trámite termina; no vuelve a los pasos 1–4."""
    director = _director()
    t = _abrir(director, 20, "Desbloqueo del portal del SAT")
    # Establecer e implementar las políticas (1 y 2) se hace una vez, no en cada solicitud.
    assert t.paso_actual == "3"
    assert [p.numero for p in procedimientos.obtener(20).preparacion] == ["1", "2"]
    while t.paso_actual != "4":
        _avanzar(director, t)
    _avanzar(director, t, "No")
    despues = []
    while t.estado == tramites.ABIERTO:
        despues.append(t.paso_actual)
        _avanzar(director, t)
        assert len(despues) < 5, despues
    assert despues and not {"1", "2", "3", "4"} & set(despues)


@pytest.mark.parametrize("numero", [2, 5, 11, 21])
def test_recorridos_en_ambos_motores(bd, numero):
    """En PostgreSQL también: cada rama de los procedimientos con más decisiones."""
    director = _director()
    for _rama, ruta in _recorridos(procedimientos.obtener(numero)):
        tramite = _abrir(director, numero, "Prueba en ambos motores")
        for _paso, respuesta in ruta:
            _avanzar(director, tramite, respuesta)
        assert tramites.obtener(tramite.id).estado == tramites.CONCLUIDO


def test_solo_transiciones_definidas(bd, manual_sin_modulos):
    director = _director()
    t = _abrir(director, 19, "Video de la cámara del zócalo")
    with pytest.raises(ErrorTransicion, match="no es una decisión"):
        tramites.avanzar_tramite(director, t, "Sí")
    _avanzar(director, t)
    _avanzar(director, t)
    assert t.paso_actual == "3"
    with pytest.raises(ErrorTransicion, match="Elija una respuesta"):
        _avanzar(director, t)
    with pytest.raises(ErrorTransicion, match="no es una respuesta"):
        tramites.avanzar_tramite(director, t, "Quizá")
    _avanzar(director, t, "si")          # «si» se acepta como «Sí»
    assert t.paso_actual == "4"
    assert tramites.pasos(t)[-2].opcion == "Sí"


def test_concluido_no_avanza_y_cancelado_conserva_historial(bd, manual_sin_modulos):
    director = _director()
    t = _abrir(director, 16, "Cambio en el formato de declaración")
    while t.estado == tramites.ABIERTO:
        paso = procedimientos.obtener(16).paso(t.paso_actual)
        _avanzar(director, t, paso.opciones[0].etiqueta if paso.es_decision else None)
    assert t.estado == tramites.CONCLUIDO
    with pytest.raises(ErrorTransicion, match="ya está concluido"):
        _avanzar(director, t)
    otro = _abrir(director, 19, "Video de la cámara del mercado")
    _avanzar(director, otro)
    with pytest.raises(ErrorValidacion, match="Motivo"):
        tramites.cancelar_tramite(director, otro, "   ")
    tramites.cancelar_tramite(director, otro, "La dependencia retiró la solicitud.")
    guardado = tramites.obtener(otro.numero)
    assert guardado.estado == tramites.CANCELADO
    assert len(tramites.pasos(guardado)) == 2 and "retiró" in tramites.pasos(guardado)[-1].nota


def test_tiempo_por_paso(bd, monkeypatch):
    director = _director()
    monkeypatch.setenv("DTI_AHORA", "2026-11-24T09:00:00")
    t = _abrir(director, 1, "Pago de enlaces de internet")
    monkeypatch.setenv("DTI_AHORA", "2026-11-24T11:30:00")
    _avanzar(director, t)
    monkeypatch.setenv("DTI_AHORA", "2026-11-25T11:30:00")
    _avanzar(director, t, "No")
    historial = tramites.pasos(t)
    assert [h.segundos for h in historial[:2]] == [9000, 86400]
    assert historial[0].inicio == dt.datetime(2026, 11, 24, 9, 0)
    assert tramites.tiempos_por_paso(t)["1"] == 9000


def test_area_y_rol_se_aplican_en_el_servicio(demo, manual_sin_modulos):
    redes, consulta, asistente = usuario("redes"), usuario("consulta"), usuario("asistente")
    with pytest.raises(ErrorPermiso, match="Soporte Técnico"):
        tramites.abrir_tramite(redes, 5, "Redes no atiende soporte")
    with pytest.raises(ErrorPermiso, match="Consulta"):
        tramites.abrir_tramite(consulta, 5, "Solo consulta")
    t = tramites.abrir_tramite(asistente, 5, "Respaldo del equipo de Catastro")
    with pytest.raises(ErrorPermiso):
        tramites.avanzar_tramite(redes, t)
    with pytest.raises(ErrorPermiso):
        tramites.cancelar_tramite(asistente, t, "El asistente no cancela")
    _avanzar(asistente, t)
    assert t.paso_actual == "2"


def test_dos_personas_mueven_el_mismo_tramite(bd, manual_sin_modulos):
    director = _director()
    t = _abrir(director, 1, "Compra de switches")
    visto_por_otro = tramites.obtener(t.id)
    _avanzar(director, t)
    with pytest.raises(ErrorConflicto, match="Otro usuario"):
        tramites.avanzar_tramite(director, visto_por_otro)
    assert len(tramites.pasos(t)) == 2


def test_tramite_desde_oficio_recibido(demo, manual_sin_modulos):
    from app.servicios.oficios import oficios

    asistente = usuario("asistente")
    entrante = oficios.registrar_oficio_entrante(
        asistente, numero_oficio="RC/0001/2026", fecha_documento=dt.date(2026, 11, 2),
        procedencia_texto="Registro Civil", solicitante_nombre="Ana Ruiz", firmado=True,
        descripcion="Falla en el sistema de actas")
    t = tramites.abrir_tramite(asistente, 5, "Respaldo del sistema de actas", oficio_entrada=entrante)
    assert oficios.obtener(entrante.id).tramite_id == t.id
    from app.tiempo import hoy_mexico

    assert t.numero.startswith("DTI-T-") and t.numero.endswith(f"/{hoy_mexico().year}")


def test_procedimiento_de_modulo_se_abre_en_su_modulo(demo):
    """Los tickets (6), dictámenes (4), movimientos (21)… no se abren como trámite suelto."""
    director = usuario("director")
    for numero, pestana in ((6, "Mesa de ayuda"), (2, "Mesa de ayuda"), (4, "Dictámenes"), (7, "Mantenimiento"),
                            (9, "Cuentas"), (10, "Licencias"), (21, "Inventario")):
        antes = Tramite.select().count()
        with pytest.raises(ErrorTransicion, match=pestana):
            tramites.abrir_tramite(director, numero, "Caso suelto")
        assert Tramite.select().count() == antes


def test_tramite_de_modulo_solo_lo_mueve_su_modulo(bd):
    director = _director()
    t = _abrir(director, 6, "No enciende el monitor")
    assert t.modulo == "mesa_ayuda"
    for accion in (lambda: tramites.avanzar_tramite(director, t),
                   lambda: tramites.capturar_datos(director, t, {"nota": "x"}),
                   lambda: tramites.cancelar_tramite(director, t, "Desde Trámites")):
        with pytest.raises(ErrorTransicion, match="pestaña Mesa de ayuda"):
            accion()
    assert [p.paso for p in tramites.pasos(t)] == ["1"]


def test_el_modulo_lleva_su_tramite_por_el_camino_del_manual(bd, reloj):
    """Escalar un ticket atendido en sitio: 1→2→3(No)→3.1→5(No)→5.1, con tiempos y respuestas."""
    director = _director()
    reloj.fijar(dt.datetime(2026, 11, 24, 9, 0))
    t = _abrir(director, 2, "Impresora sin reparación")
    reloj.fijar(dt.datetime(2026, 11, 24, 12, 0))
    with transaccion():
        expediente.llevar(director, t, "5.1", respuestas={"3": "No"}, nota="Escalado al proveedor")
    t = tramites.obtener(t.id)
    historial = tramites.pasos(t)
    assert [(h.paso, h.opcion, h.destino) for h in historial] == [
        ("1", "", "2"), ("2", "", "3"), ("3", "No", "3.1"), ("3.1", "", "5"), ("5", "No", "5.1"), ("5.1", "", None)]
    assert historial[0].segundos == 3 * 3600 and "Escalado" in historial[0].nota
    assert t.paso_actual == "5.1" and historial[-1].fin is None
    with transaccion():
        expediente.concluir(director, t)
    assert tramites.obtener(t.id).estado == tramites.CONCLUIDO
    with pytest.raises(ErrorTransicion, match="no permite llegar al paso 3"):
        expediente.ruta(procedimientos.obtener(2), "6", "3")


def test_ciclo_de_correccion_repite_el_paso(bd):
    director = _director()
    t = _abrir(director, 7, "Switch del tercer piso")
    with transaccion():
        expediente.llevar(director, t, "7", respuestas={"2": "Correctivo"})
        expediente.llevar(director, t, "7", respuestas={"7": "No"}, repetir=True)
        expediente.concluir(director, t, respuestas={"7": "Sí"})
    assert [h.paso for h in tramites.pasos(t)][-4:] == ["7", "7.1", "7", "8"]
    assert tramites.obtener(t.id).estado == tramites.CONCLUIDO


def test_un_oficio_archivado_no_abre_casos(bd, tmp_path, monkeypatch):
    """Ni un trámite suelto (p05 de un manual sin módulo de respaldos) ni el de un módulo (p06)."""
    import json

    from app.rutas import VARIABLE_PROCEDIMIENTOS, carpeta_procedimientos
    from app.servicios.oficios import oficios

    for archivo in carpeta_procedimientos().glob("p*.json"):
        datos = json.loads(archivo.read_text(encoding="utf-8"))
        if archivo.name == "p05.json":
            datos.pop("modulo", None)
        (tmp_path / archivo.name).write_text(json.dumps(datos, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setenv(VARIABLE_PROCEDIMIENTOS, str(tmp_path))

    director = _director()
    entrante = oficios.registrar_oficio_entrante(
        director, numero_oficio="CM/0100/2026", fecha_documento=hoy_mexico(), procedencia_texto="Catastro",
        solicitante_nombre="Titular de prueba", firmado=True, descripcion="Solo para conocimiento")
    oficios.archivar_oficio(director, entrante, "Es informativo: no pide nada a la DTI.")
    antes = Tramite.select().count()
    with pytest.raises(ErrorValidacion, match="archivado: no abre casos"):
        tramites.abrir_tramite(director, 5, "Respaldo", oficio_entrada=oficios.obtener(entrante.id))
    with pytest.raises(ErrorValidacion, match="archivado: no abre casos"), transaccion():
        expediente.abrir(director, 6, "Ticket", oficio_entrada=oficios.obtener(entrante.id))
    assert Tramite.select().count() == antes
