"""Writes planned households to the database in batches, with bulk inserts and no per-row queries.

Bulk inserts (`bulk.create`) skip `save()`, so the phonetic name keys and the postcode
normalisation that `Person.save()`, `OtherName.save()` and `Address.save()` would do are done here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from continuum.people.models import (
    Address,
    Allocation,
    ExternalIdentifier,
    OtherName,
    Person,
    Relationship,
    Residence,
    RestrictionLevel,
    Service,
)
from continuum.people.phonetics import name_key
from continuum.people.validators import normalise_postcode

from .bulk import create
from .disabilities import disabilities_for
from .families import FamilyIndex
from .journey_people import YoungPeople
from .plans import PlannedHousehold, PlannedPerson, PlannedRelationship
from .staff import CaseworkSlot

BATCH_SIZE = 5000
SERVICE_BY_KIND = {"early_help": Service.EARLY_HELP, "leaving_care": Service.LEAVING_CARE}


@dataclass
class Counts:
    households: int = 0
    children: int = 0
    unborn: int = 0
    adults: int = 0
    addresses: int = 0
    moves: int = 0
    residences: int = 0
    relationships: int = 0
    other_names: int = 0
    identifiers: int = 0
    allocations: int = 0
    restricted: int = 0


@dataclass
class HouseholdWriter:
    slots: list[CaseworkSlot]
    # Notes on families the front door may hear about, kept as their people are saved.
    families: FamilyIndex | None = None
    # Everyone who was a child since the journeys began, and the children on caseloads, for the journeys.
    young: YoungPeople = field(default_factory=YoungPeople)
    caseloads: list[tuple[int, str, int]] = field(default_factory=list)  # (person, kind of team, household)
    batch_size: int = BATCH_SIZE
    counts: Counts = field(default_factory=Counts)
    # Restricted households, kept with their saved people so that the restriction can name staff.
    restricted: list[tuple[PlannedHousehold, list[Person]]] = field(default_factory=list)
    _pending: list[PlannedHousehold] = field(default_factory=list)
    _pending_people: int = 0

    def add(self, household: PlannedHousehold) -> None:
        self._pending.append(household)
        self._pending_people += len(household.people)
        if self._pending_people >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        if not self._pending:
            return
        addresses = self._write_addresses()
        people = self._write_people()
        for household, saved_people in zip(self._pending, people, strict=True):
            self._count(household)
            if household.restricted:
                self.restricted.append((household, saved_people))
            if self.families is not None:
                self.families.add(household, saved_people, self.counts.households)
            self._remember_for_journeys(household, saved_people)
        self._write_details(addresses, people)
        self._pending, self._pending_people = [], 0

    def _remember_for_journeys(self, household: PlannedHousehold, people: list[Person]) -> None:
        number = self.counts.households
        self.young.add(household, [person.pk for person in people], number)
        self.caseloads += [
            (people[planned.person].pk, self.slots[planned.slot].kind, number)
            for planned in household.allocations
        ]

    def _write_addresses(self) -> list[list[Address]]:
        per_household = [
            [
                Address(
                    line_1=planned.line_1,
                    line_2=planned.line_2,
                    town=planned.town,
                    postcode=normalise_postcode(planned.postcode),
                )
                for planned in household.addresses
            ]
            for household in self._pending
        ]
        create(Address, [address for addresses in per_household for address in addresses])
        return per_household

    def _write_people(self) -> list[list[Person]]:
        per_household = [
            [_person(planned, household.restricted) for planned in household.people]
            for household in self._pending
        ]
        create(Person, [person for people in per_household for person in people])
        return per_household

    def _write_details(self, addresses: list[list[Address]], people: list[list[Person]]) -> None:
        rows = _DetailRows()
        for household, saved_addresses, saved_people in zip(self._pending, addresses, people, strict=True):
            for planned, person in zip(household.people, saved_people, strict=True):
                rows.add_person_details(planned, person, saved_addresses)
            rows.relationships += [_relationship(link, saved_people) for link in household.relationships]
            rows.allocations += [
                self._allocation(saved_people[planned.person], planned.slot, planned.started)
                for planned in household.allocations
            ]
        create(Residence, rows.residences)
        create(Relationship, rows.relationships)
        create(OtherName, rows.names)
        create(ExternalIdentifier, rows.identifiers)
        create(Allocation, rows.allocations)
        self.counts.residences += len(rows.residences)
        self.counts.relationships += len(rows.relationships)
        self.counts.other_names += len(rows.names)
        self.counts.identifiers += len(rows.identifiers)
        self.counts.allocations += len(rows.allocations)

    def _allocation(self, person: Person, slot_index: int, started: date) -> Allocation:
        slot = self.slots[slot_index]
        return Allocation(
            person=person,
            worker=slot.worker,
            team=slot.team,
            started=started,
            reason=slot.reason,
            service=SERVICE_BY_KIND.get(slot.kind, Service.SOCIAL_CARE),
        )

    def _count(self, household: PlannedHousehold) -> None:
        counts = self.counts
        counts.households += 1
        counts.addresses += len(household.addresses)
        counts.moves += household.moves
        for person in household.people:
            counts.children += person.kind == "child"
            counts.unborn += person.kind == "unborn"
            counts.adults += person.kind == "adult"
        counts.restricted += len(household.people) if household.restricted else 0


def _person(planned: PlannedPerson, restricted: bool) -> Person:
    return Person(
        kind=planned.kind,
        given_name=planned.given_name,
        middle_names=planned.middle_names,
        family_name=planned.family_name,
        given_name_key=name_key(planned.given_name),
        family_name_key=name_key(planned.family_name),
        date_of_birth=planned.date_of_birth,
        expected_date_of_delivery=planned.expected_date_of_delivery,
        sex=planned.sex,
        ethnicity=planned.ethnicity,
        disabilities=disabilities_for(planned),
        nhs_number=planned.nhs_number,
        upn=planned.upn,
        restriction=RestrictionLevel.RESTRICTED if restricted else RestrictionLevel.STANDARD,
    )


def _relationship(link: PlannedRelationship, people: list[Person]) -> Relationship:
    return Relationship(
        person=people[link.person],
        relative=people[link.relative],
        kind=link.kind,
        has_parental_responsibility=link.parental_responsibility,
        started=link.started,
    )


@dataclass
class _DetailRows:
    """The rows that hang off a batch of people, gathered for one bulk insert per table."""

    residences: list[Residence] = field(default_factory=list)
    relationships: list[Relationship] = field(default_factory=list)
    names: list[OtherName] = field(default_factory=list)
    identifiers: list[ExternalIdentifier] = field(default_factory=list)
    allocations: list[Allocation] = field(default_factory=list)

    def add_person_details(self, planned: PlannedPerson, person: Person, addresses: list[Address]) -> None:
        self.residences += [
            Residence(
                person=person,
                address=addresses[stay.address],
                moved_in=stay.moved_in,
                moved_out=stay.moved_out,
            )
            for stay in planned.residences
        ]
        self.names += [
            OtherName(
                person=person,
                kind=name.kind,
                given_name=name.given_name,
                family_name=name.family_name,
                given_name_key=name_key(name.given_name),
                family_name_key=name_key(name.family_name),
                recorded_by=name.recorded_by,
            )
            for name in planned.other_names
        ]
        self.identifiers += [
            ExternalIdentifier(person=person, agency=agency, system=system, identifier=number)
            for agency, system, number in planned.identifiers
        ]
