"""How a contact stands against its clock, in words and a tag colour; and Operation Encompass's clock."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from continuum.frontdoor.clocks import clock, encompass_due
from continuum.statutory.timescales import ENGLAND

# Midnight at the end of Tuesday 17 November 2026.
DUE = datetime(2026, 11, 18, 0, 0, tzinfo=ENGLAND)


@pytest.mark.parametrize(
    ("now", "label", "colour"),
    [
        (DUE + timedelta(hours=3), "Overdue by 3 hours", "red"),
        (DUE + timedelta(hours=1, minutes=5), "Overdue by 1 hour", "red"),
        (DUE + timedelta(minutes=20), "Overdue by less than an hour", "red"),
        (DUE + timedelta(hours=50), "Overdue by 2 days", "red"),
        (DUE - timedelta(hours=5), "Due today", "orange"),
        (DUE - timedelta(hours=30), "Due tomorrow", "blue"),
        (DUE - timedelta(days=3), "Due Tuesday 17 November", "blue"),
    ],
)
def test_the_clock_says_how_long_is_left_or_how_late(now: datetime, label: str, colour: str) -> None:
    result = clock(DUE, now)
    assert (result.label, result.colour) == (label, colour)
    assert result.is_overdue == (now >= DUE)


def test_a_decided_contact_says_whether_it_was_decided_in_time() -> None:
    assert clock(DUE, finished_at=DUE - timedelta(hours=2)).label == "Decided in time"
    late = clock(DUE, finished_at=DUE + timedelta(hours=2))
    assert (late.label, late.colour, late.is_overdue) == ("Decided late", "orange", False)


@pytest.mark.parametrize(
    ("incident", "due"),
    [
        # Saturday evening: before school opens on Monday.
        (datetime(2026, 11, 21, 20, 0), datetime(2026, 11, 23, 8, 30)),
        # Tuesday in the small hours: before the doors open that morning.
        (datetime(2026, 11, 17, 6, 0), datetime(2026, 11, 17, 8, 30)),
        # Tuesday during the school day: before school the next morning.
        (datetime(2026, 11, 17, 9, 0), datetime(2026, 11, 18, 8, 30)),
        # Christmas Eve: the next working day is Tuesday 29 December.
        (datetime(2026, 12, 24, 22, 0), datetime(2026, 12, 29, 8, 30)),
    ],
)
def test_an_encompass_notice_is_due_before_the_next_school_day(incident: datetime, due: datetime) -> None:
    assert encompass_due(incident.replace(tzinfo=ENGLAND)) == due.replace(tzinfo=ENGLAND)
