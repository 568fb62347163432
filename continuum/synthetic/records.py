"""What partner agencies hold about each person: NHS numbers, UPNs, system ids and their spellings.

Rates are rough but shaped by practice: nearly every child has an NHS number, school-age
children have a UPN, most people are registered with a GP, a minority of adults (and a few
older children) are known to the police, and a partner's record of a name is sometimes a
variant or a slip.
"""

from __future__ import annotations

import random
from collections.abc import Collection
from datetime import date

from continuum.access.models import Agency

from .agencies import Agencies, Practice
from .identifiers import NhsNumbers, RecordNumbers, UniquePupilNumbers
from .places import District
from .plans import PlannedHousehold, PlannedName, PlannedPerson
from .variants import partner_variant, preferred_form

NICHE = "Niche RMS"
HOSPITAL_SYSTEM = "Cerner Millennium"


class PartnerRecords:
    def __init__(
        self, rng: random.Random, agencies: Agencies, reference_date: date, taken: dict[str, Collection[str]]
    ) -> None:
        self.rng = rng
        self.agencies = agencies
        self.today = reference_date
        self.nhs_numbers = NhsNumbers(rng, taken.get("nhs", ()))
        self.upns = UniquePupilNumbers(taken.get("upn", ()))
        self.police_ids = RecordNumbers(rng, 9, taken=taken.get(NICHE, ()))
        self.hospital_numbers = RecordNumbers(rng, 7, prefix="K", taken=taken.get(HOSPITAL_SYSTEM, ()))
        self.gp_numbers: dict[int, RecordNumbers] = {}
        self.gp_taken = taken.get("gp", ())

    def add_to(self, household: PlannedHousehold, district: District) -> None:
        practice = self.agencies.practice_near(district, self.rng)
        household.practice = practice.agency
        for person in household.people:
            school = self._school(person, district)
            person.school = school
            self._identify(person, practice, school)
            self._name_variants(person, practice.agency, school)

    def _school(self, person: PlannedPerson, district: District) -> Agency | None:
        """Gives a school-age child a UPN from their first primary school; returns their school now."""
        age = person.age_on(self.today)
        if person.kind != "child" or age is None or person.date_of_birth is None:
            return None
        born = person.date_of_birth
        started = born.year + (5 if born.month >= 9 else 4)  # Reception: the September after turning 4
        first_school_year = self.today.year if self.today.month >= 9 else self.today.year - 1
        if started > first_school_year:
            return None
        if self.rng.random() < 0.96:
            first = self.agencies.schools_near(self.agencies.primary, district, self.rng)
            person.upn = self.upns.next(first.dfe_number, started)
        phase = self.agencies.primary if age < 11 else self.agencies.secondary
        return self.agencies.schools_near(phase, district, self.rng).agency

    def _identify(self, person: PlannedPerson, practice: Practice, school: Agency | None) -> None:
        if person.kind == "unborn":
            return
        if self.rng.random() < (0.97 if person.kind == "child" else 0.93):
            person.nhs_number = self.nhs_numbers.next()
        if self.rng.random() < 0.85:
            numbers = self.gp_numbers.setdefault(
                practice.agency.pk, RecordNumbers(self.rng, 7, taken=self.gp_taken)
            )
            person.identifiers.append((practice.agency, practice.system, numbers.next()))
        if self.rng.random() < self._known_to_police(person):
            person.identifiers.append((self.agencies.police, NICHE, self.police_ids.next()))
        if self.rng.random() < (0.5 if person.kind == "child" else 0.3):
            person.identifiers.append(
                (self.agencies.acute_trust, HOSPITAL_SYSTEM, self.hospital_numbers.next())
            )

    def _known_to_police(self, person: PlannedPerson) -> float:
        age = person.age_on(self.today) or 0
        if person.kind == "adult":
            return 0.35 if person.lives_elsewhere else 0.18
        return 0.06 if age >= 10 else 0.02

    def _name_variants(self, person: PlannedPerson, practice: Agency, school: Agency | None) -> None:
        if not person.given_name:
            return
        preferred = preferred_form(person.given_name, person.middle_names)
        if preferred and self.rng.random() < 0.5:
            person.other_names.append(PlannedName("preferred", preferred, person.family_name))
        recorders = [self.agencies.police, self.agencies.acute_trust, practice] + ([school] if school else [])
        for _ in range(2):
            if self.rng.random() < (0.14 if person.kind == "child" else 0.1):
                given, family = partner_variant(
                    self.rng, person.given_name, person.middle_names, person.family_name
                )
                person.other_names.append(PlannedName("partner", given, family, self.rng.choice(recorders)))
