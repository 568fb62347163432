"""Families: who lives together, when the children were born, what they are called, where they lived.

Shapes follow what a safeguarding partnership sees: two-parent families, single parents (the
other parent often known and living elsewhere), blended families with half-siblings and a
step-parent, and grandparents bringing up grandchildren. Ages are spread so that every age
from 0 to 17 is about equally common, as in a settled population.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from .names import HERITAGE_BY_KEY, Heritage, NamePools, choose_heritage
from .places import District, StreetMap, choose_district, nearby_district
from .plans import PlannedHousehold, PlannedName, PlannedPerson, PlannedResidence

TWIN_RATE = 0.016  # about one birth in sixty in England is of twins
PREGNANCY_DAYS = 266  # unborn children are those due within the next nine months
YEAR = 365.25
MOVE_WEIGHTS = (55, 25, 13, 7)  # households that moved 0, 1, 2, 3 times

# A period at one address: (address index, first day, day after the last or None for now).
Period = tuple[int, int, int | None]


@dataclass
class Parents:
    """The names and heritage a family's children take after."""

    father_names: str
    mother_names: str
    child_family: str  # the surname the children are given
    father_ethnicity: str
    mother_ethnicity: str


class HouseholdPlanner:
    def __init__(
        self, rng: random.Random, pools: NamePools, streets: StreetMap, reference_date: date
    ) -> None:
        self.rng = rng
        self.pools = pools
        self.streets = streets
        self.today = reference_date.toordinal()

    def plan(self) -> tuple[PlannedHousehold, District]:
        heritage = choose_heritage(self.rng)
        births = self._births(heritage)
        shape = self._shape(heritage, len(births))
        household = PlannedHousehold(heritage, shape)
        builder = {
            "couple": self._couple,
            "single_parent": self._single_parent,
            "blended": self._blended,
            "kinship": self._kinship,
        }[shape]
        district = builder(household, births)
        return household, district

    def care_experienced(self, born: date) -> tuple[PlannedHousehold, District]:
        """A young adult who was in care as a teenager, now living on their own.

        Their period of care and leaving care support are planned with the journeys
        (`Journeys.plan_care_experienced`); here they are only a person with a home.
        """
        heritage = choose_heritage(self.rng)
        household = PlannedHousehold(heritage, "care_leaver")
        parents = self._parents(heritage)
        sex = self.rng.choice("MF")
        names, ethnicity = (
            (parents.father_names, parents.father_ethnicity)
            if self.rng.random() < 0.5
            else (parents.mother_names, parents.mother_ethnicity)
        )
        person = self._adult(names, sex, parents.child_family, ethnicity, born.toordinal())
        person.care_experienced = True
        index = household.add(person)
        eighteen = born.toordinal() + int(18 * YEAR) + 1
        periods, district = self._home(household, self.rng.randint(eighteen, max(eighteen, self.today - 60)))
        self._live(household, [index], periods)
        return household, district

    # Births and ages ---------------------------------------------------------------------

    def _births(self, heritage: Heritage) -> list[int]:
        """Birth days (ordinals) of the children at home, including any due in the next nine months."""
        while True:
            count = self.rng.choices(range(1, len(heritage.children_weights) + 1), heritage.children_weights)[
                0
            ]
            gaps = [self.rng.randint(450, 1800) for _ in range(count - 1)]
            # The eldest's age is spread wide enough that each younger child's age is even over 0-17.
            day = self.today - self.rng.randint(-PREGNANCY_DAYS, int(18 * YEAR) + sum(gaps))
            births: list[int] = []
            for gap in [0, *gaps]:
                day += gap
                births += [day, day] if self.rng.random() < TWIN_RATE else [day]
            births = [born for born in births if born <= self.today + PREGNANCY_DAYS and self._at_home(born)]
            if any(self.today - born < 18 * YEAR for born in births):
                return births

    def _at_home(self, born: int) -> bool:
        """Children of 18 to 21 often still live at home (and may be care leavers); older ones have left."""
        age = (self.today - born) / YEAR
        return age < 18 or (age < 22 and self.rng.random() < 0.5)

    def _shape(self, heritage: Heritage, children: int) -> str:
        roll = self.rng.random()
        if roll < 0.02:
            return "kinship"
        if roll < 0.02 + heritage.single_parent_rate:
            return "single_parent"
        if children >= 2 and self.rng.random() < 0.12:
            return "blended"
        return "couple"

    def _years_before(self, day: int, mean: float, spread: float, low: float, high: float) -> int:
        return day - int(max(low, min(high, self.rng.gauss(mean, spread))) * YEAR) - self.rng.randint(0, 364)

    def _day(self, ordinal: int | None) -> date | None:
        return None if ordinal is None else date.fromordinal(ordinal)

    # People ------------------------------------------------------------------------------

    def _parents(self, heritage: Heritage) -> Parents:
        father_key, mother_key = heritage.parents or (heritage.key, heritage.key)
        father, mother = HERITAGE_BY_KEY[father_key], HERITAGE_BY_KEY[mother_key]
        return Parents(
            father.names, mother.names, self.pools.family(father.names), father.ethnicity, mother.ethnicity
        )

    def _adult(self, names: str, sex: str, family: str, ethnicity: str, born: int) -> PlannedPerson:
        # Adults' ethnicity is often missing from children's services records.
        recorded = ethnicity if self.rng.random() > 0.12 else ""
        given = self.pools.given(names, sex, adult=True)
        return PlannedPerson(
            "adult",
            given,
            self.pools.for_sex(names, family, sex),
            sex,
            recorded,
            date.fromordinal(born),
            names=names,
        )

    def _mother(self, parents: Parents, heritage: Heritage, first_birth: int) -> PlannedPerson:
        born = self._years_before(first_birth, heritage.mother_age_at_first_birth, 5, 16, 44)
        return self._adult(
            parents.mother_names, "F", self.pools.family(parents.mother_names), parents.mother_ethnicity, born
        )

    def _father(self, parents: Parents, mother: PlannedPerson, family: str | None = None) -> PlannedPerson:
        assert mother.date_of_birth is not None
        born = self._years_before(mother.date_of_birth.toordinal(), 2.5, 3, -5, 12)
        return self._adult(
            parents.father_names, "M", family or parents.child_family, parents.father_ethnicity, born
        )

    def _marry(self, mother: PlannedPerson, husband_family: str, husband_names: str) -> None:
        """Women may take the husband's surname (keeping the old one as a previous name) or keep their own."""
        own = self.pools.own_surname_for_woman(mother.names) if self.rng.random() < 0.5 else None
        if own is not None:
            mother.family_name = own
        elif self.rng.random() < 0.85:
            mother.other_names.append(PlannedName("previous", mother.given_name, mother.family_name))
            mother.family_name = self.pools.for_sex(husband_names, husband_family, "F")

    def _children(
        self, household: PlannedHousehold, parents: Parents, births: list[int], family: str
    ) -> list[int]:
        used: set[str] = {person.given_name for person in household.people}
        return [
            household.add(self._child(household.heritage, parents, born, family, used)) for born in births
        ]

    def _child(
        self, heritage: Heritage, parents: Parents, born: int, family: str, used: set[str]
    ) -> PlannedPerson:
        names = parents.father_names if self.rng.random() < 0.5 else parents.mother_names
        ethnicity = heritage.ethnicity if self.rng.random() > 0.02 else "NOBT"
        if born > self.today:
            return PlannedPerson(
                "unborn",
                "",
                family,
                "U",
                ethnicity,
                None,
                names=names,
                expected_date_of_delivery=date.fromordinal(born),
            )
        sex = self.rng.choice("MF")
        given, middle = self._child_names(names, sex, used)
        birth = date.fromordinal(born)
        today = date.fromordinal(self.today)
        age = today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))
        kind = "adult" if age >= 18 else "child"
        return PlannedPerson(
            kind,
            given,
            self.pools.for_sex(names, family, sex),
            sex,
            ethnicity,
            date.fromordinal(born),
            names=names,
            middle_names=middle,
        )

    def _child_names(self, names: str, sex: str, used: set[str]) -> tuple[str, str]:
        given = self.pools.given(names, sex, adult=False)
        for _ in range(10):  # brothers and sisters are not given the same first name
            if given not in used:
                break
            given = self.pools.given(names, sex, adult=False)
        used.add(given)
        if names == "pakistani" and sex == "M" and given != "Muhammad" and self.rng.random() < 0.3:
            return "Muhammad", given  # known day to day by the second name, recorded by the first
        if self.rng.random() < (0.55 if names == "british" else 0.2):
            middle = self.pools.given(names, sex, adult=False)
            return given, "" if middle == given else middle
        return given, ""

    # Family shapes ---------------------------------------------------------------------

    def _couple(self, household: PlannedHousehold, births: list[int]) -> District:
        heritage = household.heritage
        parents = self._parents(heritage)
        mother = self._mother(parents, heritage, births[0])
        father = self._father(parents, mother)
        married = self.rng.random() < heritage.married_rate
        if married:
            self._marry(mother, parents.child_family, parents.father_names)
        adults = [household.add(mother), household.add(father)]
        children = self._children(household, parents, births, parents.child_family)
        periods, district = self._home(household, births[0] - self.rng.randint(200, 1500))
        self._live(household, adults + children, periods)
        self._parent_of(household, adults[0], children, responsibility=True)
        self._parent_of(household, adults[1], children, responsibility=married or self.rng.random() < 0.9)
        self._siblings(household, children, children, "sibling")
        if heritage.key in ("pakistani", "bangladeshi", "indian") and self.rng.random() < 0.25:
            self._grandmother_lives_in(household, parents, father, children, periods)
        return district

    def _single_parent(self, household: PlannedHousehold, births: list[int]) -> District:
        parents = self._parents(household.heritage)
        mother = self._mother(parents, household.heritage, births[0])
        father = self._father(parents, mother)
        lone_father = self.rng.random() < 0.1
        family = parents.child_family if lone_father or self.rng.random() < 0.5 else mother.family_name
        resident, other = (father, mother) if lone_father else (mother, father)
        parent = household.add(resident)
        children = self._children(household, parents, births, family)
        periods, district = self._home(household, births[0] - self.rng.randint(0, 1200))
        self._live(household, [parent, *children], periods)
        self._parent_of(household, parent, children, responsibility=True)
        # The other parent is often known and living elsewhere; some fathers are not known at all.
        if lone_father or self.rng.random() < 0.6:
            elsewhere = household.add(other)
            self._lives_elsewhere(household, elsewhere)
            self._parent_of(
                household, elsewhere, children, responsibility=lone_father or self.rng.random() < 0.8
            )
        self._siblings(household, children, children, "sibling")
        return district

    def _blended(self, household: PlannedHousehold, births: list[int]) -> District:
        """A mother, her children by a former partner, her new partner and their children together."""
        splits = [n for n in range(1, len(births)) if births[n - 1] != births[n]]  # never between twins
        if not splits:
            household.shape = "couple"
            return self._couple(household, births)
        parents = self._parents(household.heritage)
        split = self.rng.choice(splits)
        mother = self._mother(parents, household.heritage, births[0])
        former = self._father(parents, mother)
        step_family = self.pools.family(parents.father_names)
        step = self._father(parents, mother, step_family)
        step.joined = date.fromordinal(self._joined(births[split - 1], births[split]))
        if self.rng.random() < 0.5:
            self._marry(mother, step_family, parents.father_names)
        indices = [household.add(mother), household.add(step), household.add(former)]
        older = self._children(household, parents, births[:split], former.family_name)
        younger = self._children(household, parents, births[split:], step_family)
        self._take_step_name(household, older, former.family_name, step_family, parents)
        periods, district = self._home(household, births[0] - self.rng.randint(0, 1200))
        self._live(household, [indices[0], indices[1], *older, *younger], periods)
        self._lives_elsewhere(household, indices[2])
        self._blended_relationships(household, indices, older, younger, step.joined)
        return district

    def _joined(self, last_older: int, first_younger: int) -> int:
        earliest, latest = last_older + 180, min(first_younger, self.today) - 270
        return (
            self.rng.randint(earliest, latest) if earliest < latest else min(first_younger, self.today) - 300
        )

    def _take_step_name(
        self,
        household: PlannedHousehold,
        older: list[int],
        former_family: str,
        step_family: str,
        parents: Parents,
    ) -> None:
        """Some children take the surname of a new step-parent; the old one becomes a previous name."""
        if self.rng.random() >= 0.3:
            return
        for index in older:
            child = household.people[index]
            child.other_names.append(PlannedName("previous", child.given_name, child.family_name))
            child.family_name = self.pools.for_sex(parents.father_names, step_family, child.sex)

    def _blended_relationships(
        self,
        household: PlannedHousehold,
        indices: list[int],
        older: list[int],
        younger: list[int],
        joined: date | None,
    ) -> None:
        mother, step, former = indices
        self._parent_of(household, mother, older + younger, responsibility=True)
        self._parent_of(household, former, older, responsibility=self.rng.random() < 0.8)
        self._parent_of(household, step, younger, responsibility=True)
        for child in older:
            # A step-parent has parental responsibility only by agreement or court order: rarely.
            household.relate(step, child, "step_parent", self.rng.random() < 0.1, joined)
        self._siblings(household, older, older, "sibling")
        self._siblings(household, younger, younger, "sibling")
        self._siblings(household, older, younger, "half_sibling")

    def _kinship(self, household: PlannedHousehold, births: list[int]) -> District:
        """Grandparents bringing up grandchildren, often under a special guardianship order."""
        born = [day for day in births if day <= self.today] or [self.today - 400]
        parents = self._parents(household.heritage)
        mother = self._mother(parents, household.heritage, born[0])
        assert mother.date_of_birth is not None
        family = mother.family_name if self.rng.random() < 0.6 else parents.child_family
        grandmother = self._adult(
            parents.mother_names,
            "F",
            mother.family_name,
            parents.mother_ethnicity,
            self._years_before(mother.date_of_birth.toordinal(), 26, 4, 17, 40),
        )
        carers = [household.add(grandmother)]
        if self.rng.random() < 0.4:
            carers.append(
                household.add(
                    self._adult(
                        parents.mother_names,
                        "M",
                        mother.family_name,
                        parents.mother_ethnicity,
                        self._years_before(mother.date_of_birth.toordinal(), 28, 4, 17, 45),
                    )
                )
            )
        children = self._children(household, parents, born, family)
        joined = self.rng.randint(born[-1], max(born[-1], self.today - 30))
        periods, district = self._home(household, self.today - self.rng.randint(800, 7000))
        self._live(household, carers, periods)
        birth_mother = household.add(mother)
        first_home = self._lives_elsewhere(household, birth_mother)
        self._live(
            household, children, [(first_home, 0, joined), *[(a, max(s, joined), e) for a, s, e in periods]]
        )
        self._parent_of(household, birth_mother, children, responsibility=True)
        special_guardians = self.rng.random() < 0.6
        for carer in carers:
            for child in children:
                household.relate(carer, child, "grandparent", special_guardians, date.fromordinal(joined))
        self._siblings(household, children, children, "sibling")
        return district

    def _grandmother_lives_in(
        self,
        household: PlannedHousehold,
        parents: Parents,
        father: PlannedPerson,
        children: list[int],
        periods: list[Period],
    ) -> None:
        assert father.date_of_birth is not None
        born = self._years_before(father.date_of_birth.toordinal(), 26, 4, 17, 40)
        grandmother = self._adult(
            parents.father_names, "F", parents.child_family, parents.father_ethnicity, born
        )
        index = household.add(grandmother)
        self._live(household, [index], periods)
        for child in children:
            household.relate(index, child, "grandparent", False, None)

    # Homes and relationships ----------------------------------------------------------------

    def _home(self, household: PlannedHousehold, formed: int) -> tuple[list[Period], District]:
        """The family's addresses from when it formed until now, moving 0 to 3 times."""
        district = choose_district(self.rng, household.heritage.inner_city_rate)
        latest = self.today - 14
        moves = self.rng.choices(range(len(MOVE_WEIGHTS)), MOVE_WEIGHTS)[0] if formed < latest - 30 else 0
        starts = [formed, *sorted({self.rng.randint(formed + 1, latest) for _ in range(moves)})]
        periods: list[Period] = []
        for number, start in enumerate(starts):
            if number:
                district = nearby_district(self.rng, district, household.heritage.inner_city_rate)
            household.addresses.append(self.streets.address_in(district))
            end = starts[number + 1] if number + 1 < len(starts) else None
            periods.append((len(household.addresses) - 1, start, end))
        household.moves += len(starts) - 1
        return periods, district

    def _live(self, household: PlannedHousehold, people: list[int], periods: list[Period]) -> None:
        for index in people:
            person = household.people[index]
            if person.date_of_birth is None:
                # An unborn child is recorded at the mother's current address.
                person.residences.append(PlannedResidence(periods[-1][0], None, None))
                continue
            arrived = max(person.date_of_birth.toordinal(), person.joined.toordinal() if person.joined else 0)
            for address, start, end in periods:
                moved_in = max(start, arrived)
                if end is None or moved_in < end:
                    person.residences.append(PlannedResidence(address, self._day(moved_in), self._day(end)))

    def _lives_elsewhere(self, household: PlannedHousehold, index: int) -> int:
        person = household.people[index]
        person.lives_elsewhere = True
        household.addresses.append(self.streets.address_in(choose_district(self.rng, 0.5)))
        moved_in = self.today - self.rng.randint(30, 3000)
        person.residences.append(PlannedResidence(len(household.addresses) - 1, self._day(moved_in), None))
        return len(household.addresses) - 1

    def _parent_of(
        self, household: PlannedHousehold, parent: int, children: list[int], responsibility: bool
    ) -> None:
        for child in children:
            person = household.people[child]
            # Parental responsibility ends at 18; adult sons and daughters are still recorded as children of.
            holds = responsibility and person.kind != "adult"
            household.relate(parent, child, "parent", holds, person.date_of_birth)

    @staticmethod
    def _siblings(household: PlannedHousehold, first: list[int], second: list[int], kind: str) -> None:
        """One relationship per pair, from the elder (planned first) to the younger."""
        for elder in first:
            for younger in second:
                if elder < younger:
                    household.relate(elder, younger, kind, False, None)
