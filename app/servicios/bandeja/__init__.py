"""Bandeja de pendientes de la DTI (issue 14): los pasos abiertos de todos los trámites y sus avisos."""
