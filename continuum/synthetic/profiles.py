"""Sizes of the synthetic partnerships: how many households, schools, practices and staff.

`bradford-2019-20` is calibrated on the Bradford figures in docs (DOMAIN.md, "Calibration"):
about 141,000 children aged 0 to 17, roughly 200 schools, several health trusts and caseloads
that put a few per cent of children in touch with social care or early help.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.management.base import CommandError


@dataclass(frozen=True)
class CaseworkTeamPlan:
    """A casework team: how many workers it has and how many children each carries."""

    name: str
    kind: str  # assessment, child_in_need, child_protection, children_in_care, leaving_care, early_help
    workers: int
    caseload: int
    awaiting_allocation: int = 0  # children allocated to the team but not yet to a worker


@dataclass(frozen=True)
class Profile:
    name: str
    description: str
    households: int
    # Ages and dates are worked out from this day, never from the clock, so that the same seed
    # gives the same people whenever it is run. 31 March is the statutory census date.
    reference_date: date
    primary_schools: int
    secondary_schools: int
    gp_practices: int
    streets_per_district: int
    casework_teams: tuple[CaseworkTeamPlan, ...]
    front_door_workers: int
    restricted_households: int
    # Nadia (the assessment social worker persona) carries this many children in the demo.
    persona_caseload: int = 10
    # The front door: contacts in the year up to the reference date (seeds: Bradford 32,038 in
    # 2019/20), how many of them are kept open at its end (the demo's queue, some overdue), and
    # how many of the open contacts Tom (the front door social worker persona) is working on.
    contacts_per_year: int = 0
    open_queue: int = 0
    persona_queue: int = 4
    # Contacts a year in the years before the front door's, from April 2016, at the calibrated
    # year's level (2019/20; `journey_calibration.CONTACT_YEAR_FACTOR` for the others): the
    # contact behind each referral and early help episode, and the year's others. None: as
    # `contacts_per_year`; 0: none (the journeys of those years have no contacts).
    earlier_contacts_per_year: int | None = None

    @property
    def contacts_before_the_year(self) -> int:
        if not self.contacts_per_year:
            return 0
        earlier = self.earlier_contacts_per_year
        return self.contacts_per_year if earlier is None else earlier


def _teams(
    kind: str, label: str, count: int, workers: int, caseload: int, waiting: int
) -> list[CaseworkTeamPlan]:
    return [CaseworkTeamPlan(f"{label} {n}", kind, workers, caseload, waiting) for n in range(1, count + 1)]


def _casework(scale: int, workers: int, caseload: int, waiting: int) -> tuple[CaseworkTeamPlan, ...]:
    """Casework teams for a partnership of `scale` (1 for a demo, more for a whole area)."""
    plans = [
        *_teams("assessment", "Assessment Team", 2 * scale, workers, caseload, waiting),
        *_teams("child_in_need", "Child in Need Team", max(1, scale * 3 // 2), workers, caseload, waiting),
        *_teams("child_protection", "Child Protection Team", scale, workers, caseload, waiting),
        *_teams("children_in_care", "Children in Care Team", max(1, scale * 3 // 2), workers, caseload, 0),
        *_teams("leaving_care", "Leaving Care Team", max(1, scale // 2), workers, caseload, 0),
        *_teams("early_help", "Family Hub", max(1, scale * 3 // 2), workers, caseload, waiting),
    ]
    return tuple(plans)


REFERENCE_DATE = date(2026, 3, 31)

# The demo: Nadia's Assessment Team 1 has four workers of about ten children each (about forty),
# and every other kind of team is there with a smaller caseload.
SMALL_CASEWORK = (
    CaseworkTeamPlan("Assessment Team 1", "assessment", 4, 10, 2),
    CaseworkTeamPlan("Assessment Team 2", "assessment", 2, 5),
    CaseworkTeamPlan("Child in Need Team 1", "child_in_need", 2, 5),
    CaseworkTeamPlan("Child Protection Team 1", "child_protection", 2, 4),
    CaseworkTeamPlan("Children in Care Team 1", "children_in_care", 2, 4),
    CaseworkTeamPlan("Leaving Care Team 1", "leaving_care", 1, 4),
    CaseworkTeamPlan("Family Hub 1", "early_help", 2, 6, 2),
)

PROFILES: dict[str, Profile] = {
    profile.name: profile
    for profile in (
        Profile(
            name="tiny",
            description="About 40 households: for automated tests that need people but not many.",
            households=40,
            reference_date=REFERENCE_DATE,
            primary_schools=3,
            secondary_schools=1,
            gp_practices=2,
            streets_per_district=3,
            casework_teams=_casework(1, workers=2, caseload=2, waiting=0),
            front_door_workers=2,
            restricted_households=1,
            persona_caseload=3,
            contacts_per_year=60,
            open_queue=4,
            persona_queue=2,
        ),
        Profile(
            name="small",
            description="About 300 households (600 children): the demo partnership, generated in seconds.",
            households=300,
            reference_date=REFERENCE_DATE,
            primary_schools=8,
            secondary_schools=2,
            gp_practices=6,
            streets_per_district=12,
            casework_teams=SMALL_CASEWORK,
            front_door_workers=6,
            restricted_households=3,
            # Richer than the area's rate (about 120 a year for 520 children), as with casework, so
            # that the demo's figures and history have something to show.
            contacts_per_year=400,
            open_queue=16,
            persona_queue=5,
        ),
        Profile(
            name="bradford-2019-20",
            description="An area the size of Bradford in 2019/20: about 141,000 children and their adults.",
            households=80_000,  # about 1.76 children a household: 141,000 children
            reference_date=REFERENCE_DATE,
            primary_schools=160,
            secondary_schools=32,
            gp_practices=80,
            streets_per_district=220,
            casework_teams=_casework(4, workers=8, caseload=18, waiting=15),
            front_door_workers=30,
            restricted_households=20,
            contacts_per_year=32_038,
            open_queue=30,
            persona_queue=8,
        ),
        Profile(
            name="front-door-bench",
            description="For `make bench`: about 150,000 people and 100,000 front-door contacts a year.",
            households=37_700,  # about four people a household: 150,000 people
            reference_date=REFERENCE_DATE,
            primary_schools=80,
            secondary_schools=16,
            gp_practices=40,
            streets_per_district=110,
            casework_teams=_casework(2, workers=8, caseload=18, waiting=15),
            front_door_workers=30,
            restricted_households=10,
            contacts_per_year=100_000,
            persona_queue=8,
            # The bench times the front door's year: the years before keep no contacts, so that
            # its database stays the size its timings have always been measured at.
            earlier_contacts_per_year=0,
        ),
    )
}


def get_profile(name: str) -> Profile:
    try:
        return PROFILES[name]
    except KeyError:
        known = ", ".join(PROFILES)
        raise CommandError(f"There is no profile called {name!r}. Choose one of: {known}") from None
