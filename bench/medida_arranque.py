"""Medición «arranque»: de lanzar el proceso a la ventana principal mostrada y usable.

Sobre una base SQLite con ``DTI_BENCH_BIENES`` bienes (50,000 por omisión) y cuatro veces
ese número de tickets (200,000) si la mesa de ayuda ya existe (``app.modelos.mesa_ayuda``;
si no, lo dice la nota). La app arranca por su camino real (``app.__main__.main`` → consola →
``ejecutar_gui``: QApplication, idioma y estilo, abrir y revisar migraciones, ventana y su
primera pestaña); solo el diálogo de inicio de sesión se contesta solo, sin teclear ni
verificar la contraseña. La base: una ventana PySide6 desnuda con una tabla de 200 filas,
arrancada igual (proceso nuevo, ``offscreen``). Cada una se arranca varias veces, alternadas, y
se toma la mediana.

Además revisa ``sys.modules`` al mostrarse la ventana: ni ReportLab ni openpyxl deben estar
cargados, ni más vista de módulo que la de la pestaña visible.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from comun import RAIZ, bienes_bench, carpeta_temporal, figura, imprimir_tabla, preparar_entorno  # noqa: E402

PROHIBIDOS = ("reportlab", "openpyxl")
MARCA = "VENTANA-LISTA"


# --- Base de medición ----------------------------------------------------------------------

def _hay_mesa_ayuda() -> bool:
    import importlib.util

    return importlib.util.find_spec("app.modelos.mesa_ayuda") is not None


def preparar_base(carpeta: Path, bienes: int) -> tuple[str, str]:
    """Crea la base de medición; devuelve (url, nota sobre los tickets)."""
    from app.base_datos import bd, cerrar, conectar
    from app.modelos import Bien, Dependencia, TipoBien
    from app.demo.carga import cargar_demo

    url = f"sqlite:///{(carpeta / 'arranque.sqlite3').as_posix()}"
    conectar(url)
    cargar_demo()
    with bd.atomic():
        tipos = [TipoBien.create(nombre=nombre, cuenta_contable=cuenta, vida_util_anios=vida)
                 for nombre, cuenta, vida in (("Computadora de bench", "1.2.4.1.3", 3),
                                              ("Impresora de bench", "1.2.4.1.3", 3),
                                              ("Switch de bench", "1.2.4.6.5", 5))]
        dependencias = list(Dependencia.select())
        marcas = ("Dell", "HP", "Lenovo", "Cisco", "Epson")
        hoy = dt.date(2024, 1, 15)
        filas = []
        for i in range(1, bienes + 1):
            marca = marcas[i % len(marcas)]
            filas.append({
                "numero_inventario": f"SMT-DTI-{i:06d}", "tipo": tipos[i % 3].id,
                "descripcion": f"Equipo {i} de la dependencia", "marca": marca, "modelo": f"M-{i % 97}",
                "serie": f"SN{i:08d}", "fecha_adquisicion": hoy, "valor": "15000.00",
                "dependencia": dependencias[i % len(dependencias)].id,
                "busqueda": f"smt-dti-{i:06d} equipo {i} {marca.lower()} sn{i:08d}",
            })
            if len(filas) == 2000:
                Bien.insert_many(filas).execute()
                filas.clear()
        if filas:
            Bien.insert_many(filas).execute()
    if _hay_mesa_ayuda():
        from app.demo.mesa_ayuda import cargar_tickets_masivos

        cargar_tickets_masivos(4 * bienes)
        nota = f"{bienes:,} bienes y {4 * bienes:,} tickets"
    else:
        nota = (f"{bienes:,} bienes; SIN tickets: app.modelos.mesa_ayuda no existe en esta rama "
                "(se cargarán con cargar_tickets_masivos cuando exista)")
    cerrar()
    return url, nota


# --- Procesos hijos ------------------------------------------------------------------------

def _hijo_app(url: str) -> int:
    """Arranca la app como lo haría ``python -m app --db URL`` y avisa cuando la ventana es usable."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QDialog

    aplicacion = QApplication(sys.argv[:1])

    def listo() -> None:
        from app.vistas.modulos import MODULOS
        from app.vistas.ventana_principal import VentanaPrincipal

        QApplication.processEvents()
        ventanas = [v for v in QApplication.topLevelWidgets() if isinstance(v, VentanaPrincipal) and v.isVisible()]
        if not ventanas:
            # La pantalla de inicio procesa eventos mientras migra: el temporizador puede
            # dispararse antes de que exista la ventana; se vuelve a mirar en 10 ms.
            QTimer.singleShot(10, listo)
            return
        visible = ventanas[0].pestanas.currentWidget().modulo if ventanas else None
        vistas = sorted({m.ruta.partition(":")[0] for m in MODULOS} & set(sys.modules))
        print(MARCA, json.dumps({
            "ventana": bool(ventanas), "pestana_cargada": visible is not None,
            "prohibidos": sorted(p for p in PROHIBIDOS if p in sys.modules), "vistas": vistas,
        }), flush=True)
        aplicacion.quit()

    import app.vistas.login as login
    from app.servicios.catalogos import usuarios

    class LoginAutomatico(login.DialogoLogin):
        def exec(self) -> int:  # noqa: A003 - API de Qt
            self.usuario = usuarios.obtener("director")
            return QDialog.DialogCode.Accepted

    login.DialogoLogin = LoginAutomatico
    QTimer.singleShot(0, listo)
    from app.__main__ import main

    return main(["--db", url])


def _hijo_base() -> int:
    """Ventana PySide6 desnuda con una tabla, arrancada igual."""
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    aplicacion = QApplication(sys.argv[:1])
    ventana = QMainWindow()
    ventana.setWindowTitle("Base")
    modelo = QStandardItemModel(200, 6, ventana)
    for fila in range(200):
        for columna in range(6):
            modelo.setItem(fila, columna, QStandardItem(f"{fila}-{columna}"))
    tabla = QTableView(ventana)
    tabla.setModel(modelo)
    ventana.setCentralWidget(tabla)
    ventana.resize(1280, 800)
    ventana.show()

    def listo() -> None:
        QApplication.processEvents()
        print(MARCA, json.dumps({"ventana": ventana.isVisible()}), flush=True)
        aplicacion.quit()

    QTimer.singleShot(0, listo)
    return aplicacion.exec()


def _lanzar(argumentos: list[str], entorno: dict[str, str]) -> tuple[float, dict]:
    """Segundos desde lanzar el proceso hasta que avisa que su ventana está lista, y su informe."""
    inicio = time.perf_counter()
    proceso = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), *argumentos],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=entorno)
    segundos, informe = None, {}
    while linea := proceso.stdout.readline():
        if linea.startswith(MARCA):
            segundos = time.perf_counter() - inicio
            informe = json.loads(linea[len(MARCA):])
            break
    _resto, errores = proceso.communicate(timeout=300)
    if segundos is None or proceso.returncode != 0:
        raise RuntimeError(f"El arranque {' '.join(argumentos)} falló ({proceso.returncode}): {errores[-800:]}")
    return segundos, informe


def medir() -> list[dict]:
    carpeta = carpeta_temporal("arranque")
    preparar_entorno(carpeta)
    bienes = bienes_bench()
    url, nota = preparar_base(carpeta, bienes)
    entorno = {**os.environ, "PYTHONPATH": str(RAIZ), "QT_QPA_PLATFORM": "offscreen"}
    veces = 5 if bienes >= 10_000 else 2
    _lanzar(["--hijo-base"], entorno)            # calentar la caché de disco de las bibliotecas
    _lanzar(["--hijo-app", url], entorno)
    tiempos_app, tiempos_base, informe = [], [], {}
    for _ in range(veces):
        segundos, informe = _lanzar(["--hijo-app", url], entorno)
        tiempos_app.append(segundos)
        tiempos_base.append(_lanzar(["--hijo-base"], entorno)[0])
    problemas = []
    if not informe["ventana"] or not informe["pestana_cargada"]:
        problemas.append("la ventana o su primera pestaña no estaban listas")
    if informe["prohibidos"]:
        problemas.append("importó antes de mostrarse: " + ", ".join(informe["prohibidos"]))
    if len(informe["vistas"]) > 1:
        problemas.append("importó las vistas de varios módulos: " + ", ".join(informe["vistas"]))
    nota += "; importados al mostrarse: " + (", ".join(problemas) if problemas else
                                             f"sin ReportLab ni openpyxl, vistas: {', '.join(informe['vistas'])}")
    resultado = figura("arranque", statistics.median(tiempos_app), statistics.median(tiempos_base), nota=nota)
    if problemas:
        resultado["cumple"] = False
    return [resultado]


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--hijo-app":
        sys.exit(_hijo_app(sys.argv[2]))
    if len(sys.argv) > 1 and sys.argv[1] == "--hijo-base":
        sys.exit(_hijo_base())
    imprimir_tabla(medir())
