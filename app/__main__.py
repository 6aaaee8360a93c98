"""Entrada del programa: ``dti`` o ``python -m app`` (GUI por omisión, subcomandos de consola)."""
from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from app.consola.principal import principal

    return principal(argv)


if __name__ == "__main__":
    sys.exit(main())
