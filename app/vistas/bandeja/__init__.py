"""Pestaña «Pendientes»: la bandeja de la DTI (issue 14)."""
