"""Person search and the person page on a Bradford-size register (about 318,000 people)."""

from __future__ import annotations

import random
import time
from collections.abc import Callable

from django.core.management import call_command
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from bench.timing import peak_memory_mb, time_calls
from continuum.access.models import User
from continuum.people.models import Person

PROFILE, SEED = "bradford-2019-20", 1
REPEATS = 60


def run(arguments: list[str]) -> None:
    call_command("migrate", verbosity=0)
    _ensure_partnership()
    people = Person.objects.count()
    print(f"\nPeople register: {people:,} people ({PROFILE}, seed {SEED})")
    client = _signed_in_client("tom")
    sample = _sample_people(REPEATS)
    timings = [
        time_calls("search: misspelt full name", [_search(client, _misspell(p)) for p in sample]),
        time_calls("search: surname only", [_search(client, p.family_name) for p in sample]),
        time_calls("search: date of birth only", [_search_dob(client, p) for p in sample]),
        time_calls("person page (audited view)", [_get(client, f"/people/{p.pk}/") for p in sample]),
        time_calls("access log page", [_get(client, f"/people/{p.pk}/access-log/") for p in sample]),
    ]
    for timing in timings:
        print(timing.line())
    print(f"Peak memory (this process): {peak_memory_mb():.0f} MB")


def _ensure_partnership() -> None:
    if Person.objects.exists():
        return
    started = time.perf_counter()
    call_command("generate_partnership", profile=PROFILE, seed=SEED)
    print(f"Generated {PROFILE} in {time.perf_counter() - started:.0f} s (kept for the next run)")


def _signed_in_client(username: str) -> Client:
    user = User.objects.get(username=username)
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="bench", defaults={"confirmed": True})
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


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
    return lambda: _ok(client.get("/people/", {"name": name, "searched": "1"}))


def _search_dob(client: Client, person: Person) -> Callable[[], object]:
    born = person.date_of_birth
    assert born is not None
    query = {"date_of_birth_0": born.day, "date_of_birth_1": born.month, "date_of_birth_2": born.year}
    query["searched"] = 1
    return lambda: _ok(client.get("/people/", query))


def _get(client: Client, path: str) -> Callable[[], object]:
    return lambda: _ok(client.get(path))


def _ok(response: object) -> object:
    status = getattr(response, "status_code", 0)
    if status != 200:
        raise RuntimeError(f"benchmark request failed with HTTP {status}")
    return response
