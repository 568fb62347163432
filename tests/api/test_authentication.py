"""Only a partner system with a token in force gets in; everyone else is told why, with 401."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rest_framework.test import APIClient

from continuum.access.audit import Actor
from continuum.access.models import Agency
from continuum.api import tokens
from continuum.api.models import AgencyToken

from .helpers import CONTACTS, counts, police_notification, send

pytestmark = pytest.mark.django_db


def test_a_request_without_a_token_gets_401_saying_how_to_send_one(
    api: Callable[[str | None], APIClient], school: Agency
) -> None:
    before = counts()

    response = send(api(None), police_notification())

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'
    assert "Authorization: Bearer" in response.json()["errors"]["Authorization"][0]
    assert counts() == before


def test_a_revoked_token_gets_401_saying_it_was_revoked(
    api: Callable[[str | None], APIClient], police_key: str, school: Agency
) -> None:
    token = AgencyToken.objects.get()
    tokens.revoke_token(Actor.command("test"), token.prefix)
    before = counts()

    response = send(api(police_key), police_notification())

    assert response.status_code == 401
    [message] = response.json()["errors"]["Authorization"]
    assert f"This API token ({token.prefix}) was revoked on" in message
    assert counts() == before


@pytest.mark.parametrize(
    "key",
    ["cnt_00000000_not-a-key-we-issued", "something-else", "cnt_short_x"],
)
def test_an_unknown_token_gets_401(api: Callable[[str | None], APIClient], police_key: str, key: str) -> None:
    response = api(key).get(f"{CONTACTS}FD-0000001/")

    assert response.status_code == 401
    assert "not one Continuum issued" in response.json()["errors"]["Authorization"][0]


def test_a_token_whose_secret_is_altered_gets_401(
    api: Callable[[str | None], APIClient], police_key: str
) -> None:
    altered = police_key[:-1] + ("A" if police_key[-1] != "A" else "B")

    response = api(altered).get(f"{CONTACTS}FD-0000001/")

    assert response.status_code == 401


def test_a_signed_in_session_is_no_way_into_the_api(
    signed_in: Callable[[str], object], police: Agency
) -> None:
    client = signed_in("tom")

    response = client.get(f"{CONTACTS}FD-0000001/")  # type: ignore[attr-defined]

    assert response.status_code == 401


def test_using_a_token_records_when_it_was_last_used(
    api: Callable[[str | None], APIClient], police_key: str
) -> None:
    api(police_key).get(f"{CONTACTS}FD-0000001/")

    assert AgencyToken.objects.get().last_used_at is not None
