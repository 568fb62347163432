"""Tom asks the police what they know; Dan answers in Partner checks; Tom reads the answer."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from continuum.access.models import User
from continuum.frontdoor.catalogue import CheckStatus
from continuum.frontdoor.models import HouseholdMember, PartnerCheck

from .staff_pages import contact_url, linked_contact

pytestmark = pytest.mark.django_db


def test_a_question_to_the_police_is_answered_by_dan_and_read_by_tom(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    tom, dan = personas["tom"], personas["dan"]
    contact, _child = linked_contact(tom)
    HouseholdMember.objects.create(contact=contact, name="Kelly Testparent", relationship="Mother")
    police = dan.agency
    assert police is not None

    signed_in("tom").post(
        contact_url(contact, "checks/new/"), {"agency": police.pk, "question": "Any call-outs?"}
    )
    check = PartnerCheck.objects.get()

    danc = signed_in("dan")
    inbox = danc.get("/front-door/checks/").content.decode()
    assert (
        str(contact.reference) in inbox and "Waiting for your answer" in inbox and "Any call-outs?" in inbox
    )

    asked = danc.get(f"/front-door/checks/{check.pk}/").content.decode()
    assert "Any call-outs?" in asked and "Ava Testchild" in asked and "4 May 2016" in asked
    assert "Kelly Testparent (Mother)" in asked
    assert contact.worry_details not in asked and contact.child_voice not in asked

    answered = danc.post(
        f"/front-door/checks/{check.pk}/", {"answer": "Two call-outs this year, no arrests."}, follow=True
    )
    assert "has been sent to the front door" in answered.content.decode()
    check.refresh_from_db()
    assert check.status == CheckStatus.ANSWERED and check.answered_by == dan

    page = signed_in("tom").get(contact_url(contact)).content.decode()
    assert "Two call-outs this year, no arrests." in page and "Dan Hughes" in page


def test_an_empty_answer_is_refused(signed_in: Callable[[str], Client], personas: dict[str, User]) -> None:
    contact, _child = linked_contact(personas["tom"])
    police = personas["dan"].agency
    assert police is not None
    signed_in("tom").post(contact_url(contact, "checks/new/"), {"agency": police.pk, "question": "Anything?"})
    check = PartnerCheck.objects.get()

    page = signed_in("dan").post(f"/front-door/checks/{check.pk}/", {"answer": ""}).content.decode()

    assert "Enter what your agency knows, or that it knows nothing" in page
    check.refresh_from_db()
    assert check.status == CheckStatus.ASKED


def test_an_agency_with_no_checks_is_told_so(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    page = signed_in("dan").get("/front-door/checks/").content.decode()
    assert "No checks have been sent to your agency" in page
