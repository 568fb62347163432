"""Plain records of planned people and households, before they are written to the database.

Planning in memory first keeps the generator fast (everything is written with bulk inserts)
and lets tests look at what was planned without a database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from continuum.access.models import Agency

from .names import Heritage
from .places import PlannedAddress


@dataclass
class PlannedName:
    kind: str  # a people.models.NameKind value
    given_name: str
    family_name: str
    recorded_by: Agency | None = None


@dataclass
class PlannedResidence:
    address: int  # index into the household's addresses
    moved_in: date | None
    moved_out: date | None


@dataclass
class PlannedPerson:
    kind: str  # a people.models.PersonKind value
    given_name: str
    family_name: str
    sex: str
    ethnicity: str
    date_of_birth: date | None
    names: str = "british"  # the name list the person's names came from
    middle_names: str = ""
    expected_date_of_delivery: date | None = None
    nhs_number: str = ""
    upn: str = ""
    lives_elsewhere: bool = False  # a parent who is not part of the household
    joined: date | None = None  # when a step-parent or grandparent came to live with the family
    care_experienced: bool = False  # a young adult who was in care as a teenager (journey_stage)
    school: Agency | None = None  # the school a school-age child attends now
    other_names: list[PlannedName] = field(default_factory=list)
    identifiers: list[tuple[Agency, str, str]] = field(default_factory=list)
    residences: list[PlannedResidence] = field(default_factory=list)

    def age_on(self, day: date) -> int | None:
        if self.date_of_birth is None:
            return None
        born = self.date_of_birth
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


@dataclass
class PlannedRelationship:
    person: int  # `person` is the `kind` of `relative`, as in people.models.Relationship
    relative: int
    kind: str
    parental_responsibility: bool
    started: date | None


@dataclass
class PlannedAllocation:
    person: int
    slot: int  # index into the casework slots
    started: date


@dataclass
class PlannedHousehold:
    heritage: Heritage
    shape: str  # couple, single_parent, blended, kinship, care_leaver (a young adult on their own)
    people: list[PlannedPerson] = field(default_factory=list)
    addresses: list[PlannedAddress] = field(default_factory=list)
    relationships: list[PlannedRelationship] = field(default_factory=list)
    allocations: list[PlannedAllocation] = field(default_factory=list)
    moves: int = 0
    restricted: bool = False
    practice: Agency | None = None  # the GP practice the family is registered with

    def add(self, person: PlannedPerson) -> int:
        self.people.append(person)
        return len(self.people) - 1

    def relate(
        self, person: int, relative: int, kind: str, responsibility: bool, started: date | None
    ) -> None:
        self.relationships.append(PlannedRelationship(person, relative, kind, responsibility, started))

    @property
    def children(self) -> list[int]:
        return [index for index, person in enumerate(self.people) if person.kind != "adult"]
