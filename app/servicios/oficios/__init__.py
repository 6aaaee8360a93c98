"""Oficios de la DTI: recibidos y emitidos, con folio, firma y PDF.

Documento de entrada y salida de casi todos los procedimientos del manual.
"""
