"""Mesa de ayuda: tickets, tiempos de atención (SLA) y escalamiento.

Procedimientos 6, «Atención a solicitudes de soporte técnico», y 2, «Escalamiento de
incidentes de soporte técnico».
"""
