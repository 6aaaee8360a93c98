"""Dictámenes técnicos de equipos TIC, con folio y PDF firmado.

Procedimiento 4, «Dictámenes técnicos de equipos de tecnologías de la información y
comunicaciones».
"""
