"""A key sent again with a different body is a bug in the sender's system: refused, not replayed."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rest_framework.test import APIClient

from continuum.access.models import Agency

from .helpers import counts, police_notification, send

pytestmark = pytest.mark.django_db


def test_the_same_key_with_a_different_body_is_refused_with_422(
    api: Callable[[str | None], APIClient], police_key: str, school: Agency
) -> None:
    first = send(api(police_key), police_notification(), key="niche-2026-031487-1")
    before = counts()

    other = send(
        api(police_key), police_notification(police_reference="NBP-2026-099999"), key="niche-2026-031487-1"
    )

    assert other.status_code == 422
    [message] = other.json()["errors"]["request"]
    assert "different request" in message and first.json()["reference"] in message
    assert counts() == before


def test_a_refused_request_leaves_its_key_free_to_send_the_corrected_body(
    api: Callable[[str | None], APIClient], police_key: str, school: Agency
) -> None:
    refused = send(api(police_key), police_notification(police_reference=""), key="first-try")
    corrected = send(api(police_key), police_notification(), key="first-try")

    assert refused.status_code == 400
    assert corrected.status_code == 201
