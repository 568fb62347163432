"""Northbridge Police's system sends a domestic-abuse notification about Jaden and an unborn baby."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core import mail
from rest_framework.test import APIClient

from continuum.access.models import Agency, AuditEntry, User
from continuum.frontdoor.catalogue import Route, Status
from continuum.frontdoor.models import Contact, EncompassNotification

from .helpers import police_notification, send

pytestmark = pytest.mark.django_db


def test_a_police_notification_becomes_a_contact_waiting_to_be_screened(
    api: Callable[[str | None], APIClient], police_key: str, police: Agency, school: Agency
) -> None:
    response = send(api(police_key), police_notification())

    assert response.status_code == 201, response.json()
    body = response.json()
    contact = Contact.objects.get(reference=body["reference"])
    assert contact.route == Route.POLICE_NOTIFICATION and contact.status == Status.AWAITING_TRIAGE
    assert contact.referral_source == "6"  # DfE: police
    assert contact.referrer_agency == police and contact.police_reference == "NBP-2026-031487"
    assert contact.due_at is not None and contact.incident_at is not None
    assert body["status"] == "awaiting_triage" and body["due_at"] and body["received_at"]
    assert body["children"] == [
        {"given_name": "Jaden", "family_name": "Smyth"},
        {"given_name": "", "family_name": "Smyth"},
    ]
    assert response["Location"].endswith(f"/api/v1/contacts/{contact.reference}/")
    assert [member.name for member in contact.household.all()] == ["Kelly Smyth", "Lee Barton"]


def test_the_childs_school_hears_of_the_incident_through_operation_encompass(
    api: Callable[[str | None], APIClient], police_key: str, school: Agency, personas: dict[str, User]
) -> None:
    response = send(api(police_key), police_notification())

    assert response.status_code == 201, response.json()
    notice = EncompassNotification.objects.get()
    assert notice.school == school and notice.child.given_name == "Jaden"
    assert notice.sent_at is not None and notice.sent_to == [personas["priya"].email]
    assert any(message.subject == "Operation Encompass notification" for message in mail.outbox)


def test_the_contact_is_audited_as_the_forces_system_through_the_api(
    api: Callable[[str | None], APIClient], police_key: str, school: Agency
) -> None:
    response = send(api(police_key), police_notification())

    contact = Contact.objects.get(reference=response.json()["reference"])
    assert contact.submitted_by is not None
    entries = AuditEntry.objects.filter(object_type="frontdoor.Contact", object_id=str(contact.pk))
    assert entries.count() >= 1
    assert {entry.channel for entry in entries} == {"api"}
    assert {entry.username for entry in entries} == {contact.submitted_by.username}
    assert {entry.path for entry in entries} == {"/api/v1/contacts/"}
    assert contact.submitted_by.has_role("partner_system")


def test_a_partner_systems_contact_carries_its_agencys_referral_source(
    api: Callable[[str | None], APIClient], school_key: str
) -> None:
    body = police_notification(route="partner_system", incident_at=None, police_reference="")
    body["consent"] = {"status": "obtained", "given_by": "Kelly Smyth", "covers": "Jaden and Kelly"}

    response = send(api(school_key), body)

    assert response.status_code == 201, response.json()
    assert Contact.objects.get(reference=response.json()["reference"]).referral_source == "2A"  # school
