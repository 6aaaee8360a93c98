"""Pestaña Dictámenes: solicitud, recepción, evaluación y emisión del dictamen técnico.

Procedimiento 4, «Dictámenes técnicos de equipos de tecnologías de la información y
comunicaciones».
"""
