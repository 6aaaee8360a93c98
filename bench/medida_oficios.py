"""Medición «oficios pdf»: 100 oficios emitidos de punta a punta frente a ReportLab desnudo.

App: ``emitir_oficio`` cien veces sobre una base SQLite con la demostración cargada (valida,
reserva el folio, compone el PDF con membrete, logotipo, firmas, c.c.p. y QR de verificación,
calcula su SHA-256 y lo guarda con su entrada encadenada de la bitácora, todo en una transacción
con ``synchronous=FULL``). Base: ReportLab solo, cien PDF equivalentes (la misma hoja carta con
el logotipo reducido igual, los mismos párrafos y un QR dibujado con el ``QrCodeWidget`` de ReportLab), escritos
a memoria, sin base de datos. La diferencia es lo que cuesta que el oficio quede registrado.
"""
from __future__ import annotations

import io
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from comun import RAIZ, carpeta_temporal, cronometrar, figura, imprimir_tabla, preparar_entorno  # noqa: E402

CUANTOS = 100
CUERPO = ("Por medio del presente me permito informarle que la Dirección de Tecnologías de la "
          "Información realizó la revisión del equipo de cómputo asignado a su área, conforme a la "
          "solicitud recibida y al procedimiento de mantenimiento correctivo del manual.\n\n"
          "El equipo presenta una falla en la fuente de poder que impide su encendido; se recomienda "
          "su reemplazo. Se anexa el dictamen técnico correspondiente para los trámites a que haya "
          "lugar ante la Tesorería Municipal.\n\n"
          "Sin otro particular, quedo a sus órdenes para cualquier aclaración.")
DESTINATARIO = ("Laura Hernández Sánchez", "Directora de Armonización Contable", "Tesorería Municipal")
CCP = ["Presidencia Municipal. Para su conocimiento.", "Archivo."]


def _app(carpeta: Path) -> float:
    from app.base_datos import cerrar, conectar
    from app.servicios.oficios import oficios
    from app.servicios.catalogos import usuarios
    from app.demo.carga import cargar_demo

    conectar(f"sqlite:///{(carpeta / 'oficios.sqlite3').as_posix()}")
    cargar_demo()
    director = usuarios.obtener("director")

    def emitir(asunto: str) -> None:
        oficios.emitir_oficio(director, destinatario_nombre=DESTINATARIO[0], destinatario_cargo=DESTINATARIO[1],
                              destinatario_dependencia=DESTINATARIO[2], asunto=asunto, cuerpo=CUERPO, ccp=CCP)

    emitir("Calentamiento")   # importar ReportLab y cargar el logotipo no cuenta
    segundos = cronometrar(lambda: [emitir(f"Dictamen de equipo número {i}") for i in range(CUANTOS)])
    cerrar()
    return segundos


def _logotipo_reducido():
    """El logotipo aplanado sobre blanco a 300 ppp para 2.2 cm, como lo incrusta la app.

    Sin esto ReportLab recodificaría el PNG de 600×600 con transparencia en cada PDF (unos
    60 ms por oficio): la base sería artificialmente lenta.
    """
    from PIL import Image

    with Image.open(RAIZ / "recursos" / "logotipo.png") as original:
        imagen = original.convert("RGBA")
    lado = round(2.2 / 2.54 * 300)
    imagen.thumbnail((lado, lado), Image.LANCZOS)
    fondo = Image.new("RGB", imagen.size, (255, 255, 255))
    fondo.paste(imagen, mask=imagen.getchannel("A"))
    return fondo


def _base() -> float:
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import cm
    from reportlab.lib.utils import ImageReader
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    estilos = getSampleStyleSheet()
    normal, negrita = estilos["BodyText"], estilos["Heading4"]
    logotipo = ImageReader(_logotipo_reducido())

    def membrete(canvas, _doc) -> None:
        canvas.saveState()
        canvas.drawImage(logotipo, 2.5 * cm, letter[1] - 3.5 * cm, 2.2 * cm, 2.2 * cm)
        canvas.setFont("Helvetica-Bold", 14)
        canvas.drawString(5.5 * cm, letter[1] - 2 * cm, "H. Ayuntamiento de San Martín Texmelucan")
        canvas.setFont("Helvetica", 11)
        canvas.drawString(5.5 * cm, letter[1] - 2.6 * cm, "Dirección de Tecnologías de la Información")
        canvas.line(2.5 * cm, letter[1] - 3.8 * cm, letter[0] - 2.5 * cm, letter[1] - 3.8 * cm)
        canvas.restoreState()

    def un_pdf(i: int) -> bytes:
        salida = io.BytesIO()
        documento = SimpleDocTemplate(salida, pagesize=letter, topMargin=4.5 * cm)
        qr = QrCodeWidget(f"DTI-OFICIO|TM/DTI/{i:04d}/2026|{'0' * 64}", barWidth=2.2 * cm, barHeight=2.2 * cm)
        dibujo = Drawing(2.2 * cm, 2.2 * cm)
        dibujo.add(qr)
        historia = [Paragraph(f"Oficio No. TM/DTI/{i:04d}/2026", negrita),
                    Paragraph(f"<b>Asunto:</b> Dictamen de equipo número {i}", normal),
                    Paragraph("San Martín Texmelucan, Pue., a 26 de noviembre de 2026", normal),
                    Spacer(1, 0.9 * cm)]
        historia += [Paragraph(t, negrita if n == 0 else normal) for n, t in enumerate(DESTINATARIO)]
        historia += [Paragraph("P R E S E N T E", negrita), Spacer(1, 0.7 * cm)]
        historia += [Paragraph(p, normal) for p in CUERPO.split("\n\n")]
        historia += [Paragraph("A T E N T A M E N T E", negrita), Spacer(1, 2 * cm),
                     Paragraph("Miguel Ángel Mendoza López", negrita),
                     Paragraph("Director de Tecnologías de la Información", normal)]
        historia += [Paragraph(f"c.c.p. {c}", normal) for c in CCP] + [dibujo]
        documento.build(historia, onFirstPage=membrete, onLaterPages=membrete)
        return salida.getvalue()

    un_pdf(0)   # calentamiento
    return cronometrar(lambda: [un_pdf(i) for i in range(1, CUANTOS + 1)])


def medir() -> list[dict]:
    carpeta = carpeta_temporal("oficios")
    preparar_entorno(carpeta)
    app_s = _app(carpeta)
    base_s = _base()
    return [figura("oficios pdf", app_s, base_s,
                   nota=f"{CUANTOS} oficios: {CUANTOS / app_s:.0f} por segundo la app, "
                        f"{CUANTOS / base_s:.0f} por segundo ReportLab solo")]


if __name__ == "__main__":
    imprimir_tabla(medir())
