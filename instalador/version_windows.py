"""Versión del programa para el instalador: propiedades del ``.exe`` y ``dti.iss``.

La versión vive en un solo lugar, ``app/__init__.py`` (``__version__``), y ``pyproject.toml``
repite la misma (una prueba lo comprueba). Aquí se lee sin importar ``app`` (el archivo
``.spec`` corre dentro de PyInstaller y no debe arrastrar dependencias) y se escribe el
recurso de versión de Windows en el formato que entiende PyInstaller (``version=``).

Uso directo::

    python3 instalador/version_windows.py            # imprime la versión
    python3 instalador/version_windows.py ARCHIVO    # escribe el recurso de versión
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
EMPRESA = "H. Ayuntamiento de San Martín Texmelucan, Puebla"
PRODUCTO = "Sistema DTI"
DESCRIPCION = "Sistema de la Dirección de Tecnologías de la Información"


def version_app(raiz: Path = RAIZ) -> str:
    """``__version__`` de ``app/__init__.py`` (p. ej. ``"0.1.0"``)."""
    texto = (raiz / "app" / "__init__.py").read_text(encoding="utf-8")
    hallada = re.search(r'^__version__\s*=\s*["\']([^"\']+)["\']', texto, re.MULTILINE)
    if not hallada:
        raise ValueError("app/__init__.py no define __version__.")
    return hallada.group(1)


def tupla_version(version: str) -> tuple[int, int, int, int]:
    """Los cuatro números que pide Windows: ``"1.2.3"`` → ``(1, 2, 3, 0)``; sufijos como ``rc1`` se ignoran."""
    numeros = [int(re.match(r"\d+", parte).group()) for parte in version.split(".")
               if re.match(r"\d+", parte)][:4]
    if not numeros:
        raise ValueError(f"La versión «{version}» no empieza con números.")
    return tuple(numeros + [0] * (4 - len(numeros)))  # type: ignore[return-value]


def texto_version_info(version: str, nombre_exe: str, descripcion: str = DESCRIPCION) -> str:
    """Recurso ``VSVersionInfo`` (texto que PyInstaller evalúa) para ``nombre_exe``."""
    numeros = tupla_version(version)
    punteada = ".".join(str(n) for n in numeros)

    def cadena(clave: str, valor: str) -> str:
        return f"        StringStruct({clave!r}, {valor!r}),"

    cadenas = "\n".join([
        cadena("CompanyName", EMPRESA),
        cadena("FileDescription", descripcion),
        cadena("FileVersion", punteada),
        cadena("InternalName", Path(nombre_exe).stem),
        cadena("LegalCopyright", f"© {EMPRESA}"),
        cadena("OriginalFilename", nombre_exe),
        cadena("ProductName", PRODUCTO),
        cadena("ProductVersion", version),
    ])
    # 0x080A = español de México; 1200 = Unicode.
    return f"""# Generado por instalador/version_windows.py; no se edita a mano.
VSVersionInfo(
  ffi=FixedFileInfo(
    filevers={numeros},
    prodvers={numeros},
    mask=0x3f,
    flags=0x0,
    OS=0x40004,
    fileType=0x1,
    subtype=0x0,
    date=(0, 0)
  ),
  kids=[
    StringFileInfo([
      StringTable('080A04B0', [
{cadenas}
      ])
    ]),
    VarFileInfo([VarStruct('Translation', [0x080A, 1200])])
  ]
)
"""


def escribir_version_info(destino: Path, nombre_exe: str, descripcion: str = DESCRIPCION) -> Path:
    """Escribe el recurso de versión de ``nombre_exe`` en ``destino`` y devuelve la ruta."""
    destino.parent.mkdir(parents=True, exist_ok=True)
    destino.write_text(texto_version_info(version_app(), nombre_exe, descripcion), encoding="utf-8")
    return destino


if __name__ == "__main__":
    if len(sys.argv) > 1:
        print(escribir_version_info(Path(sys.argv[1]), "DTI.exe"))
    else:
        print(version_app())
