"""Working days counted by the database, from the `CalendarDay` table.

Figures such as "assessments authorised within 45 working days" are counted over tens of
thousands of records; looping over them in Python with `calendar.working_days_between` would be
slow, so the database looks both days up in the calendar table and subtracts. The numbers agree
with `calendar.working_days_between` for every pair of days in the table (tested).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db import models, transaction
from django.db.models import Expression, F, OuterRef, Subquery

from .calendar import is_working_day

# The table covers records from the start of the century to well past any plan open today.
CALENDAR_FROM = date(2000, 1, 1)
CALENDAR_TO = date(2045, 12, 31)


def calendar_rows(first: date = CALENDAR_FROM, last: date = CALENDAR_TO) -> list[tuple[date, int]]:
    rows, number, day = [], 0, first
    while day <= last:
        number += is_working_day(day)
        rows.append((day, number))
        day += timedelta(days=1)
    return rows


def fill_calendar(calendar_day: type[models.Model]) -> int:
    """(Re)write every day of the table; `calendar_day` is the model (a migration passes its own)."""
    rows = calendar_rows()
    with transaction.atomic():
        calendar_day.objects.all().delete()  # type: ignore[attr-defined]
        calendar_day.objects.bulk_create(  # type: ignore[attr-defined]
            [calendar_day(day=day, working_day_number=number) for day, number in rows], batch_size=5000
        )
    return len(rows)


def working_day_number(day: Any) -> Subquery:
    """The calendar's number for a date column (a field name or an expression)."""
    from .models import CalendarDay

    column = F(day) if isinstance(day, str) else day
    return Subquery(
        CalendarDay.objects.filter(day=_outer(column)).values("working_day_number")[:1],
        output_field=models.IntegerField(),
    )


def working_days_between(start: Any, end: Any) -> Expression:
    """Working days after `start` up to and including `end`, as a database expression."""
    return working_day_number(end) - working_day_number(start)


def _outer(column: Any) -> Any:
    # Inside the subquery the column belongs to the outer query's row.
    if isinstance(column, F) and not isinstance(column, OuterRef):
        return OuterRef(column.name)  # type: ignore[attr-defined]
    return column
