"""Every front-door page that shows a child's details writes an audit entry, naming the page's purpose."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from continuum.access.audit import Action
from continuum.access.models import AuditEntry, User
from continuum.frontdoor import services
from continuum.frontdoor.catalogue import Outcome

from .helpers import actor, level
from .staff_pages import contact_url, linked_contact

pytestmark = pytest.mark.django_db


def test_each_page_view_is_in_the_audit_trail(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    tom, dan = personas["tom"], personas["dan"]
    contact, child = linked_contact(tom)
    police = dan.agency
    assert police is not None
    check = services.ask_partner_check(actor(tom), contact, police, "Any call-outs?")
    _other, other_child = linked_contact(tom)
    decision = services.decide(
        actor(tom),
        other_child,
        level=level(2),
        outcome=Outcome.NO_FURTHER_ACTION,
        no_further_action_reason="below_threshold",
        rationale="Universal services are enough.",
    )
    pages = [
        ("tom", "/front-door/"),
        ("tom", contact_url(contact)),
        ("tom", contact_url(contact, f"children/{child.pk}/decision/")),
        ("tom", contact_url(contact, "consent/")),
        ("tom", contact_url(contact, "allocate/")),
        ("tom", contact_url(contact, "children/new/")),
        ("tom", contact_url(contact, "checks/new/")),
        ("tom", contact_url(contact, f"children/{child.pk}/school/")),
        ("aisha", "/front-door/sign-off/"),
        ("aisha", f"/front-door/sign-off/{decision.pk}/"),
        ("dan", "/front-door/checks/"),
        ("dan", f"/front-door/checks/{check.pk}/"),
    ]
    for username, url in pages:
        before = AuditEntry.objects.filter(user=personas[username], action=Action.VIEW).count()
        response = signed_in(username).get(url)
        assert response.status_code == 200, url
        assert AuditEntry.objects.filter(user=personas[username], action=Action.VIEW).count() > before, url


def test_opening_a_contact_is_in_the_childs_own_access_log(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    contact, child = linked_contact(personas["tom"])

    signed_in("dan").get(contact_url(contact))

    entry = AuditEntry.objects.filter(user=personas["dan"], action=Action.VIEW).latest("at")
    assert entry.person_id == child.person_id and entry.object_type == "frontdoor.Contact"
    assert entry.purpose == "screening the contact"
