"""Periods that figures are counted over: two days in England, both included.

The statutory year runs 1 April to 31 March (the CIN census and SSDA903 collection year), so a
"year" here is a financial year, named by the year it starts in (2019 is 2019/20).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from .timescales import ENGLAND, add_months

FINANCIAL_YEAR_STARTS = (4, 1)  # 1 April


@dataclass(frozen=True)
class Period:
    """From `start` to `end`, both days included, as days in England."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"A period cannot end ({self.end}) before it starts ({self.start})")

    @classmethod
    def financial_year(cls, first_year: int, today: date | None = None) -> Period:
        """1 April `first_year` to 31 March the year after, or to `today` if that is sooner."""
        start = date(first_year, *FINANCIAL_YEAR_STARTS)
        end = date(first_year + 1, 3, 31)
        if today is not None and start <= today < end:
            end = today
        return cls(start, end)

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        first = date(year, month, 1)
        return cls(first, add_months(first, 1) - timedelta(days=1))

    @property
    def starts_at(self) -> datetime:
        return datetime.combine(self.start, time(0), tzinfo=ENGLAND)

    @property
    def ends_before(self) -> datetime:
        """Midnight at the end of the last day: the first moment after the period."""
        return datetime.combine(self.end + timedelta(days=1), time(0), tzinfo=ENGLAND)

    @property
    def label(self) -> str:
        return f"{_day(self.start)} to {_day(self.end)}"

    @property
    def financial_year_of_end(self) -> int:
        return financial_year_of(self.end)

    def year_before(self) -> Period:
        """The same days a year earlier (29 February becomes 28 February)."""
        return Period(add_months(self.start, -12), add_months(self.end, -12))

    def months(self) -> Iterator[Period]:
        """The calendar months the period touches, each cut to the period's own days."""
        first = date(self.start.year, self.start.month, 1)
        while first <= self.end:
            whole = Period.month(first.year, first.month)
            yield Period(max(whole.start, self.start), min(whole.end, self.end))
            first = add_months(first, 1)


def financial_year_of(day: date) -> int:
    """The year a financial year starts in: 2025 for any day from 1 April 2025 to 31 March 2026."""
    return day.year if (day.month, day.day) >= FINANCIAL_YEAR_STARTS else day.year - 1


def year_label(first_year: int) -> str:
    """2019 -> "2019/20"."""
    return f"{first_year}/{(first_year + 1) % 100:02d}"


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"
