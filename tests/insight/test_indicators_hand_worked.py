"""Every indicator in the catalogue, counted on small cases whose answers are worked out by hand.

Each case is built by a `case_...` function and checked by the test after it; the working is in
the comments. Unless a test says otherwise the period is the financial year 2025/26: 1 April 2025
to 31 March 2026, both days included. Working days leave out weekends and England's bank
holidays, and the day of the event is day 0. The bank holidays that matter here are Monday 25
August 2025 (late summer), Thursday 25 and Friday 26 December 2025, and Thursday 1 January 2026.

`covers` records which indicators a test works out; the last test checks that together they
cover the whole catalogue, so a new indicator cannot be added without a hand-worked case.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

import pytest

from continuum.frontdoor.catalogue import Route
from continuum.insight.catalogue import BY_ID, CATALOGUE
from continuum.insight.figures import catalogue_figures, figure, monthly_series
from continuum.insight.indicators import Context, Figure
from continuum.socialcare.catalogue import CareLeaverCategory, ConferenceKind, Section47Outcome
from continuum.statutory.periods import Period

from . import builders as make
from .builders import at

pytestmark = pytest.mark.django_db

YEAR = Period.financial_year(2025)  # 1 April 2025 to 31 March 2026
# When open contacts are judged: 09:00 on the morning after the year.
AS_AT = Context(as_at=at(2026, 4, 1, 9))

FORMER_RELEVANT = CareLeaverCategory.FORMER_RELEVANT

COVERED: set[str] = set()
Test = TypeVar("Test", bound=Callable[..., Any])


def covers(*ids: str) -> Callable[[Test], Test]:
    """Mark a test as working out these indicators by hand."""

    def mark(test: Test) -> Test:
        COVERED.update(ids)
        return test

    return mark


def of(indicator_id: str, period: Period = YEAR, context: Context = AS_AT) -> Figure:
    return figure(BY_ID[indicator_id], period, context)


def share(indicator_id: str, period: Period = YEAR) -> tuple[int | None, int | None, float | None]:
    """A percentage as (numerator, denominator, value)."""
    counted = of(indicator_id, period)
    return counted.numerator, counted.denominator, counted.value


# --- The front door -------------------------------------------------------------------------------


def case_contacts() -> None:
    make.contact(at(2025, 4, 1, 0, 15))  # K1: 00:15 BST on 1 April is 23:15 UTC on 31 March: in
    make.contact(at(2025, 3, 31, 23, 30))  # K2: the evening before the year: out
    make.contact(at(2025, 10, 15))  # K3: in
    make.contact(at(2026, 3, 31, 23, 50))  # K4: ten minutes before the year ends: in
    make.contact(at(2026, 4, 1, 0, 10))  # K5: ten minutes after: out
    make.contact(None)  # K6: a draft, never received: out


@covers("contacts")
def test_contacts_are_counted_by_the_day_they_arrived_in_england() -> None:
    case_contacts()
    # K1, K3 and K4.
    assert of("contacts").value == 3


def case_contact_timeliness() -> None:
    # Each contact's clock runs to the end of the working day after the day it arrived.
    # T1: Monday 2 June 2025, due by the end of Tuesday 3 June; decided on Tuesday at 16:00: in time.
    make.contact(at(2025, 6, 2, 10), decided_at=at(2025, 6, 3, 16))
    # T2: Friday 22 August, Monday 25 is a bank holiday, so due by the end of Tuesday 26 August;
    # decided on Tuesday at 17:00: in time.
    make.contact(at(2025, 8, 22, 15), decided_at=at(2025, 8, 26, 17))
    # T3: Monday 2 June again, decided at the stroke of midnight that ends Tuesday: late.
    make.contact(at(2025, 6, 2, 10), decided_at=at(2025, 6, 4, 0, 0))
    # T4: Wednesday 4 March 2026, still open; due by the end of Thursday 5 March: late by now.
    make.contact(at(2026, 3, 4, 11))
    # T5: Tuesday 31 March 2026, still open; due by the end of Wednesday 1 April: not known yet.
    make.contact(at(2026, 3, 31, 12))
    # T6: Christmas Eve 2025 (Wednesday); 25 and 26 December are bank holidays and 27 and 28 a
    # weekend, so due by the end of Monday 29 December; decided then at 09:00: in time.
    make.contact(at(2025, 12, 24, 10), decided_at=at(2025, 12, 29, 9))
    # T7: received before the year (and decided late): not counted.
    make.contact(at(2025, 3, 28, 10), decided_at=at(2025, 4, 10, 10))


@covers("contacts_decided_within_1wd_pct")
def test_contacts_decided_within_one_working_day() -> None:
    case_contact_timeliness()
    # Known at 09:00 on 1 April 2026: T1, T2, T3, T6 (decided) and T4 (open past its clock) = 5.
    # In time: T1, T2, T6 = 3.  3 / 5 = 60.0%.
    assert share("contacts_decided_within_1wd_pct") == (3, 5, 60.0)


def case_referrer_feedback() -> None:
    make.contact(at(2025, 5, 6), decided_at=at(2025, 5, 6, 15), told=True)  # F1: told
    make.contact(at(2025, 7, 8), decided_at=at(2025, 7, 8, 15))  # F2: not told
    # F3: anonymous: no one to tell, left out.
    make.contact(at(2025, 9, 9), decided_at=at(2025, 9, 9, 15), route=Route.ANONYMOUS)
    make.contact(at(2026, 2, 3))  # F4: not decided yet: left out
    # F5: a police notification, told.
    make.contact(at(2025, 11, 4), decided_at=at(2025, 11, 5, 11), told=True, route=Route.POLICE_NOTIFICATION)
    make.contact(at(2025, 3, 4), decided_at=at(2025, 3, 4, 15), told=True)  # F6: before the year


@covers("referrer_feedback_pct")
def test_referrers_told_the_outcome() -> None:
    case_referrer_feedback()
    # Decided, not anonymous, received in the year: F1, F2, F5 = 3. Told: F1, F5 = 2. 66.7%.
    assert share("referrer_feedback_pct") == (2, 3, 66.7)


# --- Early help -----------------------------------------------------------------------------------


def case_early_help() -> None:
    make.early_help(make.child(), date(2025, 4, 1))  # E1: the first day: in
    make.early_help(make.child(), date(2026, 3, 31))  # E2: the last day: in
    make.early_help(make.child(), date(2025, 11, 12), date(2026, 1, 5))  # E3: in
    make.early_help(make.child(), date(2025, 3, 31))  # E4: open in the year but started before: out
    make.early_help(make.child(), date(2026, 4, 1))  # E5: out
    twice = make.child()
    make.early_help(twice, date(2025, 5, 1), date(2025, 7, 1))  # E6: in
    make.early_help(twice, date(2025, 9, 1))  # E7: the same family again: in, counted again


@covers("early_help_episodes_started")
def test_early_help_episodes_started() -> None:
    case_early_help()
    # E1, E2, E3, E6, E7: episodes, not families.
    assert of("early_help_episodes_started").value == 5


# --- Referrals and re-referrals -------------------------------------------------------------------


def case_referrals() -> None:
    again = make.child()
    make.referral(again, date(2025, 4, 1), closed=date(2025, 10, 1))  # R1: further action
    # R2: the last day, closed at once with no further action.
    make.referral(make.child(), date(2026, 3, 31), closed=date(2026, 3, 31), no_further_action=True)
    make.referral(make.child(), date(2025, 3, 31))  # R3: the day before the year: out
    make.referral(make.child(), date(2026, 4, 1))  # R4: the day after: out
    make.referral(make.child(), date(2025, 8, 15))  # R5: further action
    make.referral(again, date(2025, 11, 1))  # R6: R1's child again: a second referral, further action


@covers("referrals", "referrals_further_action_pct")
def test_referrals_and_those_going_on_to_further_action() -> None:
    case_referrals()
    # In the year: R1, R2, R5, R6 = 4. Further action: R1, R5, R6 = 3. 3 / 4 = 75.0%.
    assert of("referrals").value == 4
    assert share("referrals_further_action_pct") == (3, 4, 75.0)


def case_re_referrals() -> None:
    # An earlier referral of the same child counts from the same day 12 months before up to the
    # day before. Earlier referrals are closed (a child has one open referral).
    a = make.child()  # A: 12 months before to the day: one day inside. Re-referral.
    make.referral(a, date(2024, 9, 10), closed=date(2024, 12, 1))
    make.referral(a, date(2025, 9, 10))
    b = make.child()  # B: a day more than 12 months before: one day outside. Not.
    make.referral(b, date(2024, 9, 9), closed=date(2024, 12, 1))
    make.referral(b, date(2025, 9, 10))
    c = make.child()  # C: the day before. Re-referral (C's first is in the year and is not one).
    make.referral(c, date(2025, 9, 9), closed=date(2025, 9, 9))
    make.referral(c, date(2025, 9, 10))
    d = make.child()  # D: two on one day are one episode: neither is a re-referral.
    make.referral(d, date(2025, 12, 1), closed=date(2025, 12, 1))
    make.referral(d, date(2025, 12, 1))
    e = make.child()  # E: the window runs back over the start of the year. Re-referral.
    make.referral(e, date(2024, 4, 1), closed=date(2024, 6, 1))
    make.referral(e, date(2025, 4, 1))
    make.referral(make.child(), date(2026, 1, 4))  # G: another child the day before F's: not.
    make.referral(make.child(), date(2026, 1, 5))  # F: not.


@covers("re_referrals_pct")
def test_re_referrals_one_day_inside_and_one_day_outside_12_months() -> None:
    case_re_referrals()
    # In the year: A 1, B 1, C 2, D 2, E 1, F 1, G 1 = 9. Re-referrals: A, C's second, E = 3. 33.3%.
    assert share("re_referrals_pct") == (3, 9, 33.3)


def test_a_re_referral_on_29_february_looks_back_to_28_february() -> None:
    leap_year = Period.financial_year(2023)  # 1 April 2023 to 31 March 2024, with 29 February 2024
    h = make.child()  # H: 29 February 2024 looks back to 28 February 2023, that day included.
    make.referral(h, date(2023, 2, 28), closed=date(2023, 3, 1))
    make.referral(h, date(2024, 2, 29))
    i = make.child()  # I: 27 February 2023 is the day before that window: not.
    make.referral(i, date(2023, 2, 27), closed=date(2023, 3, 1))
    make.referral(i, date(2024, 2, 29))
    j = make.child()  # J: 1 March 2024 looks back to 1 March 2023. Re-referral.
    make.referral(j, date(2023, 3, 1), closed=date(2023, 3, 2))
    make.referral(j, date(2024, 3, 1))
    # In 2023/24: H, I and J's second referrals (their first are in 2022/23) = 3. Re: H, J = 2.
    assert share("re_referrals_pct", leap_year) == (2, 3, 66.7)


# --- Assessments ------------------------------------------------------------------------------------


def case_assessments_over_christmas() -> None:
    # From Friday 19 December 2025 the working days run: 22, 23, 24 December (3); 25 and 26 are
    # bank holidays; 29, 30, 31 December and 2 January (7; 1 January is a bank holiday); five
    # weeks of January to 6 February (32); 9 to 20 February (42); Monday 23 (43), Tuesday 24
    # (44), Wednesday 25 February (45); Thursday 26 February is the 46th.
    a1 = make.referral(make.child(), date(2025, 12, 19))
    make.assessment(a1, date(2025, 12, 19), date(2026, 2, 25))  # A1: 45 from both: in time for both
    a2 = make.referral(make.child(), date(2025, 12, 19))
    make.assessment(a2, date(2025, 12, 19), date(2026, 2, 26))  # A2: 46 from both: late for both
    # A3: referred on Thursday 18 December, assessment started Monday 22 December, authorised 25
    # February. From the start: a day fewer than from the 19th (Monday 22 is not counted) = 44,
    # in time. From the referral: a day more (Friday 19 is counted) = 46, late.
    a3 = make.referral(make.child(), date(2025, 12, 18))
    make.assessment(a3, date(2025, 12, 22), date(2026, 2, 25))
    # A4: authorised the day it started (and was referred): 0 working days, in time for both.
    a4 = make.referral(make.child(), date(2025, 9, 1))
    make.assessment(a4, date(2025, 9, 1), date(2025, 9, 1))
    # Not authorised in the year: A5 the day before, A6 the day after, A7 still open.
    a5 = make.referral(make.child(), date(2025, 3, 3))
    make.assessment(a5, date(2025, 3, 3), date(2025, 3, 31))
    a6 = make.referral(make.child(), date(2026, 3, 2))
    make.assessment(a6, date(2026, 3, 2), date(2026, 4, 1))
    a7 = make.referral(make.child(), date(2026, 3, 2))
    make.assessment(a7, date(2026, 3, 2), None)


@covers("assessments_completed", "assessments_within_45wd_pct", "assessments_within_45wd_of_referral_pct")
def test_assessments_over_christmas_authorised_on_the_45th_and_46th_working_day() -> None:
    case_assessments_over_christmas()
    # Authorised in the year: A1, A2, A3, A4 = 4.
    assert of("assessments_completed").value == 4
    # Within 45 working days of the start: A1 (45), A3 (44), A4 (0) = 3; A2 (46) is not. 75.0%.
    assert share("assessments_within_45wd_pct") == (3, 4, 75.0)
    # Within 45 working days of the referral: A1 (45), A4 (0) = 2; A2 and A3 (46) are not. 50.0%.
    assert share("assessments_within_45wd_of_referral_pct") == (2, 4, 50.0)


# --- Children in need at the end -------------------------------------------------------------------


def case_children_in_need() -> None:
    make.referral(make.child(), date(2025, 6, 1))  # N1: open: in need
    make.referral(make.child(), date(2025, 6, 1), closed=date(2026, 3, 31))  # N2: closed on the last day
    make.referral(make.child(), date(2025, 6, 1), closed=date(2026, 4, 1))  # N3: closed the day after: in
    make.referral(make.child(), date(2026, 4, 1))  # N4: referred the day after: not yet
    # N5: no further action, closed at once; N6: no further action, not closed yet. Both left out.
    make.referral(make.child(), date(2026, 2, 10), closed=date(2026, 2, 10), no_further_action=True)
    make.referral(make.child(), date(2026, 3, 30), no_further_action=True)
    make.referral(make.child(), date(2015, 1, 1))  # N7: open for years: in need
    # N8: two referrals open at the end (the first closed after the year): one child.
    twice = make.child()
    make.referral(twice, date(2026, 1, 1), closed=date(2026, 4, 10))
    make.referral(twice, date(2026, 3, 1))


@covers("cin_at_end")
def test_children_in_need_at_the_end() -> None:
    case_children_in_need()
    # N1, N3, N7, N8 (once) = 4.
    assert of("cin_at_end").value == 4


# --- Child protection ------------------------------------------------------------------------------


def case_enquiries() -> None:
    def enquiry_for(referred: date, started: date, outcome: str = "") -> None:
        make.enquiry(make.referral(make.child(), referred), started, outcome)

    first = make.referral(make.child(), date(2025, 3, 20))
    make.enquiry(first, date(2025, 4, 1), Section47Outcome.INITIAL_CONFERENCE)  # E1: to conference
    make.enquiry(first, date(2025, 10, 1), Section47Outcome.INITIAL_CONFERENCE)  # E2: again: counts again
    enquiry_for(date(2025, 7, 1), date(2025, 7, 15), Section47Outcome.NO_FURTHER_ACTION)  # E3
    enquiry_for(date(2025, 8, 1), date(2025, 8, 4), Section47Outcome.CHILD_IN_NEED)  # E4
    enquiry_for(date(2026, 3, 30), date(2026, 3, 31))  # E5: still open
    # Not started in the year: E6 the day before (to a conference), E7 the day after.
    enquiry_for(date(2025, 3, 1), date(2025, 3, 31), Section47Outcome.INITIAL_CONFERENCE)
    enquiry_for(date(2026, 3, 31), date(2026, 4, 1))


@covers("s47_enquiries", "s47_to_icpc_pct")
def test_section_47_enquiries_and_those_leading_to_a_conference() -> None:
    case_enquiries()
    # Started in the year: E1, E2 (the same child), E3 (no further action), E4 (child in need),
    # E5 (open) = 5. Outcome an initial conference: E1, E2 = 2. 2 / 5 = 40.0%.
    assert of("s47_enquiries").value == 5
    assert share("s47_to_icpc_pct") == (2, 5, 40.0)


def case_initial_conferences() -> None:
    # C1: enquiry from Monday 2 June 2025; 3 to 6 June (4), 9 to 13 (9), 16 to 20 (14): Monday
    # 23 June is the 15th working day. In time.
    one = make.child()
    r1 = make.referral(one, date(2025, 5, 20))
    e1 = make.enquiry(r1, date(2025, 6, 2), Section47Outcome.INITIAL_CONFERENCE)
    make.conference(r1, date(2025, 6, 23), after=e1)
    # C2: the same child's second enquiry, Sunday 1 February 2026, conference Monday 2 February:
    # 1 working day. In time, and the same child.
    e2 = make.enquiry(r1, date(2026, 2, 1), Section47Outcome.INITIAL_CONFERENCE)
    make.conference(r1, date(2026, 2, 2), after=e2)
    # C3: enquiry from Thursday 14 August 2025: 15 August (1), 18 to 22 (6), Monday 25 is a bank
    # holiday, 26 to 29 (10), 1 to 5 September (15): Monday 8 September is the 16th. Late.
    two = make.child()
    r2 = make.referral(two, date(2025, 8, 1))
    e3 = make.enquiry(r2, date(2025, 8, 14), Section47Outcome.INITIAL_CONFERENCE)
    make.conference(r2, date(2025, 9, 8), after=e3)
    # A review conference for child two's plan: not an initial conference.
    child_two_plan = make.plan(r2, date(2025, 9, 8))
    make.conference(r2, date(2025, 12, 1), kind=ConferenceKind.REVIEW, plan=child_two_plan)
    # C4: dated 30 May 2025, before its enquiry started on 2 June (a recording error): an initial
    # conference in the year, but left out of the timeliness figure.
    three = make.referral(make.child(), date(2025, 5, 1))
    e4 = make.enquiry(three, date(2025, 6, 2), Section47Outcome.INITIAL_CONFERENCE)
    make.conference(three, date(2025, 5, 30), after=e4)
    # C5: no enquiry (a transfer in): an initial conference, left out of the timeliness figure.
    make.conference(make.referral(make.child(), date(2025, 6, 20)), date(2025, 7, 1))
    # C6: enquiry from Friday 14 March 2025, before the year; 17 to 21 March (5), 24 to 28 (10),
    # 31 March (11), 1 April (12), Wednesday 2 April 2025 is the 13th. In time, and in the year.
    six = make.referral(make.child(), date(2025, 3, 10))
    e6 = make.enquiry(six, date(2025, 3, 14), Section47Outcome.INITIAL_CONFERENCE)
    make.conference(six, date(2025, 4, 2), after=e6)
    # C7: held 1 April 2026, after the year.
    seven = make.referral(make.child(), date(2026, 3, 1))
    e7 = make.enquiry(seven, date(2026, 3, 10), Section47Outcome.INITIAL_CONFERENCE)
    make.conference(seven, date(2026, 4, 1), after=e7)


@covers("icpcs", "icpc_children", "icpc_within_15wd_pct")
def test_initial_conferences_on_the_15th_and_16th_working_day() -> None:
    case_initial_conferences()
    # Initial conferences held in the year: C1, C2, C3, C4, C5, C6 = 6 (the review is not one).
    assert of("icpcs").value == 6
    # Children: one (C1 and C2), two, three, four (C5), six = 5.
    assert of("icpc_children").value == 5
    # After an enquiry and not before it: C1, C2, C3, C6 = 4. Within 15: C1 (15), C2 (1), C6 (13)
    # = 3; C3 (16) is late. 3 / 4 = 75.0%.
    assert share("icpc_within_15wd_pct") == (3, 4, 75.0)


def case_plans() -> None:
    def plan_for(started: date, ended: date | None = None) -> None:
        make.plan(make.referral(make.child(), started), started, ended)

    plan_for(date(2025, 5, 1), date(2025, 12, 1))  # P1: started and ended in the year
    plan_for(date(2026, 1, 10))  # P2: started in the year, open
    plan_for(date(2024, 6, 1), date(2026, 3, 31))  # P3: ended ON the last day: not open at the end
    plan_for(date(2024, 6, 1), date(2026, 4, 1))  # P4: ended the day after: open at the end
    plan_for(date(2025, 3, 31))  # P5: started the day before the year, open
    plan_for(date(2026, 4, 1))  # P6: started after the year
    plan_for(date(2023, 1, 1), date(2025, 3, 31))  # P7: ended the day before the year
    plan_for(date(2023, 9, 10), date(2025, 9, 10))  # P8: ended on its second anniversary
    plan_for(date(2023, 9, 11), date(2025, 9, 10))  # P9: ended a day before its second anniversary
    # X: two plans open at the end (the first from an earlier referral, a recording error): one child.
    x = make.child()
    make.plan(
        make.referral(x, date(2025, 10, 1), closed=date(2026, 4, 5)), date(2025, 10, 1), date(2026, 4, 5)
    )
    make.plan(make.referral(x, date(2026, 3, 1)), date(2026, 3, 1))


@covers("cp_plans_started", "cp_plans_at_end", "cp_plans_ended_2yrs_plus_pct")
def test_plans_started_ended_and_open_at_the_end() -> None:
    case_plans()
    # Started in the year: P1, P2, X's two = 4.
    assert of("cp_plans_started").value == 4
    # Open at the end of 31 March 2026: P2, P4, P5, X (two plans, one child) = 4 children.
    # P1 ended in the year and P3 on its last day.
    assert of("cp_plans_at_end").value == 4
    # Ended in the year: P1, P3, P8, P9 = 4. Lasted two years or more: P8 (10 September 2023 to
    # 10 September 2025) = 1; P9 is a day short. 1 / 4 = 25.0%.
    assert share("cp_plans_ended_2yrs_plus_pct") == (1, 4, 25.0)


def test_a_plan_ending_on_29_february_two_years_on() -> None:
    leap_year = Period.financial_year(2023)  # 1 April 2023 to 31 March 2024
    # Two years before 29 February 2024 is 28 February 2022 (there is no 29 February 2022).
    # L1 from 28 February 2022: two years to the day. L2 from 1 March 2022: a day short.
    make.plan(make.referral(make.child(), date(2022, 2, 28)), date(2022, 2, 28), date(2024, 2, 29))
    make.plan(make.referral(make.child(), date(2022, 3, 1)), date(2022, 3, 1), date(2024, 2, 29))
    assert share("cp_plans_ended_2yrs_plus_pct", leap_year) == (1, 2, 50.0)


def test_a_plan_from_29_february_is_counted_back_from_its_end() -> None:
    # The rule looks back from the end, as re-referrals do: two years before 28 February 2026 is
    # 28 February 2024, the day before a plan from 29 February 2024 started, so a plan from 29
    # February 2024 to 28 February 2026 has not lasted two years (its anniversary is taken to be
    # 1 March). One to 1 March 2026 has.
    make.plan(make.referral(make.child(), date(2024, 2, 29)), date(2024, 2, 29), date(2026, 2, 28))
    make.plan(make.referral(make.child(), date(2024, 2, 29)), date(2024, 2, 29), date(2026, 3, 1))
    assert share("cp_plans_ended_2yrs_plus_pct") == (1, 2, 50.0)


def case_second_plans() -> None:
    a = make.child()  # A: a first plan in 2019, a second years later: second or subsequent
    first = make.referral(a, date(2019, 3, 1), closed=date(2019, 10, 1))
    make.plan(first, date(2019, 3, 3), date(2019, 9, 1))
    make.plan(make.referral(a, date(2025, 6, 1)), date(2025, 6, 5))
    b = make.child()  # B: two plans in the year: the first is not, the second is
    b_referral = make.referral(b, date(2025, 7, 1))
    make.plan(b_referral, date(2025, 7, 1), date(2025, 10, 1))
    make.plan(b_referral, date(2026, 2, 1))
    make.plan(make.referral(make.child(), date(2025, 8, 1)), date(2025, 8, 1))  # C: a first plan
    make.plan(make.referral(make.child(), date(2025, 11, 1)), date(2025, 11, 1))  # D: a first plan


@covers("cp_plans_second_or_subsequent_pct")
def test_a_second_plan_years_after_the_first_is_a_second_plan() -> None:
    case_second_plans()
    # Started in the year: A's second, B's two, C, D = 5. Second or subsequent: A's, B's second = 2.
    # (A's first plan, in 2019, is not in the year; other children's plans do not count.) 40.0%.
    assert share("cp_plans_second_or_subsequent_pct") == (2, 5, 40.0)


def case_plan_durations() -> None:
    # At the end of 31 March 2026 a plan has lasted a year if it started on or before 31 March
    # 2025, and two years if on or before 31 March 2024.
    def plan_for(started: date, ended: date | None = None) -> None:
        make.plan(make.referral(make.child(), started), started, ended)

    plan_for(date(2025, 4, 1))  # D1: a day short of a year: neither
    plan_for(date(2025, 3, 31))  # D2: a year to the day: one to two years
    plan_for(date(2024, 10, 15))  # D3: one to two years
    plan_for(date(2024, 4, 1))  # D4: a day short of two years: one to two years
    plan_for(date(2024, 3, 31))  # D5: two years to the day: two years or more
    plan_for(date(2020, 1, 1), date(2026, 3, 31))  # D6: ended on the last day: not open, neither
    plan_for(date(2020, 1, 1), date(2026, 4, 1))  # D7: ended the day after: open, two years or more


@covers("cp_plans_open_1_2yrs", "cp_plans_open_2yrs_plus")
def test_plans_open_for_one_to_two_years_and_two_years_or_more() -> None:
    case_plan_durations()
    assert of("cp_plans_open_1_2yrs").value == 3  # D2, D3, D4
    assert of("cp_plans_open_2yrs_plus").value == 2  # D5, D7


# --- Children in care ------------------------------------------------------------------------------


def case_looked_after() -> None:
    make.care_episode(make.child(), date(2024, 1, 1))  # L1: full care order, open: looked after
    make.care_episode(make.child(), date(2025, 6, 1), legal_status="V3")  # L2: short breaks: left out
    make.care_episode(make.child(), date(2025, 6, 1), legal_status="V4")  # L3: short breaks: left out
    make.care_episode(make.child(), date(2025, 5, 1), date(2026, 3, 31))  # L4: left on the last day
    make.care_episode(make.child(), date(2025, 5, 1), date(2026, 4, 1))  # L5: left the day after: in
    make.care_episode(make.child(), date(2026, 4, 1))  # L6: came into care the day after
    # L7: short breaks that became a care order on 1 February 2026: looked after.
    seven = make.child()
    make.care_episode(seven, date(2025, 5, 1), date(2026, 2, 1), legal_status="V3", reason_ended="X1")
    make.care_episode(seven, date(2026, 2, 1), reason_new="L")
    # L8: a child in care under section 20 (V2) who is not on short breaks: looked after.
    make.care_episode(make.child(), date(2025, 9, 1), legal_status="V2")
    # L9: two episodes open at the end (the first ends after the year, a recording error): one child.
    nine = make.child()
    make.care_episode(nine, date(2025, 7, 1), date(2026, 4, 2))
    make.care_episode(nine, date(2026, 3, 1))


@covers("cla_at_end")
def test_looked_after_at_the_end_leaves_out_short_breaks() -> None:
    case_looked_after()
    # L1, L5, L7, L8, L9 (once) = 5.
    assert of("cla_at_end").value == 5


def case_missing() -> None:
    often = make.child()
    make.missing(often, at(2025, 5, 1, 22))  # M1: twice in the year: one child
    make.missing(often, at(2025, 6, 1, 22))
    make.missing(make.child(), at(2025, 4, 1, 0, 30))  # M2: 00:30 BST on 1 April is 31 March in UTC: in
    make.missing(make.child(), at(2025, 3, 31, 23, 30))  # M3: the evening before the year: out
    make.missing(make.child(), at(2026, 3, 31, 23, 59))  # M4: the last minute of the year: in
    make.missing(make.child(), at(2026, 4, 1, 0, 10))  # M5: after the year: out


@covers("children_missing")
def test_children_missing_each_child_once() -> None:
    case_missing()
    # M1 (once), M2, M4 = 3.
    assert of("children_missing").value == 3


@covers("children_missing_from_care")
def test_children_missing_from_care_were_looked_after_when_they_went() -> None:
    in_care, went_home, before_care = make.child(), make.child(), make.child()
    make.care_episode(in_care, date(2025, 1, 1))
    make.missing(in_care, at(2025, 5, 1, 22))  # MC1: looked after: in
    make.missing(in_care, at(2025, 8, 1, 22))  # MC1 again: once
    make.care_episode(went_home, date(2025, 1, 1), date(2025, 6, 30))
    make.missing(went_home, at(2025, 6, 30, 21))  # MC2: on the day care ended: still looked after
    make.missing(before_care, at(2025, 5, 1, 22))  # MC3: not yet in care...
    make.care_episode(before_care, date(2025, 9, 1))  # ...until September: out
    # MC1, MC2 = 2.
    assert of("children_missing_from_care").value == 2


# --- Care leavers ---------------------------------------------------------------------------------


def case_care_leaver_contacts() -> None:
    started = date(2024, 1, 1)
    # CL1: relevant; not in touch in June, then in touch, in education and suitably housed in
    # January: the latest contact in the year is January's.
    one = make.care_leaver(make.child(), started)
    make.leaver_contact(one, date(2025, 6, 1), "NO", "G5", "S2")
    make.leaver_contact(one, date(2026, 1, 10), "YES", "F2", "U1")
    # CL2: former relevant; in touch in September, not in education, not suitable. April 2026's
    # contact is after the year.
    two = make.care_leaver(make.child(), started, category=FORMER_RELEVANT)
    make.leaver_contact(two, date(2025, 9, 1), "YES", "G5", "B2")
    make.leaver_contact(two, date(2026, 4, 5), "YES", "F1", "U1")
    # CL3: former relevant; not in touch, so nothing known.
    three = make.care_leaver(make.child(), started, category=FORMER_RELEVANT)
    make.leaver_contact(three, date(2025, 7, 1), "NO", "0", "0")
    # CL4: eligible (still looked after): not one of the supported care leavers.
    four = make.care_leaver(make.child(), started, category=CareLeaverCategory.ELIGIBLE)
    make.leaver_contact(four, date(2025, 10, 1), "YES", "F1", "U1")
    # CL5: relevant, but the only contact was the day before the year.
    five = make.care_leaver(make.child(), started)
    make.leaver_contact(five, date(2025, 3, 31), "YES", "F1", "U1")
    # CL6: relevant; two contacts the same day: the one recorded later is the latest. In touch,
    # part-time work, accommodation not suitable.
    six = make.care_leaver(make.child(), started)
    make.leaver_contact(six, date(2025, 11, 11), "NO", "0", "0")
    make.leaver_contact(six, date(2025, 11, 11), "YES", "P5", "D2")


@covers("care_leavers_in_touch_pct", "care_leavers_eet_pct", "care_leavers_suitable_accommodation_pct")
def test_care_leavers_are_judged_by_their_latest_contact_in_the_year() -> None:
    case_care_leaver_contacts()
    # Supported, with a contact in the year: CL1, CL2, CL3, CL6 = 4.
    assert share("care_leavers_in_touch_pct") == (3, 4, 75.0)  # CL1, CL2, CL6
    assert share("care_leavers_eet_pct") == (2, 4, 50.0)  # CL1 (F2), CL6 (P5)
    assert share("care_leavers_suitable_accommodation_pct") == (1, 4, 25.0)  # CL1 (U1)


@covers("care_leavers_in_touch_pct")
def test_a_young_person_with_two_care_leaver_records_counts_once_by_their_latest_contact() -> None:
    young_person = make.child()
    # Relevant until their 18th birthday in October, then former relevant: two records, one person.
    relevant = make.care_leaver(young_person, date(2024, 10, 1), date(2025, 10, 1))
    former = make.care_leaver(young_person, date(2025, 10, 1), category=FORMER_RELEVANT)
    make.leaver_contact(relevant, date(2025, 6, 1), "YES", "F2", "U1")
    make.leaver_contact(former, date(2026, 2, 1), "NO", "0", "0")  # the latest: not in touch
    # One young person, not in touch at their latest contact: 0 of 1.
    assert share("care_leavers_in_touch_pct") == (0, 1, 0.0)


@covers("care_leavers_supported")
def test_care_leavers_supported_at_the_end_each_once() -> None:
    case_pathway_plans()
    # As the pathway plans' denominator: PP1, PP2, PP5, PP7, PP8 = 5.
    assert of("care_leavers_supported").value == 5


def case_pathway_plans() -> None:
    one = make.care_leaver(make.child(), date(2025, 4, 1))  # PP1: relevant, a plan in May: yes
    make.pathway_plan(one, date(2025, 5, 1))
    two = make.care_leaver(make.child(), date(2025, 4, 1), category=FORMER_RELEVANT)
    make.pathway_plan(two, date(2026, 4, 2))  # PP2: its plan came after the year: no
    three = make.care_leaver(make.child(), date(2025, 4, 1), date(2026, 3, 31))  # PP3: left on the last day
    make.pathway_plan(three, date(2025, 5, 1))
    four = make.care_leaver(make.child(), date(2025, 4, 1), category=CareLeaverCategory.ELIGIBLE)
    make.pathway_plan(four, date(2025, 5, 1))  # PP4: eligible: left out
    # PP5: former relevant, support ended the day after the year, a plan from 2024: yes.
    five = make.care_leaver(make.child(), date(2023, 1, 1), date(2026, 4, 1), category=FORMER_RELEVANT)
    make.pathway_plan(five, date(2024, 1, 1))
    make.care_leaver(make.child(), date(2026, 4, 1))  # PP6: support started after the year
    seven = make.care_leaver(make.child(), date(2025, 4, 1))  # PP7: a plan on the last day: yes
    make.pathway_plan(seven, date(2026, 3, 31))
    make.care_leaver(make.child(), date(2025, 4, 1), category=FORMER_RELEVANT)  # PP8: no plan


@covers("care_leavers_pathway_plan_pct")
def test_care_leavers_with_a_pathway_plan_at_the_end() -> None:
    case_pathway_plans()
    # Supported at the end: PP1, PP2, PP5, PP7, PP8 = 5. With a plan by then: PP1, PP5, PP7 = 3.
    assert share("care_leavers_pathway_plan_pct") == (3, 5, 60.0)


# --- Rates per 10,000 children -------------------------------------------------------------------


def case_for_rates() -> None:
    # Seven children referred in the year; two of the referrals ended in no further action.
    children = [make.child() for _ in range(7)]
    referrals = [make.referral(person, date(2025, 6, 2)) for person in children[:5]]
    for person in children[5:]:
        make.referral(person, date(2025, 6, 2), closed=date(2025, 6, 2), no_further_action=True)
    # Four enquiries; two of them to initial conferences; one plan, still open.
    enquiries = [
        make.enquiry(each, date(2025, 6, 9), Section47Outcome.INITIAL_CONFERENCE) for each in referrals[:2]
    ]
    enquiries += [make.enquiry(each, date(2025, 6, 9)) for each in referrals[2:4]]
    for referral, enquiry in zip(referrals[:2], enquiries[:2], strict=True):
        make.conference(referral, date(2025, 6, 23), after=enquiry)
    make.plan(referrals[0], date(2025, 6, 23))
    # Three children looked after at the end.
    for person in children[:3]:
        make.care_episode(person, date(2025, 7, 1))


RATES = [
    "referral_rate_per_10k",
    "cin_rate_per_10k",
    "s47_rate_per_10k",
    "icpc_rate_per_10k",
    "cp_plan_rate_per_10k",
    "cla_rate_per_10k",
]


@covers(*RATES)
def test_rates_per_10000_children_to_one_decimal_place() -> None:
    case_for_rates()
    make.population(2025, 30_000)
    rates = {rate: (of(rate).numerator, of(rate).value) for rate in RATES}
    # Count x 10,000 / 30,000, to one decimal place.
    assert rates == {
        "referral_rate_per_10k": (7, 2.3),  # 70,000 / 30,000 = 2.33
        "cin_rate_per_10k": (5, 1.7),  # five referrals open at the end: 1.67
        "s47_rate_per_10k": (4, 1.3),  # 1.33
        "icpc_rate_per_10k": (2, 0.7),  # 0.67
        "cp_plan_rate_per_10k": (1, 0.3),  # 0.33
        "cla_rate_per_10k": (3, 1.0),  # 1.00
    }
    assert of("referral_rate_per_10k").text == "2.3"
    assert of("cla_rate_per_10k").text == "1.0"


def test_with_no_population_entered_a_rate_is_none() -> None:
    case_for_rates()
    rate = of("referral_rate_per_10k")
    assert (rate.numerator, rate.value, rate.population) == (7, None, None)
    assert rate.text == "No data"


def test_a_year_without_its_own_estimate_uses_the_latest_earlier_years() -> None:
    for _ in range(3):
        make.referral(make.child(), date(2025, 6, 2))
    make.population(2023, 20_000)
    make.population(2024, 25_000)
    make.population(2026, 40_000)  # a later year's estimate is never used for 2025/26
    # 2025/26 has no estimate: 2024's is the latest before it. 30,000 / 25,000 = 1.2.
    rate = of("referral_rate_per_10k")
    assert rate.population is not None and rate.population.year == 2024
    assert rate.value == 1.2
    # A correction to 2024's estimate is a new row, and the newest is the one in force.
    make.population(2024, 28_000)
    # 30,000 / 28,000 = 1.07.
    assert of("referral_rate_per_10k").value == 1.1


# --- The catalogue at once, and monthly series ------------------------------------------------------


CASES = [
    case_contacts,
    case_contact_timeliness,
    case_referrer_feedback,
    case_early_help,
    case_referrals,
    case_re_referrals,
    case_assessments_over_christmas,
    case_children_in_need,
    case_enquiries,
    case_initial_conferences,
    case_plans,
    case_second_plans,
    case_plan_durations,
    case_looked_after,
    case_missing,
    case_care_leaver_contacts,
    case_pathway_plans,
    case_for_rates,
]


def test_catalogue_figures_agree_with_each_figure_on_every_case_at_once() -> None:
    for case in CASES:
        case()
    make.population(2025, 30_000)
    together = catalogue_figures(YEAR, AS_AT)
    assert list(together) == [indicator.id for indicator in CATALOGUE]
    for indicator in CATALOGUE:
        alone = figure(indicator, YEAR, AS_AT)
        assert (together[indicator.id].value, together[indicator.id].numerator) == (
            alone.value,
            alone.numerator,
        ), indicator.id
    # A rate reuses its count: the referrals counted over all the cases, per 10,000 of 30,000.
    referrals = together["referrals"].value
    assert referrals is not None and referrals > 0
    assert together["referral_rate_per_10k"].numerator == referrals
    assert together["referral_rate_per_10k"].value == round(referrals * 10_000 / 30_000, 1)


def case_monthly_referrals() -> None:
    def referred(on: date, times: int) -> None:
        for _ in range(times):
            make.referral(make.child(), on)

    referred(date(2025, 1, 31), 5)  # before every window
    referred(date(2025, 2, 1), 6)  # the first day of the first window
    referred(date(2025, 6, 15), 4)
    referred(date(2026, 1, 31), 2)
    referred(date(2026, 2, 14), 4)
    referred(date(2026, 3, 31), 1)


def test_monthly_series_with_its_12_month_rolling_average() -> None:
    case_monthly_referrals()
    quarter = Period(date(2026, 1, 1), date(2026, 3, 31))
    points = monthly_series(BY_ID["referrals"], quarter, AS_AT)
    assert [point.month for point in points] == [Period.month(2026, month) for month in (1, 2, 3)]
    assert [point.figure.value for point in points] == [2, 4, 1]
    # January 2026: February 2025 to January 2026 = 6 + 4 + 2 = 12; / 12 = 1.0.
    # February 2026: March 2025 to February 2026 = 4 + 2 + 4 = 10; / 12 = 0.83.
    # March 2026: April 2025 to March 2026 = 4 + 2 + 4 + 1 = 11; / 12 = 0.92.
    assert [point.rolling_average for point in points] == [1.0, 0.8, 0.9]


def test_a_month_with_no_percentage_leaves_the_rolling_average_out() -> None:
    case_monthly_referrals()
    quarter = Period(date(2026, 1, 1), date(2026, 3, 31))
    points = monthly_series(BY_ID["referrals_further_action_pct"], quarter, AS_AT)
    # Every referral went on to further action, so each month with referrals is 100.0%; but March
    # 2025 had none (no percentage), and it is in every window, so no average is given.
    assert [point.figure.value for point in points] == [100.0, 100.0, 100.0]
    assert [point.rolling_average for point in points] == [None, None, None]


def test_a_percentage_averaged_over_12_full_months() -> None:
    # One referral in each month from April 2025 to February 2026, all with further action: 100.0%
    # each. March 2026: two referrals, one with no further action: 50.0%.
    for month in range(12):
        first = date(2025 + (3 + month) // 12, (3 + month) % 12 + 1, 1)
        make.referral(make.child(), first)
    make.referral(make.child(), date(2026, 3, 20), closed=date(2026, 3, 20), no_further_action=True)
    points = monthly_series(BY_ID["referrals_further_action_pct"], Period.month(2026, 3), AS_AT)
    # (11 x 100.0 + 50.0) / 12 = 95.83.
    assert [(point.figure.value, point.rolling_average) for point in points] == [(50.0, 95.8)]


def test_every_indicator_in_the_catalogue_is_worked_out_by_hand() -> None:
    catalogue = {indicator.id for indicator in CATALOGUE}
    assert COVERED - catalogue == set(), "a test claims an indicator the catalogue does not have"
    assert catalogue - COVERED == set(), "these indicators have no hand-worked test"
