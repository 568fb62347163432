"""Return home interviews (72 hours), pathway plan reviews (6 months) and team around the family reviews.

British Summer Time began at 01:00 GMT on Sunday 29 March 2026 and ends at 01:00 GMT on Sunday
25 October 2026: 72 hours is 72 elapsed hours, so the clock time moves by an hour across either.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from continuum.socialcare.catalogue import MissingReturnInterview
from continuum.statutory.timescales import ENGLAND

from .test_clocks_records_are_valid import (
    care_leaver,
    child,
    due_dates,
    early_help,
    family_meeting,
    missing,
    pathway_plan,
)

pytestmark = pytest.mark.django_db

INTERVIEW = "Return home interview"
TEAM_AROUND_THE_FAMILY = "Team around the family review"


def _at(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=ENGLAND)


def test_a_return_home_interview_across_the_clocks_going_forward_is_due_72_real_hours_later() -> None:
    ava = child()
    missing(ava, _at(2026, 3, 27, 9), _at(2026, 3, 27, 20))

    # Returned 20:00 GMT on Friday 27 March 2026 (20:00 UTC). 72 hours on is 20:00 UTC on Monday
    # 30 March, which is 21:00 in British Summer Time.
    due = due_dates(ava)[INTERVIEW]
    assert due == _at(2026, 3, 30, 21)
    assert isinstance(due, datetime)


def test_a_return_home_interview_across_the_clocks_going_back_is_due_an_hour_earlier_by_the_clock() -> None:
    ava = child()
    missing(ava, _at(2026, 10, 23, 9), _at(2026, 10, 23, 16, 30))

    # Returned 16:30 BST on Friday 23 October 2026 (15:30 UTC); 72 hours on is 15:30 UTC on Monday
    # 26 October, which is 15:30 GMT.
    assert due_dates(ava)[INTERVIEW] == _at(2026, 10, 26, 15, 30)


def test_an_interview_offered_but_not_yet_held_is_still_due() -> None:
    ava = child()
    missing(ava, _at(2026, 3, 27, 9), _at(2026, 3, 27, 20), MissingReturnInterview.OFFERED)

    assert due_dates(ava)[INTERVIEW] == _at(2026, 3, 30, 21)


@pytest.mark.parametrize("interview", [MissingReturnInterview.HELD, MissingReturnInterview.DECLINED])
def test_an_interview_held_or_declined_is_no_longer_due(interview: MissingReturnInterview) -> None:
    ava = child()
    missing(ava, _at(2026, 3, 27, 9), _at(2026, 3, 27, 20), interview)

    assert INTERVIEW not in due_dates(ava)


def test_a_child_still_missing_has_no_interview_due_yet() -> None:
    ava = child()
    missing(ava, _at(2026, 11, 20, 9), None)

    assert INTERVIEW not in due_dates(ava)


def test_a_care_leaver_with_no_pathway_plan_has_one_due_6_months_from_when_support_began() -> None:
    cal = child("Cal", date(2007, 9, 1))
    care_leaver(cal, date(2025, 10, 31))

    # 31 October 2025 + 6 months: April has 30 days, so Thursday 30 April 2026.
    assert due_dates(cal)["Pathway plan"] == date(2026, 4, 30)


def test_a_pathway_plan_is_reviewed_6_months_after_the_last_plan_or_review() -> None:
    cal = child("Cal", date(2007, 9, 1))
    support = care_leaver(cal, date(2025, 10, 31))
    pathway_plan(support, date(2025, 11, 28))
    review = pathway_plan(support, date(2026, 5, 29), review=True)
    # 29 May 2026 + 6 months: Sunday 29 November 2026.
    assert due_dates(cal)["Pathway plan review"] == date(2026, 11, 29)

    review.held_on = date(2026, 8, 31)
    review.save()
    # 31 August 2026 + 6 months: February 2027 has 28 days, so Sunday 28 February 2027.
    assert due_dates(cal)["Pathway plan review"] == date(2027, 2, 28)


def test_a_care_leaver_whose_support_has_ended_has_nothing_due() -> None:
    cal = child("Cal", date(2003, 9, 1))
    care_leaver(cal, date(2021, 9, 1), ended=date(2028, 9, 1))

    assert due_dates(cal) == {}


def test_the_team_around_the_family_review_is_the_date_the_meeting_set() -> None:
    dee = child("Dee")
    family_meeting(early_help(dee, date(2026, 2, 2)), date(2026, 3, 10), next_review=date(2026, 4, 21))

    assert due_dates(dee)[TEAM_AROUND_THE_FAMILY] == date(2026, 4, 21)


def test_a_meeting_that_set_no_date_is_reviewed_6_weeks_later() -> None:
    dee = child("Dee")
    episode = early_help(dee, date(2026, 11, 2))
    family_meeting(episode, date(2026, 11, 12), next_review=date(2026, 12, 17))
    family_meeting(episode, date(2026, 12, 17))

    # The latest meeting counts. 42 days from Thursday 17 December 2026: 31 Dec is day 14,
    # 28 January 2027 is day 42 (a Thursday; bank holidays do not matter in days).
    assert due_dates(dee)[TEAM_AROUND_THE_FAMILY] == date(2027, 1, 28)


def test_early_help_with_no_meeting_yet_or_closed_has_no_review_due() -> None:
    waiting, closed = child("Dee"), child("Eli")
    early_help(waiting, date(2026, 11, 2))
    family_meeting(early_help(closed, date(2026, 2, 2), ended=date(2026, 6, 1)), date(2026, 3, 10))

    assert due_dates(waiting) == {}
    assert due_dates(closed) == {}
