"""python manage.py export_cin_census --year 2026 --out cin.xml [--check]"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from continuum.access.audit import Actor
from continuum.returns import services
from continuum.returns.validation import validate_cin_census

from ._returns import check, collection_year


class Command(BaseCommand):
    help = (
        "Write the children in need census for a collection year (1 April to 31 March, named by the "
        "year it ends) as the DfE's XML. Every child in it is audited as exported. With --check, "
        "check it with the DfE's rules and list what they find; the command fails if they find errors."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", required=True, help="The year the collection ends, e.g. 2026")
        parser.add_argument("--out", required=True, help="The XML file to write")
        parser.add_argument("--check", action="store_true", help="Check it with the DfE validator")

    def handle(self, *args: Any, **options: Any) -> None:
        year = collection_year(options["year"])
        out = Path(options["out"])
        if not out.parent.is_dir():
            raise CommandError(f"--out {out}: the folder {out.parent} does not exist")
        children = services.export_cin_census(Actor.command("export_cin_census"), year, out)
        self.stdout.write(f"CIN census {year.label}: {children:,} children written to {out}")
        if not options["check"]:
            return
        check(self.stdout, lambda: validate_cin_census(out, year), out)
