"""Date arithmetic the database does the same way on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import DateField, Func
from django.db.models.sql.compiler import SQLCompiler


class YearsBefore(Func):
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
        return f"CAST(({sql} - INTERVAL '{int(self.years)} years') AS date)", tuple(params)

    def as_sqlite(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra_context: Any
    ) -> tuple[str, tuple[Any, ...]]:
        sql, params = compiler.compile(self.source_expressions[0])
        back = f"'-{int(self.years)} years'"
        leap_day = f"strftime('%%m-%%d', {sql}) = '02-29'"
        template = f"CASE WHEN {leap_day} THEN date({sql}, {back}, '-1 day') ELSE date({sql}, {back}) END"
        return template, (*params, *params, *params)
