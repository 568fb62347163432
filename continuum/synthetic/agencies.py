"""The partnership's organisations and teams: police, health, GPs, schools, the council and others.

Names of the agencies the personas work for (the council, Northbridge Police, Moorside Primary
School) are shared with `personas.py`, so the demo staff sit inside the generated partnership.
Codes are synthetic: school URNs from 900001 (above any URN issued) and health codes starting Z.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any, TypeVar

from continuum.access.models import Agency, Team
from continuum.access.roles import AgencyType

from .personas import COUNCIL
from .places import DISTRICTS, District

POLICE = "Northbridge Police"
EARLY_HELP = "Northbridge Early Help"
ACUTE_TRUST = "Northbridge Teaching Hospitals NHS Foundation Trust"
COMMUNITY_TRUST = "Northbridge District Care NHS Foundation Trust"
PERSONA_SCHOOL = "Moorside Primary School"

# (agency, type, code, teams)
FIXED_AGENCIES: tuple[tuple[str, AgencyType, str, tuple[str, ...]], ...] = (
    (
        COUNCIL,
        AgencyType.CHILDRENS_SOCIAL_CARE,
        "",
        ("Integrated Front Door", "Independent Reviewing Service", "LADO Service", "Child Exploitation Hub"),
    ),
    (
        POLICE,
        AgencyType.POLICE,
        "",
        (
            "Safeguarding Hub",
            "Child Exploitation Team",
            "Missing from Home Team",
            "Neighbourhood Policing Team",
        ),
    ),
    (ACUTE_TRUST, AgencyType.HEALTH_TRUST, "ZNB01", ("Safeguarding Children Team", "Maternity Safeguarding")),
    (COMMUNITY_TRUST, AgencyType.HEALTH_TRUST, "ZNB02", ("Health Visiting", "School Nursing", "CAMHS")),
    (
        "Keldale and Craven NHS Foundation Trust",
        AgencyType.HEALTH_TRUST,
        "ZNB03",
        ("Safeguarding Children Team",),
    ),
    (EARLY_HELP, AgencyType.EARLY_HELP, "", ()),
    (
        "Northbridge Council Education Services",
        AgencyType.EDUCATION,
        "",
        ("Education Safeguarding", "Children Missing Education"),
    ),
    ("Northbridge Youth Justice Service", AgencyType.YOUTH_JUSTICE, "", ("Youth Justice Team",)),
    ("Probation Service, Northbridge", AgencyType.PROBATION, "", ("Offender Management",)),
    ("Northbridge Homes", AgencyType.HOUSING, "", ("Tenancy Support",)),
    ("Young Lives Northbridge", AgencyType.VOLUNTARY, "", ("Youth Work",)),
    (
        "Northbridge Domestic Abuse Service",
        AgencyType.VOLUNTARY,
        "",
        ("Children and Young People's Service",),
    ),
    ("Horizon Young People's Project", AgencyType.VOLUNTARY, "", ("Exploitation Support",)),
    ("Northbridge Safeguarding Children Partnership", AgencyType.PARTNERSHIP, "", ("Business Unit",)),
)


@dataclass
class School:
    agency: Agency
    dfe_number: str  # the school's four-digit DfE number, part of each pupil's UPN
    district: District


@dataclass
class Practice:
    agency: Agency
    system: str  # the clinical system whose record numbers the practice uses
    district: District


_Local = TypeVar("_Local", School, Practice)


@dataclass
class Agencies:
    by_name: dict[str, Agency]
    primary: list[School]
    secondary: list[School]
    practices: list[Practice]
    teams: dict[tuple[str, str], Team] = field(default_factory=dict)
    _district_index: dict[int, dict[str, list[Any]]] = field(default_factory=dict, repr=False)

    @property
    def police(self) -> Agency:
        return self.by_name[POLICE]

    @property
    def acute_trust(self) -> Agency:
        return self.by_name[ACUTE_TRUST]

    @property
    def council(self) -> Agency:
        return self.by_name[COUNCIL]

    def schools_near(self, schools: list[School], district: District, rng: random.Random) -> School:
        local = self._by_district(schools).get(district.outward)
        return rng.choice(local or schools)

    def practice_near(self, district: District, rng: random.Random) -> Practice:
        local = self._by_district(self.practices).get(district.outward)
        return rng.choice(local or self.practices)

    def _by_district(self, places: list[_Local]) -> dict[str, list[_Local]]:
        """Schools or practices by postcode district, worked out once per list (asked once per household)."""
        key = id(places)
        if key not in self._district_index:
            index: dict[str, list[_Local]] = {}
            for place in places:
                index.setdefault(place.district.outward, []).append(place)
            self._district_index[key] = index
        return self._district_index[key]


def ensure_agencies(specs: list[tuple[str, AgencyType, str]]) -> dict[str, Agency]:
    """Find or create agencies by name in two queries; ones from personas or an earlier run are kept."""
    names = [name for name, _, _ in specs]
    existing = {agency.name: agency for agency in Agency.objects.filter(name__in=names)}
    missing = [
        Agency(name=name, agency_type=kind, external_code=code)
        for name, kind, code in specs
        if name not in existing
    ]
    Agency.objects.bulk_create(missing)
    return {**existing, **{agency.name: agency for agency in missing}}


def ensure_teams(wanted: list[tuple[Agency, str]]) -> dict[tuple[str, str], Team]:
    agency_ids = {agency.pk for agency, _ in wanted}
    existing = {
        (team.agency.name, team.name): team
        for team in Team.objects.filter(agency_id__in=agency_ids).select_related("agency")
    }
    missing = [
        Team(agency=agency, name=name) for agency, name in wanted if (agency.name, name) not in existing
    ]
    Team.objects.bulk_create(missing)
    return {**existing, **{(team.agency.name, team.name): team for team in missing}}


def _school_names(rng: random.Random, count: int, surnames: list[str], phase: str) -> list[str]:
    patterns = (
        (
            "{locality} Primary School",
            "{surname} Primary School",
            "St {saint}'s Catholic Primary School",
            "{locality} Park Primary Academy",
            "{surname} CE Primary School",
        )
        if phase == "primary"
        else ("{locality} Academy", "{locality} High School", "{surname} School", "{locality} Grammar School")
    )
    saints = (
        "Mary",
        "Joseph",
        "Anne",
        "Peter",
        "John",
        "Matthew",
        "Clare",
        "Francis",
        "Columba",
        "Winefride",
    )
    names: list[str] = [PERSONA_SCHOOL] if phase == "primary" else []
    while len(names) < count:
        district = DISTRICTS[len(names) % len(DISTRICTS)]
        name = rng.choice(patterns).format(
            locality=district.locality, surname=rng.choice(surnames), saint=rng.choice(saints)
        )
        if name not in names:
            names.append(name)
    return names


def _district_of(index: int, name: str) -> District:
    # Moorside Primary is in Moorside (BD5); the rest are spread across the districts in turn.
    if name == PERSONA_SCHOOL:
        return next(district for district in DISTRICTS if district.locality == "Moorside")
    return DISTRICTS[index % len(DISTRICTS)]


def _practice_names(rng: random.Random, count: int, surnames: list[str]) -> list[str]:
    patterns = (
        "{locality} Medical Practice",
        "{surname} Surgery",
        "{locality} Health Centre",
        "{surname} Road Surgery",
        "{locality} Family Practice",
    )
    names: list[str] = []
    while len(names) < count:
        district = DISTRICTS[len(names) % len(DISTRICTS)]
        name = rng.choice(patterns).format(locality=district.locality, surname=rng.choice(surnames))
        if name not in names:
            names.append(name)
    return names


def create_agencies(
    rng: random.Random, surnames: list[str], primaries: int, secondaries: int, practices: int
) -> Agencies:
    primary_names = _school_names(rng, primaries, surnames, "primary")
    secondary_names = _school_names(rng, secondaries, surnames, "secondary")
    practice_names = _practice_names(rng, practices, surnames)
    specs: list[tuple[str, AgencyType, str]] = [(name, kind, code) for name, kind, code, _ in FIXED_AGENCIES]
    specs += [
        (name, AgencyType.SCHOOL, str(900001 + n)) for n, name in enumerate(primary_names + secondary_names)
    ]
    specs += [(name, AgencyType.GP_PRACTICE, f"Z83{n + 1:03d}") for n, name in enumerate(practice_names)]
    by_name = ensure_agencies(specs)
    return Agencies(
        by_name=by_name,
        primary=[
            School(by_name[name], f"{2001 + n}", _district_of(n, name))
            for n, name in enumerate(primary_names)
        ],
        secondary=[
            School(by_name[name], f"{4001 + n}", _district_of(n, name))
            for n, name in enumerate(secondary_names)
        ],
        practices=[
            Practice(by_name[name], "SystmOne" if rng.random() < 0.75 else "EMIS Web", _district_of(n, name))
            for n, name in enumerate(practice_names)
        ],
    )
