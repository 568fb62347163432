"""python manage.py generate_partnership --profile small --seed 2026"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from continuum.people.models import Person
from continuum.synthetic.generator import describe, generate_partnership
from continuum.synthetic.profiles import PROFILES, get_profile


class Command(BaseCommand):
    help = (
        "Fill an empty database with a synthetic partnership: agencies, staff and the area's families. "
        "The same --profile and --seed always give the same people. Refuses if the database already "
        "holds people, unless --force."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--profile",
            required=True,
            choices=list(PROFILES),
            help="How big: " + "; ".join(f"{p.name}: {p.description}" for p in PROFILES.values()),
        )
        parser.add_argument(
            "--seed", type=int, default=2026, help="Seed for the random choices (default 2026)."
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Add a second population on top of the people already there, for load testing: agencies and "
            "teams are reused, new staff and households are added, and NHS numbers, UPNs and partner ids "
            "skip those in use. Nothing is deleted. Without it the command refuses a populated database.",
        )
        parser.add_argument(
            "--reference-date",
            type=date.fromisoformat,
            default=None,
            help="Work out ages as on this day (YYYY-MM-DD) instead of the profile's (31 March 2026).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        profile = get_profile(options["profile"])
        existing = Person.objects.count()
        if existing and not options["force"]:
            raise CommandError(
                f"The database already holds {existing:,} people, so generating would mix synthetic people "
                "into it. Use an empty database, or run again with --force to add a second population on top."
            )
        reference_date = options["reference_date"]
        if reference_date is not None and reference_date > timezone.localdate():
            raise CommandError(
                "The reference date must be today or earlier, or children would be born in the future"
            )
        self.stdout.write(
            f"Generating the {profile.name} partnership with seed {options['seed']}: {profile.description}"
        )
        summary = generate_partnership(
            profile, options["seed"], progress=self.stdout.write, reference_date=reference_date
        )
        for line in describe(summary):
            self.stdout.write(line)
