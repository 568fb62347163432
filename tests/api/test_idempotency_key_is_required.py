"""Every POST names itself with an Idempotency-Key, so that a retry can never double a contact."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rest_framework.test import APIClient

from continuum.access.models import Agency

from .helpers import CONTACTS, counts, police_notification, send

pytestmark = pytest.mark.django_db


def test_a_post_without_an_idempotency_key_is_refused_naming_the_header(
    api: Callable[[str | None], APIClient], police_key: str, school: Agency
) -> None:
    before = counts()

    response = api(police_key).post(CONTACTS, police_notification(), format="json")

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["Idempotency-Key"]
    assert "Send an Idempotency-Key header" in response.json()["errors"]["Idempotency-Key"][0]
    assert counts() == before


def test_an_idempotency_key_longer_than_255_characters_is_refused(
    api: Callable[[str | None], APIClient], police_key: str, school: Agency
) -> None:
    before = counts()

    response = send(api(police_key), police_notification(), key="k" * 256)

    assert response.status_code == 400
    assert response.json() == {
        "errors": {"Idempotency-Key": ["The Idempotency-Key must be at most 255 characters long"]}
    }
    assert counts() == before
