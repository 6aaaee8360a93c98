"""Subcomandos «dti oficio»: emitir, guardar el PDF, firmarlo con la e.firma, verificar el QR, cancelar,
archivar o descartar un recibido y listar oficios."""
from __future__ import annotations

import argparse
import json
import sys

from app.consola import comun


def agregar(sub, db: argparse.ArgumentParser) -> None:
    """Agrega este grupo de subcomandos al analizador de «dti»."""
    oficio = sub.add_parser("oficio", help="oficios emitidos").add_subparsers(dest="accion", metavar="ACCIÓN")
    emitir = oficio.add_parser(
        "emitir", parents=[db], help="emitir un oficio; imprime el folio en la última línea",
        description="Emite un oficio con el siguiente folio. Con --plantilla, el asunto y el cuerpo salen de "
                    "formatos/NOMBRE.txt, llenados con los --dato, los datos de la institución y los del "
                    "destinatario; si falta alguna variable, sale con 2 y la nombra, sin escribir nada.")
    emitir.add_argument("--destinatario", required=True)
    emitir.add_argument("--cargo", default="", help="cargo del destinatario")
    emitir.add_argument("--dependencia", default="", help="dependencia del destinatario")
    emitir.add_argument("--asunto", default="",
                        help="asunto (obligatorio sin --plantilla; con ella reemplaza el de la plantilla)")
    emitir.add_argument("--cuerpo", default="", help="cuerpo (con --plantilla, el valor de ${cuerpo})")
    emitir.add_argument("--plantilla", default="", metavar="NOMBRE",
                        help="plantilla de formatos/ (sin «.txt»), p. ej. aviso_mantenimiento")
    emitir.add_argument("--dato", action="append", default=[], metavar="CLAVE=VALOR",
                        help="valor de una variable ${CLAVE} de la plantilla (se puede repetir)")
    emitir.add_argument("--ccp", action="append", default=[], help="copia para (se puede repetir)")
    emitir.add_argument("--usuario", default=None, metavar="NOMBRE", help=comun.AYUDA_USUARIO)
    pdf = oficio.add_parser("pdf", parents=[db], help="guardar el PDF de un oficio")
    pdf.add_argument("folio")
    pdf.add_argument("--salida", required=True, metavar="ARCHIVO.pdf")
    verificar = oficio.add_parser("verificar", parents=[db], help="verificar el texto del QR de un oficio (contenido y ancla en la bitácora)")
    verificar.add_argument("texto")
    _agregar_firmar(oficio, db)
    cancelar = oficio.add_parser("cancelar", parents=[db], help="cancelar un oficio (conserva su folio)")
    cancelar.add_argument("folio")
    cancelar.add_argument("--motivo", required=True)
    cancelar.add_argument("--usuario", default=None, metavar="NOMBRE", help=comun.AYUDA_USUARIO)
    for accion, ayuda in (("archivar", "archivar un oficio recibido que no pide ningún caso ni respuesta"),
                          ("descartar", "descartar un oficio recibido que no pide nada a la DTI")):
        parser = oficio.add_parser(
            accion, parents=[db], help=ayuda,
            description=f"{ayuda[0].upper()}{ayuda[1:]} (políticas de los procedimientos 3 y 18), con su "
                        "motivo. Sale de la lista de por atender. Si ya tiene trámite o respuesta, sale con 2 "
                        "sin escribir nada.")
        parser.add_argument("oficio", metavar="FOLIO_O_ID",
                            help="id del oficio, o su número de oficio recibido (p. ej. SGA/0187/2026)")
        parser.add_argument("--motivo", required=True)
        parser.add_argument("--usuario", default=None, metavar="NOMBRE", help=comun.AYUDA_USUARIO)
    adjuntar = oficio.add_parser(
        "adjuntar", parents=[db], help="adjuntar el PDF escaneado de un oficio",
        description="Adjunta el PDF escaneado de un oficio (hasta 25 MB). El archivo se acepta solo si abre "
                    "como PDF; su nombre se guarda solo como texto. Si se rechaza, sale con 2 y la razón, sin "
                    "escribir nada.")
    adjuntar.add_argument("oficio", metavar="FOLIO_O_NUMERO",
                          help="id del oficio, su folio (emitido) o su número de oficio (recibido)")
    adjuntar.add_argument("archivo", metavar="ARCHIVO.pdf")
    adjuntar.add_argument("--usuario", default=None, metavar="NOMBRE", help=comun.AYUDA_USUARIO)
    listar = oficio.add_parser("listar", parents=[db], help="listar oficios (JSON por línea)")
    listar.add_argument("--buscar", default="")
    listar.add_argument("--tipo", choices=["entrante", "saliente"])
    listar.add_argument("--por-atender", action="store_true",
                        help="solo los recibidos sin trámite ni respuesta, ni archivados ni descartados")


def ejecutar(args: argparse.Namespace) -> int:
    """Ejecuta «dti oficio ACCIÓN»; devuelve el código de salida."""
    from app.servicios.oficios import oficios

    if args.accion == "emitir":
        return _emitir(args)
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
    if args.accion == "firmar":
        return _firmar(args)
    if args.accion in ("archivar", "descartar"):
        return _archivar(args)
    if args.accion == "adjuntar":
        oficio = buscar_oficio(args.oficio)
        adjunto = oficios.adjuntar(comun.actor(args.usuario), oficio, args.archivo)
        print(f"Adjunto «{adjunto.nombre_archivo}» ({adjunto.tamano:,} bytes, SHA-256 {adjunto.sha256}) "
              f"en el oficio {oficio.folio or oficio.numero_oficio or oficio.id}.")
        return 0
    if args.accion == "listar":
        for fila in oficios.consultar(tipo=args.tipo, busqueda=args.buscar, limite=100000,
                                      por_atender=args.por_atender):
            print(json.dumps(fila, ensure_ascii=False, default=str))
        return 0
    return 2


def buscar_oficio(texto: str):
    """El oficio por su id, su folio (emitido) o su número de oficio (recibido)."""
    from app.errores import ErrorDTI, ErrorNoEncontrado
    from app.modelos import Oficio
    from app.servicios.oficios import oficios

    limpio = texto.strip()
    if limpio.isdigit():
        return oficios.obtener(int(limpio))
    por_folio = Oficio.get_or_none(Oficio.folio == limpio)
    if por_folio is not None:
        return por_folio
    recibidos = list(Oficio.select().where((Oficio.tipo == oficios.ENTRANTE) & (Oficio.numero_oficio == limpio))
                     .order_by(Oficio.id))
    if len(recibidos) > 1:
        raise ErrorDTI(f"Hay {len(recibidos)} oficios recibidos con el número «{limpio}»; indique cuál con su id: "
                       + ", ".join(str(o.id) for o in recibidos) + ".")
    if not recibidos:
        raise ErrorNoEncontrado(f"No existe el oficio «{limpio}» (ni como id, ni como folio, ni como número de "
                                "oficio recibido).")
    return recibidos[0]


def _archivar(args: argparse.Namespace) -> int:
    """«dti oficio archivar|descartar»: el oficio queda fuera de por atender, con su motivo."""
    from app.servicios.oficios import oficios

    oficio = buscar_oficio(args.oficio)
    servicio = oficios.archivar_oficio if args.accion == "archivar" else oficios.descartar_oficio
    hecho = servicio(comun.actor(args.usuario), oficio, args.motivo)
    nombre = hecho.numero_oficio or f"#{hecho.id}"
    print(f"Oficio recibido {nombre} {hecho.estado} el {hecho.archivado_en:%d/%m/%Y %H:%M}: {hecho.motivo_archivo}")
    return 0


def _datos(pares: list[str]) -> dict[str, str] | None:
    """«clave=valor» de cada --dato; None (y el error en stderr) si alguno no tiene esa forma."""
    datos: dict[str, str] = {}
    malos = []
    for par in pares:
        clave, igual, valor = par.partition("=")
        if not igual or not clave.strip().isidentifier():
            malos.append(par)
            continue
        if valor.strip():          # un valor vacío no llena la variable: se reporta como faltante
            datos[clave.strip()] = valor
    if malos:
        print("Error: cada --dato se escribe CLAVE=VALOR (la clave, como en ${CLAVE}):", file=sys.stderr)
        for par in malos:
            print(f"  {par}", file=sys.stderr)
        return None
    return datos


def _emitir(args: argparse.Namespace) -> int:
    """«dti oficio emitir»: con o sin plantilla; nunca sale con un ${…} sin llenar."""
    from app.errores import ErrorValidacion
    from app.servicios.nucleo import plantillas
    from app.servicios.oficios import oficios

    datos = _datos(args.dato)
    if datos is None:
        return 2
    if args.plantilla and args.plantilla not in plantillas.disponibles():
        print(f"Error: no existe la plantilla «{args.plantilla}». Plantillas disponibles:", file=sys.stderr)
        for nombre in plantillas.disponibles():
            print(f"  {nombre}", file=sys.stderr)
        return 2
    if not args.plantilla and args.dato:
        print("Error: --dato solo sirve con --plantilla.", file=sys.stderr)
        return 2
    formulario = dict(destinatario_nombre=args.destinatario, destinatario_cargo=args.cargo,
                      destinatario_dependencia=args.dependencia, asunto=args.asunto, cuerpo=args.cuerpo,
                      ccp=args.ccp)
    if args.plantilla:
        llenado = oficios.llenar_plantilla(args.plantilla, datos, **formulario)
        if not llenado.completo:
            print(f"Error: faltan valores de la plantilla «{args.plantilla}»; agregue --dato CLAVE=VALOR "
                  "por cada una. Variables sin llenar:", file=sys.stderr)
            for nombre in llenado.faltantes:
                print(f"  {nombre}", file=sys.stderr)
            return 2
    actor = comun.actor(args.usuario)
    try:
        if args.plantilla:
            oficio = oficios.emitir_desde_plantilla(actor, args.plantilla, datos, **formulario)
        else:
            oficio = oficios.emitir_oficio(actor, **formulario)
    except ErrorValidacion as exc:
        if not any(campo.startswith(plantillas.CAMPO) for campo in exc.campos()):
            raise                  # los demás errores: una línea, como en todos los subcomandos
        print("Error: no se emitió el oficio; el texto tiene variables sin llenar:", file=sys.stderr)
        for campo, mensaje in exc.errores:
            print(f"  {campo.removeprefix(plantillas.CAMPO) or mensaje}", file=sys.stderr)
        return 2
    print(f"Oficio emitido el {oficio.fecha_documento:%d/%m/%Y}, SHA-256 {oficio.sha256}")
    print(oficio.folio)
    return 0


VARIABLE_CONTRASENA = "DTI_EFIRMA_CONTRASENA"


def _agregar_firmar(oficio, db: argparse.ArgumentParser) -> None:
    """«dti oficio firmar»: firma PAdES con la e.firma del firmante."""
    firmar = oficio.add_parser(
        "firmar", parents=[db], help="firmar un oficio emitido con la e.firma; imprime la ruta del PDF firmado",
        description="Firma el PDF del oficio con la e.firma (SAT) del firmante: el .cer (DER), el .key (PKCS#8 "
                    f"cifrado) y su contraseña, de la variable {VARIABLE_CONTRASENA} o pedida sin eco. El PDF "
                    "firmado se guarda con el oficio (el emitido no cambia). Ante una contraseña equivocada, un "
                    "certificado vencido o que no corresponde a la llave, sale con 2 sin escribir nada.")
    firmar.add_argument("folio")
    firmar.add_argument("--cer", required=True, metavar="ARCHIVO.cer", help="certificado de la e.firma")
    firmar.add_argument("--key", required=True, metavar="ARCHIVO.key", help="llave privada de la e.firma")
    firmar.add_argument("--salida", default="", metavar="FIRMADO.pdf",
                        help="dónde dejar el PDF firmado (por omisión: FOLIO-firmado.pdf en la carpeta actual)")
    firmar.add_argument("--invisible", action="store_true", help="sin recuadro de firma en la hoja")
    firmar.add_argument("--usuario", default=None, metavar="NOMBRE", help=comun.AYUDA_USUARIO)


def _firmar(args: argparse.Namespace) -> int:
    """Lee la e.firma, firma el oficio, guarda el firmado con él y lo escribe en --salida."""
    import getpass
    import os
    from pathlib import Path

    from app.servicios.oficios import firma_electronica, oficios

    oficio = oficios.por_folio(args.folio)
    cer, key = Path(args.cer).read_bytes(), Path(args.key).read_bytes()
    contrasena = os.environ.get(VARIABLE_CONTRASENA)
    if contrasena is None:
        if not sys.stdin.isatty():
            print(f"Error: falta la contraseña de la e.firma; póngala en la variable {VARIABLE_CONTRASENA}.",
                  file=sys.stderr)
            return 2
        contrasena = getpass.getpass("Contraseña de la e.firma: ")
    documento = firma_electronica.firmar_oficio(comun.actor(args.usuario), oficio, cer, key, contrasena,
                                                visible=not args.invisible)
    salida = args.salida or documento.nombre_archivo
    comun.escribir(salida, bytes(documento.contenido))
    print(f"Oficio {oficio.folio} firmado, SHA-256 {documento.sha256}")
    print(salida)
    return 0
