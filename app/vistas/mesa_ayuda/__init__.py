"""Pestaña Mesa de ayuda: captura y atención de tickets, escalamiento y su configuración.

Procedimientos 6, «Atención a solicitudes de soporte técnico», y 2, «Escalamiento de
incidentes de soporte técnico».
"""
