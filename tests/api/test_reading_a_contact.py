"""The force's system reads back its notification: its status, then each child's outcome."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rest_framework.test import APIClient

from continuum.access.models import Agency, AuditEntry, User
from continuum.frontdoor import services
from continuum.frontdoor.catalogue import Outcome
from continuum.frontdoor.models import Contact
from tests.frontdoor.helpers import actor, level, phone_contact

from .helpers import CONTACTS, police_notification, send

pytestmark = pytest.mark.django_db


def _sent(api: Callable[[str | None], APIClient], key: str) -> Contact:
    response = send(api(key), police_notification())
    assert response.status_code == 201, response.json()
    return Contact.objects.get(reference=response.json()["reference"])


def test_a_contact_waiting_for_a_decision_shows_its_status_and_no_outcomes(
    api: Callable[[str | None], APIClient], police_key: str, school: Agency
) -> None:
    contact = _sent(api, police_key)

    response = api(police_key).get(f"{CONTACTS}{contact.reference}/")

    assert response.status_code == 200
    body = response.json()
    assert body["reference"] == contact.reference and body["route"] == "police_notification"
    assert body["status"] == "awaiting_triage" and body["decided_at"] is None
    assert [child["outcome"] for child in body["children"]] == [None, None]


def test_once_decided_each_childs_outcome_is_shown(
    api: Callable[[str | None], APIClient], police_key: str, school: Agency, personas: dict[str, User]
) -> None:
    tom, dan = personas["tom"], personas["dan"]
    contact = _sent(api, police_key)
    services.open_contact(actor(tom), contact)
    services.record_screening(actor(dan), contact, "Two call-outs this year, no arrests.")
    services.record_screening(actor(tom), contact, "Mum engaging with the school.")
    for child in contact.children.all():
        services.add_child_to_index(actor(tom), child)
        services.decide(actor(tom), child, level=level(2), outcome=Outcome.ADVICE, rationale="Advice to mum.")

    body = api(police_key).get(f"{CONTACTS}{contact.reference}/").json()

    assert body["status"] == "decided" and body["decided_at"]
    assert [child["outcome"] for child in body["children"]] == [
        {"code": "advice", "summary": "Information and advice"},
        {"code": "advice", "summary": "Information and advice"},
    ]


def test_reading_a_contact_is_audited_for_each_linked_child(
    api: Callable[[str | None], APIClient], police_key: str, school: Agency, personas: dict[str, User]
) -> None:
    contact = _sent(api, police_key)
    jaden = contact.children.order_by("pk").first()
    assert jaden is not None
    person = services.add_child_to_index(actor(personas["tom"]), jaden)

    api(police_key).get(f"{CONTACTS}{contact.reference}/")

    entry = AuditEntry.objects.filter(action="view", channel="api").get()
    assert entry.person_id == person.pk and entry.path == f"{CONTACTS}{contact.reference}/"


def test_another_agencys_contact_is_not_found_and_the_attempt_is_audited(
    api: Callable[[str | None], APIClient], school_key: str, police_key: str, school: Agency
) -> None:
    contact = _sent(api, police_key)

    response = api(school_key).get(f"{CONTACTS}{contact.reference}/")

    assert response.status_code == 404
    assert response.json() == {
        "errors": {"request": [f"Your agency sent no contact with the reference {contact.reference}"]}
    }
    refusal = AuditEntry.objects.get(action="access_refused")
    assert refusal.object_id == str(contact.pk) and refusal.channel == "api"


def test_a_contact_recorded_through_the_pages_is_not_found(
    api: Callable[[str | None], APIClient], police_key: str, personas: dict[str, User], police: Agency
) -> None:
    contact = phone_contact(personas["tom"], referrer_agency=police)

    response = api(police_key).get(f"{CONTACTS}{contact.reference}/")

    assert response.status_code == 404


def test_an_unknown_path_under_the_api_gets_a_json_404(
    api: Callable[[str | None], APIClient], police_key: str
) -> None:
    response = api(police_key).get("/api/v1/contacts")

    assert response.status_code == 404
    assert "Paths end with a slash" in response.json()["errors"]["request"][0]
