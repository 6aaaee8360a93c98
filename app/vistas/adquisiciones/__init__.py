"""Pestaña «Adquisiciones»: procedimiento 1, gestión de pagos a proveedores y adquisiciones de TIC."""
