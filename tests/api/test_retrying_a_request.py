"""A force's system that got no answer sends the notification again: one contact, the same answer."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from rest_framework.test import APIClient

from continuum.access.models import Agency
from continuum.api import idempotency
from continuum.api.models import IdempotencyKey
from continuum.frontdoor.models import Contact

from .helpers import CONTACTS, counts, police_notification, send

pytestmark = pytest.mark.django_db


def test_the_same_request_sent_again_gets_the_same_answer_and_creates_nothing(
    api: Callable[[str | None], APIClient], police_key: str, school: Agency
) -> None:
    body = police_notification()
    first = send(api(police_key), body, key="niche-2026-031487-1")
    before = counts()

    again = send(api(police_key), body, key="niche-2026-031487-1")

    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true" and "Idempotent-Replayed" not in first
    assert again["Location"] == first["Location"]
    assert counts() == before  # not even an audit entry: nothing of the record was read
    assert IdempotencyKey.objects.count() == 1


def test_key_order_and_spacing_do_not_make_a_different_request(
    api: Callable[[str | None], APIClient], police_key: str, school: Agency
) -> None:
    body = police_notification()
    send(api(police_key), body, key="same-key")
    reordered = json.dumps(dict(reversed(list(body.items()))), indent=4)

    again = api(police_key).post(
        CONTACTS, reordered, content_type="application/json", HTTP_IDEMPOTENCY_KEY="same-key"
    )

    assert again.status_code == 201 and again["Idempotent-Replayed"] == "true"
    assert Contact.objects.count() == 1


def test_a_copy_that_races_past_the_check_is_answered_from_the_first_not_created_twice(
    api: Callable[[str | None], APIClient], police_key: str, school: Agency, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two copies in flight at once: both find no key, and the second meets the unique constraint."""
    body = police_notification()
    first = send(api(police_key), body, key="in-flight")
    looked_up = idempotency.earlier_answer
    calls = {"count": 0}

    def not_committed_yet(*args: object) -> IdempotencyKey | None:
        calls["count"] += 1
        return None if calls["count"] == 1 else looked_up(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(idempotency, "earlier_answer", not_committed_yet)

    second = send(api(police_key), body, key="in-flight")

    assert calls["count"] == 2  # the view's look, then the look after the constraint fired
    assert second.status_code == 201 and second.json() == first.json()
    assert second["Idempotent-Replayed"] == "true"
    assert Contact.objects.count() == 1


def test_each_token_has_its_own_keys(
    api: Callable[[str | None], APIClient], police_key: str, school_key: str, school: Agency
) -> None:
    police_body = police_notification()
    school_body = police_notification(route="partner_system")
    school_body["consent"] = {"status": "obtained", "given_by": "Kelly Smyth", "covers": "Jaden and Kelly"}

    first = send(api(police_key), police_body, key="shared-key")
    second = send(api(school_key), school_body, key="shared-key")

    assert first.status_code == second.status_code == 201
    assert first.json()["reference"] != second.json()["reference"]
