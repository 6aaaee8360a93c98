"""Consola ``dti``: los mismos servicios que la GUI, para programar y automatizar.

Sin subcomando abre la interfaz gráfica. Todos los subcomandos aceptan ``--db URL``.
Los errores de negocio se escriben en una línea en español en stderr y salen con código 2.
"""
from __future__ import annotations

import argparse
import sys

from app import __version__
from app.consola import bitacora as consola_bitacora
from app.consola import bandeja as consola_bandeja
from app.consola import comun
from app.consola import correo as consola_correo
from app.consola import dictamenes_licencias as consola_dictamenes_licencias
from app.consola import oficios as consola_oficios
from app.consola import procedimientos as consola_procedimientos
from app.consola import respaldo as consola_respaldo
from app.consola import tramites as consola_tramites
from app.consola import usuarios as consola_usuarios

# Grupos de subcomandos de los módulos de issue 15 y 16. Cada módulo de ``app.consola`` listado
# aquí expone ``COMANDOS`` (tupla de nombres de subcomando), ``agregar(sub, db)`` y
# ``ejecutar(args) -> int``; se importan al construir el analizador.
GRUPOS_MODULOS: tuple[str, ...] = ("postgresql", "manual", "hipervinculos", "internet", "videovigilancia",
                                   "respaldos_informacion", "busqueda", "proyectos", "adquisiciones")


def _grupos():
    import importlib

    return [importlib.import_module(f"app.consola.{nombre}") for nombre in GRUPOS_MODULOS]


# Qué pide credenciales (issue 17, punto 5). Todo comando que cambia datos de la base se
# identifica con usuario y contraseña (comun.identificar); estos solo leen y no las piden:
# listas, consultas, verificaciones y los PDF, Excel y sellos que se escriben en un archivo sin
# tocar la base. Un comando o acción que no está aquí las pide (lo nuevo empieza cerrado); cada
# módulo de GRUPOS_MODULOS dice las suyas en SOLO_LECTURA. Sin credenciales en ningún caso:
# --version, iniciar, cfdi (lee un archivo) y los primeros pasos de una base vacía
# (:func:`_primer_paso`).
TODAS = frozenset({"*"})
SOLO_LECTURA: dict[str, frozenset] = {
    "oficio": frozenset({"pdf", "verificar", "listar"}),
    "tramite": frozenset({"ver", "listar"}),
    "bandeja": frozenset({None}),                        # la lista; «destinatarios» sin cambios: abajo
    "procedimientos": TODAS,                             # lee el manual (archivos)
    "verificar-bitacora": TODAS,
    "bitacora": frozenset({"sello"}),                    # escribe el sello en un archivo
    "captura": TODAS,                                    # una imagen de la ventana
    "levantamiento": frozenset({"listar", "exportar", "informe"}),
    "mantenimiento": frozenset({"listar"}),
    "ticket": frozenset({"listar", "ver"}),
    "dictamen": frozenset({"pdf"}),
    "licencias": frozenset({"informe"}),
    "respaldo": frozenset({"crear"}),                    # copia la base a un archivo
    "cfdi": TODAS, "exportar": TODAS, "etiquetas": TODAS, "resguardo": TODAS,
    "secretos": TODAS,                                   # la huella de la llave de esta PC
    "esquema": TODAS,                                    # versión; nueva-migracion es de desarrollo
}


def _accion(args: argparse.Namespace):
    return getattr(args, "accion", None)


def cambia_datos(args: argparse.Namespace) -> bool:
    """¿El comando de ``args`` cambia datos de la base (y por eso pide credenciales)?"""
    comando = args.comando
    if comando == "iniciar":
        return False
    if comando in ("inventario", "importar") and getattr(args, "simular", False):
        return False                                     # --simular: solo muestra la propuesta
    if comando == consola_bandeja.COMANDO and _accion(args) == "destinatarios":
        return bool(args.agregar) or args.baja is not None
    solo_lectura = SOLO_LECTURA.get(comando)
    if solo_lectura is None:
        for grupo in _grupos():
            if comando in grupo.COMANDOS:
                solo_lectura = frozenset(getattr(grupo, "SOLO_LECTURA", ()))
                break
    if solo_lectura is None:
        return True
    return not (solo_lectura is TODAS or _accion(args) in solo_lectura)


def _base_sin_cuentas() -> bool:
    """¿La base no tiene todavía ninguna cuenta con contraseña? (una base nueva)."""
    from app.servicios.catalogos import usuarios

    return not usuarios.hay_cuentas_con_acceso()


def _primer_paso(args: argparse.Namespace) -> bool:
    """Los primeros pasos de una base vacía, que no piden credenciales porque nadie las tiene aún:
    crear su primera cuenta (la del Director(a), :mod:`app.consola.usuarios`) y cargar la
    demostración, que crea los usuarios documentados."""
    if args.comando == "usuario" and _accion(args) == "crear":
        return _base_sin_cuentas()
    if args.comando == "demo":
        from app.demo import carga as demo

        return _base_sin_cuentas() and not demo.hay_datos()
    return False


def _exigir_director(usuario, que: str) -> None:
    from app.errores import ErrorPermiso
    from app.servicios.nucleo import permisos

    if not permisos.puede(usuario, permisos.ADMINISTRAR_USUARIOS):
        rol = permisos.NOMBRES_ROL.get(usuario.rol, "sin rol")
        raise ErrorPermiso(f"Su rol ({rol}) no permite {que}: solo el Director(a) de TI.")


def exigir_identidad(args: argparse.Namespace) -> None:
    """Si el comando cambia datos, identifica a quien lo corre (o sale con 2 sin escribir nada).

    Se llama con la base ya conectada y antes de ejecutar el comando.
    """
    if not cambia_datos(args) or _primer_paso(args):
        return
    usuario = comun.identificar(args)
    if args.comando == "demo":
        _exigir_director(usuario, "cargar datos de demostración en una base con datos")


def _conectar_e_identificar(args: argparse.Namespace) -> None:
    comun.conectar(args)
    exigir_identidad(args)


def _construir() -> argparse.ArgumentParser:
    db = comun.padre_db()
    analizador = argparse.ArgumentParser(
        prog="dti", parents=[db],
        description="Sistema de la Dirección de Tecnologías de la Información. Sin subcomando abre la ventana.")
    analizador.add_argument("--version", action="version", version=f"dti {__version__}",
                            help="mostrar la versión del programa y salir")
    analizador.add_argument("--demo", action="store_true",
                            help="al abrir la ventana, cargar datos de demostración si la base está vacía")
    sub = analizador.add_subparsers(dest="comando", metavar="SUBCOMANDO")

    sub.add_parser("iniciar", parents=[db], help="crear o migrar el esquema de la base")
    demo = sub.add_parser("demo", parents=[db], help="cargar datos de demostración realistas")
    demo.add_argument("--bienes", type=int, default=0, metavar="N",
                      help="además, N bienes TIC realistas (por lotes, con su bitácora; 50,000 para mediciones)")
    demo.add_argument("--tickets", type=int, default=0, metavar="M",
                      help="además, M tickets cerrados con su trámite (por lotes, con su bitácora)")
    demo.add_argument("--usuario", default=None, metavar="NOMBRE",
                      help="en una base que ya tiene cuentas: el Director(a) que la carga (o DTI_USUARIO; la "
                           "contraseña, en DTI_CONTRASENA o se pide); en una base vacía no hace falta")
    _agregar_levantamiento(sub, db)
    verificar = sub.add_parser("verificar-bitacora", parents=[db],
                               help="comprobar la cadena de la bitácora y que ningún registro se alteró por fuera")
    verificar.add_argument("--sello", metavar="SELLO.json",
                           help="además, comparar con un sello guardado fuera de la base (dti bitacora sello)")
    consola_bitacora.agregar(sub, db)

    captura = sub.add_parser("captura", parents=[db], help="guardar la ventana principal como PNG (sin pantalla)")
    captura.add_argument("--salida", required=True, metavar="ARCHIVO.png")
    captura.add_argument("--pestana", metavar="NOMBRE", help="módulo a mostrar (sin importar mayúsculas ni acentos)")
    captura.add_argument("--usuario", default="director", help="usuario con el que se muestra (por omisión: director)")
    captura.add_argument("--tamano", default="1366x768", metavar="ANCHOxALTO",
                         help="tamaño de la ventana en píxeles (por omisión: 1366x768; p. ej. 1280x720, 1920x1080)")

    consola_oficios.agregar(sub, db)
    consola_tramites.agregar(sub, db)
    consola_bandeja.agregar(sub, db)
    consola_procedimientos.agregar(sub, db)
    consola_respaldo.agregar(sub, db)
    consola_usuarios.agregar(sub, db)





    _parser_mantenimiento(sub, db)
    from app.consola.tickets import agregar_subcomandos as subcomandos_ticket

    subcomandos_ticket(sub, db)
    consola_dictamenes_licencias.agregar(sub, db)
    consola_correo.agregar(sub, db)
    for grupo in _grupos():
        grupo.agregar(sub, db)


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
        return consola_inventario.ejecutar(args, _conectar_e_identificar)
    if comando == "secretos" and args.accion == "huella":
        from app.servicios.nucleo import secretos

        origen = "variable DTI_LLAVE" if secretos.llave_del_entorno() else str(secretos.ruta_llave())
        print(f"{secretos.huella_llave()}  ({origen})")
        return 0
    if comando == consola_procedimientos.COMANDO:     # solo lee archivos: no necesita la base
        return consola_procedimientos.ejecutar(args)
    if comando == consola_respaldo.COMANDO:           # conecta a su modo: sin migrar la base
        return consola_respaldo.ejecutar(args, _exigir_director)
    _conectar_e_identificar(args)
    if comando == "demo":
        from app.demo import carga as demo

        def avance(paso: str, numero: int, total: int) -> None:
            # El avance va a stderr: la salida normal (stdout) sigue siendo solo el resumen.
            print(f"[{numero}/{total}] Cargando {paso}…", file=sys.stderr, flush=True)

        creados = demo.cargar_demo(avance=avance)
        if getattr(args, "bienes", 0) or getattr(args, "tickets", 0):
            from app.demo.masiva import cargar_masiva

            for linea in cargar_masiva(args.bienes, args.tickets, avance=sys.stderr):
                print(linea)
            if not creados:
                return 0
        if not creados:
            print("La base ya tiene datos; no se cargó la demostración.")
        else:
            print("Datos de demostración cargados: " + ", ".join(f"{k} {v}" for k, v in creados.items()))
            print("Usuarios: director/Director2026, soporte/Soporte2026, sistemas/Sistemas2026, "
                  "redes/Redes2026, asistente/Asistente2026, consulta/Consulta2026")
        return 0
    if comando == consola_bitacora.COMANDO:
        return consola_bitacora.ejecutar(args)
    if comando == "verificar-bitacora":
        from app.errores import ErrorDTI
        from app.modelos import Bitacora
        from app.servicios.nucleo import bitacora

        try:
            problemas = bitacora.verificar() + consola_bitacora.problemas_del_sello(getattr(args, "sello", None))
        except ErrorDTI as exc:
            print(f"Error: {exc}", file=sys.stderr)
            return 2
        if problemas:
            print(f"La verificación encontró {len(problemas)} problema(s):", file=sys.stderr)
            for problema in problemas:
                print(f"  {problema}", file=sys.stderr)
            return 1
        con_sello = f"; coincide con el sello {args.sello}" if getattr(args, "sello", None) else ""
        print(f"Bitácora íntegra: {Bitacora.select().count()} entradas; todos los registros coinciden "
              f"con su última instantánea; cadena autenticada con la llave de la instalación{con_sello}.")
        return 0
    if comando == "captura":
        from app.vistas.captura import capturar, interpretar_tamano

        try:
            ruta = capturar(args.salida, args.pestana, args.usuario, interpretar_tamano(args.tamano))
        except ValueError as exc:
            print(f"Error: {exc}", file=sys.stderr)
            return 2
        print(ruta)
        return 0
    if comando == "levantamiento":
        from app.consola.levantamiento import ejecutar_levantamiento

        return ejecutar_levantamiento(args)
    if comando == "oficio":
        return consola_oficios.ejecutar(args)
    if comando == "tramite":
        return consola_tramites.ejecutar(args)
    if comando == consola_bandeja.COMANDO:
        return consola_bandeja.ejecutar(args)
    if comando == "mantenimiento":
        from app.consola.mantenimiento import ejecutar as ejecutar_mantenimiento

        return ejecutar_mantenimiento(args, comun.actor)
    if comando == "ticket":
        from app.consola.tickets import ejecutar as ejecutar_ticket

        return ejecutar_ticket(args, comun.actor)
    if comando == "usuario":
        return consola_usuarios.ejecutar(args)
    if comando == "correo":
        return consola_correo.ejecutar(args)
    if comando in ("dictamen", "licencias"):
        return consola_dictamenes_licencias.ejecutar(args)
    for grupo in _grupos():
        if comando in grupo.COMANDOS:
            return grupo.ejecutar(args)
    if comando == "esquema":
        from app.base_datos import version_esquema

        print(version_esquema() or "sin esquema")
        return 0
    return 2


def principal(argv: list[str] | None = None) -> int:
    """Interpreta la línea de comandos y devuelve el código de salida."""
    analizador = _construir()
    args = analizador.parse_args(consola_procedimientos.normalizar(sys.argv[1:] if argv is None else list(argv)))
    comun.olvidar_sesion()
    if args.comando is None:
        from app.vistas.aplicacion import ejecutar_gui

        return ejecutar_gui(getattr(args, "db", None), demo=args.demo)
    if args.comando in ("oficio", "tramite", "usuario", "esquema", "levantamiento", "mantenimiento",
                        "dictamen", "licencias", "correo",
                        *(c for g in _grupos() for c in g.COMANDOS)) and not getattr(args, "accion", None):
        analizador.parse_args([args.comando, "--help"])
    from app.base_datos import ErrorBaseDatos
    from app.configuracion import ErrorConfiguracion
    from app.errores import ErrorDTI
    from app.servicios.nucleo import bitacora

    bitacora.fijar_canal(bitacora.CANAL_CONSOLA)     # cada entrada de la bitácora dice «consola»

    try:
        return _ejecutar(args)
    except (ErrorDTI, ErrorBaseDatos, ErrorConfiguracion) as exc:
        print(f"Error: {exc}".replace("\n", " "), file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"Error: no se pudo escribir o leer un archivo: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:
        from app.base_datos import mensaje_error_base_datos

        traducido = mensaje_error_base_datos(exc)    # nunca el texto del controlador, en inglés
        if traducido is None:
            raise
        print(f"Error: {traducido}", file=sys.stderr)
        return 2
    finally:
        comun.olvidar_sesion()          # la identidad vale para esta ejecución y nada más
