"""The families the front door may hear about: a compact note of each, kept as households are written.

Contacts are generated after the people register is written, so that each child on a contact
can be linked to a real record. Only what a contact needs is kept (names, dates, school, home),
for a share of the area's households: most families never come to the front door, and keeping
every household of a Bradford-size area would cost memory for nothing. Restricted households
(staff families) are never kept: their contacts would be hidden from the front door anyway.

When the years before the front door's have contacts too (`keep_every_family`), every other
household's note is kept as well, by its number, with everyone who was a child since the
journeys began (a 2016 contact may be about someone who is an adult now): each of those years'
referrals and early help episodes has the contact that led to it, whoever the child.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from continuum.people.models import Person

from .plans import PlannedHousehold, PlannedPerson

PREGNANCY_DAYS = 266  # an unborn baby is known of for about nine months before the due date

_RELATIONSHIP_WORDS = {
    ("parent", "F"): "Mother",
    ("parent", "M"): "Father",
    ("step_parent", "F"): "Stepmother",
    ("step_parent", "M"): "Stepfather",
    ("grandparent", "F"): "Grandmother",
    ("grandparent", "M"): "Grandfather",
    ("adult_child", "F"): "Sister (adult)",
    ("adult_child", "M"): "Brother (adult)",
}


@dataclass(frozen=True, slots=True)
class FamilyChild:
    person_id: int
    given_name: str
    middle_names: str
    family_name: str
    born: date | None
    due: date | None  # expected date of delivery of a child unborn on the reference date
    sex: str
    nhs_number: str
    school_id: int | None

    def on(self, day: date) -> tuple[date | None, date | None] | None:
        """(date of birth, expected delivery) as the child stood on `day`; None if not yet known of.

        A child born after `day` was then an unborn baby, due on their birthday.
        """
        birthday = self.born or self.due
        assert birthday is not None
        if birthday <= day:
            return (birthday, None) if self.born else None
        if (birthday - day).days <= PREGNANCY_DAYS:
            return None, birthday
        return None


@dataclass(frozen=True, slots=True)
class FamilyAdult:
    name: str
    relationship: str
    born: date | None
    parental_responsibility: bool
    lives_with_children: bool
    sex: str


@dataclass(frozen=True, slots=True)
class Family:
    children: tuple[FamilyChild, ...]
    adults: tuple[FamilyAdult, ...]
    address: str
    postcode: str
    practice_id: int | None


@dataclass
class FamilyIndex:
    """Keeps a random `share` of the households written, drawing from its own random numbers."""

    rng: random.Random
    share: float
    families: list[Family] = field(default_factory=list)
    # Every household's note by its number (as `YoungPeople` numbers them), with the young adults
    # who were children since `young_since`: for the contacts of the years before the front door's.
    keep_every_family: bool = False
    young_since: date = date.min
    by_household: dict[int, Family] = field(default_factory=dict)

    def add(self, household: PlannedHousehold, people: list[Person], number: int = 0) -> None:
        if household.restricted:
            return
        if self.keep_every_family:
            earlier = family_of(household, people, self.young_since)
            if earlier is not None:
                self.by_household[number] = earlier
        # Families on a caseload are always kept: the front door made the referrals that put them there.
        if self.rng.random() >= self.share and not household.allocations:
            return
        family = family_of(household, people)
        if family is not None:
            self.families.append(family)


def family_of(
    household: PlannedHousehold, people: list[Person], young_since: date | None = None
) -> Family | None:
    """The family's note: its children (and, given `young_since`, the adults born after it), its
    adults, home and GP practice."""
    young = {
        index
        for index, planned in enumerate(household.people)
        if planned.kind in ("child", "unborn")
        or (
            young_since is not None
            and planned.date_of_birth is not None
            and planned.date_of_birth > young_since
        )
    }
    if not young:
        return None
    children = [
        _child(planned, person)
        for index, (planned, person) in enumerate(zip(household.people, people, strict=True))
        if index in young
    ]
    first = household.people[min(young)]
    home = household.addresses[first.residences[-1].address]
    address = ", ".join(part for part in (home.line_1, home.line_2, home.town) if part)
    adults = _adults(household, young)
    return Family(tuple(children), adults, address, home.postcode, _pk(household.practice))


def _child(planned: PlannedPerson, person: Person) -> FamilyChild:
    assert person.pk is not None
    return FamilyChild(
        person.pk,
        planned.given_name,
        planned.middle_names,
        planned.family_name,
        planned.date_of_birth,
        planned.expected_date_of_delivery,
        planned.sex,
        planned.nhs_number,
        _pk(planned.school),
    )


def _adults(household: PlannedHousehold, young: set[int]) -> tuple[FamilyAdult, ...]:
    """Each adult in words a referrer would use, with whether they hold parental responsibility
    (the `young`, counted as the family's children, are not among them)."""
    kinds: dict[int, str] = {}
    responsibility: set[int] = set()
    for link in household.relationships:
        relative = household.people[link.relative]
        adult = household.people[link.person]
        if adult.kind != "adult" or link.kind not in ("parent", "step_parent", "grandparent"):
            continue
        if relative.kind == "adult" and link.relative not in young:
            kinds.setdefault(link.relative, "adult_child")
            continue
        kinds.setdefault(link.person, link.kind)
        if link.parental_responsibility:
            responsibility.add(link.person)
    return tuple(
        FamilyAdult(
            f"{person.given_name} {person.family_name}",
            _RELATIONSHIP_WORDS.get((kinds[index], person.sex), "Relative"),
            person.date_of_birth,
            index in responsibility,
            not person.lives_elsewhere,
            person.sex,
        )
        for index, person in enumerate(household.people)
        if index in kinds and index not in young
    )


def _pk(agency: object) -> int | None:
    return getattr(agency, "pk", None)
