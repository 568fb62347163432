"""What the dashboard's pages show, worked out from the catalogue: kept out of the views so that the
annual report shows the same rows, charts and tables.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from continuum.access import policy
from continuum.access.models import User
from continuum.statutory.periods import Period, financial_year_of, year_label

from .catalogue import BY_ID, CATALOGUE
from .charts import DARK_GREY, Chart, Line, line_chart
from .figures import MonthlyPoint, catalogues, figures, monthly_series
from .indicators import Context, Figure, Indicator, Section, Unit, children_behind, format_value
from .models import ChildPopulation, ComparatorGroup, children_for_year, comparators_for
from .tables import Cell, Table

GROUPS = tuple(ComparatorGroup)


@dataclass(frozen=True)
class Row:
    indicator: Indicator
    figure: Figure
    previous: Figure
    comparators: dict[str, float]

    def comparator_text(self, group: str) -> str:
        return format_value(self.indicator.unit, self.comparators.get(group))


@dataclass
class SectionRows:
    section: Section
    rows: list[Row]
    table: Table


@dataclass(frozen=True)
class Villager:
    """One line of "if our area were a village of 100 children"."""

    text: str
    per_100: float | None


@dataclass(frozen=True)
class Board:
    period: Period
    previous_period: Period
    year: int
    population: ChildPopulation | None
    sections: list[SectionRows]
    village: list[Villager]

    @property
    def tables(self) -> list[Table]:
        return [section.table for section in self.sections]

    @property
    def year_label(self) -> str:
        return year_label(self.year)


def board(period: Period, context: Context) -> Board:
    year = financial_year_of(period.end)
    previous_period = period.year_before()
    now, before = catalogues([period, previous_period], context)
    comparators = comparators_for(year)
    sections = []
    for section in Section:
        rows = [
            Row(indicator, now[indicator.id], before[indicator.id], _comparators(comparators, indicator.id))
            for indicator in CATALOGUE
            if indicator.section == section
        ]
        sections.append(SectionRows(section, rows, _section_table(section, rows, period, previous_period)))
    return Board(period, previous_period, year, children_for_year(year), sections, village(now))


def _comparators(comparators: dict[tuple[str, str], float], indicator_id: str) -> dict[str, float]:
    return {group: value for (each, group), value in comparators.items() if each == indicator_id}


def _section_table(section: Section, rows: list[Row], period: Period, previous: Period) -> Table:
    columns = ["Indicator", "Unit", period.label, previous.label, *(group.label for group in GROUPS)]
    return Table(
        id=section.name.lower(),
        caption=f"{section.value}, {period.label}",
        columns=columns,
        rows=[
            [
                row.indicator.name,
                str(row.indicator.unit),
                row.figure.value,
                row.previous.value,
                *(row.comparators.get(group) for group in GROUPS),
            ]
            for row in rows
        ],
        numeric=[False, False, True, True, *(True for _ in GROUPS)],
    )


# "If our area were a village of 100 children": each rate per 10,000 divided by 100.
VILLAGE = (
    ("referral_rate_per_10k", "were referred to children's social care in the period"),
    ("cin_rate_per_10k", "were children in need at the end of it"),
    ("cp_plan_rate_per_10k", "were on a child protection plan"),
    ("cla_rate_per_10k", "were looked after by the council"),
)


def village(figures: dict[str, Figure]) -> list[Villager]:
    lines = []
    for indicator_id, what in VILLAGE:
        rate = figures[indicator_id].value
        per_100 = None if rate is None else rate / 100
        lines.append(Villager(f"{_of_100(per_100)} {what}", per_100))
    return lines


def _of_100(per_100: float | None) -> str:
    if per_100 is None:
        return "We cannot say how many (no population entered)"
    if per_100 == 0:
        return "None of the 100"
    if per_100 < 1:
        return f"Fewer than 1 of the 100 (about 1 in {round(100 / per_100):,} children)"
    return f"{per_100:.1f}".removesuffix(".0") + " of the 100"


# --- One indicator's story --------------------------------------------------------------------------


@dataclass(frozen=True)
class Story:
    indicator: Indicator
    figure: Figure
    previous: Figure
    comparators: dict[str, float]
    series: list[MonthlyPoint]
    chart: Chart
    tables: list[Table]

    def comparator_text(self, group: str) -> str:
        return format_value(self.indicator.unit, self.comparators.get(group))


def story(indicator: Indicator, period: Period, context: Context) -> Story:
    series = monthly_series(indicator, period, context)
    year = financial_year_of(period.end)
    comparators = _comparators(comparators_for(year, indicator.id), indicator.id)
    now, before = figures([(indicator, period), (indicator, period.year_before())], context)
    return Story(
        indicator,
        now,
        before,
        comparators,
        series,
        monthly_chart(indicator, series),
        [monthly_table(indicator, series), comparator_table(indicator, year, comparators)],
    )


def month_label(month: Period) -> str:
    return f"{month.start:%b %Y}"


def monthly_chart(indicator: Indicator, series: Sequence[MonthlyPoint]) -> Chart:
    labels = [month_label(point.month) for point in series]
    lines = [Line(indicator.name, [point.figure.value for point in series])]
    if any(point.rolling_average is not None for point in series):
        lines.append(
            Line(
                "12-month rolling average",
                [point.rolling_average for point in series],
                DARK_GREY,
                dashed=True,
            )
        )
    return line_chart(
        f"chart-{indicator.id}", f"{indicator.name}, month by month", labels, lines, indicator.unit
    )


def monthly_table(indicator: Indicator, series: Sequence[MonthlyPoint]) -> Table:
    columns = ["Month", indicator.name, "12-month rolling average"]
    rows: list[list[Any]] = [
        [month_label(point.month), point.figure.value, point.rolling_average] for point in series
    ]
    if indicator.unit == Unit.PERCENT:
        columns += ["Counted", "Out of"]
        for row, point in zip(rows, series, strict=True):
            row += [point.figure.numerator, point.figure.denominator]
    numeric = [False, *(True for _ in columns[1:])]
    return Table(f"monthly-{indicator.id}", f"{indicator.name}, month by month", columns, rows, numeric)


def comparator_table(indicator: Indicator, year: int, comparators: dict[str, float]) -> Table:
    return Table(
        "comparators",
        f"{indicator.name}: comparators for {year_label(year)}",
        ["Compared with", "Figure"],
        [[group.label, comparators.get(group)] for group in GROUPS],
        [False, True],
    )


# --- The children behind a figure -------------------------------------------------------------------


@dataclass(frozen=True)
class BehindRow:
    person_id: int
    name: str
    date_of_birth: date | None
    record_date: Any
    counted: bool | None  # for a percentage: in the numerator or not


@dataclass(frozen=True)
class Behind:
    indicator: Indicator
    period: Period
    rows: list[BehindRow]
    not_listed: int  # children behind the figure whose records this user may not see

    def table(self, rows: Sequence[BehindRow]) -> Table:
        percentage = self.indicator.unit == Unit.PERCENT
        columns = ["Person ID", "Name", "Date of birth", "Date"] + (["Counted"] if percentage else [])
        return Table(
            "children",
            f"Children behind {self.indicator.name}, {self.period.label}",
            columns,
            [self._cells(row, percentage) for row in rows],
        )

    @staticmethod
    def _cells(row: BehindRow, percentage: bool) -> list[Cell]:
        cells: list[Cell] = [row.person_id, row.name, _iso(row.date_of_birth), _iso(row.record_date)]
        return cells + (["Yes" if row.counted else "No"] if percentage else [])


def children_behind_figure(user: User, indicator: Indicator, period: Period, context: Context) -> Behind:
    """Each record behind the figure whose child `user` may see, newest first (policy-scoped)."""
    if indicator.rate_of:
        indicator = BY_ID[indicator.rate_of]
    everyone = children_behind(indicator, period, context)
    visible = policy.children_behind_figures(user, everyone)
    records = indicator.records(period, context).filter(**{f"{indicator.person}__in": visible})
    percentage = indicator.meets is not None
    if indicator.meets is not None:
        records = records.annotate(counted=indicator.meets(period, context))
    person = indicator.person
    fields = [person, f"{person}__given_name", f"{person}__family_name", f"{person}__date_of_birth"]
    fields += [indicator.record_date, *(["counted"] if percentage else [])]
    rows = [
        BehindRow(
            values[0], f"{values[1]} {values[2]}".strip(), values[3], values[4],
            bool(values[5]) if percentage else None,
        )
        for values in records.order_by(f"-{indicator.record_date}", "pk").values_list(*fields)
        if values[0] is not None
    ]  # fmt: skip
    return Behind(indicator, period, rows, everyone.count() - visible.count())


def _iso(value: date | datetime | None) -> str:
    if value is None:
        return ""
    return (value.date() if isinstance(value, datetime) else value).isoformat()
