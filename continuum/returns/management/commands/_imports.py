"""What the import commands share: progress, the report of problems and notes, and its CSV copy."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from continuum.returns.imports.common import Rejection, Report


def add_import_arguments(parser: CommandParser) -> None:
    parser.add_argument("--commit", action="store_true", help="Write the records (default: a dry run)")
    parser.add_argument(
        "--agency",
        default="",
        help="The council's children's social care agency, if Continuum has more than one",
    )
    parser.add_argument("--report", default="", help="Also write every problem and note to this CSV file")


def progress(command: BaseCommand) -> Callable[[int, int], None]:
    def show(done: int, total: int) -> None:
        command.stdout.write(f"{done:,} of {total:,} children")

    return show


def report_on(command: BaseCommand, report: Report, *, commit: bool, csv_path: str) -> None:
    """Print what the import did, or would do, and every problem; fail if anything was rejected."""
    for line in report.summary():
        command.stdout.write(line)
    _list(command, "Problems", report.rejections)
    _list(command, "Notes (not problems)", report.notes)
    if csv_path:
        _write_csv(Path(csv_path), report)
        command.stdout.write(f"Problems and notes written to {csv_path}")
    if report.rejections:
        raise CommandError(f"Nothing was written: correct the problems in {report.file} and import it again")
    if not commit:
        command.stdout.write("Run it again with --commit to write it.")


def _list(command: BaseCommand, heading: str, items: list[Rejection]) -> None:
    if items:
        command.stdout.write(f"{heading}:")
        for item in items:
            command.stdout.write(f"  {item}")


def _write_csv(path: Path, report: Report) -> None:
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["kind", "file", "where", "problem"])
        writer.writerows(["problem", each.file, each.where, each.problem] for each in report.rejections)
        writer.writerows(["note", each.file, each.where, each.problem] for each in report.notes)
