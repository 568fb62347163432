"""The clocks of an assessment and of child protection, against dates worked out by hand.

England bank holidays used: Christmas Day and Boxing Day (Thursday 25 and Friday 26 December 2025;
Friday 25 December 2026 and Monday 28 December 2026, Boxing Day's substitute), New Year's Day
(Thursday 1 January 2026; Friday 1 January 2027), Good Friday 3 April and Easter Monday 6 April
2026, the early May bank holiday 4 May 2026 and the spring bank holiday 25 May 2026. A working
day count does not include the day the clock starts.
"""

from __future__ import annotations

from datetime import date

import pytest

from continuum.journey.clocks import due_for
from continuum.socialcare.catalogue import ConferenceOutcome, Section47Outcome, VisitKind

from .test_clocks_records_are_valid import (
    assessment,
    child,
    core_group,
    cp_plan,
    due_dates,
    initial_conference,
    referral,
    review_conference,
    section_47,
    strategy_discussion,
    visit,
)

pytestmark = pytest.mark.django_db

ASSESSMENT = "Assessment"
CONFERENCE = "Initial child protection conference"
CORE_GROUP = "First core group meeting"
FIRST_REVIEW = "First child protection review conference"
LATER_REVIEW = "Later child protection review conference"
CP_VISIT = "Child protection visit"


def test_an_assessment_from_a_referral_on_1_december_2025_is_due_on_5_february_2026() -> None:
    ava = child()
    assessment(referral(ava, date(2025, 12, 1)), date(2025, 12, 2))

    # From Monday 1 December 2025: 2-5 Dec (4), 8-12 (9), 15-19 (14), 22-24 (17; 25 and 26 are
    # bank holidays), 29-31 (20), 1 Jan is a bank holiday, Fri 2 Jan (21), 5-9 (26), 12-16 (31),
    # 19-23 (36), 26-30 (41), Mon 2 Feb (42), 3 (43), 4 (44), Thursday 5 February (45).
    assert due_dates(ava)[ASSESSMENT] == date(2026, 2, 5)


def test_an_assessment_across_easter_and_both_may_bank_holidays_is_due_on_4_june_2026() -> None:
    ava = child()
    assessment(referral(ava, date(2026, 3, 27)), date(2026, 3, 30))

    # From Friday 27 March 2026: 30-31 Mar (2), 1-2 Apr (4; 3 and 6 Apr are Easter), 7-10 (8),
    # 13-17 (13), 20-24 (18), 27-30 (22), Fri 1 May (23), 4 May is a bank holiday, 5-8 (27),
    # 11-15 (32), 18-22 (37), 25 May is a bank holiday, 26-29 (41), Mon 1 June (42), 2 (43),
    # 3 (44), Thursday 4 June (45).
    assert due_dates(ava)[ASSESSMENT] == date(2026, 6, 4)


def test_a_referral_waiting_for_its_assessment_is_on_the_same_clock() -> None:
    ava = child()
    referral(ava, date(2025, 12, 1))

    # No assessment recorded yet: still 45 working days from the referral on 1 December 2025,
    # counted as above: Thursday 5 February 2026. Starting the assessment does not move it.
    assert due_dates(ava) == {ASSESSMENT: date(2026, 2, 5)}
    assessment(ava.referrals.get(), date(2026, 1, 20))
    assert due_dates(ava) == {ASSESSMENT: date(2026, 2, 5)}


def test_a_referral_closed_with_no_further_action_at_the_outset_has_nothing_due() -> None:
    ava = child()
    opened = referral(ava, date(2025, 12, 1))
    opened.no_further_action = True
    opened.save()

    assert due_dates(ava) == {}


def test_an_authorised_assessment_has_nothing_due() -> None:
    ava = child()
    assessment(referral(ava, date(2026, 3, 27)), date(2026, 3, 30), authorised=date(2026, 5, 1))

    assert ASSESSMENT not in due_dates(ava)


def test_an_initial_conference_is_due_15_working_days_after_the_strategy_discussion() -> None:
    ava = child()
    discussion = strategy_discussion(referral(ava, date(2025, 12, 10)), date(2025, 12, 11))
    section_47(discussion, date(2025, 12, 11))

    # From Thursday 11 December 2025: Fri 12 (1), 15-19 (6), 22-24 (9), 29-31 (12), Fri 2 Jan (13),
    # Mon 5 Jan (14), Tuesday 6 January 2026 (15).
    assert due_dates(ava)[CONFERENCE] == date(2026, 1, 6)


def test_moving_the_strategy_discussion_moves_the_conference_due_date() -> None:
    ava = child()
    discussion = strategy_discussion(referral(ava, date(2025, 12, 10)), date(2025, 12, 11))
    section_47(discussion, date(2025, 12, 15))
    assert due_dates(ava)[CONFERENCE] == date(2026, 1, 6)

    discussion.held_on = date(2025, 12, 15)
    discussion.save()

    # From Monday 15 December 2025: 16-19 (4), 22-24 (7), 29-31 (10), Fri 2 Jan (11),
    # 5-8 Jan (15): Thursday 8 January 2026.
    assert due_dates(ava)[CONFERENCE] == date(2026, 1, 8)


def test_a_further_discussion_before_the_enquiry_restarts_the_clock_and_one_after_it_does_not() -> None:
    ava = child()
    child_referral = referral(ava, date(2025, 12, 10))
    first = strategy_discussion(child_referral, date(2025, 12, 11))
    strategy_discussion(child_referral, date(2025, 12, 17))
    section_47(first, date(2025, 12, 18))
    strategy_discussion(child_referral, date(2026, 1, 5))

    # From Wednesday 17 December 2025, the last discussion before the enquiry: 18-19 (2),
    # 22-24 (5), 29-31 (8), Fri 2 Jan (9), 5-9 Jan (14), Monday 12 January 2026 (15).
    assert due_dates(ava)[CONFERENCE] == date(2026, 1, 12)


def test_an_enquiry_finished_with_the_decision_to_confer_still_waits_for_its_conference() -> None:
    ava = child()
    discussion = strategy_discussion(referral(ava, date(2025, 12, 10)), date(2025, 12, 11))
    section_47(discussion, date(2025, 12, 11), date(2025, 12, 19), Section47Outcome.INITIAL_CONFERENCE)

    assert due_dates(ava)[CONFERENCE] == date(2026, 1, 6)  # as worked out above


@pytest.mark.parametrize("outcome", [Section47Outcome.NO_FURTHER_ACTION, Section47Outcome.CHILD_IN_NEED])
def test_an_enquiry_that_needed_no_conference_has_none_due(outcome: Section47Outcome) -> None:
    ava = child()
    discussion = strategy_discussion(referral(ava, date(2025, 12, 10)), date(2025, 12, 11))
    section_47(discussion, date(2025, 12, 11), date(2025, 12, 19), outcome)

    assert CONFERENCE not in due_dates(ava)


def test_once_the_initial_conference_is_held_it_is_no_longer_due() -> None:
    ava = child()
    discussion = strategy_discussion(referral(ava, date(2025, 12, 10)), date(2025, 12, 11))
    enquiry = section_47(discussion, date(2025, 12, 11))
    initial_conference(enquiry, date(2026, 1, 5), ConferenceOutcome.NO_PLAN)

    assert CONFERENCE not in due_dates(ava)


def test_a_closed_referral_has_nothing_due() -> None:
    ava = child()
    closed = referral(ava, date(2025, 12, 10))
    assessment(closed, date(2025, 12, 10))
    section_47(strategy_discussion(closed, date(2025, 12, 11)), date(2025, 12, 11))
    closed.closed, closed.closure_reason = date(2026, 1, 20), "RC8"
    closed.save()

    assert due_for([ava.pk]) == []


def test_the_first_core_group_over_easter_2026_is_due_on_15_april() -> None:
    ava = child()
    cp_plan(referral(ava, date(2026, 3, 2)), date(2026, 3, 30))

    # From Monday 30 March 2026, the conference that started the plan: 31 Mar (1), 1-2 Apr (3),
    # 3 and 6 Apr are Easter, 7-10 (7), 13 (8), 14 (9), Wednesday 15 April (10).
    assert due_dates(ava)[CORE_GROUP] == date(2026, 4, 15)


def test_a_core_group_once_held_is_no_longer_due() -> None:
    ava = child()
    plan = cp_plan(referral(ava, date(2026, 3, 2)), date(2026, 3, 30))
    core_group(plan, date(2026, 4, 14))

    assert CORE_GROUP not in due_dates(ava)


def test_the_first_review_conference_from_31_january_is_due_on_30_april() -> None:
    ava = child()
    cp_plan(referral(ava, date(2025, 1, 6)), date(2025, 1, 31))

    # 31 January 2025 + 3 months: April has 30 days, so Wednesday 30 April 2025.
    assert due_dates(ava)[FIRST_REVIEW] == date(2025, 4, 30)


def test_a_later_review_conference_from_31_august_2027_is_due_on_29_february_2028() -> None:
    ava = child()
    plan = cp_plan(referral(ava, date(2027, 2, 1)), date(2027, 3, 1))
    review_conference(plan, date(2027, 5, 27))
    review_conference(plan, date(2027, 8, 31))

    # 31 August 2027 + 6 months: 2028 is a leap year, so February ends on Tuesday the 29th.
    dates = due_dates(ava)
    assert dates[LATER_REVIEW] == date(2028, 2, 29)
    assert FIRST_REVIEW not in dates


def test_moving_the_last_review_moves_the_next_one() -> None:
    ava = child()
    plan = cp_plan(referral(ava, date(2027, 2, 1)), date(2027, 3, 1))
    review = review_conference(plan, date(2027, 8, 31))

    review.held_on = date(2027, 8, 27)
    review.save()

    # 27 August 2027 + 6 months: Sunday 27 February 2028 (months are not moved off weekends).
    assert due_dates(ava)[LATER_REVIEW] == date(2028, 2, 27)


def test_an_ended_plan_has_no_reviews_core_groups_or_visits_due() -> None:
    ava = child()
    plan = cp_plan(referral(ava, date(2026, 3, 2)), date(2026, 3, 30))
    plan.ended, plan.end_reason = date(2026, 9, 28), "cin"
    plan.save()

    assert due_dates(ava) == {}


def test_a_child_protection_visit_over_christmas_2026_is_due_on_11_january_2027() -> None:
    ava = child()
    plan = cp_plan(referral(ava, date(2026, 10, 1)), date(2026, 10, 26), visit_every=10)
    visit(ava, VisitKind.CHILD_PROTECTION, date(2026, 12, 23))
    # A visit where the child was not seen does not restart the clock.
    visit(ava, VisitKind.CHILD_PROTECTION, date(2026, 12, 30), seen=False)

    # From Wednesday 23 December 2026: Thu 24 (1), Fri 25 and Mon 28 are bank holidays, 29-31 (4),
    # Fri 1 Jan 2027 is a bank holiday, 4-8 Jan (9), Monday 11 January 2027 (10).
    assert due_dates(ava)[CP_VISIT] == date(2027, 1, 11)
    assert plan.visit_every_working_days == 10


def test_with_no_visit_since_the_plan_began_the_visit_clock_runs_from_the_plan_start() -> None:
    ava = child()
    cp_plan(referral(ava, date(2026, 3, 2)), date(2026, 3, 30), visit_every=5)
    # Before the plan: not a visit under it.
    visit(ava, VisitKind.CHILD_PROTECTION, date(2026, 3, 27))

    # From Monday 30 March 2026: 31 Mar (1), 1-2 Apr (3), 3 and 6 Apr are Easter, 7 (4),
    # Wednesday 8 April (5).
    assert due_dates(ava)[CP_VISIT] == date(2026, 4, 8)
