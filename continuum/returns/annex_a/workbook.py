"""The Annex A workbook: an About sheet, then one sheet per list, written with openpyxl."""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from typing import Any

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

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
Sheet = Any  # openpyxl's write-only worksheet (openpyxl has no type hints)
WIDEST = 60
HEADING_WIDTH = 24  # longer headings wrap rather than widen the column


def workbook(window: Window, lists: Sequence[AnnexList], made_at: datetime) -> bytes:
    """An Excel workbook: an About sheet, then one sheet per list, header bold and frozen."""
    book = Workbook(write_only=True)
    book.properties.creator = "Continuum"
    _about(book.create_sheet("About"), window, lists, made_at)
    for each in lists:
        sheet = book.create_sheet(each.sheet_name)
        _write_table(sheet, each.header, each.rows)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _write_table(sheet: Sheet, header: Sequence[str], rows: Sequence[Sequence[Cell]]) -> None:
    sheet.freeze_panes = "A2"
    for number, width in enumerate(_widths(header, rows), start=1):
        sheet.column_dimensions[get_column_letter(number)].width = width
    sheet.append([_heading(sheet, text) for text in header])
    for row in rows:
        sheet.append([_cell(sheet, value) for value in row])


def _widths(header: Sequence[str], rows: Sequence[Sequence[Cell]]) -> Iterator[int]:
    for number, heading in enumerate(header):
        longest = max((len(_shown(row[number])) for row in rows), default=0)
        yield min(WIDEST, max(longest, min(len(heading), HEADING_WIDTH), 8) + 2)


def _shown(value: Cell) -> str:
    return "00/00/0000" if isinstance(value, date) else ("" if value is None else str(value))


def _heading(sheet: Sheet, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=text)
    cell.font = Font(bold=True)
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell


def _cell(sheet: Sheet, value: Cell) -> Any:
    if isinstance(value, date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = f"{DAY_FORMAT} hh:mm" if isinstance(value, datetime) else DAY_FORMAT
        return cell
    if isinstance(value, str) and value.startswith("="):
        # Text, never a formula, whatever a name or a postcode was typed as.
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value


def _about(sheet: Sheet, window: Window, lists: Sequence[AnnexList], made_at: datetime) -> None:
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 14
    sheet.column_dimensions["C"].width = 100
    sheet.append(
        [_heading(sheet, "Ofsted Annex A: lists of children for an inspection of children's services")]
    )
    facts: list[list[Cell | datetime]] = [
        ["Local authority number", local_authority_number()],
        ["The date", window.on],
        ["The six months", window.period.start, f"{window.period.label}, both days included"],
        ["Counts over 12 months", window.year.start, f"{window.year.label}, both days included"],
        ["Made", timezone.localtime(made_at, ENGLAND).replace(tzinfo=None, microsecond=0)],
        [],
    ]
    for fact in facts:
        sheet.append([_cell(sheet, value) for value in fact])
    sheet.append([_heading(sheet, text) for text in ("Sheet", "Rows", "What it lists")])
    for each in lists:
        sheet.append([each.sheet_name, len(each.rows), each.holds])
    sheet.append(["Lists 10 and 11", 0, LISTS_NOT_WRITTEN])
    sheet.append([])
    for note in NOTES:
        sheet.append(["", "", note])


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
