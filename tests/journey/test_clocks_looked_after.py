"""The clocks of a looked-after child: reviews, visits, health, dental checks and education plans.

Each counts within the current period of care, which runs from the episode that started with
"started to be looked after" through every episode that followed the same day. Bank holidays
used: 25 and 26 December 2025 and 1 January 2026. Working days do not include the start day.
"""

from __future__ import annotations

from datetime import date

import pytest

from continuum.people.models import Person
from continuum.socialcare.catalogue import HealthCheckKind, VisitKind
from continuum.socialcare.models import CareEpisode, Referral

from .test_clocks_records_are_valid import (
    assessment,
    care_episode,
    child,
    due_dates,
    education_plan,
    health_check,
    looked_after_review,
    referral,
    visit,
)

pytestmark = pytest.mark.django_db

FIRST_REVIEW = "First looked-after review"
SECOND_REVIEW = "Second looked-after review"
LATER_REVIEW = "Later looked-after review"
VISIT_NEW_PLACEMENT = "Social worker visit after a placement starts"
VISIT_FIRST_YEAR = "Social worker visit in the first year of a placement"
VISIT_AFTER_FIRST_YEAR = "Social worker visit after the first year of a placement"
HEALTH_ASSESSMENT = "Initial health assessment"
HEALTH_REVIEW = "Health review"
DENTAL = "Dental check for a looked-after child"
FIRST_PEP = "First personal education plan"
PEP_REVIEW = "Personal education plan review"


def looked_after_from(started: date, born: date = date(2016, 5, 4)) -> tuple[Person, CareEpisode]:
    ava = child(born=born)
    referral(ava, started)
    return ava, care_episode(ava, started)


def test_a_child_looked_after_from_8_december_2025_has_a_first_review_by_8_january() -> None:
    ava, _ = looked_after_from(date(2025, 12, 8))

    # From Monday 8 December 2025: 9-12 Dec (4), 15-19 (9), 22-24 (12), 25 and 26 are bank
    # holidays, 29-31 (15), 1 Jan is a bank holiday, Fri 2 Jan (16), 5-8 Jan (20): Thursday 8 January.
    assert due_dates(ava)[FIRST_REVIEW] == date(2026, 1, 8)


def test_the_second_review_is_3_months_after_the_first_and_later_ones_6_months_after_the_last() -> None:
    ava, _ = looked_after_from(date(2025, 12, 8))
    looked_after_review(ava, date(2026, 1, 7))
    # 7 January 2026 + 3 months: Tuesday 7 April 2026 (the day after Easter Monday; months do not move).
    assert due_dates(ava)[SECOND_REVIEW] == date(2026, 4, 7)

    looked_after_review(ava, date(2026, 3, 31))
    # 31 March 2026 + 6 months: September has 30 days, so Wednesday 30 September 2026.
    dates = due_dates(ava)
    assert dates[LATER_REVIEW] == date(2026, 9, 30)
    assert SECOND_REVIEW not in dates


def test_a_review_on_31_august_2022_makes_the_next_due_on_28_february_2023() -> None:
    ava, _ = looked_after_from(date(2022, 3, 1))
    for held in (date(2022, 3, 29), date(2022, 6, 29), date(2022, 8, 31)):
        looked_after_review(ava, held)

    # 31 August 2022 + 6 months: February 2023 has 28 days, so Tuesday 28 February 2023.
    assert due_dates(ava)[LATER_REVIEW] == date(2023, 2, 28)


def test_the_period_of_care_runs_on_through_a_new_placement_and_ignores_an_earlier_period() -> None:
    ava = child()
    referral(ava, date(2024, 3, 1))
    # An earlier period of care, with a review, that ended when Ava went home.
    care_episode(ava, date(2024, 3, 4), ended=date(2024, 7, 1), reason_ended="E13")
    looked_after_review(ava, date(2024, 3, 28))
    # The current period: a new placement the day the first episode closed.
    care_episode(ava, date(2025, 12, 8), ended=date(2026, 2, 2), reason_ended="X1")
    care_episode(ava, date(2026, 2, 2), "P")
    looked_after_review(ava, date(2026, 1, 7))

    # One review in this period (7 January 2026), so the second is due 3 months on: 7 April 2026.
    assert due_dates(ava)[SECOND_REVIEW] == date(2026, 4, 7)


def test_a_child_who_has_left_care_has_nothing_due() -> None:
    ava = child()
    # Assessed, and the case closed when care ended: nothing of the episode is left open either.
    assessment(referral(ava, date(2024, 3, 1)), date(2024, 3, 4), authorised=date(2024, 4, 2))
    care_episode(ava, date(2024, 3, 4), ended=date(2024, 7, 1), reason_ended="E13")
    Referral.objects.filter(person=ava).update(closed=date(2024, 7, 1), closure_reason="RC7")

    assert due_dates(ava) == {}


def test_a_new_placement_on_christmas_eve_2026_is_visited_by_31_december() -> None:
    ava, _ = looked_after_from(date(2026, 12, 24))

    # 7 days from Thursday 24 December 2026, bank holidays included: Thursday 31 December.
    assert due_dates(ava)[VISIT_NEW_PLACEMENT] == date(2026, 12, 31)


def test_in_the_first_year_of_a_placement_visits_are_6_weeks_apart() -> None:
    ava, _ = looked_after_from(date(2026, 12, 24))
    visit(ava, VisitKind.LOOKED_AFTER, date(2026, 12, 30))

    # 42 days from Wednesday 30 December 2026: 31 Dec is day 1, 31 Jan day 32,
    # Wednesday 10 February 2027 day 42.
    assert due_dates(ava)[VISIT_FIRST_YEAR] == date(2027, 2, 10)


def test_a_visit_just_inside_the_first_year_is_followed_within_6_weeks() -> None:
    ava, _ = looked_after_from(date(2025, 3, 3))
    visit(ava, VisitKind.LOOKED_AFTER, date(2026, 2, 27))

    # The placement's first year runs to 2 March 2026. 42 days from Friday 27 February 2026:
    # 28 Feb is day 1, 31 Mar day 32, Friday 10 April 2026 day 42.
    assert due_dates(ava)[VISIT_FIRST_YEAR] == date(2026, 4, 10)


def test_after_the_first_year_of_a_placement_visits_are_3_months_apart() -> None:
    ava, _ = looked_after_from(date(2025, 3, 3))
    visit(ava, VisitKind.LOOKED_AFTER, date(2026, 2, 27))
    visit(ava, VisitKind.LOOKED_AFTER, date(2026, 3, 3))

    # 3 March 2026 is the placement's first anniversary, so its second year: + 3 months is 3 June 2026.
    assert due_dates(ava)[VISIT_AFTER_FIRST_YEAR] == date(2026, 6, 3)


def test_a_move_to_a_new_placement_restarts_the_visits_but_a_change_of_legal_status_does_not() -> None:
    moved, stayed = child("Ava"), child("Ben")
    for person in (moved, stayed):
        referral(person, date(2026, 1, 2))
        care_episode(person, date(2026, 1, 5), ended=date(2026, 2, 2), reason_ended="X1")
        visit(person, VisitKind.LOOKED_AFTER, date(2026, 1, 9))
    care_episode(moved, date(2026, 2, 2), "P")
    care_episode(stayed, date(2026, 2, 2), "L")

    # Ava moved on Monday 2 February 2026: 7 days on is Monday 9 February.
    assert due_dates(moved)[VISIT_NEW_PLACEMENT] == date(2026, 2, 9)
    # Ben stayed where he was: 42 days from Friday 9 January 2026 (31 Jan is day 22) is Friday 20 February.
    assert due_dates(stayed)[VISIT_FIRST_YEAR] == date(2026, 2, 20)


def test_the_initial_health_assessment_is_due_20_working_days_after_the_child_becomes_looked_after() -> None:
    ava, _ = looked_after_from(date(2025, 12, 8))
    # A health assessment from an earlier time in care does not count for this one.
    health_check(ava, HealthCheckKind.INITIAL, date(2025, 1, 10))

    # 20 working days from Monday 8 December 2025, as for the first review: Thursday 8 January 2026.
    dates = due_dates(ava)
    assert dates[HEALTH_ASSESSMENT] == date(2026, 1, 8)
    assert HEALTH_REVIEW not in dates


def test_a_child_under_5_has_a_health_review_6_months_after_the_last_assessment() -> None:
    ava, _ = looked_after_from(date(2026, 2, 9), born=date(2022, 5, 4))
    health_check(ava, HealthCheckKind.INITIAL, date(2026, 3, 10))

    # Ava was 3 on 10 March 2026; + 6 months is Thursday 10 September 2026.
    dates = due_dates(ava)
    assert dates[HEALTH_REVIEW] == date(2026, 9, 10)
    assert HEALTH_ASSESSMENT not in dates

    health_check(ava, HealthCheckKind.REVIEW, date(2026, 9, 8))
    # Still 4 on 8 September 2026; + 6 months is Monday 8 March 2027.
    assert due_dates(ava)[HEALTH_REVIEW] == date(2027, 3, 8)


def test_a_child_of_5_or_over_has_a_health_review_12_months_after_the_last_assessment() -> None:
    ava, _ = looked_after_from(date(2026, 2, 9), born=date(2016, 5, 4))
    health_check(ava, HealthCheckKind.INITIAL, date(2026, 3, 31))

    # Ava was 9 on 31 March 2026; + 12 months is Wednesday 31 March 2027.
    assert due_dates(ava)[HEALTH_REVIEW] == date(2027, 3, 31)


@pytest.mark.parametrize(
    ("checked", "expected"),
    [
        # The day before Ava's 5th birthday (11 March 2026) she is 4: + 6 months.
        (date(2026, 3, 10), date(2026, 9, 10)),
        # On her birthday she is 5: + 12 months.
        (date(2026, 3, 11), date(2027, 3, 11)),
    ],
)
def test_the_health_review_interval_follows_the_age_at_the_last_assessment(
    checked: date, expected: date
) -> None:
    ava, _ = looked_after_from(date(2026, 2, 9), born=date(2021, 3, 11))
    health_check(ava, HealthCheckKind.INITIAL, checked)

    assert due_dates(ava)[HEALTH_REVIEW] == expected


def test_a_health_review_from_31_august_2027_for_a_child_under_5_is_due_on_29_february_2028() -> None:
    ava, _ = looked_after_from(date(2027, 7, 1), born=date(2023, 1, 1))
    health_check(ava, HealthCheckKind.INITIAL, date(2027, 8, 31))

    # Ava is 4; 31 August 2027 + 6 months: 2028 is a leap year, so Tuesday 29 February 2028.
    assert due_dates(ava)[HEALTH_REVIEW] == date(2028, 2, 29)


def test_a_dental_check_is_due_12_months_after_the_child_becomes_looked_after_then_after_the_last() -> None:
    ava, _ = looked_after_from(date(2025, 12, 8))
    # 8 December 2025 + 12 months: Tuesday 8 December 2026.
    assert due_dates(ava)[DENTAL] == date(2026, 12, 8)

    health_check(ava, HealthCheckKind.DENTAL, date(2026, 1, 30))
    # A dental check is not a health assessment: the initial one is still due.
    dates = due_dates(ava)
    assert dates[DENTAL] == date(2027, 1, 30)
    assert HEALTH_ASSESSMENT in dates


def test_a_dental_check_on_29_february_2024_is_next_due_on_28_february_2025() -> None:
    ava, _ = looked_after_from(date(2024, 2, 1))
    health_check(ava, HealthCheckKind.DENTAL, date(2024, 2, 29))

    # 29 February 2024 + 12 months: 2025 is not a leap year, so Friday 28 February 2025.
    assert due_dates(ava)[DENTAL] == date(2025, 2, 28)


def test_a_child_of_school_age_has_a_first_education_plan_then_reviews() -> None:
    ava, _ = looked_after_from(date(2025, 12, 8), born=date(2016, 5, 4))
    # 20 working days from Monday 8 December 2025, as for the first review: Thursday 8 January 2026.
    assert due_dates(ava)[FIRST_PEP] == date(2026, 1, 8)

    education_plan(ava, date(2026, 1, 30))
    # 30 January 2026 + 6 months: Thursday 30 July 2026.
    dates = due_dates(ava)
    assert dates[PEP_REVIEW] == date(2026, 7, 30)
    assert FIRST_PEP not in dates


@pytest.mark.parametrize("born", [date(2023, 1, 1), date(2009, 1, 1)], ids=["aged 3", "aged 17"])
def test_a_child_below_or_above_school_age_has_no_education_plan_due(born: date) -> None:
    ava, _ = looked_after_from(date(2025, 12, 8), born=born)

    dates = due_dates(ava, today=date(2026, 11, 22))
    assert FIRST_PEP not in dates
    assert PEP_REVIEW not in dates
