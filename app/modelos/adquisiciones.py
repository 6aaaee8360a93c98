"""Adquisiciones y pagos a proveedores de TIC (procedimiento 1 del manual).

Una :class:`Adquisicion` es el caso completo: la solicitud (de un oficio o de una solicitud de
software del procedimiento 10), la evaluación de viabilidad, la compra o contratación con el
proveedor, las recepciones revisadas partida por partida, el CFDI del proveedor y el pago que
tramita la Dirección de Egresos. Cada recepción queda como evidencia (también las rechazadas).
"""
from __future__ import annotations

from peewee import (BlobField, BooleanField, CharField, DateField, DateTimeField, DecimalField,
                    ForeignKeyField, IntegerField, TextField)

from app.modelos.base import ModeloBase, ModeloVersionado
from app.modelos.catalogos import Dependencia, Proveedor
from app.modelos.inventario import Factura, TipoBien
from app.modelos.licencias import SolicitudSoftware
from app.modelos.oficios import Oficio
from app.modelos.tramites import Tramite
from app.modelos.usuarios import Usuario

# Estados del caso (el paso del manual en que va su trámite).
SOLICITADA = "solicitada"            # paso 2: se evalúa la adquisición
NO_VIABLE = "no_viable"              # 2.1: se presentó la solución alternativa (fin)
EN_COMPRA = "en_compra"              # paso 3: proceso de compra o contratación
CONTRATADA = "contratada"            # paso 4: se espera la entrega
EN_CORRECCION = "en_correccion"      # 4.1 → 4: se pidió corrección al proveedor
RECIBIDA = "recibida"                # paso 5: recibida conforme, falta solicitar el pago
PAGO_SOLICITADO = "pago_solicitado"  # paso 5: oficio a Egresos emitido
PAGO_EN_TRAMITE = "pago_en_tramite"  # paso 5: Egresos lo tramita
PAGADA = "pagada"                    # fin del procedimiento
CANCELADA = "cancelada"

ESTADOS: dict[str, str] = {
    SOLICITADA: "En evaluación",
    NO_VIABLE: "No viable (alternativa)",
    EN_COMPRA: "En compra",
    CONTRATADA: "Contratada, por recibir",
    EN_CORRECCION: "Corrección pedida",
    RECIBIDA: "Recibida conforme",
    PAGO_SOLICITADO: "Pago solicitado",
    PAGO_EN_TRAMITE: "Pago en trámite",
    PAGADA: "Pagada",
    CANCELADA: "Cancelada",
}

ORIGEN_OFICIO = "oficio"
ORIGEN_SOFTWARE = "software"
ORIGENES: dict[str, str] = {ORIGEN_OFICIO: "Oficio de la dependencia",
                            ORIGEN_SOFTWARE: "Solicitud de software (procedimiento 10)"}


class Adquisicion(ModeloVersionado):
    """Una adquisición de bien o contratación de servicio de TIC y el pago a su proveedor."""

    origen = CharField(max_length=10, default=ORIGEN_OFICIO)
    oficio = ForeignKeyField(Oficio, null=True, on_delete="RESTRICT", backref="adquisiciones")
    solicitud_software = ForeignKeyField(SolicitudSoftware, null=True, on_delete="RESTRICT", backref="+")
    dependencia = ForeignKeyField(Dependencia, null=True, on_delete="RESTRICT", backref="+")
    descripcion = TextField()                           # lo que pide la dependencia (paso 1)
    estado = CharField(max_length=16, index=True, default=SOLICITADA)
    # Paso 2 y 2.1: evaluación.
    viable = BooleanField(null=True)
    justificacion = TextField(default="")
    costo_estimado = DecimalField(max_digits=16, decimal_places=2, auto_round=True, null=True)
    motivo_no_viable = TextField(default="")
    solucion_alternativa = TextField(default="")
    oficio_alternativa = ForeignKeyField(Oficio, null=True, on_delete="RESTRICT", backref="+")
    # Paso 3: compra o contratación.
    proveedor = ForeignKeyField(Proveedor, null=True, on_delete="RESTRICT", backref="adquisiciones")
    numero_contrato = CharField(max_length=100, default="")
    fecha_contrato = DateField(null=True)
    fecha_entrega_pactada = DateField(null=True)
    importe = DecimalField(max_digits=16, decimal_places=2, auto_round=True, null=True)
    # Paso 5: CFDI del proveedor y pago con la Dirección de Egresos.
    cfdi_uuid = CharField(max_length=36, default="", index=True)
    cfdi_total = DecimalField(max_digits=16, decimal_places=2, auto_round=True, null=True)
    cfdi_fecha = DateField(null=True)
    cfdi_xml = BlobField(null=True)
    cfdi_pdf = BlobField(null=True)
    cfdi_nombre = CharField(max_length=255, default="")
    explicacion_diferencia = TextField(default="")
    oficio_pago = ForeignKeyField(Oficio, null=True, on_delete="RESTRICT", backref="+")
    pago_solicitado_en = DateField(null=True)
    pago_en_tramite_en = DateField(null=True)
    pago_fecha = DateField(null=True)
    pago_referencia = CharField(max_length=100, default="")
    # Alta al inventario (procedimiento 21) de lo recibido.
    factura = ForeignKeyField(Factura, null=True, on_delete="RESTRICT", backref="+")
    motivo_cancelacion = TextField(default="")
    creado_por = ForeignKeyField(Usuario, null=True, on_delete="RESTRICT", backref="+")
    busqueda = TextField(default="", index=True)

    # El trámite de su procedimiento (un solo expediente), creado en la misma transacción.
    expediente = ForeignKeyField(Tramite, null=True, unique=True, on_delete="RESTRICT", backref="+")

    class Meta:
        table_name = "adquisicion"


class PartidaAdquisicion(ModeloVersionado):
    """Un renglón de lo que se compra o contrata (cantidad, precio unitario con impuestos)."""

    adquisicion = ForeignKeyField(Adquisicion, on_delete="RESTRICT", backref="partidas")
    numero = IntegerField()
    descripcion = CharField(max_length=500)
    cantidad = IntegerField(default=1)
    precio_unitario = DecimalField(max_digits=16, decimal_places=2, auto_round=True)
    marca = CharField(max_length=100, default="")
    modelo = CharField(max_length=100, default="")
    es_bien = BooleanField(default=True)                # se da de alta al inventario
    tipo_bien = ForeignKeyField(TipoBien, null=True, on_delete="RESTRICT", backref="+")

    class Meta:
        table_name = "partida_adquisicion"


class RecepcionAdquisicion(ModeloBase):
    """Una entrega del proveedor revisada contra lo solicitado (la conforme y las rechazadas)."""

    adquisicion = ForeignKeyField(Adquisicion, on_delete="RESTRICT", backref="recepciones")
    numero = IntegerField()
    fecha = DateField()
    conforme = BooleanField()
    tardia = BooleanField(default=False)
    observaciones = TextField(default="")
    incumplimientos = TextField(default="")
    oficio_correccion = ForeignKeyField(Oficio, null=True, on_delete="RESTRICT", backref="+")
    registrado_en = DateTimeField()
    registrado_por = ForeignKeyField(Usuario, null=True, on_delete="RESTRICT", backref="+")

    class Meta:
        table_name = "recepcion_adquisicion"


class RevisionPartida(ModeloBase):
    """La revisión de una partida en una recepción: cuánto llegó, si cumple y sus números de serie."""

    recepcion = ForeignKeyField(RecepcionAdquisicion, on_delete="RESTRICT", backref="revisiones")
    partida = ForeignKeyField(PartidaAdquisicion, on_delete="RESTRICT", backref="revisiones")
    cantidad_recibida = IntegerField(default=0)
    conforme = BooleanField()
    observacion = TextField(default="")
    series = TextField(default="")                      # una por renglón, en el orden de las piezas

    class Meta:
        table_name = "revision_partida"
