"""La base mínima de videovigilancia para cada prueba de este paquete."""
from __future__ import annotations

import pytest

from tests.servicios.videovigilancia.ayudas import Base, crear_base


@pytest.fixture
def base(bd) -> Base:
    return crear_base()
