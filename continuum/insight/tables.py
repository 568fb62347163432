"""Tables that pages show and that people download as CSV or Excel.

A page builds a `Table` once; the template shows it and `?download=csv` or `?download=xlsx` on
the same address gives the same rows as a file, so what is downloaded is what was on screen.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

from django.http import HttpResponse
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.styles import Font

Cell = str | int | float | None
DOWNLOADS = {"csv": "CSV", "xlsx": "Excel"}
# Spreadsheet programs run a cell starting with one of these as a formula (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Table:
    id: str
    caption: str
    columns: Sequence[str]
    rows: Sequence[Sequence[Cell]]
    numeric: Sequence[bool] = ()  # which columns are numbers, to right-align them
    links: Sequence[str | None] = ()  # where each row's first cell links to, on the page

    def is_numeric(self, index: int) -> bool:
        return bool(self.numeric) and self.numeric[index]


def download(table: Table, kind: str) -> HttpResponse:
    name = slugify(table.caption)[:80] or "table"
    if kind == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        response.write("\ufeff")  # so that Excel reads the file as UTF-8
        writer = csv.writer(response)
        writer.writerow([_safe(column) for column in table.columns])
        writer.writerows([[_safe(cell) for cell in row] for row in table.rows])
        return response
    if kind == "xlsx":
        response = HttpResponse(
            _workbook(table),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    raise ValueError(f"Unknown download {kind!r}: choose csv or xlsx")


def _safe(cell: Cell) -> Cell:
    if isinstance(cell, str) and cell.startswith(_FORMULA_STARTS):
        return "'" + cell
    return "" if cell is None else cell


def _workbook(table: Table) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = table.caption[:31].replace("/", "-").replace(":", "") or "Table"
    sheet.append(list(table.columns))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append([_safe(cell) for cell in row])
    for index, column in enumerate(table.columns, start=1):
        width = max([len(str(column)), *(len(str(row[index - 1] or "")) for row in table.rows)])
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = min(60, width + 2)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
