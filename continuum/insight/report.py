"""The annual report data pack: a year's figures, charts and tables, section by section, each
figure with its definition, and room for the partnership's own words.

The same catalogue and the same dashboard pieces as the board's pages, so the report cannot say
something different from the dashboard. Rendered as HTML (`report.html`) and as PDF (WeasyPrint,
from that same HTML).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.template.loader import render_to_string

from continuum.statutory.periods import Period, year_label

from . import dashboard
from .catalogue import BY_ID
from .charts import Chart
from .figures import monthly_series
from .indicators import Context, Section
from .models import NarrativeEntry, narrative_for
from .tables import Table

# The parts of the report the partnership writes itself, before and after the figures.
OPENING = ("foreword", "Foreword")
CLOSING = ("priorities", "Priorities for next year")
REGISTERS = ("registers", "The partnership's registers")

# The figures each section charts month by month (the rest are in its table).
CHARTED: dict[Section, tuple[str, ...]] = {
    Section.FRONT_DOOR: ("contacts", "contacts_decided_within_1wd_pct"),
    Section.EARLY_HELP: ("early_help_episodes_started",),
    Section.CHILDREN_IN_NEED: ("referrals", "assessments_within_45wd_pct"),
    Section.CHILD_PROTECTION: ("s47_enquiries", "cp_plans_at_end"),
    Section.CHILDREN_IN_CARE: ("cla_at_end",),
    Section.CARE_LEAVERS: (),
}


@dataclass(frozen=True)
class ReportSection:
    key: str
    title: str
    narrative: NarrativeEntry | None
    rows: list[dashboard.Row]
    table: Table | None
    charts: list[tuple[Chart, Table]]


@dataclass(frozen=True)
class Report:
    year: int
    period: Period
    board: dashboard.Board
    opening: ReportSection
    sections: list[ReportSection]
    registers: ReportSection
    closing: ReportSection

    @property
    def title(self) -> str:
        return f"Annual report data pack {year_label(self.year)}"

    @property
    def year_label(self) -> str:
        return year_label(self.year)

    @property
    def all_sections(self) -> list[ReportSection]:
        return [self.opening, *self.sections, self.registers, self.closing]


def section_keys() -> dict[str, str]:
    """Every section the partnership can write in: key to title."""
    keys = {OPENING[0]: OPENING[1]}
    keys |= {section.name.lower(): section.value for section in Section}
    keys |= {REGISTERS[0]: REGISTERS[1], CLOSING[0]: CLOSING[1]}
    return keys


def annual_report(year: int, context: Context | None = None) -> Report:
    context = context or Context()
    period = Period.financial_year(year)
    board = dashboard.board(period, context)
    words = narrative_for(year)

    def words_only(key: str, title: str) -> ReportSection:
        return ReportSection(key, title, words.get(key), [], None, [])

    sections = []
    for rows in board.sections:
        charts = []
        for indicator_id in CHARTED[rows.section]:
            indicator = BY_ID[indicator_id]
            series = monthly_series(indicator, period, context)
            charts.append(
                (dashboard.monthly_chart(indicator, series), dashboard.monthly_table(indicator, series))
            )
        key = rows.section.name.lower()
        sections.append(ReportSection(key, rows.section.value, words.get(key), rows.rows, rows.table, charts))
    return Report(
        year, period, board, words_only(*OPENING), sections, words_only(*REGISTERS), words_only(*CLOSING)
    )


def render_html(report: Report, printing: bool = False) -> str:
    return render_to_string("insight/report.html", {"report": report, "printing": printing})


def render_pdf(report: Report) -> bytes:
    """The report as PDF. WeasyPrint needs the Pango library (installed with chromium on Debian)."""
    from weasyprint import HTML

    pdf: bytes = HTML(string=render_html(report, printing=True)).write_pdf()
    return pdf
