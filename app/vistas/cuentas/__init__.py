"""Pestaña Cuentas: solicitudes de cuentas y contraseñas, y la cola de correo.

Procedimiento 9, «Asignación de usuarios y contraseñas para aplicaciones y correos electrónicos».
"""
