"""Tipos de bien TIC: cuenta contable CONAC, vida útil y valor en libros.

Los predeterminados salen del Plan de Cuentas y de los «Parámetros de Estimación de Vida
Útil» del CONAC (DOF 15/08/2012):

- 1.2.4.1.3 Equipo de cómputo y de tecnologías de la información: 3 años.
- 1.2.4.2.1 Equipos y aparatos audiovisuales: 3 años.
- 1.2.4.2.3 Cámaras fotográficas y de video: 3 años.
- 1.2.4.6.5 Equipo de comunicación y telecomunicación: 10 años.
- 1.2.4.6.6 Equipos de generación eléctrica, aparatos y accesorios eléctricos: 10 años.

Cada municipio puede ajustarlos (:func:`guardar_tipo`); lo capturado manda.
"""
from __future__ import annotations

import calendar
import datetime as dt
from decimal import Decimal, ROUND_HALF_UP

from app.base_datos import transaccion
from app.modelos import TipoBien, Usuario
from app.servicios.nucleo import bitacora, permisos
from app.errores import ErrorNoEncontrado
from app.servicios.nucleo.validacion import Validador, normalizar
from app.servicios.nucleo.concurrencia import cambia

CUENTA_COMPUTO = "1.2.4.1.3"
CUENTA_AUDIOVISUAL = "1.2.4.2.1"
CUENTA_CAMARAS = "1.2.4.2.3"
CUENTA_COMUNICACION = "1.2.4.6.5"
CUENTA_ELECTRICO = "1.2.4.6.6"

NOMBRES_CUENTA: dict[str, str] = {
    CUENTA_COMPUTO: "Equipo de cómputo y de tecnologías de la información",
    CUENTA_AUDIOVISUAL: "Equipos y aparatos audiovisuales",
    CUENTA_CAMARAS: "Cámaras fotográficas y de video",
    CUENTA_COMUNICACION: "Equipo de comunicación y telecomunicación",
    CUENTA_ELECTRICO: "Equipos de generación eléctrica, aparatos y accesorios eléctricos",
}

# (nombre, cuenta contable, vida útil en años)
PREDETERMINADOS: tuple[tuple[str, str, int], ...] = (
    ("Computadora", CUENTA_COMPUTO, 3),
    ("Laptop", CUENTA_COMPUTO, 3),
    ("Servidor", CUENTA_COMPUTO, 3),
    ("Monitor", CUENTA_COMPUTO, 3),
    ("Impresora", CUENTA_COMPUTO, 3),
    ("Multifuncional", CUENTA_COMPUTO, 3),
    ("Escáner", CUENTA_COMPUTO, 3),
    ("Tableta", CUENTA_COMPUTO, 3),
    ("Almacenamiento (NAS/disco externo)", CUENTA_COMPUTO, 3),
    ("Lector de código", CUENTA_COMPUTO, 3),
    ("Firewall", CUENTA_COMPUTO, 3),
    ("Grabador de video (NVR/DVR)", CUENTA_COMPUTO, 3),
    ("Switch", CUENTA_COMUNICACION, 10),
    ("Router", CUENTA_COMUNICACION, 10),
    ("Access point", CUENTA_COMUNICACION, 10),
    ("Teléfono IP", CUENTA_COMUNICACION, 10),
    ("Conmutador telefónico", CUENTA_COMUNICACION, 10),
    ("Radio de comunicación", CUENTA_COMUNICACION, 10),
    ("Antena / enlace inalámbrico", CUENTA_COMUNICACION, 10),
    ("Cámara", CUENTA_CAMARAS, 3),
    ("Proyector", CUENTA_AUDIOVISUAL, 3),
    ("Pantalla", CUENTA_AUDIOVISUAL, 3),
    ("UPS", CUENTA_ELECTRICO, 10),
    ("No-break", CUENTA_ELECTRICO, 10),
    ("Regulador de voltaje", CUENTA_ELECTRICO, 10),
)

_CENTAVO = Decimal("0.01")


def asegurar_predeterminados() -> None:
    """Crea los tipos predeterminados que falten (idempotente; cada alta va a la bitácora).

    No toca los que ya existen aunque se hayan reconfigurado ni reactiva los desactivados.
    """
    existentes = {normalizar(n) for (n,) in TipoBien.select(TipoBien.nombre).tuples()}
    faltan = [p for p in PREDETERMINADOS if normalizar(p[0]) not in existentes]
    if not faltan:
        return
    with transaccion():
        for nombre, cuenta, vida in faltan:
            tipo = TipoBien(nombre=nombre, cuenta_contable=cuenta, vida_util_anios=vida)
            bitacora.guardar(tipo, "alta de tipo de bien (predeterminado CONAC)", None)


def _primer_uso() -> None:
    """Una base nueva (sin demostración) recibe los tipos del CONAC la primera vez que se piden."""
    if not TipoBien.select().exists():
        asegurar_predeterminados()


def tipos(activos: bool = True) -> list[TipoBien]:
    """Tipos de bien ordenados por nombre (solo los activos, salvo que se pida lo contrario).

    En una base sin ningún tipo crea primero los predeterminados del CONAC.
    """
    _primer_uso()
    consulta = TipoBien.select()
    if activos:
        consulta = consulta.where(TipoBien.activo == True)  # noqa: E712
    return sorted(consulta, key=lambda t: normalizar(t.nombre))


def por_nombre(nombre: str) -> TipoBien:
    """Tipo cuyo nombre coincide sin distinguir acentos ni mayúsculas (activo o no)."""
    buscado = normalizar(nombre or "")
    _primer_uso()
    for tipo in TipoBien.select():
        if normalizar(tipo.nombre) == buscado:
            return tipo
    raise ErrorNoEncontrado(f"No existe el tipo de bien «{nombre}».")


def _validar_cuenta(v: Validador, cuenta: str) -> str:
    partes = cuenta.split(".")
    if not cuenta:
        v.error("cuenta_contable", "Falta la cuenta contable.")
    elif len(partes) < 4 or not all(p.isdigit() for p in partes) or len(cuenta) > 30:
        v.error("cuenta_contable", f"La cuenta contable «{cuenta[:30]}» debe tener la forma del "
                                   "plan de cuentas del CONAC, p. ej. 1.2.4.1.3.")
    return cuenta


@cambia("tipo")
def guardar_tipo(actor: Usuario | None, nombre: str, cuenta_contable: str,
                 vida_util_anios: int | str, tipo: TipoBien | None = None,
                 version: int | None = None) -> TipoBien:
    """Alta o edición de un tipo de bien (nombre único sin importar acentos/mayúsculas).

    ``version`` es la que se leyó al abrir el formulario (detecta ediciones simultáneas);
    si no se da, se usa la del ``tipo`` recibido.
    """
    permisos.exigir(actor, permisos.EDITAR_CATALOGOS)
    v = Validador()
    nombre = v.texto("nombre", "Nombre del tipo", nombre, 100, requerido=True)
    cuenta = _validar_cuenta(v, v.texto("cuenta_contable", "Cuenta contable", cuenta_contable, 30))
    vida = v.entero("vida_util_anios", "Vida útil (años)", vida_util_anios, 1, 50)
    if nombre:
        for otro in TipoBien.select():
            if normalizar(otro.nombre) == normalizar(nombre) and (tipo is None or otro.id != tipo.id):
                v.error("nombre", f"Ya existe el tipo de bien «{otro.nombre}».")
    v.validar()
    registro = tipo or TipoBien()
    leida = version if version is not None else (tipo.version if tipo else None)
    registro.nombre, registro.cuenta_contable, registro.vida_util_anios = nombre, cuenta, vida
    accion = "edición de tipo de bien" if tipo else "alta de tipo de bien"
    return bitacora.guardar_versionado(registro, accion, actor, leida)


def _meses_completos(desde: dt.date, hasta: dt.date) -> int:
    """Meses completos entre dos fechas (31/01 → 28/02 cuenta un mes: fin de mes)."""
    meses = (hasta.year - desde.year) * 12 + (hasta.month - desde.month)
    ultimo_dia = calendar.monthrange(hasta.year, hasta.month)[1]
    if hasta.day < desde.day and hasta.day != ultimo_dia:
        meses -= 1
    return max(meses, 0)


def valor_en_libros(valor: Decimal, fecha_adquisicion: dt.date | None, vida_util_anios: int,
                    al: dt.date) -> Decimal:
    """Valor en libros por depreciación en línea recta, por **meses completos**.

    Depreciación acumulada = valor × meses completos desde la adquisición ÷ (vida útil × 12),
    redondeada a centavos (mitad hacia arriba); el valor en libros nunca es negativo (llega a
    0.00 al agotarse la vida útil). Sin fecha de adquisición, con fecha posterior a ``al`` o
    con vida útil no positiva no hay con qué depreciar: se devuelve el valor original.
    """
    valor = Decimal(valor if valor is not None else 0)
    if not valor.is_finite():
        raise ValueError("El valor del bien no es un número finito.")
    original = valor.quantize(_CENTAVO, rounding=ROUND_HALF_UP)
    if fecha_adquisicion is None or vida_util_anios is None or vida_util_anios <= 0:
        return original
    if isinstance(fecha_adquisicion, dt.datetime):
        fecha_adquisicion = fecha_adquisicion.date()
    if isinstance(al, dt.datetime):
        al = al.date()
    if al <= fecha_adquisicion:
        return original
    meses_vida = int(vida_util_anios) * 12
    meses = min(_meses_completos(fecha_adquisicion, al), meses_vida)
    depreciacion = (valor * meses / meses_vida).quantize(_CENTAVO, rounding=ROUND_HALF_UP)
    return max(original - depreciacion, Decimal("0.00"))
