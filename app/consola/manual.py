"""Subcomando «dti manual»: el manual de usuario en PDF y sus capturas.

    dti manual                               índice de capítulos
    dti manual --salida manual-de-usuario.pdf
    dti manual --capturas app/datos/manual/capturas

Procedimiento 11, política 5: la DTI entrega un manual de usuario con cada sistema que desarrolla.
"""
from __future__ import annotations

import argparse
import tempfile
from pathlib import Path
from typing import Callable, Sequence

COMANDOS = ("manual",)
SOLO_LECTURA = frozenset({"manual"})     # --capturas usa una base de demostración temporal


def agregar(sub, db: argparse.ArgumentParser) -> None:
    """Agrega «dti manual» al analizador de «dti»."""
    manual = sub.add_parser(
        "manual", parents=[db], help="manual de usuario: exportarlo a PDF o regenerar sus capturas",
        description="Sin opciones: el índice de capítulos. Con --salida: el manual completo en PDF, con "
                    "tabla de contenido. Con --capturas: una captura por pestaña, sobre una base de "
                    "demostración temporal (la base de la oficina no se toca).")
    manual.add_argument("--salida", metavar="ARCHIVO.pdf", help="escribir el manual completo en este PDF")
    manual.add_argument("--capturas", metavar="CARPETA",
                        help="regenerar las capturas de las pestañas en CARPETA (p. ej. app/datos/manual/capturas)")
    manual.add_argument("--pestana", action="append", metavar="NOMBRE",
                        help="con --capturas: solo esta pestaña (se puede repetir)")
    manual.set_defaults(accion="manual")     # sin acción: no se muestra la ayuda, se lista el índice


def nombre_captura(titulo: str) -> str:
    """``"Mesa de ayuda"`` → ``"mesa-de-ayuda.png"`` (lo que citan los capítulos: ``capturas/…``)."""
    from app.servicios.ayuda.manual import clave_pestana

    return clave_pestana(titulo).removeprefix("pestana-") + ".png"


def generar_capturas(carpeta: str | Path, titulos: Sequence[str] | None = None,
                     avisar: Callable[[str], None] = lambda _texto: None) -> list[Path]:
    """Captura cada pestaña de ``titulos`` (por omisión, todas) y la guarda en ``carpeta``.

    La base temporal se crea, se carga con la demostración y se borra al terminar: la base de la
    oficina nunca se toca. Las imágenes quedan reducidas (``reducir_captura``).
    """
    from app import base_datos
    from app.servicios.ayuda.imagenes import reducir_captura
    from app.demo import carga
    from app.servicios.expedientes import vincular
    from app.vistas.captura import capturar
    from app.vistas.modulos import MODULOS

    destino = Path(carpeta)
    destino.mkdir(parents=True, exist_ok=True)
    lista = list(titulos) if titulos else [m.titulo for m in MODULOS]
    guardadas: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="dti-manual-") as temporal:
        base_datos.conectar(f"sqlite:///{Path(temporal) / 'demo.sqlite3'}")
        try:
            vincular.vincular_existentes()
            carga.cargar_demo()
            for titulo in lista:
                crudo = Path(temporal) / "captura.png"
                capturar(crudo, titulo)
                guardadas.append(reducir_captura(crudo, destino / nombre_captura(titulo)))
                avisar(f"{titulo}: {guardadas[-1]}")
        finally:
            base_datos.cerrar()
    return guardadas


def _titulos() -> list[str]:
    from app.vistas.modulos import MODULOS

    return [m.titulo for m in MODULOS]


def ejecutar(args: argparse.Namespace) -> int:
    """Ejecuta «dti manual»; devuelve el código de salida."""
    from app.errores import ErrorDTI
    from app.servicios.ayuda import completo

    if args.pestana and not args.capturas:
        raise ErrorDTI("--pestana solo sirve con --capturas.")
    if args.capturas:
        titulos = _titulos()
        pedidas = args.pestana or titulos
        from app.servicios.nucleo.validacion import normalizar

        conocidas = {normalizar(t): t for t in titulos}
        faltan = [p for p in pedidas if normalizar(p) not in conocidas]
        if faltan:
            raise ErrorDTI(f"No existe la pestaña «{faltan[0]}». Las pestañas son: {', '.join(titulos)}.")
        rutas = generar_capturas(args.capturas, [conocidas[normalizar(p)] for p in pedidas], print)
        print(f"Capturas guardadas: {len(rutas)} en {args.capturas}")
        return 0
    capitulos = completo.capitulos(_titulos())
    if not args.salida:
        for numero, capitulo in enumerate(capitulos, start=1):
            print(f"{numero:3d}. {capitulo.titulo}")
        return 0
    if not args.salida.lower().endswith(".pdf"):
        raise ErrorDTI(f"El manual se exporta en PDF: «{args.salida}» debe terminar en .pdf.")
    from app import __version__
    from app.documentos.manual_pdf import CapituloPdf, escribir_manual
    from app.servicios.ayuda.manual import carpeta_manual
    from app.servicios.catalogos import catalogos

    ruta = escribir_manual(
        args.salida, [CapituloPdf(c.titulo, c.texto) for c in capitulos], titulo="Manual de usuario",
        subtitulo=f"Sistema de la Dirección de Tecnologías de la Información — {catalogos.institucion().nombre}",
        carpeta_imagenes=carpeta_manual(), version=f"Versión {__version__}")
    print(f"Manual de usuario: {len(capitulos)} capítulos.")
    print(ruta)
    return 0
