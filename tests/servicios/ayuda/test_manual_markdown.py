"""Lector del Markdown del manual: lo que el PDF compone, y que nunca pierde texto."""
from __future__ import annotations

from app.documentos.manual_markdown import escapar_celda, leer, separar_celdas


def test_bloques_de_un_capitulo():
    texto = """# Título

Un párrafo
en dos renglones.

## Sección

- uno
- dos
  que sigue
1. primero
2. segundo

| A | B |
|---|:-:|
| x | y\\|z |
| solo una |

![Pie de foto](capturas/x.png)

> **Nota.** Cuidado.
> Segunda línea.

```
dti manual --salida m.pdf
```
"""
    bloques = leer(texto)
    assert [b.tipo for b in bloques] == ["encabezado", "parrafo", "encabezado", "lista", "lista", "tabla",
                                         "imagen", "nota", "codigo"]
    assert (bloques[0].nivel, bloques[0].texto) == (1, "Título")
    assert bloques[1].texto == "Un párrafo en dos renglones."
    assert bloques[3].elementos == ["uno", "dos que sigue"] and not bloques[3].ordenada
    assert bloques[4].elementos == ["primero", "segundo"] and bloques[4].ordenada
    assert bloques[5].filas == [["A", "B"], ["x", "y|z"], ["solo una", ""]]
    assert (bloques[6].texto, bloques[6].ruta) == ("Pie de foto", "capturas/x.png")
    assert bloques[7].texto == "**Nota.** Cuidado. Segunda línea."
    assert bloques[8].texto == "dti manual --salida m.pdf"


def test_entradas_raras_no_pierden_texto():
    assert leer("") == []
    assert leer("\r\n\r\n") == []
    (codigo,) = leer("```\nsin cerrar\n# no es título")       # bloque de código sin cerrar
    assert codigo.tipo == "codigo" and "# no es título" in codigo.texto
    (parrafo,) = leer("| no es tabla |\nporque no tiene separador")
    assert parrafo.tipo == "parrafo" and "no es tabla" in parrafo.texto
    (sin_espacio,) = leer("#sin espacio no es título")
    assert sin_espacio.tipo == "parrafo"


def test_celdas_con_barras_ida_y_vuelta():
    original = "a | b\n c"
    escapada = escapar_celda(original)
    assert "\n" not in escapada
    assert separar_celdas(f"| {escapada} | otra |") == ["a | b c", "otra"]
