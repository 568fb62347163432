"""Tom records a phone call as a contact: it arrives in the queue with its clock running."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from continuum.access.models import User
from continuum.frontdoor.catalogue import Consent, Route, Status, Worry
from continuum.frontdoor.clocks import decision_due
from continuum.frontdoor.models import Contact
from continuum.statutory.timescales import ENGLAND

from .helpers import level

pytestmark = pytest.mark.django_db


def _answers(**changes: Any) -> dict[str, Any]:
    received = timezone.now().astimezone(ENGLAND) - timedelta(hours=1)
    answers: dict[str, Any] = {
        "route": Route.PHONE,
        "received_on_day": received.day,
        "received_on_month": received.month,
        "received_on_year": received.year,
        "received_time": received.strftime("%H:%M"),
        "referrer_name": "Sam Caller",
        "referrer_role": "Neighbour",
        "referrer_phone": "01632 960000",
        "given_name": "Ava",
        "family_name": "Testchild",
        "born": "born",
        "date_of_birth_day": "4",
        "date_of_birth_month": "5",
        "date_of_birth_year": "2016",
        "worries": [Worry.NEGLECT, Worry.HOUSING],
        "worry_details": "The children are often hungry.",
        "referrer_level": level(3).pk,
        "consent": Consent.OBTAINED,
        "consent_given_by": "Their mother",
        "consent_covers": "Ava and her mother",
    }
    answers.update(changes)
    return answers


def test_a_phone_call_becomes_a_contact_due_in_one_working_day(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    response = signed_in("tom").post("/front-door/contacts/new/", _answers(), follow=True)

    contact = Contact.objects.get()
    assert contact.status == Status.AWAITING_TRIAGE and contact.recorded_by == personas["tom"]
    assert contact.received_at is not None and contact.due_at == decision_due(contact.received_at)
    assert contact.worries == [Worry.NEGLECT, Worry.HOUSING] and contact.referrer_level == level(3)
    child = contact.children.get()
    assert (child.given_name, child.date_of_birth) == ("Ava", date(2016, 5, 4))
    page = response.content.decode()
    assert (
        f"Contact {contact.reference} has been recorded" in page
        and "govuk-notification-banner--success" in page
    )


def test_an_unborn_baby_is_recorded_with_the_due_date(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    answers = _answers(
        given_name="",
        born="unborn",
        date_of_birth_day="",
        date_of_birth_month="",
        date_of_birth_year="",
        expected_date_of_delivery_day="20",
        expected_date_of_delivery_month="1",
        expected_date_of_delivery_year="2027",
    )
    signed_in("tom").post("/front-door/contacts/new/", answers)

    child = Contact.objects.get().children.get()
    assert (
        child.is_unborn
        and child.expected_date_of_delivery == date(2027, 1, 20)
        and child.date_of_birth is None
    )


def test_mistakes_are_shown_against_the_fields(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    answers = _answers(
        received_time="25:99",
        worries=[],
        worry_details="",
        consent=Consent.NOT_SOUGHT,
        consent_given_by="",
        consent_covers="",
        referrer_level=level(4).pk,
    )
    del answers["referrer_name"]

    page = signed_in("tom").post("/front-door/contacts/new/", answers).content.decode()

    assert "There is a problem" in page
    assert "Enter the time received using the 24-hour clock" in page
    assert "Enter the referrer&#x27;s name, or choose anonymous" in page
    assert not Contact.objects.exists()


def test_the_steps_rules_are_shown_against_the_fields_too(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    answers = _answers(worries=[], worry_details="", consent=Consent.NOT_SOUGHT, referrer_level=level(4).pk)

    page = signed_in("tom").post("/front-door/contacts/new/", answers).content.decode()

    assert 'href="#id_worries_0"' in page and 'href="#id_worry_details"' in page
    assert 'href="#id_consent_not_needed_reason"' in page and "Enter why consent is not needed" in page
    assert not Contact.objects.exists()


def test_a_contact_cannot_be_received_in_the_future(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    tomorrow = (datetime.now(ENGLAND) + timedelta(days=1)).date()
    answers = _answers(
        received_on_day=tomorrow.day, received_on_month=tomorrow.month, received_on_year=tomorrow.year
    )

    page = signed_in("tom").post("/front-door/contacts/new/", answers).content.decode()

    assert "must be today or in the past" in page and not Contact.objects.exists()


def test_the_form_starts_with_now(signed_in: Callable[[str], Client], personas: dict[str, User]) -> None:
    page = signed_in("tom").get("/front-door/contacts/new/").content.decode()
    today = datetime.now(ENGLAND).date()
    assert f'name="received_on_year" value="{today.year}"' in page
    assert "Level 4: Statutory/Specialist" in page and 'id="conditional-id_consent_0"' in page


def test_an_anonymous_caller_gives_no_name_number_or_consent(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    answers = _answers(
        route=Route.ANONYMOUS, referrer_name="", referrer_role="", referrer_phone="", consent=""
    )
    del answers["consent_given_by"], answers["consent_covers"]

    response = signed_in("tom").post("/front-door/contacts/new/", answers)

    assert response.status_code == 302
    contact = Contact.objects.get()
    assert contact.route == Route.ANONYMOUS and contact.referral_source == "9" and contact.referrer_name == ""
