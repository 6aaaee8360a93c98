"""Solicitudes de cuentas de usuario y contraseñas para aplicaciones y correo.

Procedimiento 9, «Asignación de usuarios y contraseñas para aplicaciones y correos electrónicos».
"""
