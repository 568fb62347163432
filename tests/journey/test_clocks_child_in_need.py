"""The child in need plan's clocks: its reviews (local practice) and the visits the plan sets.

The summer bank holiday 2026 is Monday 31 August. Working days do not include the start day.
"""

from __future__ import annotations

from datetime import date

import pytest

from continuum.socialcare.catalogue import VisitKind

from .test_clocks_records_are_valid import child, cin_plan, cin_review, due_dates, referral, visit

pytestmark = pytest.mark.django_db

REVIEW = "Child in need plan review"
VISIT = "Child in need visit"


def test_a_plan_from_31_march_is_first_reviewed_by_30_june() -> None:
    ava = child()
    cin_plan(referral(ava, date(2026, 3, 2)), date(2026, 3, 31))

    # 31 March 2026 + 3 months: June has 30 days, so Tuesday 30 June 2026.
    assert due_dates(ava)[REVIEW] == date(2026, 6, 30)


def test_a_plan_from_30_november_2026_is_reviewed_by_the_end_of_february() -> None:
    ava = child()
    cin_plan(referral(ava, date(2026, 11, 2)), date(2026, 11, 30))

    # 30 November 2026 + 3 months: February 2027 has 28 days, so Sunday 28 February 2027.
    assert due_dates(ava)[REVIEW] == date(2027, 2, 28)


def test_the_next_review_counts_from_the_last_one() -> None:
    ava = child()
    plan = cin_plan(referral(ava, date(2026, 3, 2)), date(2026, 3, 31))
    cin_review(plan, date(2026, 4, 30))

    # 30 April 2026 + 3 months: Thursday 30 July 2026.
    assert due_dates(ava)[REVIEW] == date(2026, 7, 30)


def test_the_first_visit_across_the_summer_bank_holiday_is_due_on_15_september_2026() -> None:
    ava = child()
    cin_plan(referral(ava, date(2026, 8, 3)), date(2026, 8, 17), visit_every=20)

    # From Monday 17 August 2026: 18-21 Aug (4), 24-28 (9), 31 Aug is a bank holiday,
    # 1-4 Sep (13), 7-11 (18), 14 (19), Tuesday 15 September (20).
    assert due_dates(ava)[VISIT] == date(2026, 9, 15)


def test_a_visit_where_the_child_was_seen_restarts_the_clock() -> None:
    ava = child()
    cin_plan(referral(ava, date(2026, 8, 3)), date(2026, 8, 17), visit_every=20)
    visit(ava, VisitKind.CHILD_IN_NEED, date(2026, 9, 10))
    # Neither a visit where the child was not seen nor a visit under another plan counts.
    visit(ava, VisitKind.CHILD_IN_NEED, date(2026, 9, 24), seen=False)
    visit(ava, VisitKind.CHILD_PROTECTION, date(2026, 9, 25))

    # From Thursday 10 September 2026: 11 Sep (1), 14-18 (6), 21-25 (11), 28 Sep-2 Oct (16),
    # 5-8 Oct (20): Thursday 8 October 2026.
    assert due_dates(ava)[VISIT] == date(2026, 10, 8)


def test_changing_how_often_the_plan_says_to_visit_moves_the_visit() -> None:
    ava = child()
    plan = cin_plan(referral(ava, date(2026, 8, 3)), date(2026, 8, 17), visit_every=20)

    plan.visit_every_working_days = 10
    plan.save()

    # From Monday 17 August 2026: 18-21 Aug (4), 24-28 (9), 31 Aug is a bank holiday,
    # Tuesday 1 September (10).
    assert due_dates(ava)[VISIT] == date(2026, 9, 1)


def test_an_ended_plan_has_no_review_or_visit_due() -> None:
    ava = child()
    plan = cin_plan(referral(ava, date(2026, 3, 2)), date(2026, 3, 31))
    plan.ended = date(2026, 10, 1)
    plan.save()

    assert due_dates(ava) == {}
