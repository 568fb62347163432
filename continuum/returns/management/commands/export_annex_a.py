"""python manage.py export_annex_a --on 2026-03-31 --out annex_a.xlsx"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from continuum.access.audit import Actor
from continuum.returns import services
from continuum.returns.annex_a import MONTHS


def inspection_date(text: str) -> date:
    """The date the lists run to, as YYYY-MM-DD; Annex A lists what has happened, so not a later day."""
    try:
        on = date.fromisoformat(text)
    except ValueError:
        raise CommandError(
            f"--on {text!r} is not a date: give it as YYYY-MM-DD, for example 2026-03-31"
        ) from None
    today = timezone.localdate()
    if on > today:
        raise CommandError(
            f"--on {on.isoformat()} is in the future: Annex A lists what has already happened, so give "
            f"today ({today.isoformat()}) or an earlier date"
        )
    return on


class Command(BaseCommand):
    help = (
        f"Write Ofsted's Annex A lists 1 to 9 for the {MONTHS} months up to and including a date as an "
        "Excel workbook, one sheet per list after an About sheet. Every child in it is audited as "
        "exported. Lists 10 and 11 (adoption) are not written: Continuum has no adoption records yet."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--on", required=True, help="The last day of the six months, e.g. 2026-03-31")
        parser.add_argument("--out", required=True, help="The Excel file (.xlsx) to write")

    def handle(self, *args: Any, **options: Any) -> None:
        on = inspection_date(options["on"])
        out = Path(options["out"])
        if not out.parent.is_dir():
            raise CommandError(f"--out {out}: the folder {out.parent} does not exist")
        children = services.export_annex_a(Actor.command("export_annex_a"), on, out)
        self.stdout.write(f"Ofsted Annex A to {on:%d/%m/%Y}: {children:,} children written to {out}")
