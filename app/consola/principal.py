"""Consola ``dti``: los mismos servicios que la GUI, para programar y automatizar.

Sin subcomando abre la interfaz gráfica. Todos los subcomandos aceptan ``--db URL``.
Los errores de negocio se escriben en una línea en español en stderr y salen con código 2.
"""
from __future__ import annotations

import argparse
import getpass
import json
import sys

from app import __version__
from app.consola import comun


def _construir() -> argparse.ArgumentParser:
    db = comun.padre_db()
    analizador = argparse.ArgumentParser(
        prog="dti", parents=[db],
        description="Sistema de la Dirección de Tecnologías de la Información. Sin subcomando abre la ventana.")
    analizador.add_argument("--version", action="version", version=f"dti {__version__}")
    analizador.add_argument("--demo", action="store_true",
                            help="al abrir la ventana, cargar datos de demostración si la base está vacía")
    sub = analizador.add_subparsers(dest="comando", metavar="SUBCOMANDO")

    sub.add_parser("iniciar", parents=[db], help="crear o migrar el esquema de la base")
    demo = sub.add_parser("demo", parents=[db], help="cargar datos de demostración realistas")
    demo.add_argument("--bienes", type=int, default=0, metavar="N",
                      help="además, N bienes TIC realistas (inserción masiva; 50,000 para mediciones)")
    _agregar_levantamiento(sub, db)
    sub.add_parser("verificar-bitacora", parents=[db],
                   help="comprobar la cadena de la bitácora y que ningún registro se alteró por fuera")

    captura = sub.add_parser("captura", parents=[db], help="guardar la ventana principal como PNG (sin pantalla)")
    captura.add_argument("--salida", required=True, metavar="ARCHIVO.png")
    captura.add_argument("--pestana", metavar="NOMBRE", help="módulo a mostrar (sin importar mayúsculas ni acentos)")
    captura.add_argument("--usuario", default="director", help="usuario con el que se muestra (por omisión: director)")

    oficio = sub.add_parser("oficio", help="oficios emitidos").add_subparsers(dest="accion", metavar="ACCIÓN")
    emitir = oficio.add_parser("emitir", parents=[db], help="emitir un oficio; imprime el folio en la última línea")
    emitir.add_argument("--destinatario", required=True)
    emitir.add_argument("--cargo", default="", help="cargo del destinatario")
    emitir.add_argument("--dependencia", default="", help="dependencia del destinatario")
    emitir.add_argument("--asunto", required=True)
    emitir.add_argument("--cuerpo", default="")
    emitir.add_argument("--ccp", action="append", default=[], help="copia para (se puede repetir)")
    emitir.add_argument("--usuario", default=None, help="usuario que emite (por omisión: sistema)")
    pdf = oficio.add_parser("pdf", parents=[db], help="guardar el PDF de un oficio")
    pdf.add_argument("folio")
    pdf.add_argument("--salida", required=True, metavar="ARCHIVO.pdf")
    verificar = oficio.add_parser("verificar", parents=[db], help="verificar el texto del QR de un oficio")
    verificar.add_argument("texto")
    cancelar = oficio.add_parser("cancelar", parents=[db], help="cancelar un oficio (conserva su folio)")
    cancelar.add_argument("folio")
    cancelar.add_argument("--motivo", required=True)
    cancelar.add_argument("--usuario", default=None)
    listar = oficio.add_parser("listar", parents=[db], help="listar oficios (JSON por línea)")
    listar.add_argument("--buscar", default="")
    listar.add_argument("--tipo", choices=["entrante", "saliente"])

    tramite = sub.add_parser("tramite", help="trámites de los procedimientos").add_subparsers(
        dest="accion", metavar="ACCIÓN")
    abrir = tramite.add_parser("abrir", parents=[db], help="abrir un trámite; imprime su número")
    abrir.add_argument("--procedimiento", type=int, required=True)
    abrir.add_argument("--asunto", required=True)
    abrir.add_argument("--dependencia", default=None)
    abrir.add_argument("--usuario", default=None)
    avanzar = tramite.add_parser("avanzar", parents=[db], help="concluir el paso actual de un trámite")
    avanzar.add_argument("numero")
    avanzar.add_argument("--opcion", default=None, help="respuesta de la decisión (Sí, No, …)")
    avanzar.add_argument("--nota", default="")
    avanzar.add_argument("--usuario", default=None)
    ver = tramite.add_parser("ver", parents=[db], help="situación e historial de un trámite")
    ver.add_argument("numero")

    proc = sub.add_parser("procedimientos", parents=[db], help="los 21 procedimientos del manual")
    proc.add_argument("numero", nargs="?", type=int)

    usuario = sub.add_parser("usuario", help="cuentas de acceso").add_subparsers(dest="accion", metavar="ACCIÓN")
    crear = usuario.add_parser("crear", parents=[db], help="crear una cuenta (pide la contraseña)")
    crear.add_argument("nombre_usuario")
    crear.add_argument("--nombre", required=True, help="nombre completo")
    crear.add_argument("--rol", required=True, help="director, jefe_soporte, jefe_sistemas, jefe_redes, "
                                                    "asistente o consulta")
    crear.add_argument("--contrasena-stdin", action="store_true", help="leer la contraseña de la entrada estándar")

    _parser_mantenimiento(sub, db)
    from app.consola.tickets import agregar_subcomandos as subcomandos_ticket

    subcomandos_ticket(sub, db)
    dictamen = sub.add_parser("dictamen", help="dictámenes técnicos (procedimiento 4)").add_subparsers(
        dest="accion", metavar="ACCIÓN")
    pdf_dictamen = dictamen.add_parser("pdf", parents=[db], help="guardar el PDF de un dictamen emitido")
    pdf_dictamen.add_argument("folio")
    pdf_dictamen.add_argument("--salida", required=True, metavar="ARCHIVO.pdf")
    licencia = sub.add_parser("licencias", help="licencias de software (procedimiento 10)").add_subparsers(
        dest="accion", metavar="ACCIÓN")
    informe = licencia.add_parser("informe", parents=[db],
                                  help="informe de cumplimiento (.xlsx o .pdf según la extensión de --salida)")
    informe.add_argument("--salida", required=True, metavar="ARCHIVO.xlsx")
    informe.add_argument("--dias", type=int, default=None, help="días de aviso de vencimiento (por omisión, los configurados)")

    envio = sub.add_parser("correo", help="cola de correo saliente (SMTP)").add_subparsers(
        dest="accion", metavar="ACCIÓN")
    envio.add_parser("procesar", parents=[db], help="enviar los mensajes pendientes cuyo turno llegó")
    probar_correo = envio.add_parser("probar", parents=[db], help="enviar un mensaje de prueba en este momento")
    probar_correo.add_argument("destino", metavar="DESTINO", help="correo al que se envía la prueba")
    probar_correo.add_argument("--usuario", default=None)

    secretos = sub.add_parser("secretos", help="llave de los secretos cifrados (claves de licencia)").add_subparsers(
        dest="accion", metavar="ACCIÓN")
    secretos.add_parser("huella", help="huella de la llave de esta PC (debe ser igual en todas las que comparten la base)")

    esquema = sub.add_parser("esquema", help="herramientas del esquema").add_subparsers(
        dest="accion", metavar="ACCIÓN")
    esquema.add_parser("version", parents=[db], help="última migración aplicada")
    nueva = esquema.add_parser("nueva-migracion", parents=[db],
                               help="(desarrollo) escribir la migración de lo nuevo en los modelos")
    nueva.add_argument("nombre")
    from app.consola import inventario as consola_inventario

    consola_inventario.agregar(sub, db)
    return analizador


def _agregar_levantamiento(sub, db: argparse.ArgumentParser) -> None:
    from app.consola.levantamiento import agregar_subcomandos

    agregar_subcomandos(sub, db)


def _parser_mantenimiento(sub, db: argparse.ArgumentParser) -> None:
    from app.consola.mantenimiento import agregar_subcomandos

    agregar_subcomandos(sub, db)


def _ejecutar(args: argparse.Namespace) -> int:
    comando = args.comando
    if comando == "iniciar":
        from app.base_datos import aplicar_migraciones, conectar, version_esquema
        from app.configuracion import resolver_url_bd

        conectar(resolver_url_bd(getattr(args, "db", None)), migrar=False)
        aplicadas = aplicar_migraciones()
        from app.servicios.catalogos import catalogos, usuarios

        usuarios.usuario_sistema()
        catalogos.institucion()
        print(f"Esquema al día ({version_esquema()}); migraciones aplicadas ahora: {len(aplicadas)}.")
        return 0
    if comando == "esquema" and args.accion == "nueva-migracion":
        from app.esquema import generar_migracion

        ruta = generar_migracion(args.nombre)
        print(ruta or "Los modelos coinciden con las migraciones: no hay nada que migrar.")
        return 0
    from app.consola import inventario as consola_inventario

    if comando in consola_inventario.COMANDOS:
        return consola_inventario.ejecutar(args, comun.conectar)
    if comando == "secretos" and args.accion == "huella":
        from app.servicios.nucleo import secretos

        origen = "variable DTI_LLAVE" if secretos.llave_del_entorno() else str(secretos.ruta_llave())
        print(f"{secretos.huella_llave()}  ({origen})")
        return 0
    comun.conectar(args)
    if comando == "demo":
        from app.demo import carga as demo

        creados = demo.cargar_demo()
        if getattr(args, "bienes", 0):
            import time

            from app.demo.inventario import cargar_bienes

            inicio = time.perf_counter()
            cargados = cargar_bienes(args.bienes)
            print(f"Bienes de demostración cargados: {cargados:,} en {time.perf_counter() - inicio:.1f} s.")
            if not creados:
                return 0
        if not creados:
            print("La base ya tiene datos; no se cargó la demostración.")
        else:
            print("Datos de demostración cargados: " + ", ".join(f"{k} {v}" for k, v in creados.items()))
            print("Usuarios: director/Director2026, soporte/Soporte2026, sistemas/Sistemas2026, "
                  "redes/Redes2026, asistente/Asistente2026, consulta/Consulta2026")
        return 0
    if comando == "verificar-bitacora":
        from app.modelos import Bitacora
        from app.servicios.nucleo import bitacora

        problemas = bitacora.verificar()
        if problemas:
            print(f"La verificación encontró {len(problemas)} problema(s):", file=sys.stderr)
            for problema in problemas:
                print(f"  {problema}", file=sys.stderr)
            return 1
        print(f"Bitácora íntegra: {Bitacora.select().count()} entradas; todos los registros coinciden "
              "con su última instantánea.")
        return 0
    if comando == "captura":
        from app.vistas.captura import capturar

        try:
            ruta = capturar(args.salida, args.pestana, args.usuario)
        except ValueError as exc:
            print(f"Error: {exc}", file=sys.stderr)
            return 2
        print(ruta)
        return 0
    if comando == "levantamiento":
        from app.consola.levantamiento import ejecutar_levantamiento

        return ejecutar_levantamiento(args)
    if comando == "oficio":
        return _oficio(args)
    if comando == "tramite":
        return _tramite(args)
    if comando == "procedimientos":
        return _procedimientos(args)
    if comando == "mantenimiento":
        from app.consola.mantenimiento import ejecutar as ejecutar_mantenimiento

        return ejecutar_mantenimiento(args, comun.actor)
    if comando == "ticket":
        from app.consola.tickets import ejecutar as ejecutar_ticket

        return ejecutar_ticket(args, comun.actor)
    if comando == "usuario":
        return _usuario(args)
    if comando == "correo":
        return _correo(args)
    if comando in ("dictamen", "licencias"):
        return _dictamen_licencias(args)
    if comando == "esquema":
        from app.base_datos import version_esquema

        print(version_esquema() or "sin esquema")
        return 0
    return 2


def _oficio(args: argparse.Namespace) -> int:
    from app.servicios.oficios import oficios

    if args.accion == "emitir":
        oficio = oficios.emitir_oficio(
            comun.actor(args.usuario), destinatario_nombre=args.destinatario, destinatario_cargo=args.cargo,
            destinatario_dependencia=args.dependencia, asunto=args.asunto, cuerpo=args.cuerpo, ccp=args.ccp)
        print(f"Oficio emitido el {oficio.fecha_documento:%d/%m/%Y}, SHA-256 {oficio.sha256}")
        print(oficio.folio)
        return 0
    if args.accion == "pdf":
        oficio = oficios.por_folio(args.folio)
        comun.escribir(args.salida, oficios.pdf_de_oficio(oficio))
        print(args.salida)
        return 0
    if args.accion == "verificar":
        valido, explicacion = oficios.verificar_qr(args.texto)
        print(explicacion)
        return 0 if valido else 1
    if args.accion == "cancelar":
        oficios.cancelar_oficio(comun.actor(args.usuario), oficios.por_folio(args.folio), args.motivo)
        print(f"Oficio {args.folio} cancelado; conserva su folio.")
        return 0
    if args.accion == "listar":
        for fila in oficios.consultar(tipo=args.tipo, busqueda=args.buscar, limite=100000):
            print(json.dumps(fila, ensure_ascii=False, default=str))
        return 0
    return 2


def _tramite(args: argparse.Namespace) -> int:
    from app.servicios.catalogos import catalogos
    from app.servicios.tramites import tramites

    if args.accion == "abrir":
        dependencia = catalogos.dependencia_por_nombre(args.dependencia) if args.dependencia else None
        tramite = tramites.abrir_tramite(comun.actor(args.usuario), args.procedimiento, args.asunto, dependencia)
        print(tramite.numero)
        return 0
    if args.accion == "avanzar":
        tramite = tramites.avanzar_tramite(comun.actor(args.usuario), tramites.obtener(args.numero), args.opcion, args.nota)
        estado = tramites.situacion(tramite)
        print(f"{tramite.numero}: " + ("concluido" if estado.terminado else f"paso {estado.paso.numero}: "
                                                                              f"{estado.paso.actividad}"))
        return 0
    if args.accion == "ver":
        tramite = tramites.obtener(args.numero)
        estado = tramites.situacion(tramite)
        print(f"{tramite.numero} · {estado.procedimiento.titulo}")
        print(f"Asunto: {tramite.asunto} · Estado: {tramite.estado}")
        if estado.paso is not None:
            print(f"Paso actual {estado.paso.numero}: {estado.paso.actividad}")
            if estado.paso.es_decision:
                print(f"  {estado.paso.pregunta} " + " · ".join(f"{o.etiqueta} → {o.destino}"
                                                            for o in estado.paso.opciones))
        for paso in tramites.pasos(tramite):
            print(f"  {paso.paso:>5}  {paso.inicio:%d/%m/%Y %H:%M}  {paso.opcion or '':<10} {paso.actividad[:70]}")
        return 0
    return 2


def _procedimientos(args: argparse.Namespace) -> int:
    from app.servicios.tramites import procedimientos

    if args.numero is None:
        for p in procedimientos.todos():
            print(f"{p.numero:>2}. {p.titulo}  [{p.area}]")
        return 0
    p = procedimientos.obtener(args.numero)
    print(f"{p.numero}. {p.titulo}\nÁrea: {p.area}\nObjetivo: {p.objetivo}")
    for paso in p.pasos:
        if paso.es_decision:
            salto = f"{paso.pregunta} " + " · ".join(f"{o.etiqueta} → {o.destino}" for o in paso.opciones)
        else:
            salto = f"→ {paso.siguiente}" if paso.siguiente else "→ Fin"
        print(f"  {paso.numero:>5}  [{paso.responsable}] {paso.actividad}  {salto}")
    return 0


def _usuario(args: argparse.Namespace) -> int:
    from app.servicios.catalogos import usuarios

    if args.accion == "crear":
        if args.contrasena_stdin:
            contrasena = sys.stdin.readline().rstrip("\n")
        else:
            contrasena = getpass.getpass("Contraseña: ")
            if getpass.getpass("Repita la contraseña: ") != contrasena:
                print("Las contraseñas no coinciden.", file=sys.stderr)
                return 2
        cuenta = usuarios.crear_usuario(None, args.nombre_usuario, args.nombre, args.rol, contrasena)
        print(f"Usuario «{cuenta.nombre_usuario}» creado.")
        return 0
    return 2


def _dictamen_licencias(args: argparse.Namespace) -> int:
    if args.comando == "dictamen" and args.accion == "pdf":
        from app.servicios.dictamenes import dictamenes

        comun.escribir(args.salida, dictamenes.pdf_de_dictamen(dictamenes.por_folio(args.folio)))
        print(args.salida)
        return 0
    if args.comando == "licencias" and args.accion == "informe":
        from app.documentos.licencias_informe import informe_excel, informe_pdf
        from app.servicios.catalogos import catalogos
        from app.servicios.licencias import licencias

        datos = licencias.informe_cumplimiento(args.dias)
        institucion = catalogos.institucion()
        if args.salida.lower().endswith(".pdf"):
            contenido = informe_pdf(datos, institucion.nombre, institucion.area, institucion.lema, institucion.pie)
        else:
            contenido = informe_excel(datos, institucion.nombre)
        comun.escribir(args.salida, contenido)
        r = datos["resumen"]
        print(f"{args.salida}: {r['licencias']} licencias, {r['sobreasignadas']} sobreasignadas, "
              f"{r['por_vencer']} por vencer en {datos['dias']} días, {r['vencidas']} vencidas")
        return 0
    return 2


def _correo(args: argparse.Namespace) -> int:
    from app.servicios.nucleo import correo

    if args.accion == "procesar":
        resumen = correo.procesar_cola()
        print(resumen)
        return 0 if not resumen.errores else 1
    if args.accion == "probar":
        mensaje, resumen = correo.probar(comun.actor(args.usuario), args.destino)
        if mensaje.estado == correo.ENVIADO:
            print(f"Prueba enviada a {mensaje.destinatario} ({mensaje.message_id}).")
            return 0
        print(f"No se pudo enviar; el mensaje queda en la cola: {mensaje.ultimo_error or resumen}", file=sys.stderr)
        return 1
    return 2


def principal(argv: list[str] | None = None) -> int:
    """Interpreta la línea de comandos y devuelve el código de salida."""
    analizador = _construir()
    args = analizador.parse_args(argv)
    if args.comando is None:
        from app.vistas.aplicacion import ejecutar_gui

        return ejecutar_gui(getattr(args, "db", None), demo=args.demo)
    if args.comando in ("oficio", "tramite", "usuario", "esquema", "levantamiento", "mantenimiento",
                        "dictamen", "licencias", "correo") and not getattr(args, "accion", None):
        analizador.parse_args([args.comando, "--help"])
    from app.base_datos import ErrorBaseDatos
    from app.configuracion import ErrorConfiguracion
    from app.errores import ErrorDTI

    try:
        return _ejecutar(args)
    except (ErrorDTI, ErrorBaseDatos, ErrorConfiguracion) as exc:
        print(f"Error: {exc}".replace("\n", " "), file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"Error: no se pudo escribir o leer un archivo: {exc}", file=sys.stderr)
        return 2
