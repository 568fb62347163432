"""Print the whole catalogue of indicators for a period, as JSON or as a table."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from continuum.insight.catalogue import CATALOGUE
from continuum.insight.figures import catalogue_figures
from continuum.statutory.periods import Period


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{text!r} is not a date: give it as YYYY-MM-DD, for example 2020-03-31") from None


class Command(BaseCommand):
    help = (
        "Count every indicator in the catalogue for a period (both dates included). Counts 'at the "
        "end' are as at the end of --to."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from", dest="start", required=True, help="First day, YYYY-MM-DD")
        parser.add_argument("--to", dest="end", required=True, help="Last day, YYYY-MM-DD")
        parser.add_argument("--format", choices=("json", "table"), default="table")

    def handle(self, *args: Any, **options: Any) -> None:
        start, end = _day(options["start"]), _day(options["end"])
        if end < start:
            raise CommandError(f"--to ({end}) is before --from ({start}): a period ends after it starts")
        figures = catalogue_figures(Period(start, end))
        if options["format"] == "json":
            self.stdout.write(json.dumps({key: each.value for key, each in figures.items()}, indent=2))
            return
        width = max(len(indicator.name) for indicator in CATALOGUE)
        self.stdout.write(f"Indicators from {start:%d %B %Y} to {end:%d %B %Y}\n")
        for indicator in CATALOGUE:
            each = figures[indicator.id]
            self.stdout.write(f"{indicator.name:<{width}}  {each.text:>10}  {indicator.unit}")
