"""Working a contact from its page: allocating, consent, the school, another child, a question."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client

from continuum.access.audit import Action
from continuum.access.models import Agency, AuditEntry, User
from continuum.frontdoor import triage
from continuum.frontdoor.catalogue import Consent, Status
from continuum.frontdoor.models import ContactChild, EncompassNotification

from .helpers import actor, phone_contact
from .staff_pages import contact_url, only_child, police_notification

pytestmark = pytest.mark.django_db


def test_tom_allocates_a_contact_to_himself_and_then_to_aisha(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    tom, aisha = personas["tom"], personas["aisha"]
    contact = phone_contact(tom)
    client = signed_in("tom")

    to_me = client.post(contact_url(contact, "allocate/"), {"worker": tom.pk}, follow=True)
    contact.refresh_from_db()
    assert contact.allocated_to == tom and contact.status == Status.IN_PROGRESS
    assert "The contact is allocated to Tom Whitaker" in to_me.content.decode()

    client.post(contact_url(contact, "allocate/"), {"worker": aisha.pk})
    contact.refresh_from_db()
    assert contact.allocated_to == aisha


def test_only_front_door_deciders_can_be_allocated(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    contact = phone_contact(personas["tom"])

    response = signed_in("tom").post(contact_url(contact, "allocate/"), {"worker": personas["nadia"].pk})

    assert response.status_code == 200 and "There is a problem" in response.content.decode()
    contact.refresh_from_db()
    assert contact.allocated_to is None


def test_consent_recorded_later_is_checked_against_the_level(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    contact = phone_contact(
        personas["tom"],
        consent=Consent.NOT_SOUGHT,
        consent_given_by="",
        consent_covers="",
        consent_not_obtained_reason="Not asked yet.",
    )
    client = signed_in("tom")

    missing = client.post(contact_url(contact, "consent/"), {"consent": Consent.OBTAINED})
    given = client.post(
        contact_url(contact, "consent/"),
        {
            "consent": Consent.OBTAINED,
            "consent_given_by": "Their mother",
            "consent_covers": "Ava and her mother",
        },
    )

    assert "Enter who gave consent" in missing.content.decode()
    assert given.status_code == 302 and given["Location"].endswith("#consent")
    contact.refresh_from_db()
    assert contact.consent == Consent.OBTAINED and contact.consent_not_obtained_reason == ""


def test_the_childs_school_is_recorded_and_after_domestic_abuse_the_school_is_told(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    contact = police_notification(personas["dan"])
    contact_child = only_child(contact)
    school = Agency.objects.get(name="Moorside Primary School")

    response = signed_in("tom").post(
        contact_url(contact, f"children/{contact_child.pk}/school/"),
        {f"child-{contact_child.pk}-school": school.pk},
    )

    assert response.status_code == 302
    contact_child.refresh_from_db()
    assert contact_child.school == school
    assert EncompassNotification.objects.filter(child=contact_child, school=school).exists()
    assert any(message.subject == "Operation Encompass notification" for message in mail.outbox)


def test_a_brother_is_added_to_an_open_contact(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    contact = phone_contact(personas["tom"])
    client = signed_in("tom")

    empty = client.post(contact_url(contact, "children/new/"), {"born": "born"})
    added = client.post(
        contact_url(contact, "children/new/"),
        {
            "given_name": "Ben",
            "family_name": "Testchild",
            "born": "born",
            "date_of_birth_day": "1",
            "date_of_birth_month": "1",
            "date_of_birth_year": "2018",
        },
        follow=True,
    )

    assert "Enter the child&#x27;s first name or last name" in empty.content.decode()
    assert "Ben Testchild has been added to the contact" in added.content.decode()
    assert contact.children.count() == 2
    ben = ContactChild.objects.get(contact=contact, given_name="Ben")
    assert AuditEntry.objects.filter(
        action=Action.CREATE, object_type="frontdoor.ContactChild", object_id=str(ben.pk)
    )


def test_a_child_cannot_be_added_to_a_decided_contact(personas: dict[str, User]) -> None:
    contact = phone_contact(personas["tom"])
    contact.status = Status.DECIDED
    contact.save()

    with pytest.raises(ValidationError):
        triage.add_child(actor(personas["tom"]), contact, given_name="Ben", date_of_birth=date(2018, 1, 1))


def test_an_agency_is_asked_a_question_and_an_empty_one_is_refused(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    contact = phone_contact(personas["tom"])
    police = personas["dan"].agency
    assert police is not None
    client = signed_in("tom")

    empty = client.post(contact_url(contact, "checks/new/"), {"agency": police.pk, "question": " "})
    asked = client.post(
        contact_url(contact, "checks/new/"), {"agency": police.pk, "question": "Any call-outs?"}
    )

    assert "Enter what you want to know from the agency" in empty.content.decode()
    assert asked.status_code == 302 and contact.checks.get().question == "Any call-outs?"
