"""Capítulo de un procedimiento: la introducción escrita a mano y lo que dice su ``pNN.json``.

Lo generado (pasos, responsables, decisiones, datos que se capturan, oficios, reglas y plazos)
sale del mismo archivo que usa el motor de trámites, así que el capítulo nunca contradice lo
que el sistema exige; otro municipio que carga sus ``pNN.json`` obtiene sus capítulos.
"""
from __future__ import annotations

from pathlib import Path

from app.documentos.manual_markdown import escapar_celda
from app.servicios.ayuda.manual import PROCEDIMIENTO, Capitulo, carpeta_manual
from app.servicios.tramites import procedimientos as definiciones
from app.servicios.tramites.modulos import modulo as modulo_dueno
from app.servicios.tramites.procedimientos import Paso, Procedimiento
from app.servicios.tramites.reglas import REGLAS

__all__ = ["capitulo_procedimiento", "capitulos_procedimientos", "clave_procedimiento", "texto_plazo"]

NOMBRES_FIRMANTE = {
    "titular_dti": "Titular de la DTI",
    "tesorero": "Tesorero(a) municipal",
    "jefe_area": "Jefe(a) del área",
    "director": "Director(a) de la dependencia",
}
NOMBRES_TIPO = {
    "texto": "texto", "texto_largo": "texto largo", "fecha": "fecha", "fecha_hora": "fecha y hora",
    "importe": "importe en pesos", "entero": "número entero", "opcion": "una opción de la lista",
    "si_no": "sí o no", "dependencia": "dependencia", "servidor_publico": "servidor público",
    "proveedor": "proveedor", "bien": "bien del inventario", "url": "dirección web", "correo": "correo electrónico",
}


def clave_procedimiento(numero: int) -> str:
    """``11`` → ``"procedimiento-p11"`` (también el nombre del archivo de la introducción)."""
    return f"procedimiento-p{int(numero):02d}"


def texto_plazo(horas: float | None) -> str:
    """``0.0833`` → ``"5 min"``; ``24`` → ``"24 h hábiles"``; ``None`` → ``"sin plazo"``."""
    if horas is None:
        return "sin plazo"
    if horas < 1:
        return f"{max(1, round(horas * 60))} min"
    entero = int(horas) if float(horas).is_integer() else round(horas, 1)
    return f"{entero} h hábiles"


def _celda(texto: object) -> str:
    return escapar_celda(str(texto or "—"))


def _donde_se_lleva(procedimiento: Procedimiento) -> str:
    dueno = modulo_dueno(procedimiento.modulo)
    if dueno is None:
        return ("en la pestaña **Trámites**: se abre con «Nuevo trámite» y cada paso se cierra con "
                "«Avanzar paso»")
    return f"en la pestaña **{dueno.pestana}** (cada caso: {dueno.registro}). {dueno.mensaje}"


def _decision(paso: Paso) -> str:
    salidas = "; ".join(f"**{o.etiqueta}** → paso {o.destino}" for o in paso.opciones)
    return f"Paso {paso.numero}: {paso.pregunta or paso.actividad} {salidas}."


def _tabla_pasos(pasos: tuple[Paso, ...]) -> list[str]:
    renglones = ["| Paso | Actividad | Responsable | Plazo |", "|---|---|---|---|"]
    for paso in pasos:
        renglones.append(f"| {_celda(paso.numero)} | {_celda(paso.actividad)} | {_celda(paso.responsable)} | "
                         f"{_celda(texto_plazo(paso.plazo_horas_habiles))} |")
    return renglones


def _generado(procedimiento: Procedimiento) -> list[str]:
    p = procedimiento
    texto = ["## Lo que dice el manual de procedimientos", "",
             f"- **Área responsable:** {p.area}",
             f"- **Dónde se lleva:** {_donde_se_lleva(p)}",
             f"- **Tiempo de gestión:** {p.tiempo_gestion or 'no indicado'}",
             f"- **Documentos:** {', '.join(p.documentos) or 'ninguno'}", ""]
    if p.objetivo:
        texto += [f"**Objetivo.** {p.objetivo}", ""]
    if p.politicas:
        texto += ["### Políticas de operación", ""]
        texto += [f"{i}. {politica}" for i, politica in enumerate(p.politicas, start=1)] + [""]
    if p.preparacion:
        texto += ["### Pasos que se hacen una sola vez", "",
                  "No forman parte de cada caso: se hacen al establecer el procedimiento.", ""]
        texto += _tabla_pasos(p.preparacion) + [""]
    texto += ["## Pasos", "", "El plazo se cuenta en horas hábiles del calendario laboral de la DTI.", ""]
    texto += _tabla_pasos(p.pasos) + [""]
    decisiones = [paso for paso in p.pasos if paso.es_decision]
    if decisiones:
        texto += ["## Decisiones", ""] + [f"- {_decision(paso)}" for paso in decisiones] + [""]
    campos = [(paso, campo) for paso in p.pasos for campo in paso.campos]
    if campos:
        texto += ["## Datos que se capturan", "", "| Paso | Dato | Tipo | ¿Obligatorio? |", "|---|---|---|---|"]
        texto += [f"| {_celda(paso.numero)} | {_celda(c.etiqueta)} | {_celda(NOMBRES_TIPO.get(c.tipo, c.tipo))} | "
                  f"{'Sí' if c.requerido else 'No'} |" for paso, c in campos] + [""]
    adjuntos = [(paso, a) for paso in p.pasos for a in paso.adjuntos]
    if adjuntos:
        texto += ["## Documentos que se adjuntan", "", "| Paso | Documento | Formatos | ¿Obligatorio? |",
                  "|---|---|---|---|"]
        texto += [f"| {_celda(paso.numero)} | {_celda(a.etiqueta)} | {_celda(', '.join(a.tipos).upper())} | "
                  f"{'Sí' if a.requerido else 'No'} |" for paso, a in adjuntos] + [""]
    oficios = [paso for paso in p.pasos if paso.documento is not None]
    if oficios:
        texto += ["## Oficios que produce", "",
                  "Se generan con el servicio de oficios: toman folio al emitirse y quedan congelados.", "",
                  "| Paso | Plantilla | Firma |", "|---|---|---|"]
        texto += [f"| {_celda(paso.numero)} | {_celda(paso.documento.plantilla)} | "
                  f"{_celda(NOMBRES_FIRMANTE.get(paso.documento.firmante, paso.documento.firmante))} |"
                  for paso in oficios] + [""]
    reglas = [(paso, r) for paso in p.pasos for r in paso.reglas]
    if reglas:
        texto += ["## Reglas que revisa el sistema", "",
                  "Si una regla no se cumple, el sistema rehúsa cerrar el paso y dice por qué.", ""]
        for paso, regla in reglas:
            definicion = REGLAS.get(regla.nombre)
            descripcion = definicion.descripcion if definicion else regla.nombre
            politica = regla.parametros.get("politica")
            extra = f" (política {politica})" if politica else ""
            texto.append(f"- Paso {paso.numero}: {descripcion}{extra}")
        texto.append("")
    if p.notas:
        texto += ["## Aclaraciones al manual", "",
                  "Donde el manual impreso es ambiguo, el sistema hace lo siguiente:", ""]
        texto += [f"- {nota}" for nota in p.notas] + [""]
    return texto


def _introduccion(procedimiento: Procedimiento, carpeta: Path) -> list[str]:
    """El texto escrito a mano (sin su título), o nada si no existe el archivo."""
    ruta = carpeta / f"{clave_procedimiento(procedimiento.numero)}.md"
    if not ruta.is_file():
        return []
    renglones = ruta.read_text(encoding="utf-8").splitlines()
    if renglones and renglones[0].startswith("# "):
        renglones = renglones[1:]
    return [*renglones, ""]


def capitulo_procedimiento(procedimiento: Procedimiento, carpeta: Path | None = None) -> Capitulo:
    """El capítulo del procedimiento: su título, la introducción a mano y lo generado del JSON."""
    titulo = f"Procedimiento {procedimiento.numero}. {procedimiento.nombre}"
    texto = [f"# {titulo}", "", *_introduccion(procedimiento, carpeta or carpeta_manual()),
             *_generado(procedimiento)]
    return Capitulo(clave_procedimiento(procedimiento.numero), titulo, "\n".join(texto).rstrip() + "\n",
                    PROCEDIMIENTO)


def capitulos_procedimientos(carpeta: Path | None = None, carpeta_pnn: Path | None = None) -> list[Capitulo]:
    """Un capítulo por ``pNN.json`` (los del sistema, o los de ``carpeta_pnn``), en orden de número."""
    if carpeta_pnn is None:
        lista = definiciones.todos()
    else:
        lista = tuple(sorted((definiciones.cargar_archivo(r) for r in Path(carpeta_pnn).glob("p*.json")),
                             key=lambda p: p.numero))
    return [capitulo_procedimiento(p, carpeta) for p in lista]
