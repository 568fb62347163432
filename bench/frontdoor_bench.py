"""The front door's pages with a large partnership: 100,000 contacts in a year and about 150,000 people.

Tom (a front door social worker) opens the queue as it comes (soonest due first), filtered to
the overdue contacts and to his own, and opens contacts; Aisha (his manager) opens a year's
figures. Each request goes through the whole Django stack, audit entries included.
"""

from __future__ import annotations

import random

from django.core.management import call_command
from django.urls import NoReverseMatch, reverse

from bench.client import generate, get, signed_in_client
from bench.timing import Timing, peak_memory_mb, time_calls
from continuum.frontdoor.figures import financial_year_of
from continuum.frontdoor.models import Contact
from continuum.people.models import Person
from continuum.synthetic.profiles import get_profile

PROFILE, SEED = "front-door-bench", 1
CONTACTS = 100_000
REPEATS = 60


def run() -> None:
    call_command("migrate", verbosity=0)
    if Contact.objects.count() < CONTACTS:
        generate(PROFILE, SEED, force=Person.objects.exists())
    contacts, open_contacts = Contact.objects.count(), Contact.objects.open().count()
    print(
        f"\nFront door: {contacts:,} contacts ({open_contacts:,} open), {Person.objects.count():,} people "
        f"({PROFILE}, seed {SEED})"
    )
    missing = _missing_pages()
    if missing:
        print(f"Not timed: the {', '.join(missing)} page(s) do not exist yet.")
    for timing in _timings(missing):
        print(timing.line())
    print(f"Peak memory (this process): {peak_memory_mb():.0f} MB")


def _timings(missing: list[str]) -> list[Timing]:
    tom = signed_in_client("tom")
    timings = []
    if "queue" not in missing:
        queue = reverse("frontdoor:queue")
        timings += [
            time_calls("queue: default (soonest due first)", [get(tom, queue) for _ in range(REPEATS)]),
            time_calls(
                "queue: overdue only", [get(tom, queue, {"overdue_only": "on"}) for _ in range(REPEATS)]
            ),
            time_calls(
                "queue: allocated to me", [get(tom, queue, {"allocated_to": "me"}) for _ in range(REPEATS)]
            ),
        ]
    if "contact" not in missing:
        paths = [reverse("frontdoor:contact", args=[reference]) for reference in _sample_references(REPEATS)]
        timings.append(time_calls("contact page (audited view)", [get(tom, path) for path in paths]))
    if "figures" not in missing:
        aisha = signed_in_client("aisha")
        year = {"period": str(financial_year_of(get_profile(PROFILE).reference_date))}
        figures = reverse("frontdoor:figures")
        timings.append(
            time_calls(
                "figures: a financial year (as Aisha)", [get(aisha, figures, year) for _ in range(REPEATS)]
            )
        )
    return timings


def _missing_pages() -> list[str]:
    missing = []
    for name, args in (("queue", []), ("contact", ["FD-0000001"]), ("figures", [])):
        try:
            reverse(f"frontdoor:{name}", args=args)
        except NoReverseMatch:
            missing.append(name)
    return missing


def _sample_references(count: int) -> list[str]:
    """Contacts spread over the year (mostly decided, some open), the same ones every run."""
    chooser = random.Random(SEED)
    highest = Contact.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    ids = [chooser.randint(1, highest) for _ in range(count * 2)]
    references = list(Contact.objects.filter(pk__in=ids).values_list("reference", flat=True)[:count])
    return [reference for reference in references if reference]
