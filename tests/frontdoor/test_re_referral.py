"""A referral within 12 months of another is a re-referral; the front door is told before deciding.

"Within 12 months" counts from the same day a year before: a referral exactly 12 months earlier
counts, one a day older does not.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import pytest
from django.test import Client

from continuum.access.models import User
from continuum.frontdoor import history
from continuum.people.models import Person
from continuum.socialcare.models import Referral
from continuum.socialcare.referrals import previous_referral_within_12_months
from continuum.statutory.timescales import ENGLAND

from .staff_pages import contact_url, known_child, linked_contact

pytestmark = pytest.mark.django_db

RECEIVED = datetime(2026, 3, 16, 11, 0, tzinfo=ENGLAND)


def _referred(person: Person, on: date, by: User) -> Referral:
    return Referral.objects.create(person=person, referral_date=on, referral_source="2A", created_by=by)


@pytest.mark.parametrize(
    ("previous", "is_re_referral"),
    [
        (date(2025, 9, 1), True),
        (date(2025, 3, 16), True),  # exactly 12 months before
        (date(2025, 3, 15), False),  # 12 months and a day
        (date(2024, 1, 10), False),
        (date(2026, 3, 16), False),  # the same day is the same episode
    ],
)
def test_a_previous_referral_counts_only_within_12_months(
    personas: dict[str, User], previous: date, is_re_referral: bool
) -> None:
    tom = personas["tom"]
    person = known_child()
    _referred(person, previous, tom)
    _contact, contact_child = linked_contact(tom, person, received_at=RECEIVED)

    child_history = history.history_of(contact_child)

    assert child_history is not None and child_history.is_re_referral is is_re_referral
    assert (previous_referral_within_12_months(person.pk, RECEIVED.date()) is not None) is is_re_referral


def test_the_contact_page_warns_of_a_re_referral(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    tom = personas["tom"]
    person = known_child()
    _referred(person, date(2025, 9, 1), tom)
    contact, _child = linked_contact(tom, person, received_at=RECEIVED)

    page = signed_in("tom").get(contact_url(contact)).content.decode()

    assert "Re-referral: referred on 1 September 2025, within 12 months" in page
    assert "govuk-tag--red" in page


def test_no_warning_for_a_referral_more_than_12_months_ago(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    tom = personas["tom"]
    person = known_child()
    _referred(person, date(2024, 1, 10), tom)
    contact, _child = linked_contact(tom, person, received_at=RECEIVED)

    page = signed_in("tom").get(contact_url(contact)).content.decode()

    assert "Re-referral" not in page
    assert "10 January 2024" in page  # still listed among the child's referrals
