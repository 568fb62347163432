"""Person search and the person page on a Bradford-size register (about 318,000 people)."""

from __future__ import annotations

import random
from collections.abc import Callable

from django.core.management import call_command
from django.test import Client

from bench.client import generate, get, signed_in_client
from bench.timing import peak_memory_mb, time_calls
from continuum.people.models import Person

PROFILE, SEED = "bradford-2019-20", 1
REPEATS = 60


def run() -> None:
    call_command("migrate", verbosity=0)
    if not Person.objects.exists():
        generate(PROFILE, SEED, force=False)
    people = Person.objects.count()
    print(f"\nPeople register: {people:,} people ({PROFILE}, seed {SEED})")
    client = signed_in_client("tom")
    sample = _sample_people(REPEATS)
    timings = [
        time_calls("search: misspelt full name", [_search(client, _misspell(p)) for p in sample]),
        time_calls("search: surname only", [_search(client, p.family_name) for p in sample]),
        time_calls("search: date of birth only", [_search_dob(client, p) for p in sample]),
        time_calls("person page (audited view)", [get(client, f"/people/{p.pk}/") for p in sample]),
        time_calls("access log page", [get(client, f"/people/{p.pk}/access-log/") for p in sample]),
    ]
    for timing in timings:
        print(timing.line())
    print(f"Peak memory (this process): {peak_memory_mb():.0f} MB")


def _sample_people(count: int) -> list[Person]:
    chooser = random.Random(SEED)
    highest = Person.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    ids = [chooser.randint(1, highest) for _ in range(count * 3)]
    people = list(Person.objects.children().filter(pk__in=ids, date_of_birth__isnull=False)[:count])
    return people


def _misspell(person: Person) -> str:
    family = person.family_name
    if len(family) > 3:
        family = family[:2] + family[3] + family[2] + family[4:]  # swap two letters
    return f"{person.given_name} {family}"


def _search(client: Client, name: str) -> Callable[[], object]:
    return get(client, "/people/", {"name": name, "searched": "1"})


def _search_dob(client: Client, person: Person) -> Callable[[], object]:
    born = person.date_of_birth
    assert born is not None
    # The date input's parts are named _day, _month and _year (GovukDateInput).
    query = {
        "date_of_birth_day": born.day,
        "date_of_birth_month": born.month,
        "date_of_birth_year": born.year,
    }
    return get(client, "/people/", {**query, "searched": 1})
