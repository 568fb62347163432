"""A runaway partner system is slowed down per token, without stopping the agency's other systems."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings as django_settings
from rest_framework.test import APIClient

from continuum.access.audit import Actor
from continuum.access.models import Agency
from continuum.api import tokens

from .helpers import CONTACTS

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_reads_a_minute(settings: Any) -> None:
    configured: dict[str, Any] = django_settings.REST_FRAMEWORK
    rates = {**configured["DEFAULT_THROTTLE_RATES"], "api_reads": "2/minute"}
    settings.REST_FRAMEWORK = {**configured, "DEFAULT_THROTTLE_RATES": rates}


def test_a_token_over_its_rate_is_told_to_wait(
    api: Callable[[str | None], APIClient], police_key: str, two_reads_a_minute: None
) -> None:
    client = api(police_key)
    statuses = [client.get(f"{CONTACTS}FD-0000001/").status_code for _ in range(3)]

    assert statuses == [404, 404, 429]
    response = client.get(f"{CONTACTS}FD-0000001/")
    assert int(response["Retry-After"]) > 0
    assert "throttled" in response.json()["errors"]["request"][0]


def test_another_token_of_the_same_agency_has_its_own_count(
    api: Callable[[str | None], APIClient], police_key: str, police: Agency, two_reads_a_minute: None
) -> None:
    other_key = tokens.issue_token(Actor.command("test"), police, name="Second system").key
    for _ in range(3):
        api(police_key).get(f"{CONTACTS}FD-0000001/")

    assert api(other_key).get(f"{CONTACTS}FD-0000001/").status_code == 404
