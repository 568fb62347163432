"""The decision page shows the rules' objections against the fields, or in the error summary."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.test import Client

from continuum.access.models import User
from continuum.frontdoor.catalogue import Outcome
from continuum.frontdoor.models import Decision

from .helpers import level, phone_contact
from .staff_pages import contact_url, linked_contact, only_child

pytestmark = pytest.mark.django_db


def test_an_empty_decision_says_what_is_missing(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    contact, child = linked_contact(personas["tom"])

    page = signed_in("tom").post(contact_url(contact, f"children/{child.pk}/decision/"), {}).content.decode()

    assert "There is a problem" in page
    assert 'href="#id_level_0"' in page and 'href="#id_outcome_0"' in page and 'href="#id_rationale"' in page
    assert "Select the outcome" in page and "Enter the reasons for the decision" in page


def test_no_further_action_needs_a_reason(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    contact, child = linked_contact(personas["tom"])
    answers = {"level": level(2).pk, "outcome": Outcome.NO_FURTHER_ACTION, "rationale": "Below threshold."}

    page = (
        signed_in("tom")
        .post(contact_url(contact, f"children/{child.pk}/decision/"), answers)
        .content.decode()
    )

    assert 'href="#id_no_further_action_reason"' in page and "Select why there is no further action" in page
    assert not Decision.objects.exists()


def test_a_child_not_yet_linked_cannot_be_decided(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    contact = phone_contact(personas["tom"])
    child = only_child(contact)
    answers = {"level": level(3).pk, "outcome": Outcome.EARLY_HELP, "rationale": "Support for mum."}

    page = (
        signed_in("tom")
        .post(contact_url(contact, f"children/{child.pk}/decision/"), answers)
        .content.decode()
    )

    summary = page[page.index("govuk-error-summary") : page.index("</ul>", page.index("govuk-error-summary"))]
    assert "Link Ava Testchild to a record in the people index" in summary
    assert "is not linked to a record yet" in page
    assert not Decision.objects.exists()


def test_the_page_says_which_outcomes_need_sign_off_and_shows_the_continuum_of_need(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    contact, child = linked_contact(personas["tom"])

    page = signed_in("tom").get(contact_url(contact, f"children/{child.pk}/decision/")).content.decode()

    assert "A front door manager must sign off no further action" in page
    assert "Continuum of Need" in page and "Indicators at level 4" in page
    # The referrer's level is chosen to start with.
    assert re.search(rf'name="level" value="{level(3).pk}"[^>]*checked', page)


def test_dan_screens_but_does_not_decide(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    contact, child = linked_contact(personas["tom"])

    response = signed_in("dan").get(contact_url(contact, f"children/{child.pk}/decision/"))

    assert response.status_code == 403
    assert "front door social workers and managers decide" in response.content.decode()


def test_a_child_already_decided_is_not_decided_twice(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    contact, child = linked_contact(personas["tom"])
    url = contact_url(contact, f"children/{child.pk}/decision/")
    answers = {"level": level(3).pk, "outcome": Outcome.EARLY_HELP, "rationale": "Support for mum."}
    client = signed_in("tom")
    client.post(url, answers)

    again = client.post(url, {**answers, "outcome": Outcome.ADVICE}).content.decode()

    assert "A decision has already been made" in again
    assert Decision.objects.get().outcome == Outcome.EARLY_HELP
