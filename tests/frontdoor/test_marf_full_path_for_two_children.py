"""Priya, a school safeguarding lead, refers a boy and his unborn sibling through the MARF pages."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from continuum.access.models import AuditEntry, User
from continuum.frontdoor.catalogue import Consent, Request, Route, Status, Worry
from continuum.frontdoor.models import Contact

from .helpers import level

pytestmark = pytest.mark.django_db


def _date(prefix: str, day: date) -> dict[str, str]:
    return {f"{prefix}_day": str(day.day), f"{prefix}_month": str(day.month), f"{prefix}_year": str(day.year)}


def test_priya_refers_a_boy_and_an_unborn_baby_page_by_page(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    priya = personas["priya"]
    client = signed_in("priya")
    assert "call 999" in client.get("/referrals/new/").content.decode()

    response = client.post("/referrals/new/")
    contact = Contact.objects.get(submitted_by=priya)
    base = f"/referrals/{contact.public_id}"
    assert response["Location"] == f"{base}/about-you/"
    about_you = client.get(f"{base}/about-you/").content.decode()
    assert 'value="Priya Sharma"' in about_you and 'value="Moorside Primary School"' in about_you

    steps = [
        (
            "about-you",
            {
                "referrer_name": "Priya Sharma",
                "referrer_role": "Designated safeguarding lead",
                "referrer_organisation": "Moorside Primary School",
                "referrer_email": priya.email,
                "referrer_phone": "01632 960123",
            },
            "children/",
        ),
        (
            "children/add",
            {
                "born": "yes",
                **_date("date_of_birth", date(2016, 5, 4)),
                "given_name": "Jaden",
                "family_name": "Smith",
                "sex": "M",
                "nhs_number": "943 476 5919",
                "address": "1 Mill Lane, Northbridge",
                "postcode": "ls1 4ap",
                "school": str(priya.agency_id),
            },
            "children/",
        ),
        (
            "children/add",
            {
                "born": "no",
                **_date("expected_date_of_delivery", date.today() + timedelta(days=60)),
                "family_name": "Smith",
                "sex": "U",
            },
            "children/",
        ),
        (
            "household/add",
            {
                "name": "Kelly Smith",
                "relationship": "Mother",
                "has_parental_responsibility": "yes",
                "lives_with_children": "yes",
            },
            "household/",
        ),
        (
            "worry",
            {
                "worries": [Worry.NEGLECT, Worry.DOMESTIC_ABUSE],
                "worry_details": "Jaden came to school with a bruise and said mum's partner shouts.",
                "already_tried": "Meetings with mum.",
            },
            "voice/",
        ),
        (
            "voice",
            {
                "child_voice": "Jaden: 'I don't like going home when he's there.'",
                "lived_experience": "Comes in early and hungry.",
            },
            "level/",
        ),
        ("level", {"referrer_level": str(level(3).pk)}, "consent/"),
        (
            "consent",
            {
                "consent": Consent.OBTAINED,
                "consent_given_by": "Kelly Smith, their mother",
                "consent_covers": "Jaden, the baby and Kelly",
            },
            "follow-up/",
        ),
        (
            "follow-up",
            {
                "follows_phone_call": "yes",
                **_date("phone_call_date", date.today() - timedelta(days=1)),
                "phone_call_time": "2:30pm",
                "request": Request.SAFETY_AND_WELLBEING,
            },
            "check/",
        ),
    ]
    for page, answers, next_page in steps:
        response = client.post(f"{base}/{page}/", answers)
        assert response.status_code == 302, (page, response.content.decode())
        assert response["Location"] == f"{base}/{next_page}", page

    check = client.get(f"{base}/check/").content.decode()
    assert "There is a problem" not in check and "You need to finish" not in check
    assert "Jaden Smith" in check and "Unborn baby Smith" in check and "Kelly Smith" in check
    assert "Level 3: Targeted Support" in check and "14:30" in check

    response = client.post(f"{base}/check/")
    assert response["Location"] == f"{base}/sent/"
    contact.refresh_from_db()
    assert contact.status == Status.AWAITING_TRIAGE and contact.route == Route.MARF
    sent = client.get(f"{base}/sent/").content.decode()
    assert "govuk-panel--confirmation" in sent and f"<strong>{contact.reference}</strong>" in sent

    jaden, baby = contact.children.order_by("pk")
    assert (jaden.nhs_number, jaden.postcode, jaden.school) == ("9434765919", "LS1 4AP", priya.agency)
    assert baby.is_unborn and baby.expected_date_of_delivery and baby.date_of_birth is None
    assert contact.household.get().has_parental_responsibility
    assert contact.worries == [Worry.NEGLECT, Worry.DOMESTIC_ABUSE]
    assert contact.phone_call_at is not None and timezone.localtime(contact.phone_call_at).hour == 14
    assert contact.request == Request.SAFETY_AND_WELLBEING
    assert AuditEntry.objects.filter(object_id=str(contact.pk), purpose__contains="submitted").exists()
