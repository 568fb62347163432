"""How a due item stands on a given day: overdue, due today, due within 5 working days, or later.

Christmas 2026: Friday 25 December and Monday 28 December (Boxing Day's substitute) are bank
holidays, as is Friday 1 January 2027.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from continuum.journey.clocks import Due, DueState, group_by_state
from continuum.people.models import Person
from continuum.statutory.timescales import ENGLAND

CHRISTMAS_EVE = date(2026, 12, 24)  # a Thursday


def _due(on: date | datetime) -> Due:
    return Due(1, "Child in need visit", None, on, Person(pk=1), "every 10 working days")


@pytest.mark.parametrize(
    ("due_on", "state"),
    [
        (date(2026, 12, 23), DueState.OVERDUE),
        (date(2026, 12, 24), DueState.TODAY),
        # Five working days after Thursday 24 December: 29 (1), 30 (2), 31 (3), Mon 4 Jan (4),
        # Tuesday 5 January 2027 (5).
        (date(2027, 1, 5), DueState.SOON),
        # Saturday 2 January 2027 is 3 working days ahead (29, 30, 31 December).
        (date(2027, 1, 2), DueState.SOON),
        # Wednesday 6 January 2027 is the sixth working day.
        (date(2027, 1, 6), DueState.LATER),
    ],
)
def test_the_state_on_christmas_eve_2026(due_on: date, state: DueState) -> None:
    assert _due(due_on).state(CHRISTMAS_EVE) is state


def test_overdue_is_counted_in_working_days_after_the_due_day() -> None:
    due = _due(date(2026, 12, 23))

    # Due Wednesday 23 December; on Tuesday 29 December it is overdue by 24 (1) and 29 (2): the
    # bank holidays on 25 and 28 December and the weekend are not counted.
    assert due.working_days_overdue(date(2026, 12, 29)) == 2
    assert due.working_days_overdue(date(2026, 12, 23)) == 0


def test_an_item_due_at_a_time_is_overdue_from_that_moment() -> None:
    due = _due(datetime(2026, 3, 30, 21, 0, tzinfo=ENGLAND))

    assert due.has_time
    assert due.due_day == date(2026, 3, 30)
    assert due.state(date(2026, 3, 30), now=datetime(2026, 3, 30, 20, 59, tzinfo=ENGLAND)) is DueState.TODAY
    assert due.state(date(2026, 3, 30), now=datetime(2026, 3, 30, 21, 0, tzinfo=ENGLAND)) is DueState.OVERDUE
    assert due.state(date(2026, 3, 31)) is DueState.OVERDUE


def test_a_time_just_after_midnight_in_summer_is_due_on_that_day_in_england() -> None:
    # 23:30 UTC on 9 July 2026 is 00:30 on 10 July in British Summer Time.
    due = _due(datetime.fromisoformat("2026-07-09T23:30:00+00:00"))

    assert due.due_day == date(2026, 7, 10)


def test_items_are_grouped_in_the_order_a_worker_acts_on_them() -> None:
    items = [
        _due(date(2027, 1, 6)),
        _due(date(2026, 12, 23)),
        _due(date(2026, 12, 24)),
        _due(date(2027, 1, 5)),
    ]

    groups = group_by_state(items, CHRISTMAS_EVE)

    assert list(groups) == [DueState.OVERDUE, DueState.TODAY, DueState.SOON, DueState.LATER]
    assert [len(group) for group in groups.values()] == [1, 1, 1, 1]


def test_on_the_same_day_an_item_due_at_a_time_comes_before_one_due_by_the_end_of_the_day() -> None:
    by_the_end = _due(date(2026, 3, 30))
    at_nine = _due(datetime(2026, 3, 30, 9, 0, tzinfo=ENGLAND))

    assert sorted([by_the_end, at_nine], key=Due.sort_key) == [at_nine, by_the_end]
