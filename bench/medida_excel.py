"""Medida «excel inventario»: exportar N bienes con el servicio frente a openpyxl desnudo.

El servicio (``exportar_inventario``) lee la base (una consulta con joins), calcula el
valor en libros y escribe las tres hojas (Libro CONAC al corte, Relación de bienes e
Inventario completo) con estilos; la base de comparación es openpyxl en
modo write-only escribiendo **las mismas filas ya en memoria**, sin estilos. Objetivo:
razón ≤ 1.25. Tamaño: ``DTI_BENCH_BIENES`` (50,000 por omisión).

    python3 bench/medida_excel.py
"""
from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

AL = dt.date(2026, 11, 26)
RONDAS = int(os.environ.get("DTI_BENCH_RONDAS", "2"))
# Tiempo de CPU del proceso: la máquina de medición se comparte y el tiempo de reloj depende de
# cuántos procesos más corran; todo el trabajo (SQLite, openpyxl, zip) ocurre en este proceso.
reloj = time.process_time


def _base_de_medicion(carpeta: Path, cantidad: int) -> None:
    """Base SQLite con ``cantidad`` bienes insertados en bloque (insert_many)."""
    from app.base_datos import conectar, transaccion
    from app.modelos import Bien, Dependencia, Proveedor, ServidorPublico, TipoBien
    from app.servicios.inventario import tipos_bien

    conectar(f"sqlite:///{(carpeta / 'medida.sqlite3').as_posix()}")
    tipos_bien.asegurar_predeterminados()
    tipos = list(TipoBien.select())
    with transaccion():
        Dependencia.insert_many([{"nombre": f"Dependencia {i:02d}", "siglas": f"D{i}"}
                                 for i in range(20)]).execute()
        deps = [d.id for d in Dependencia.select()]
        ServidorPublico.insert_many([{"nombre": f"Servidor Público {i:03d}", "cargo": "Auxiliar",
                                      "dependencia": deps[i % len(deps)]} for i in range(200)]).execute()
        servs = [s.id for s in ServidorPublico.select()]
        Proveedor.insert_many([{"rfc": f"ABC0101{i:02d}XY1", "razon_social": f"Proveedor {i} S.A. de C.V."}
                               for i in range(10)]).execute()
        provs = [p.id for p in Proveedor.select()]
        filas = []
        for i in range(cantidad):
            tipo = tipos[i % len(tipos)]
            filas.append({
                "numero_inventario": f"SMT-TIC-{i:06d}", "tipo": tipo.id,
                "descripcion": f"{tipo.nombre} marca genérica modelo {i % 97} con garantía",
                "marca": ["HP", "Dell", "Lenovo", "Cisco", "Epson"][i % 5],
                "modelo": f"M-{i % 313}", "serie": f"SN{i:09d}" if i % 4 else None,
                "color": "Negro", "fecha_adquisicion": dt.date(2018 + i % 8, 1 + i % 12, 1 + i % 28),
                "valor": Decimal(5000 + i % 20000) + Decimal("0.50"),
                "cuenta_contable": tipo.cuenta_contable, "proveedor": provs[i % len(provs)],
                "resguardante": servs[i % len(servs)], "dependencia": deps[i % len(deps)],
                "edificio": "Palacio Municipal", "area": f"Área {i % 30}",
                "busqueda": f"smt-tic-{i:06d}"})
            if len(filas) == 2000:
                Bien.insert_many(filas).execute()
                filas = []
        if filas:
            Bien.insert_many(filas).execute()


def _filas_en_memoria():
    """Las mismas filas que escribe el servicio, ya calculadas (no cuentan en el tiempo)."""
    from app.modelos.inventario import DADO_DE_BAJA, ESTADOS_BIEN
    from app.servicios.inventario.exportacion import _consulta
    from app.servicios.inventario.tipos_bien import valor_en_libros

    libro, relacion, conac = [], [], []
    consulta, _ = _consulta()
    for fila in consulta.tuples():
        fila = list(fila)
        fila.pop()              # id
        vida = fila.pop()
        estado = fila[11]
        fila[11] = ESTADOS_BIEN.get(estado, estado)
        libro.append(fila)
        if estado != DADO_DE_BAJA:
            libros = valor_en_libros(fila[7], fila[6], vida, AL)
            relacion.append((fila[0], fila[1], fila[5], libros))
            conac.append((fila[0], fila[1], fila[5], fila[6], fila[7], fila[7] - libros, libros))
    return libro, relacion, conac


def _openpyxl_desnudo(ruta: Path, libro: list, relacion: list, conac: list) -> None:
    from openpyxl import Workbook

    from app.servicios.inventario.exportacion import TITULOS_CONAC, TITULOS_LIBRO, _COLUMNAS_RELACION

    wb = Workbook(write_only=True)
    hoja0 = wb.create_sheet("Libro de inventarios")
    hoja0.append(list(TITULOS_CONAC))
    for fila in conac:
        hoja0.append(fila)
    hoja = wb.create_sheet("Inventario completo")
    hoja.append(list(TITULOS_LIBRO))
    for fila in libro:
        hoja.append(fila)
    hoja2 = wb.create_sheet("Relación de bienes")
    hoja2.append([c[0] for c in _COLUMNAS_RELACION])
    for fila in relacion:
        hoja2.append(fila)
    wb.save(ruta)


def medir() -> list[dict]:
    from app.base_datos import cerrar
    from app.servicios.inventario.exportacion import exportar_inventario

    cantidad = int(os.environ.get("DTI_BENCH_BIENES", "50000"))
    with tempfile.TemporaryDirectory(prefix="dti-bench-excel-") as carpeta:
        carpeta = Path(carpeta)
        _base_de_medicion(carpeta, cantidad)
        libro, relacion, conac = _filas_en_memoria()
        # La máquina se comparte: se alternan dos rondas y se toma el mejor tiempo de cada lado.
        base_s = app_s = float("inf")
        try:
            for _ in range(RONDAS):
                inicio = reloj()
                _openpyxl_desnudo(carpeta / "base.xlsx", libro, relacion, conac)
                base_s = min(base_s, reloj() - inicio)
                inicio = reloj()
                escritos = exportar_inventario(carpeta / "app.xlsx", al=AL)
                app_s = min(app_s, reloj() - inicio)
        finally:
            cerrar()
        assert escritos == cantidad
    return [{"medida": "excel inventario", "app_s": round(app_s, 3),
             "base_s": round(base_s, 3), "razon": round(app_s / base_s, 3)}]


if __name__ == "__main__":
    resultados = medir()
    print(f"{'medida':<40} {'app_s':>8} {'base_s':>8} {'razón':>7}")
    for r in resultados:
        print(f"{r['medida']:<40} {r['app_s']:>8.3f} {r['base_s']:>8.3f} {r['razon']:>7.3f}")
