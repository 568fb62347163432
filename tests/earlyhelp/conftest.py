from __future__ import annotations

import pytest

from continuum.access.models import User

from .helpers import early_help_practitioner


@pytest.fixture
def erin(personas: dict[str, User]) -> User:
    """Erin Walsh, an early help practitioner in the council's Early Help Hub."""
    return early_help_practitioner()


@pytest.fixture
def priya(personas: dict[str, User]) -> User:
    """Priya Sharma, designated safeguarding lead at Moorside Primary School."""
    return personas["priya"]
