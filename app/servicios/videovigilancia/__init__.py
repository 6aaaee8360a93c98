"""Videovigilancia: grabadores y cámaras, solicitudes de grabaciones por oficio, citas, visualizaciones y monitoreo.

Procedimiento 19, «Soporte técnico de sistemas de videovigilancia del Ayuntamiento».
"""
