"""Pestaña «Internet»: política de filtrado, solicitudes de desbloqueo y excepciones (procedimiento 20)."""
