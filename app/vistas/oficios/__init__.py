"""Pestaña Oficios: recibir, emitir, firmar y cancelar oficios de la DTI.
"""
