"""Calendario laboral de la DTI: horario, días hábiles e inhábiles, horas hábiles.

Por omisión se trabaja de lunes a viernes de 08:00 a 16:00 (hora de la Ciudad de
México) y son inhábiles los días de descanso obligatorio de la Ley Federal del
Trabajo (art. 74) de cada año, sin necesidad de capturarlos. Todo es configurable:
el horario, los días agregados y la baja lógica de un día oficial.

Los momentos se manejan como ``datetime`` sin zona en hora de México (igual que
:func:`app.modelos.base.ahora`); uno con zona se convierte primero.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache

from app.base_datos import transaccion
from app.modelos.calendario import DiaInhabil, HorarioLaboral
from app.servicios.nucleo import bitacora, permisos
from app.errores import ErrorNoEncontrado
from app.servicios.nucleo.validacion import Validador
from app.tiempo import ZONA_MEXICO
from app.servicios.nucleo.concurrencia import crea

NOMBRES_DIA = ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo")
HORA_INICIO = dt.time(8, 0)
HORA_FIN = dt.time(16, 0)
DIAS_HABILES = frozenset({0, 1, 2, 3, 4})
_UN_DIA = dt.timedelta(days=1)
_LIMITE_DIAS = 3660   # ~10 años: ningún cálculo de horas hábiles busca más lejos


@dataclass(frozen=True)
class Horario:
    """Horario laboral: de ``hora_inicio`` a ``hora_fin`` los ``dias_habiles`` (0 = lunes)."""

    hora_inicio: dt.time = HORA_INICIO
    hora_fin: dt.time = HORA_FIN
    dias_habiles: frozenset[int] = DIAS_HABILES

    @property
    def horas_por_dia(self) -> float:
        inicio = dt.datetime.combine(dt.date.min, self.hora_inicio)
        return (dt.datetime.combine(dt.date.min, self.hora_fin) - inicio).total_seconds() / 3600

    def descripcion(self) -> str:
        dias = ", ".join(NOMBRES_DIA[d] for d in sorted(self.dias_habiles))
        return f"{dias} de {self.hora_inicio:%H:%M} a {self.hora_fin:%H:%M}"


# --- Días oficiales -------------------------------------------------------------------------

def _lunes_n(anio: int, mes: int, n: int) -> dt.date:
    """El n-ésimo lunes de ``mes``."""
    primero = dt.date(anio, mes, 1)
    desplazamiento = (0 - primero.weekday()) % 7
    return primero + dt.timedelta(days=desplazamiento + 7 * (n - 1))


@lru_cache(maxsize=64)
def dias_oficiales(anio: int) -> dict[dt.date, str]:
    """Días de descanso obligatorio (Ley Federal del Trabajo, art. 74) de ``anio``."""
    dias = {
        dt.date(anio, 1, 1): "Año Nuevo",
        _lunes_n(anio, 2, 1): "Día de la Constitución",
        _lunes_n(anio, 3, 3): "Natalicio de Benito Juárez",
        dt.date(anio, 5, 1): "Día del Trabajo",
        dt.date(anio, 9, 16): "Día de la Independencia",
        _lunes_n(anio, 11, 3): "Aniversario de la Revolución Mexicana",
        dt.date(anio, 12, 25): "Navidad",
    }
    # Transmisión del Poder Ejecutivo Federal: 1 de octubre cada seis años desde 2024.
    if anio >= 2024 and (anio - 2024) % 6 == 0:
        dias[dt.date(anio, 10, 1)] = "Transmisión del Poder Ejecutivo Federal"
    return dias


# --- Instantánea del calendario ---------------------------------------------------------------

@dataclass
class Calendario:
    """Horario y ajustes de días leídos una sola vez: para cálculos en lote (listas, SLA)."""

    horario: Horario
    agregados: dict[dt.date, str] = field(default_factory=dict)     # inhábiles capturados
    quitados: set[dt.date] = field(default_factory=set)             # oficiales dados de baja

    def es_dia_habil(self, fecha: dt.date) -> bool:
        if fecha.weekday() not in self.horario.dias_habiles:
            return False
        if fecha in self.agregados:
            return False
        return fecha in self.quitados or fecha not in dias_oficiales(fecha.year)

    def es_horario_laboral(self, momento: dt.datetime) -> bool:
        momento = _local(momento)
        return (self.es_dia_habil(momento.date())
                and self.horario.hora_inicio <= momento.time() < self.horario.hora_fin)

    def _jornada(self, fecha: dt.date) -> tuple[dt.datetime, dt.datetime]:
        return (dt.datetime.combine(fecha, self.horario.hora_inicio),
                dt.datetime.combine(fecha, self.horario.hora_fin))

    def sumar_horas_habiles(self, inicio: dt.datetime, horas: float) -> dt.datetime:
        """El momento en que se cumplen ``horas`` hábiles contadas desde ``inicio``."""
        if horas < 0:
            raise ValueError("Las horas hábiles a sumar no pueden ser negativas.")
        momento = _local(inicio)
        restante = dt.timedelta(hours=horas)
        fecha = momento.date()
        for _ in range(_LIMITE_DIAS):
            if self.es_dia_habil(fecha):
                abre, cierra = self._jornada(fecha)
                desde = max(momento, abre)
                if desde < cierra:
                    disponible = cierra - desde
                    if restante <= disponible:
                        # Una meta que cae justo al cierre se cumple al cierre, no al día siguiente.
                        return desde + restante
                    restante -= disponible
            fecha += _UN_DIA
            momento = dt.datetime.combine(fecha, dt.time.min)
        raise ValueError("El calendario no tiene días hábiles suficientes para ese plazo.")

    def sumar_dias_habiles(self, fecha: dt.date, dias: int) -> dt.date:
        """El día hábil número ``dias`` después de ``fecha`` (``fecha`` misma si ``dias`` es 0)."""
        for _ in range(_LIMITE_DIAS):
            if dias <= 0:
                return fecha
            fecha += _UN_DIA
            if self.es_dia_habil(fecha):
                dias -= 1
        raise ValueError("El calendario no tiene días hábiles suficientes para ese plazo.")

    def horas_habiles_entre(self, a: dt.datetime, b: dt.datetime) -> float:
        """Horas hábiles entre ``a`` y ``b`` (negativas si ``b`` es anterior a ``a``)."""
        a, b = _local(a), _local(b)
        if b < a:
            return -self.horas_habiles_entre(b, a)
        total = dt.timedelta()
        fecha = a.date()
        while fecha <= b.date():
            if self.es_dia_habil(fecha):
                abre, cierra = self._jornada(fecha)
                desde, hasta = max(a, abre), min(b, cierra)
                if hasta > desde:
                    total += hasta - desde
            fecha += _UN_DIA
        return total.total_seconds() / 3600


def _local(momento: dt.datetime) -> dt.datetime:
    if momento.tzinfo is not None:
        return momento.astimezone(ZONA_MEXICO).replace(tzinfo=None)
    return momento


def _texto_a_hora(texto: str) -> dt.time:
    return dt.time.fromisoformat(texto)


def _horario_de(registro: HorarioLaboral | None) -> Horario:
    if registro is None:
        return Horario()
    dias = frozenset(int(d) for d in registro.dias_habiles.split(",") if d.strip())
    return Horario(_texto_a_hora(registro.hora_inicio), _texto_a_hora(registro.hora_fin), dias)


def calendario() -> Calendario:
    """Lee el horario y los ajustes de días (dos consultas) para calcular en lote."""
    agregados: dict[dt.date, str] = {}
    quitados: set[dt.date] = set()
    for fecha, descripcion, activo in DiaInhabil.select(
            DiaInhabil.fecha, DiaInhabil.descripcion, DiaInhabil.activo).tuples():
        if activo:
            agregados[fecha] = descripcion
        else:
            quitados.add(fecha)
    return Calendario(horario(), agregados, quitados)


# --- Consultas --------------------------------------------------------------------------------

def horario() -> Horario:
    """El horario laboral vigente (lunes a viernes 08:00–16:00 si nadie lo ha cambiado)."""
    return _horario_de(HorarioLaboral.get_or_none(HorarioLaboral.id == 1))


def es_dia_habil(fecha: dt.date) -> bool:
    """¿Se trabaja ``fecha``? (día de la semana hábil y no inhábil)."""
    return calendario().es_dia_habil(fecha)


def es_horario_laboral(momento: dt.datetime) -> bool:
    """¿``momento`` cae dentro del horario laboral de un día hábil?"""
    return calendario().es_horario_laboral(momento)


def sumar_horas_habiles(inicio: dt.datetime, horas: float) -> dt.datetime:
    """El momento en que se cumplen ``horas`` hábiles desde ``inicio``."""
    return calendario().sumar_horas_habiles(inicio, horas)


def sumar_dias_habiles(fecha: dt.date, dias: int) -> dt.date:
    """El día hábil número ``dias`` después de ``fecha``."""
    return calendario().sumar_dias_habiles(fecha, dias)


def horas_habiles_entre(a: dt.datetime, b: dt.datetime) -> float:
    """Horas hábiles transcurridas entre ``a`` y ``b``."""
    return calendario().horas_habiles_entre(a, b)


def dias_inhabiles(anio: int) -> list[dict]:
    """Inhábiles de ``anio``: oficiales y capturados, con los dados de baja marcados.

    Cada elemento: ``fecha``, ``descripcion``, ``oficial`` (bool), ``activo`` (bool).
    """
    registros = {r.fecha: r for r in DiaInhabil.select().where(
        DiaInhabil.fecha.between(dt.date(anio, 1, 1), dt.date(anio, 12, 31)))}
    filas: dict[dt.date, dict] = {}
    for fecha, nombre in dias_oficiales(anio).items():
        registro = registros.get(fecha)
        filas[fecha] = {"fecha": fecha, "descripcion": registro.descripcion if registro else nombre,
                        "oficial": True, "activo": registro.activo if registro else True}
    for fecha, registro in registros.items():
        if fecha not in filas:
            filas[fecha] = {"fecha": fecha, "descripcion": registro.descripcion,
                            "oficial": False, "activo": registro.activo}
    return [filas[f] for f in sorted(filas)]


# --- Cambios ------------------------------------------------------------------------------------

def _hora(v: Validador, campo: str, etiqueta: str, valor: dt.time | str) -> dt.time | None:
    if isinstance(valor, dt.time):
        return valor.replace(second=0, microsecond=0)
    try:
        return dt.time.fromisoformat(str(valor).strip())
    except ValueError:
        v.error(campo, f"«{etiqueta}» debe ser una hora como 08:00.")
        return None


def guardar_horario(actor, hora_inicio: dt.time | str, hora_fin: dt.time | str,
                    dias_habiles: set[int] | frozenset[int] | list[int]) -> Horario:
    """Cambia el horario laboral (queda en la bitácora)."""
    permisos.exigir(actor, permisos.EDITAR_CATALOGOS)
    v = Validador()
    inicio = _hora(v, "hora_inicio", "Hora de inicio", hora_inicio)
    fin = _hora(v, "hora_fin", "Hora de fin", hora_fin)
    dias = sorted({int(d) for d in dias_habiles})
    if inicio and fin and fin <= inicio:
        v.error("hora_fin", "La hora de fin debe ser posterior a la de inicio.")
    if not dias:
        v.error("dias_habiles", "Elija al menos un día hábil.")
    elif any(d < 0 or d > 6 for d in dias):
        v.error("dias_habiles", "Los días hábiles van de 0 (lunes) a 6 (domingo).")
    v.validar()
    with transaccion():
        registro = HorarioLaboral.get_or_none(HorarioLaboral.id == 1)
        version = registro.version if registro else None
        if registro is None:
            registro = HorarioLaboral(id=1)
        registro.hora_inicio, registro.hora_fin = f"{inicio:%H:%M}", f"{fin:%H:%M}"
        registro.dias_habiles = ",".join(str(d) for d in dias)
        if version is None:
            bitacora.guardar(registro, "alta de horario laboral", actor, force_insert=True)
        else:
            bitacora.guardar_versionado(registro, "cambio de horario laboral", actor, version)
    return _horario_de(registro)


@crea
def agregar_dia_inhabil(actor, fecha: dt.date, descripcion: str) -> DiaInhabil:
    """Declara inhábil ``fecha`` (o reactiva un día dado de baja)."""
    permisos.exigir(actor, permisos.EDITAR_CATALOGOS)
    v = Validador()
    descripcion = v.texto("descripcion", "Descripción", descripcion, 200)
    if not isinstance(fecha, dt.date):
        v.error("fecha", "Falta la fecha del día inhábil.")
    v.validar()
    if isinstance(fecha, dt.datetime):
        fecha = fecha.date()
    descripcion = descripcion or dias_oficiales(fecha.year).get(fecha, "Día inhábil")
    with transaccion():
        registro = DiaInhabil.get_or_none(DiaInhabil.fecha == fecha)
        version = registro.version if registro else None
        registro = registro or DiaInhabil(fecha=fecha)
        registro.descripcion, registro.activo = descripcion, True
        bitacora.guardar_versionado(registro, "alta de día inhábil", actor, version)
    return registro


def quitar_dia_inhabil(actor, fecha: dt.date) -> DiaInhabil:
    """Baja lógica de un día inhábil (capturado u oficial): ese día vuelve a ser hábil."""
    permisos.exigir(actor, permisos.EDITAR_CATALOGOS)
    if isinstance(fecha, dt.datetime):
        fecha = fecha.date()
    with transaccion():
        registro = DiaInhabil.get_or_none(DiaInhabil.fecha == fecha)
        oficial = dias_oficiales(fecha.year).get(fecha)
        if registro is None and oficial is None:
            raise ErrorNoEncontrado(f"El {fecha:%d/%m/%Y} no está registrado como día inhábil.")
        if registro is not None and not registro.activo:
            return registro          # ya estaba dado de baja
        version = registro.version if registro else None
        registro = registro or DiaInhabil(fecha=fecha, descripcion=oficial)
        registro.activo = False
        bitacora.guardar_versionado(registro, "baja de día inhábil", actor, version)
    return registro
