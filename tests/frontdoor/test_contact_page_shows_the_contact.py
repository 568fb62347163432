"""The contact page shows what the referrer said, consent, the clock and each child's history."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django.test import Client

from continuum.access.audit import Action
from continuum.access.models import AuditEntry, User
from continuum.earlyhelp.models import EarlyHelpEpisode
from continuum.frontdoor import services
from continuum.frontdoor.catalogue import Outcome
from continuum.people.models import Person, RestrictionLevel

from .helpers import actor, level, phone_contact
from .staff_pages import contact_url, known_child, linked_contact, police_notification

pytestmark = pytest.mark.django_db


def test_the_page_shows_the_referral_and_the_clock(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    contact, _child = linked_contact(personas["tom"], already_tried="A food bank voucher.")

    page = signed_in("tom").get(contact_url(contact)).content.decode()

    assert f"Contact {contact.reference}" in page
    assert "The children often arrive at school hungry." in page
    assert "Ava said there is no food at home some days." in page
    assert "A food bank voucher." in page
    assert "Yes, informed consent was given" in page and "Their mother" in page
    assert "Level 3: Targeted Support" in page
    assert "govuk-tag--blue" in page or "govuk-tag--orange" in page


def test_a_known_child_shows_previous_contacts_with_their_outcome_and_open_work(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    tom = personas["tom"]
    person = known_child()
    earlier, earlier_child = linked_contact(tom, person)
    services.decide(
        actor(tom), earlier_child, level=level(3), outcome=Outcome.EARLY_HELP, rationale="Support."
    )
    later, _child = linked_contact(tom, person)

    page = signed_in("tom").get(contact_url(later)).content.decode()

    assert str(earlier.reference) in page and "Early help" in page
    assert "Open to early help since" in page
    assert EarlyHelpEpisode.objects.filter(person=person).exists()
    assert f'href="/people/{person.pk}/"' in page


def test_a_police_notification_shows_its_reference_and_the_incident(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    contact = police_notification(personas["dan"])

    page = signed_in("tom").get(contact_url(contact)).content.decode()

    assert "NP-2026-0001" in page and "Time of the incident" in page
    assert "Joint screening" in page and "Not recorded yet" in page


def test_a_contact_that_does_not_exist_is_not_found(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    assert signed_in("tom").get("/front-door/contacts/FD-9999999/").status_code == 404


def test_an_unborn_baby_shows_the_due_date(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    unborn = {"family_name": "Testchild", "is_unborn": True, "expected_date_of_delivery": date(2027, 1, 20)}
    contact = phone_contact(personas["tom"], children=[unborn])

    page = signed_in("tom").get(contact_url(contact)).content.decode()

    assert "Unborn baby Testchild" in page and "20 January 2027" in page


def test_a_contact_about_a_restricted_child_is_refused_and_the_refusal_kept(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    contact, child = linked_contact(personas["tom"])
    assert child.person_id is not None
    Person.objects.filter(pk=child.person_id).update(restriction=RestrictionLevel.RESTRICTED)
    client = signed_in("dan")

    page = client.get(contact_url(contact))
    queue = client.get("/front-door/").content.decode()

    assert page.status_code == 403 and "restricted" in page.content.decode()
    assert str(contact.reference) not in queue
    assert AuditEntry.objects.filter(user=personas["dan"], action=Action.ACCESS_REFUSED).exists()
