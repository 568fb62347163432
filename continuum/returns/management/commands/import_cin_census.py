"""python manage.py import_cin_census FILE.xml [--commit] [--agency NAME] [--report PROBLEMS.csv]"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from continuum.returns.imports.cin_census import import_census
from continuum.returns.imports.common import CannotImport

from ._imports import add_import_arguments, progress, report_on


class Command(BaseCommand):
    help = (
        "Migrate the children and episodes of a previous system's CIN census (the DfE's XML) into "
        "Continuum. A dry run unless given --commit: either way every child is checked with "
        "Continuum's entry rules, every problem is listed, and nothing is written if there is one. "
        "Importing the same file again adds nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The CIN census XML file")
        add_import_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            report = import_census(
                path, commit=options["commit"], agency=options["agency"], progress=progress(self)
            )
        except CannotImport as error:
            raise CommandError(f"{error}. Nothing was written") from None
        report_on(self, report, commit=options["commit"], csv_path=options["report"])
