"""Reglas del manual y casos de uso. Sin Qt; los errores llevan un mensaje claro en español."""
