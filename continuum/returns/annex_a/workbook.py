"""The Annex A workbook: an About sheet, then one sheet per list, written with XlsxWriter.

XlsxWriter is made for writing workbooks and streams each row to disk (`constant_memory`): a
Bradford-size partnership's lists are about 700,000 cells, which openpyxl took about 25 seconds
to write on a busy two-core machine, and XlsxWriter 6 to 9.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from typing import Any

import xlsxwriter
from django.utils import timezone

from continuum.statutory.timescales import ENGLAND

from ..collection import local_authority_number
from .common import AnnexList, Cell, Window

LISTS_NOT_WRITTEN = (
    "Lists 10 (adoption) and 11 (adopters) are not in this workbook: Continuum holds no adoption "
    "records yet (decisions that a child should be placed for adoption, placement orders, matches, "
    "adopters), so there is nothing to list."
)


# --- The workbook ------------------------------------------------------------------------------------

DAY_FORMAT = "dd/mm/yyyy"
WIDEST = 60
HEADING_WIDTH = 24  # longer headings wrap rather than widen the column


class _Formats:
    """The workbook's cell formats, made once."""

    def __init__(self, book: Any) -> None:
        self.heading = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
        self.day = book.add_format({"num_format": DAY_FORMAT})
        self.moment = book.add_format({"num_format": f"{DAY_FORMAT} hh:mm"})


def workbook(window: Window, lists: Sequence[AnnexList], made_at: datetime) -> bytes:
    """An Excel workbook: an About sheet, then one sheet per list, header bold and frozen."""
    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory() as scratch:
        book = xlsxwriter.Workbook(
            buffer,
            {"constant_memory": True, "tmpdir": scratch, "in_memory": False, "strings_to_formulas": False},
        )
        book.set_properties({"author": "Continuum"})
        formats = _Formats(book)
        _about(book.add_worksheet("About"), formats, window, lists, made_at)
        for each in lists:
            _write_table(book.add_worksheet(each.sheet_name), formats, each.header, each.rows)
        book.close()
    return buffer.getvalue()


def _write_table(
    sheet: Any, formats: _Formats, header: Sequence[str], rows: Sequence[Sequence[Cell]]
) -> None:
    sheet.freeze_panes(1, 0)
    for number, width in enumerate(_widths(header, rows)):
        sheet.set_column(number, number, width)
    _append(sheet, formats, 0, header, heading=True)
    for number, row in enumerate(rows, start=1):
        _append(sheet, formats, number, row)


def _append(
    sheet: Any, formats: _Formats, number: int, values: Sequence[Any], *, heading: bool = False
) -> None:
    for column, value in enumerate(values):
        if heading:
            sheet.write_string(number, column, str(value), formats.heading)
        elif isinstance(value, datetime):
            sheet.write_datetime(number, column, value, formats.moment)
        elif isinstance(value, date):
            sheet.write_datetime(number, column, value, formats.day)
        elif isinstance(value, str):
            # Text, never a formula, whatever a name or a postcode was typed as.
            sheet.write_string(number, column, value)
        elif value is not None:
            sheet.write_number(number, column, value)


def _widths(header: Sequence[str], rows: Sequence[Sequence[Cell]]) -> Iterator[int]:
    for number, heading in enumerate(header):
        longest = max((len(_shown(row[number])) for row in rows), default=0)
        yield min(WIDEST, max(longest, min(len(heading), HEADING_WIDTH), 8) + 2)


def _shown(value: Cell) -> str:
    return "00/00/0000" if isinstance(value, date) else ("" if value is None else str(value))


def _about(
    sheet: Any, formats: _Formats, window: Window, lists: Sequence[AnnexList], made_at: datetime
) -> None:
    sheet.set_column(0, 0, 28)
    sheet.set_column(1, 1, 14)
    sheet.set_column(2, 2, 100)
    rows: list[tuple[Sequence[Any], bool]] = [
        (["Ofsted Annex A: lists of children for an inspection of children's services"], True),
        (["Local authority number", local_authority_number()], False),
        (["The date", window.on], False),
        (["The six months", window.period.start, f"{window.period.label}, both days included"], False),
        (["Counts over 12 months", window.year.start, f"{window.year.label}, both days included"], False),
        (["Made", timezone.localtime(made_at, ENGLAND).replace(tzinfo=None, microsecond=0)], False),
        ([], False),
        (("Sheet", "Rows", "What it lists"), True),
        *(([each.sheet_name, len(each.rows), each.holds], False) for each in lists),
        (["Lists 10 and 11", 0, LISTS_NOT_WRITTEN], False),
        ([], False),
        *((["", "", note], False) for note in NOTES),
    ]
    for number, (values, heading) in enumerate(rows):
        _append(sheet, formats, number, values, heading=heading)


NOTES = (
    "Records are as they stood at the end of the date: anything dated after it is left out, and a plan, "
    "episode or enquiry that ended after it is shown as still open then.",
    "Dates are Excel dates shown as dd/mm/yyyy. Age is the child's age in whole years on the date; it is "
    "empty for a child not yet born then or with no date of birth recorded.",
    "Child Unique ID is Continuum's own number for the child, or the ID from the system a migrated child's "
    "record came from, the same as in the CIN census.",
    "Gender c) Not stated/recorded: the child's sex is recorded as unknown (or the child was unborn) or not "
    "recorded. Ethnicity not recorded is t) NOBT, information not yet obtained.",
    'Disability c) Unknown: no disability (nor "no disability") is recorded for the child.',
    "Allocated Team and Worker are who the child is allocated to on the date (leaving care first for care "
    "leavers); they are empty when nobody is.",
    "Children whose record was withdrawn as entered in error are left out. Every child in this workbook is "
    "recorded in the audit trail as exported.",
)
