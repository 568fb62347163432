"""Date arithmetic the database does the same way on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import BooleanField, DateField, Func
from django.db.models.sql.compiler import SQLCompiler

# Where a function's SQL puts its one argument (the argument's SQL may appear more than once).
ARGUMENT = "{argument}"


class OneArgument(Func):
    """A function of one expression that each database writes in its own SQL (`written`)."""

    def written(self, vendor: str) -> str:
        raise NotImplementedError

    def as_sql(
        self,
        compiler: SQLCompiler,
        connection: BaseDatabaseWrapper,
        function: str | None = None,
        template: str | None = None,
        arg_joiner: str | None = None,
        **extra_context: Any,
    ) -> tuple[str, tuple[Any, ...]]:
        sql, params = compiler.compile(self.source_expressions[0])
        written = self.written(connection.vendor)
        return written.replace(ARGUMENT, sql), tuple(params) * written.count(ARGUMENT)


class YearsBefore(OneArgument):
    """The same day `years` years earlier, as `timescales.add_months` (29 February: 28 February).

    PostgreSQL's interval arithmetic clamps to the month's end as `add_months` does. SQLite's
    `date(..., '-1 years')` would roll 29 February on to 1 March, so it steps back a day there.
    """

    output_field = DateField()

    def __init__(self, expression: Any, years: int, **extra: Any) -> None:
        if years < 0:
            raise ValueError("YearsBefore counts back: give a positive number of years")
        self.years = years
        super().__init__(expression, **extra)

    def written(self, vendor: str) -> str:
        years = int(self.years)
        if vendor != "sqlite":
            return f"CAST(({ARGUMENT} - INTERVAL '{years} years') AS date)"
        leap_day = f"strftime('%%m-%%d', {ARGUMENT}) = '02-29'"
        back = f"date({ARGUMENT}, '-{years} years'"
        return f"CASE WHEN {leap_day} THEN {back}, '-1 day') ELSE {back}) END"


class EnglandDay(OneArgument):
    """The day in England (Europe/London) of a moment stored in UTC, as `TruncDate(..., tzinfo=ENGLAND)`.

    Django's TruncDate on SQLite calls a Python function for every row, which is slow over many
    rows. British Summer Time (since 1996) starts and ends at 01:00 UTC on the last Sundays of
    March and October (the first Sunday on or after the 25th), so SQLite works the day out with
    its own date functions: the UTC date of the moment, an hour later in summer time. Moments are
    stored as UTC text ("2026-03-29 00:30:00.000000"), which compares in time order.
    """

    output_field = DateField()

    def written(self, vendor: str) -> str:
        if vendor != "sqlite":
            return f"CAST(({ARGUMENT} AT TIME ZONE 'Europe/London') AS date)"
        year = f"substr({ARGUMENT}, 1, 4)"

        def summer_time_turns(month: str) -> str:  # 01:00 UTC on the last Sunday of the month
            return f"datetime(date({year} || '-{month}-25', 'weekday 0'), '+1 hour')"

        summer = f"{ARGUMENT} >= {summer_time_turns('03')} AND {ARGUMENT} < {summer_time_turns('10')}"
        # Whole seconds only: SQLite's date functions round to the millisecond, which at 23:59:59.9995
        # would be the next day.
        summer_day, winter_day = f"date(substr({ARGUMENT}, 1, 19), '+1 hour')", f"substr({ARGUMENT}, 1, 10)"
        return f"CASE WHEN {summer} THEN {summer_day} ELSE {winter_day} END"


class Likely(OneArgument):
    """A condition nearly every row meets, said so to SQLite's query planner (its `likely()`).

    SQLite's planner has no statistics unless told to gather them, and guesses that a range on an
    indexed date is selective. For "open on a day" (started by then, not ended by then) nearly
    every record started by then, and the few still open are found by the end date's index: this
    keeps the planner off the start date's index. Other databases get the condition as it is.
    """

    output_field = BooleanField()

    def written(self, vendor: str) -> str:
        return f"likely({ARGUMENT})" if vendor == "sqlite" else ARGUMENT
