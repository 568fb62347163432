"""Fixtures for the synthetic partnership: a quick password hasher, and digests of what was generated.

The generated small area (`small_partnership`) is in tests/conftest.py: other apps' tests use it too.
"""

from __future__ import annotations

import hashlib
from typing import Any

import pytest

from continuum.earlyhelp.models import EarlyHelpEpisode
from continuum.frontdoor.models import ContactChild
from continuum.people.models import Person
from continuum.socialcare.models import Assessment, CareEpisode, CareLeaver, ChildProtectionPlan, Referral
from tests.conftest import QUICK_HASHER


@pytest.fixture(autouse=True)
def quick_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = QUICK_HASHER


def people_digest() -> str:
    """A fingerprint of everyone's names, dates and NHS numbers, independent of database ids."""
    rows = sorted(
        Person.objects.values_list(
            "kind", "given_name", "middle_names", "family_name", "date_of_birth",
            "expected_date_of_delivery", "sex", "ethnicity", "nhs_number", "upn",
        )
    )  # fmt: skip
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def contacts_digest() -> str:
    """A fingerprint of every contact and what became of each child, independent of database ids."""
    rows = sorted(
        repr(row) for row in ContactChild.objects.values_list(
            "contact__received_at", "contact__route", "contact__referral_source", "contact__status",
            "contact__consent", "contact__child_voice", "contact__referrer_name", "given_name", "family_name",
            "date_of_birth", "person__nhs_number", "decision__outcome", "decision__decided_at",
        )
    )  # fmt: skip
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def journeys_digest() -> str:
    """A fingerprint of the journeys: referrals, assessments, plans, care and early help, by person."""
    person = ("person__given_name", "person__family_name", "person__date_of_birth")
    via_referral = tuple(f"referral__{field}" for field in person)
    rows = [
        sorted(
            Referral.objects.values_list(
                *person, "referral_date", "referral_source", "closed", "closure_reason"
            )
        ),
        sorted(Assessment.objects.values_list(*via_referral, "started", "authorised", "outcome")),
        sorted(
            ChildProtectionPlan.objects.values_list(*via_referral, "started", "ended", "initial_category")
        ),
        sorted(
            CareEpisode.objects.values_list(*person, "started", "legal_status", "placement_type", "ended")
        ),
        sorted(CareLeaver.objects.values_list(*person, "category", "started", "ended")),
        sorted(EarlyHelpEpisode.objects.values_list(*person, "started", "ended", "outcome")),
    ]
    return hashlib.sha256(repr(rows).encode()).hexdigest()
