"""Lo que comparten los grupos de subcomandos: la opción ``--db``, conectar, el usuario y escribir archivos."""
from __future__ import annotations

import argparse
from pathlib import Path


def padre_db() -> argparse.ArgumentParser:
    """Analizador padre con ``--db`` (la base; sin ella, la de la configuración)."""
    padre = argparse.ArgumentParser(add_help=False)
    padre.add_argument("--db", metavar="URL", default=argparse.SUPPRESS,
                       help="base de datos: sqlite:///archivo.sqlite3 o postgresql://usuario:clave@servidor/base")
    return padre


def conectar(args: argparse.Namespace) -> None:
    """Conecta (y migra) la base de ``--db`` o la de la configuración.

    Después de migrar, los registros de módulo de antes del expediente único reciben su trámite
    (una consulta por modelo cuando ya no queda ninguno).
    """
    from app.base_datos import conectar as conectar_base
    from app.configuracion import resolver_url_bd
    from app.servicios.expedientes import vincular

    conectar_base(resolver_url_bd(getattr(args, "db", None)))
    vincular.vincular_existentes()


def actor(nombre: str | None):
    """El usuario ``nombre`` (``--usuario``) o, sin él, el usuario del sistema."""
    from app.servicios.catalogos import usuarios

    return usuarios.obtener(nombre) if nombre else usuarios.usuario_sistema()


def escribir(ruta: str, contenido: bytes) -> None:
    """Escribe ``contenido`` en ``ruta`` de una vez (archivo temporal y reemplazo): nunca a medias."""
    destino = Path(ruta)
    temporal = destino.with_name(destino.name + ".tmp")
    temporal.write_bytes(contenido)
    temporal.replace(destino)
