"""Resguardo de bienes: el documento que firma cada servidor público por lo que tiene a su cargo."""
from __future__ import annotations

from decimal import Decimal

from app.modelos import Bien, Dependencia, Institucion, ServidorPublico
from app.modelos.inventario import DADO_DE_BAJA
from app.errores import ErrorValidacion


def _servidor(servidor: ServidorPublico | str) -> ServidorPublico:
    if isinstance(servidor, ServidorPublico):
        return servidor
    from app.servicios.catalogos.catalogos import servidor_por_nombre

    return servidor_por_nombre(servidor)


def bienes_en_resguardo(servidor: ServidorPublico) -> list[tuple]:
    """(número, descripción, marca, modelo, serie, valor) de los bienes vigentes a su cargo."""
    return list(Bien.select(Bien.numero_inventario, Bien.descripcion, Bien.marca, Bien.modelo,
                            Bien.serie, Bien.valor)
                .where((Bien.resguardante == servidor) & (Bien.estado != DADO_DE_BAJA))
                .order_by(Bien.numero_inventario).tuples())


def generar_resguardo(servidor: ServidorPublico | str) -> bytes:
    """PDF con todos los bienes bajo resguardo de ``servidor`` y las firmas del resguardante y la DTI."""
    from app.documentos.resguardo_pdf import BienResguardado, DatosResguardo, generar_resguardo_pdf
    from app.servicios.catalogos.catalogos import institucion as datos_institucion
    from app.servicios.oficios.oficios import _logotipo
    from app.tiempo import ahora_mexico

    servidor = _servidor(servidor)
    institucion: Institucion = datos_institucion()
    titular = institucion.titular_dti
    if titular is None:
        raise ErrorValidacion([("titular_dti", "Configure al titular de la DTI en Catálogos › "
                                               "Institución antes de imprimir resguardos.")])
    filas = bienes_en_resguardo(servidor)
    if not filas:
        raise ErrorValidacion([("servidor", f"{servidor.nombre} no tiene bienes bajo su resguardo.")])
    dependencia = Dependencia.get_or_none(Dependencia.id == servidor.dependencia_id)
    momento = ahora_mexico()
    datos = DatosResguardo(
        institucion=institucion.nombre, area=institucion.area, lema=institucion.lema,
        lugar=institucion.lugar, fecha=momento.date(), resguardante=servidor.nombre,
        cargo=servidor.cargo, dependencia=dependencia.nombre if dependencia else "",
        titular_dti=titular.nombre, cargo_titular=titular.cargo,
        bienes=tuple(BienResguardado(n, d or "", m or "", mo or "", s or "", v or Decimal("0"))
                     for n, d, m, mo, s, v in filas),
        logotipo=_logotipo(), pie=institucion.pie, creado=momento)
    return generar_resguardo_pdf(datos)
