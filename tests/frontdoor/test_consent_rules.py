"""Consent by level of need: below level 4 it is needed (or why not is recorded); at level 4 it is not.

The same rules stop a decision on the decision page: early help at level 3 without consent is
refused; a strategy discussion at level 4 goes ahead without it.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from continuum.access.models import User
from continuum.frontdoor.catalogue import Consent, Outcome
from continuum.frontdoor.consent import consent_problems, decision_consent_problem
from continuum.frontdoor.models import Decision

from .helpers import level
from .staff_pages import contact_url, linked_contact

pytestmark = pytest.mark.django_db


def test_consent_must_be_answered() -> None:
    assert set(consent_problems(level(2), "")) == {"consent"}


def test_consent_given_says_who_gave_it_and_whom_it_covers() -> None:
    assert set(consent_problems(level(3), Consent.OBTAINED)) == {"consent_given_by", "consent_covers"}
    assert consent_problems(level(3), Consent.OBTAINED, given_by="Mother", covers="Both children") == {}


@pytest.mark.parametrize("consent", [Consent.REFUSED, Consent.NOT_SOUGHT])
def test_below_level_4_the_reason_consent_was_not_obtained_is_needed(consent: str) -> None:
    assert set(consent_problems(level(3), consent)) == {"consent_not_obtained_reason"}
    assert consent_problems(level(3), consent, not_obtained_reason="Could not reach mum") == {}


def test_at_level_4_the_reason_consent_is_not_needed_is_recorded_instead() -> None:
    assert set(consent_problems(level(4), Consent.NOT_SOUGHT)) == {"consent_not_needed_reason"}
    assert (
        consent_problems(level(4), Consent.NOT_SOUGHT, not_needed_reason="Asking would put Ava at risk") == {}
    )


def test_help_offered_to_a_family_below_level_4_needs_their_consent() -> None:
    assert decision_consent_problem(level(3), Outcome.EARLY_HELP, Consent.NOT_SOUGHT)
    assert decision_consent_problem(level(3), Outcome.SOCIAL_WORK_ASSESSMENT, Consent.REFUSED)
    assert decision_consent_problem(level(3), Outcome.EARLY_HELP, Consent.OBTAINED) is None
    assert decision_consent_problem(level(3), Outcome.NO_FURTHER_ACTION, Consent.REFUSED) is None
    assert decision_consent_problem(level(4), Outcome.STRATEGY_DISCUSSION, Consent.NOT_SOUGHT) is None


def _without_consent(tom: User) -> tuple[str, int]:
    contact, child = linked_contact(
        tom,
        consent=Consent.NOT_SOUGHT,
        consent_given_by="",
        consent_covers="",
        consent_not_obtained_reason="The caller did not want the family to know yet.",
    )
    return contact_url(contact, f"children/{child.pk}/decision/"), child.pk


def test_early_help_at_level_3_without_consent_is_refused_on_the_decision_page(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    url, child_id = _without_consent(personas["tom"])
    decision = {"level": level(3).pk, "outcome": Outcome.EARLY_HELP, "rationale": "Support for mum."}

    response = signed_in("tom").post(url, decision)

    assert response.status_code == 200
    assert "needs the family&#x27;s informed consent" in response.content.decode()
    assert not Decision.objects.filter(child_id=child_id).exists()


def test_a_strategy_discussion_at_level_4_without_consent_goes_ahead(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    url, child_id = _without_consent(personas["tom"])
    decision = {
        "level": level(4).pk,
        "outcome": Outcome.STRATEGY_DISCUSSION,
        "rationale": "Disclosure of harm.",
    }

    response = signed_in("tom").post(url, decision)

    assert response.status_code == 302
    assert Decision.objects.get(child_id=child_id).completed_at is not None
