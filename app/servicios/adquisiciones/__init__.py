"""Adquisiciones y pagos a proveedores de TIC.

Procedimiento 1 del manual, «Gestión de pagos a proveedores de servicios y adquisiciones de TIC»:
la solicitud (por oficio o desde una solicitud de software del procedimiento 10), la evaluación de
viabilidad con su solución alternativa, la compra o contratación, la recepción revisada partida
por partida con la corrección pedida al proveedor, el CFDI y el pago con la Dirección de Egresos.
Lo recibido pasa al alta del inventario (procedimiento 21) sin capturarlo otra vez.
"""
