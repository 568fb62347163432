"""The front door's clocks: when a decision is due, and how a contact stands against it.

The day count comes from the timescale catalogue (`front_door_decision`: one working day from
receipt); this module only turns that day into a moment and a label a worker can act on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from continuum.statutory import deadline
from continuum.statutory.calendar import is_working_day, next_working_day
from continuum.statutory.timescales import ENGLAND, england_date

# Schools open their doors around 08:30; an Operation Encompass notice must be there first.
SCHOOL_DAY_STARTS = time(8, 30)


def end_of_day(day: date) -> datetime:
    """Midnight at the end of `day` in England: a deadline of "by the end of `day`"."""
    return datetime.combine(day + timedelta(days=1), time(0), tzinfo=ENGLAND)


def decision_due(received_at: datetime) -> datetime:
    """The end of the working day after the one the contact arrived on (one working day)."""
    due_day = deadline("front_door_decision", received_at)
    assert isinstance(due_day, date)
    return end_of_day(due_day)


def due_day(due_at: datetime) -> date:
    """The day a deadline falls on in England: a deadline at midnight is the end of the day before."""
    return england_date(due_at - timedelta(microseconds=1))


def encompass_due(incident_at: datetime) -> datetime:
    """The start of the next school day after a domestic-abuse incident.

    School days are taken to be working days: an incident on a Saturday is due on Monday morning
    (Tuesday after a bank holiday). An incident in the small hours of a school day, before the
    doors open, is due that same morning.
    """
    local = incident_at.astimezone(ENGLAND)
    day = local.date()
    if not (is_working_day(day) and local.time() < SCHOOL_DAY_STARTS):
        day = next_working_day(day)
    return datetime.combine(day, SCHOOL_DAY_STARTS, tzinfo=ENGLAND)


@dataclass(frozen=True)
class Clock:
    """How a contact stands against its deadline, in words and a GOV.UK tag colour."""

    due_at: datetime
    label: str
    colour: str
    is_overdue: bool


def clock(due_at: datetime, now: datetime | None = None, finished_at: datetime | None = None) -> Clock:
    now = now or timezone.now()
    last_day = due_day(due_at)
    if finished_at is not None:
        if finished_at < due_at:
            return Clock(due_at, "Decided in time", "green", False)
        return Clock(due_at, "Decided late", "orange", False)
    if now >= due_at:
        return Clock(due_at, f"Overdue by {_duration(now - due_at)}", "red", True)
    today = england_date(now)
    if last_day == today:
        return Clock(due_at, "Due today", "orange", False)
    if last_day == today + timedelta(days=1):
        return Clock(due_at, "Due tomorrow", "blue", False)
    return Clock(due_at, f"Due {last_day:%A} {last_day.day} {last_day:%B}", "blue", False)


def _duration(delta: timedelta) -> str:
    hours = int(delta.total_seconds() // 3600)
    if hours < 1:
        return "less than an hour"
    if hours < 48:
        return f"{hours} hour{'s' if hours != 1 else ''}"
    return f"{hours // 24} days"
