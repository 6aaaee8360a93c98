"""Datos de demostración, un módulo por área. Nunca se cargan solos: `dti demo` o `--demo`.

No son reglas del manual: las reglas están en `app.servicios`.
"""
