"""python manage.py demo_partnership: the demo data behind `make run`, and how to sign in to it."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from continuum.synthetic.demo import DEMO_PROFILE, DEMO_SEED, build_demo, describe_demo, ensure_demo_accounts
from continuum.synthetic.generator import describe


class Command(BaseCommand):
    help = (
        f"If the database has no people, create the demo staff and the {DEMO_PROFILE} partnership (seed "
        f"{DEMO_SEED}) with a walkthrough family. Always print the demo address, accounts and how to get "
        "a second-factor code."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        summary = build_demo(progress=self.stdout.write)
        if summary is None:
            self.stdout.write("The database already holds people: leaving them as they are.")
        else:
            for line in describe(summary):
                self.stdout.write(line)
        for line in describe_demo(ensure_demo_accounts()):
            self.stdout.write(line)
