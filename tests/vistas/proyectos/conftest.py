"""Fixtures de las pruebas de Proyectos."""
from __future__ import annotations

import pytest

from tests.servicios.proyectos.ayudas import preparar_base


@pytest.fixture
def base(bd):
    """Base con los catálogos, la institución y los usuarios de la demostración."""
    preparar_base()
    return bd
