"""Resguardo de bienes en PDF: nombre, cada número de inventario, total y las dos firmas."""
from __future__ import annotations

import pypdfium2 as pdfium
import pytest

from app.modelos import Bien
from app.servicios.inventario import resguardos
from app.errores import ErrorNoEncontrado, ErrorValidacion
from tests.bienes_prueba import catalogo_minimo, crear_bienes


def _texto(pdf: bytes) -> str:
    documento = pdfium.PdfDocument(pdf)
    return "\n".join(documento[i].get_textpage().get_text_range() for i in range(len(documento)))


def test_resguardo_con_todos_sus_bienes_y_dos_firmas(bd):
    catalogo = catalogo_minimo()
    servidor, otro = catalogo["laura"], catalogo["ricardo"]
    mios = crear_bienes(45, resguardante=servidor, dependencia=servidor.dependencia)
    ajeno = crear_bienes(1, resguardante=otro, inicio=900)[0]
    Bien.update(estado="dado_de_baja").where(Bien.id == mios[-1].id).execute()
    Bien.update(descripcion="<b>Monitor</b> & <img src='C:/x.png'/> 24\"").where(Bien.id == mios[0].id).execute()
    pdf = resguardos.generar_resguardo(servidor.nombre)
    documento = pdfium.PdfDocument(pdf)
    assert len(documento) >= 2                                   # 44 bienes no caben en una hoja
    texto = _texto(pdf)
    assert "RESGUARDO DE BIENES INFORMÁTICOS" in texto
    assert texto.count(servidor.nombre) >= 2                      # datos y firma
    for bien in mios[:-1]:
        assert bien.numero_inventario in texto
    assert mios[-1].numero_inventario not in texto                # dado de baja
    assert ajeno.numero_inventario not in texto
    assert "<b>Monitor</b> & <img" in texto.replace("\r\n", " ")
    assert "RECIBE" in texto and "ENTREGA" in texto and "Miguel Ángel Mendoza López" in texto
    assert "Total: 44 bien(es)" in texto
    total = sum(b.valor for b in mios[:-1])
    assert f"${total:,.2f}" in texto
    assert f"Página 1 de {len(documento)}" in texto
    ultima = documento[len(documento) - 1].get_textpage().get_text_range()
    firmas = ultima[ultima.index("RECIBE"):]
    assert "Resguardante" in firmas and servidor.nombre in firmas and servidor.cargo in firmas
    assert "Miguel Ángel Mendoza López" in firmas and "Director de Tecnologías" in firmas


def test_resguardo_sin_bienes_o_sin_titular(bd):
    servidor = catalogo_minimo()["ricardo"]
    with pytest.raises(ErrorValidacion, match="no tiene bienes"):
        resguardos.generar_resguardo(servidor)
    with pytest.raises(ErrorNoEncontrado):
        resguardos.generar_resguardo("Nadie Que Exista")


def test_resguardo_exige_titular_de_la_dti(bd):
    from app.servicios.catalogos import catalogos, usuarios

    sistema = usuarios.usuario_sistema()
    dep = catalogos.guardar_dependencia(sistema, "Tesorería Municipal", "TM")
    servidor = catalogos.guardar_servidor(sistema, "Laura Hernández Sánchez", "Auxiliar", dep)
    crear_bienes(1, resguardante=servidor)
    with pytest.raises(ErrorValidacion, match="titular de la DTI"):
        resguardos.generar_resguardo(servidor)
