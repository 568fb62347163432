"""python manage.py import_ssda903 FOLDER --year 2026 [--commit] [--agency NAME] [--report PROBLEMS.csv]"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from continuum.returns.imports.common import CannotImport
from continuum.returns.imports.ssda903 import import_return

from ._imports import add_import_arguments, progress, report_on
from ._returns import collection_year


class Command(BaseCommand):
    help = (
        "Migrate the care episodes, reviews, missing episodes and outcomes of a previous system's "
        "looked-after children return (SSDA903: a folder of the DfE's CSV files) into Continuum. The "
        "children must already be there with their referrals: import the CIN census first. A dry run "
        "unless given --commit: either way every row is checked with Continuum's entry rules, every "
        "problem is listed, and nothing is written if there is one. Importing the same return again "
        "adds nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", help="The folder of the return's CSV files")
        parser.add_argument("--year", required=True, help="The year the collection ends, e.g. 2026")
        add_import_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        year = collection_year(options["year"])
        try:
            report = import_return(
                Path(options["folder"]),
                year,
                commit=options["commit"],
                agency=options["agency"],
                progress=progress(self),
            )
        except CannotImport as error:
            raise CommandError(f"{error}. Nothing was written") from None
        report_on(self, report, commit=options["commit"], csv_path=options["report"])
