"""Re-referrals in SQL follow `socialcare.referrals` exactly, at the edges of the 12 months too."""

from __future__ import annotations

from datetime import date

import pytest

from continuum.access.models import User
from continuum.frontdoor import figures
from continuum.socialcare.models import Referral
from continuum.socialcare.referrals import previous_referral_within_12_months
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db

LEAP_YEAR = figures.Period(date(2024, 1, 1), date(2024, 12, 31))

# Each child's referral dates. 2024 is a leap year; 2023 is not.
REFERRALS = {
    # 29 February 2024 looks back to 28 February 2023 (there is no 29 February 2023): re-referral.
    "A": [date(2023, 2, 28), date(2024, 2, 29)],
    # 27 February 2023 is a day before that window: not a re-referral.
    "B": [date(2023, 2, 27), date(2024, 2, 29)],
    # Two referrals on one day are one episode: neither is a re-referral. Both count as referrals.
    "C": [date(2024, 5, 1), date(2024, 5, 1)],
    # 1 March 2024 looks back to 1 March 2023, that day included: re-referral.
    "D": [date(2023, 3, 1), date(2024, 3, 1)],
    # The first of two in the year is not a re-referral; the second (three months later) is.
    "E": [date(2024, 6, 1), date(2024, 9, 1)],
    # Another child's referral the day before does not count.
    "F": [date(2024, 12, 31)],
    "G": [date(2024, 12, 30)],
}


@pytest.fixture
def referrals(personas: dict[str, User]) -> list[Referral]:
    made = []
    for days in REFERRALS.values():
        person = PersonFactory.create()
        for n, day in enumerate(days):
            # Only the latest may still be open (one open referral a child): earlier ones closed
            # the day they were made, after assessment with no further action (RC8).
            closed: dict[str, object] = {}
            if n < len(days) - 1:
                closed = {"closed": day, "closure_reason": "RC8"}
            made.append(
                Referral.objects.create(
                    person=person,
                    referral_date=day,
                    referral_source="2A",
                    created_by=personas["tom"],
                    **closed,
                )
            )
    return made


def test_re_referrals_in_a_leap_year_worked_out_by_hand(referrals: list[Referral]) -> None:
    re_referrals = figures.re_referrals(LEAP_YEAR)
    # In 2024: A 1 (re), B 1, C 2, D 1 (re), E 2 (one re), F 1, G 1 = 9 referrals, 3 re-referrals.
    assert (re_referrals.numerator, re_referrals.denominator) == (3, 9)
    assert re_referrals.percent_text == "33%"


def test_the_sql_agrees_with_the_rule_in_socialcare_referrals(referrals: list[Referral]) -> None:
    in_year = [r for r in referrals if LEAP_YEAR.start <= r.referral_date <= LEAP_YEAR.end]
    by_the_rule = sum(
        previous_referral_within_12_months(r.person_id, r.referral_date) is not None for r in in_year
    )
    assert figures.re_referrals(LEAP_YEAR).numerator == by_the_rule
