"""Rewrite the working-day calendar table, after the `holidays` library learns of a new bank holiday."""

from typing import Any

from django.core.management.base import BaseCommand

from continuum.statutory.models import CalendarDay
from continuum.statutory.working_days import CALENDAR_FROM, CALENDAR_TO, fill_calendar


class Command(BaseCommand):
    help = "Rewrite the working-day calendar the database counts working days with."

    def handle(self, *args: Any, **options: Any) -> None:
        days = fill_calendar(CalendarDay)
        self.stdout.write(f"Wrote {days:,} days, {CALENDAR_FROM} to {CALENDAR_TO}.")
