"""Punto de entrada de los ejecutables empaquetados (PyInstaller): ``DTI`` y ``dti-consola``.

En Windows, un ejecutable gráfico (``console=False``) no tiene consola: ``print`` no llega a
ningún lado y ``DTI.exe --version`` no mostraría nada. Por eso el paquete trae dos ejecutables
con el mismo código:

- ``DTI.exe`` (gráfico): el del menú Inicio. Si se le dan argumentos desde una ventana de
  ``cmd``/PowerShell, se adjunta a la consola de quien lo lanzó (``AttachConsole``) para que
  ``DTI.exe --version`` se lea; pero la consola no espera a un programa gráfico, así que la
  salida se mezcla con el siguiente indicador y el código de salida se pierde.
- ``dti-consola.exe`` (de consola): para scripts y tareas programadas; la consola lo espera,
  la salida sale en orden y ``%ERRORLEVEL%`` trae el código de salida.
"""
from __future__ import annotations

import os
import sys


def _adjuntar_consola_del_padre() -> None:
    """En Windows, si el ejecutable gráfico se lanzó desde una consola, escribe en ella."""
    if os.name != "nt" or len(sys.argv) < 2 or (sys.stdout is not None and sys.stderr is not None):
        return
    import ctypes

    ATTACH_PARENT_PROCESS = -1
    if not ctypes.windll.kernel32.AttachConsole(ATTACH_PARENT_PROCESS):
        return   # lanzado desde el Explorador o un acceso directo: no hay consola a la cual escribir
    salida = open("CONOUT$", "w", encoding="utf-8", errors="replace", buffering=1)  # noqa: SIM115
    if sys.stdout is None:
        sys.stdout = salida
    if sys.stderr is None:
        sys.stderr = salida
    salida.write("\n")   # la consola ya imprimió su indicador: empezar en una línea nueva


def main() -> int:
    _adjuntar_consola_del_padre()
    from app.__main__ import main as principal

    return principal()


if __name__ == "__main__":
    sys.exit(main())
