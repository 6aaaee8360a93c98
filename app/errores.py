"""Errores de negocio: cada uno lleva un mensaje que el usuario entiende."""
from __future__ import annotations


class ErrorDTI(Exception):
    """Error con un mensaje en español listo para mostrarse al usuario."""

    @property
    def mensaje(self) -> str:
        return str(self)


class ErrorValidacion(ErrorDTI):
    """Datos capturados que no cumplen las reglas; ``errores`` dice campo por campo."""

    def __init__(self, errores: list[tuple[str, str]]):
        self.errores = list(errores)
        super().__init__("\n".join(mensaje for _, mensaje in self.errores))

    def campos(self) -> list[str]:
        return [campo for campo, _ in self.errores]


class ErrorPermiso(ErrorDTI):
    """El rol del usuario no permite la acción."""


class ErrorSesion(ErrorPermiso):
    """La cuenta de la sesión abierta fue desactivada: la sesión debe cerrarse."""


class ErrorAutenticacion(ErrorDTI):
    """Usuario o contraseña incorrectos, o cuenta bloqueada temporalmente."""


class ErrorConflicto(ErrorDTI):
    """Otro usuario modificó el registro mientras se editaba."""


class ErrorNoEncontrado(ErrorDTI):
    """El registro pedido no existe."""


class ErrorTransicion(ErrorDTI):
    """El trámite no puede moverse así según el procedimiento."""
