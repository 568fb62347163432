"""Records restricted to named people: here, families of the partnership's own staff.

A social worker's own children may come to the front door like anyone else's; their records
are restricted so that colleagues cannot browse them, and open only to the named senior staff.
"""

from __future__ import annotations

import random

from django.contrib.auth.hashers import make_password

from continuum.access.models import RecordRestriction, RoleAssignment, User
from continuum.access.roles import Role
from continuum.people.models import Person
from continuum.people.phonetics import fold

from .plans import PlannedHousehold
from .staff import CaseworkSlot


def restrict_staff_families(
    rng: random.Random,
    restricted: list[tuple[PlannedHousehold, list[Person]]],
    slots: list[CaseworkSlot],
    personas: dict[str, User],
) -> int:
    """Makes a member of staff of an adult in each restricted household; names who may open the records."""
    teams = [slot.team for slot in slots if slot.worker is not None and slot.kind != "early_help"]
    named = 0
    for household, people in restricted:
        adult = next(
            planned for planned in household.people if planned.kind == "adult" and not planned.lives_elsewhere
        )
        team = rng.choice(teams)
        colleague = _staff_member(adult.given_name, adult.family_name, team.agency_id)
        colleague.teams.add(team)
        RoleAssignment.objects.create(user=colleague, role=Role.SOCIAL_WORKER)
        readers = [user for user in (personas.get("aisha"), team.manager) if user is not None]
        RecordRestriction.objects.bulk_create(
            [
                RecordRestriction(person=person, user=reader, added_by=personas.get("aisha"))
                for person in people
                for reader in readers
            ]
        )
        named += len(people) * len(readers)
    return named


def _staff_member(given: str, family: str, agency_id: int) -> User:
    base = f"{fold(given)}.{fold(family)}"
    username, number = base, 1
    while User.objects.filter(username=username).exists():
        number += 1
        username = f"{base}{number}"
    return User.objects.create(
        username=username,
        first_name=given,
        last_name=family,
        agency_id=agency_id,
        email=f"{username}@northbridge-council.example",
        job_title="Social worker",
        password=make_password(None),
    )
