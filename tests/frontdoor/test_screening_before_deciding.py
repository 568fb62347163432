"""A police domestic-abuse notification is screened by the police and by social work before anyone decides."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from continuum.access.models import User
from continuum.frontdoor import services
from continuum.frontdoor.catalogue import Outcome, ScreeningView
from continuum.frontdoor.models import Decision, Screening

from .helpers import actor, level, phone_contact
from .staff_pages import contact_url, only_child, police_notification

pytestmark = pytest.mark.django_db

DECISION = {"outcome": Outcome.ADVICE, "rationale": "One verbal argument; the parents have separated."}


def test_a_notification_cannot_be_decided_until_both_halves_are_screened(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    contact = police_notification(personas["dan"])
    child = only_child(contact)
    services.add_child_to_index(actor(personas["tom"]), child)
    decide_url = contact_url(contact, f"children/{child.pk}/decision/")
    tom = signed_in("tom")

    refused = tom.post(decide_url, {**DECISION, "level": level(2).pk}).content.decode()
    assert "needs joint screening: record the police and social work screening" in refused

    tom.post(contact_url(contact, "screening/"), {"notes": "Known to early help in 2024; closed."})
    still_refused = tom.post(decide_url, {**DECISION, "level": level(2).pk}).content.decode()
    assert "record the police screening" in still_refused
    assert not Decision.objects.exists()

    dan = signed_in("dan")
    dan.post(contact_url(contact, "screening/"), {"notes": "No previous incidents at the address."})
    assert set(Screening.objects.values_list("view", flat=True)) == {
        ScreeningView.POLICE,
        ScreeningView.SOCIAL_WORK,
    }

    tom = signed_in("tom")
    page = tom.get(contact_url(contact)).content.decode()
    assert "No previous incidents at the address." in page and "Known to early help in 2024" in page

    decided = tom.post(decide_url, {**DECISION, "level": level(2).pk})
    assert decided.status_code == 302 and Decision.objects.get().outcome == Outcome.ADVICE


def test_each_half_is_recorded_once(signed_in: Callable[[str], Client], personas: dict[str, User]) -> None:
    contact = police_notification(personas["dan"])
    client = signed_in("dan")
    client.post(contact_url(contact, "screening/"), {"notes": "No previous incidents."})

    again = client.post(contact_url(contact, "screening/"), {"notes": "Second go."}).content.decode()

    assert "The police screening has already been recorded" in again
    assert Screening.objects.count() == 1


def test_the_page_offers_each_worker_their_own_half(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    contact = police_notification(personas["dan"])

    assert "Record the police screening" in signed_in("dan").get(contact_url(contact)).content.decode()
    assert "Record the social work screening" in signed_in("tom").get(contact_url(contact)).content.decode()


def test_a_contact_that_is_not_a_notification_has_no_screening(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    contact = phone_contact(personas["tom"])

    response = signed_in("tom").post(contact_url(contact, "screening/"), {"notes": "Nothing."})

    assert "Only police domestic-abuse notifications are jointly screened" in response.content.decode()
