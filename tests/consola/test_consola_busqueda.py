"""«dti buscar TEXTO»: la búsqueda global desde la consola."""
from __future__ import annotations

from app.consola.principal import principal
from app.modelos import Bien, Oficio


def _lineas(texto: str) -> list[list[str]]:
    return [linea.strip().split("\t") for linea in texto.splitlines() if linea.startswith("  ")]


def test_un_folio_sale_primero_con_su_pestana(demo_sqlite, capsys):
    url = f"sqlite:///{demo_sqlite.database}"
    oficio = Oficio.select().where(Oficio.folio.is_null(False)).order_by(Oficio.id).first()
    assert principal(["buscar", oficio.folio.lower(), "--db", url]) == 0
    salida = capsys.readouterr()
    assert salida.out.splitlines()[0] == "Oficios:"
    primera = _lineas(salida.out)[0]
    assert primera[:3] == ["oficio", str(oficio.id), f"{oficio.folio} (exacto)"] and primera[-1] == "→ Oficios"
    assert "resultado(s) para" in salida.err


def test_la_serie_de_un_bien_con_los_permisos_de_consulta(demo_sqlite, capsys):
    url = f"sqlite:///{demo_sqlite.database}"
    bien = Bien.select().where(Bien.serie.is_null(False)).order_by(Bien.id).first()
    assert principal(["buscar", bien.serie, "--usuario", "consulta", "--tope", "1", "--db", url]) == 0
    lineas = _lineas(capsys.readouterr().out)
    assert lineas[0][:3] == ["bien", str(bien.id), f"{bien.numero_inventario} (exacto)"]


def test_sin_resultados_sale_con_1_y_un_texto_corto_con_2(demo_sqlite, capsys):
    url = f"sqlite:///{demo_sqlite.database}"
    assert principal(["buscar", "zzqq%_", "--db", url]) == 1
    assert capsys.readouterr().out == ""
    assert principal(["buscar", "%", "--db", url]) == 2
    assert "al menos 2 letras" in capsys.readouterr().err
    assert principal(["buscar", "telefono", "--usuario", "nadie", "--db", url]) == 2
    assert capsys.readouterr().err == "Error: No existe el usuario «nadie».\n"
