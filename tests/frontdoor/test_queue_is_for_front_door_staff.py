"""Only front-door staff see the queue; others are refused with a reason, and the refusal is kept."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from continuum.access.audit import Action
from continuum.access.models import AuditEntry, User

from .helpers import phone_contact

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("username", ["nadia", "priya"])
def test_staff_outside_the_front_door_are_refused(
    signed_in: Callable[[str], Client], personas: dict[str, User], username: str
) -> None:
    contact = phone_contact(personas["tom"])
    client = signed_in(username)

    queue = client.get("/front-door/")
    page = client.get(f"/front-door/contacts/{contact.reference}/")

    assert queue.status_code == 403 and "front door" in queue.content.decode()
    assert page.status_code == 403 and contact.worry_details not in page.content.decode()
    assert AuditEntry.objects.filter(user=personas[username], action=Action.ACCESS_REFUSED).count() == 2


def test_dan_the_police_officer_in_the_front_door_works_the_queue(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    contact = phone_contact(personas["tom"])
    assert str(contact.reference) in signed_in("dan").get("/front-door/").content.decode()
