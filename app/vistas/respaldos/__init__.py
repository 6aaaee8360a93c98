"""Pestaña «Respaldos»: procedimiento 5, respaldo y recuperación de información."""
