"""Fixtures for the API: tokens for the demo agencies' systems, a client, and request bodies.

Northbridge Police (Dan's force) sends domestic-abuse notifications; Moorside Primary School
(Priya's school, URN 100001) hears of them through Operation Encompass. All data is synthetic.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from continuum.access.audit import Actor
from continuum.access.models import Agency, User
from continuum.access.roles import AgencyType
from continuum.api import tokens

SCHOOL_URN = "100001"
# The personas' passwords are hashed with Argon2 in real use; here speed matters, not strength.
QUICK_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _quick_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = QUICK_HASHER


@pytest.fixture(autouse=True)
def _fresh_throttle_counts() -> Iterator[None]:
    """Request counts live in the cache, which outlives a test: each test starts from none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def police(personas: dict[str, User]) -> Agency:
    agency = personas["dan"].agency
    assert agency is not None and agency.agency_type == AgencyType.POLICE
    return agency


@pytest.fixture
def school(personas: dict[str, User]) -> Agency:
    agency = personas["priya"].agency
    assert agency is not None
    agency.external_code = SCHOOL_URN
    agency.save(update_fields=["external_code"])
    return agency


@pytest.fixture
def police_key(police: Agency) -> str:
    return tokens.issue_token(Actor.command("test"), police, name="Niche RMS").key


@pytest.fixture
def school_key(school: Agency) -> str:
    return tokens.issue_token(Actor.command("test"), school, name="School MIS").key


@pytest.fixture
def api() -> Callable[[str | None], APIClient]:
    """api(key) is a client that sends that token; api(None) sends none."""

    def client_for(key: str | None) -> APIClient:
        client = APIClient()
        if key:
            client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
        return client

    return client_for
