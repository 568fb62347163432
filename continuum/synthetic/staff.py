"""Staff in every team, with the roles they hold, and the casework slots children are allocated to.

Generated staff get an unusable password: only the personas sign in to the demo. Each casework
team has a generated manager; its workers (and Nadia, in Assessment Team 1) carry a caseload.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password

from continuum.access.models import RoleAssignment, Team, User
from continuum.access.roles import Role
from continuum.people.phonetics import fold

from .agencies import EARLY_HELP, FIXED_AGENCIES, PERSONA_SCHOOL, POLICE, Agencies, ensure_teams
from .names import NamePools, choose_heritage
from .personas import COUNCIL
from .profiles import CaseworkTeamPlan, Profile

CASEWORK_REASONS = {
    "assessment": "Child and family assessment",
    "child_in_need": "Child in need plan",
    "child_protection": "Child protection plan",
    "children_in_care": "Child looked after",
    "leaving_care": "Pathway plan (care leaver)",
    "early_help": "Early help assessment and plan",
}
PERSONA_TEAM = "Assessment Team 1"


@dataclass(frozen=True)
class TeamStaffing:
    agency: str
    team: str
    role: Role
    job_title: str
    people: int


@dataclass
class CaseworkSlot:
    """Somewhere a child can be allocated: a worker's caseload, or the team's waiting list."""

    team: Team
    kind: str
    worker: User | None
    capacity: int

    @property
    def reason(self) -> str:
        return CASEWORK_REASONS[self.kind]


@dataclass
class Staff:
    created: int
    slots: list[CaseworkSlot]


def _partner_staffing(scale: int) -> list[TeamStaffing]:
    council_and_partners = [
        TeamStaffing(
            COUNCIL,
            "Independent Reviewing Service",
            Role.CONFERENCE_CHAIR,
            "Independent reviewing officer",
            2 * scale,
        ),
        TeamStaffing(COUNCIL, "LADO Service", Role.LADO, "Local authority designated officer", scale),
        TeamStaffing(
            COUNCIL, "Child Exploitation Hub", Role.EXPLOITATION_LEAD, "Exploitation lead", 2 * scale
        ),
        TeamStaffing(
            POLICE, "Safeguarding Hub", Role.FRONT_DOOR_PARTNER_OFFICER, "Detective constable", 3 * scale
        ),
        TeamStaffing(
            "Northbridge Council Education Services",
            "Education Safeguarding",
            Role.EDUCATION_SAFEGUARDING,
            "Education safeguarding officer",
            2 * scale,
        ),
        TeamStaffing(
            "Northbridge Safeguarding Children Partnership",
            "Business Unit",
            Role.BUSINESS_UNIT,
            "Partnership officer",
            2,
        ),
    ]
    covered = {(staffing.agency, staffing.team) for staffing in council_and_partners}
    for agency, _, _, teams in FIXED_AGENCIES:
        for team in teams:
            if (agency, team) not in covered and agency != COUNCIL:
                council_and_partners.append(
                    TeamStaffing(agency, team, Role.PARTNER_PRACTITIONER, "Practitioner", scale)
                )
    return council_and_partners


def _school_and_gp_staffing(agencies: Agencies) -> list[TeamStaffing]:
    staffing = [
        TeamStaffing(
            school.agency.name,
            "Safeguarding",
            Role.PARTNER_PRACTITIONER,
            "Deputy designated safeguarding lead"
            if school.agency.name == PERSONA_SCHOOL
            else "Designated safeguarding lead",
            1 if school.agency.name == PERSONA_SCHOOL else 2,
        )
        for school in agencies.primary + agencies.secondary
    ]
    staffing += [
        TeamStaffing(
            practice.agency.name, "Safeguarding", Role.PARTNER_PRACTITIONER, "GP safeguarding lead", 1
        )
        for practice in agencies.practices
    ]
    return staffing


class StaffFactory:
    """Makes unsaved users with plausible names and unique usernames."""

    def __init__(self, rng: random.Random, pools: NamePools) -> None:
        self.rng = rng
        self.pools = pools
        self.taken = set(User.objects.values_list("username", flat=True))
        self.unusable_password = make_password(None)

    def user(self, agencies: Agencies, agency: str, job_title: str, manager: User | None = None) -> User:
        heritage = choose_heritage(self.rng)
        names = "british" if heritage.parents else heritage.names
        sex = self.rng.choice("MF")
        given = self.pools.given(names, sex, adult=True)
        family = self.pools.for_sex(names, self.pools.family(names), sex)
        username = self._unique(f"{fold(given)}.{fold(family)}")
        domain = fold(agency) or "agency"
        return User(
            username=username,
            first_name=given,
            last_name=family,
            email=f"{username}@{domain}.example",
            job_title=job_title,
            agency=agencies.by_name[agency],
            password=self.unusable_password,
            manager=manager,
        )

    def _unique(self, base: str) -> str:
        username, number = base, 1
        while username in self.taken:
            number += 1
            username = f"{base}{number}"
        self.taken.add(username)
        return username


def _casework_agency(plan: CaseworkTeamPlan) -> str:
    return EARLY_HELP if plan.kind == "early_help" else COUNCIL


def _casework_job(plan: CaseworkTeamPlan) -> tuple[Role, str]:
    if plan.kind == "early_help":
        return Role.EARLY_HELP_PRACTITIONER, "Early help practitioner"
    if plan.kind == "leaving_care":
        return Role.SOCIAL_WORKER, "Personal adviser"
    return Role.SOCIAL_WORKER, "Social worker"


def ensure_all_teams(agencies: Agencies, profile: Profile) -> None:
    wanted = [(agencies.by_name[agency], team) for agency, _, _, teams in FIXED_AGENCIES for team in teams]
    wanted += [(agencies.by_name[_casework_agency(plan)], plan.name) for plan in profile.casework_teams]
    wanted += [(school.agency, "Safeguarding") for school in agencies.primary + agencies.secondary]
    wanted += [(practice.agency, "Safeguarding") for practice in agencies.practices]
    agencies.teams = ensure_teams(wanted)


def create_staff(
    rng: random.Random, pools: NamePools, agencies: Agencies, profile: Profile, personas: dict[str, User]
) -> Staff:
    ensure_all_teams(agencies, profile)
    factory = StaffFactory(rng, pools)
    placements: list[tuple[User, Team, tuple[Role, ...]]] = []
    managers = _casework_managers(factory, agencies, profile, placements)
    slots = _casework_workers(factory, agencies, profile, personas, managers, placements)
    scale = max(1, profile.households // 15000)
    front_door = TeamStaffing(
        COUNCIL,
        "Integrated Front Door",
        Role.FRONT_DOOR_PRACTITIONER,
        "Front door social worker",
        profile.front_door_workers,
    )
    for staffing in [front_door, *_partner_staffing(scale), *_school_and_gp_staffing(agencies)]:
        manager = personas.get("aisha") if staffing is front_door else None
        team = agencies.teams[(staffing.agency, staffing.team)]
        for _ in range(staffing.people):
            placements.append(
                (factory.user(agencies, staffing.agency, staffing.job_title, manager), team, (staffing.role,))
            )
    User.objects.bulk_create([user for user, _, _ in placements if user.pk is None])
    _record_roles_and_teams(placements)
    return Staff(created=len(placements), slots=slots)


def _casework_managers(
    factory: StaffFactory,
    agencies: Agencies,
    profile: Profile,
    placements: list[tuple[User, Team, tuple[Role, ...]]],
) -> dict[str, User]:
    managers: dict[str, User] = {}
    for plan in profile.casework_teams:
        role, _ = _casework_job(plan)
        manager = factory.user(agencies, _casework_agency(plan), "Team manager")
        managers[plan.name] = manager
        placements.append(
            (manager, agencies.teams[(_casework_agency(plan), plan.name)], (Role.TEAM_MANAGER, role))
        )
    User.objects.bulk_create(list(managers.values()))
    teams = []
    for plan in profile.casework_teams:
        team = agencies.teams[(_casework_agency(plan), plan.name)]
        team.manager = managers[plan.name]
        teams.append(team)
    Team.objects.bulk_update(teams, ["manager"])
    return managers


def _casework_workers(
    factory: StaffFactory,
    agencies: Agencies,
    profile: Profile,
    personas: dict[str, User],
    managers: dict[str, User],
    placements: list[tuple[User, Team, tuple[Role, ...]]],
) -> list[CaseworkSlot]:
    slots: list[CaseworkSlot] = []
    for plan in profile.casework_teams:
        agency = _casework_agency(plan)
        team = agencies.teams[(agency, plan.name)]
        role, job_title = _casework_job(plan)
        workers = plan.workers
        if plan.name == PERSONA_TEAM and "nadia" in personas:
            slots.append(CaseworkSlot(team, plan.kind, personas["nadia"], profile.persona_caseload))
            workers -= 1
        for _ in range(workers):
            worker = factory.user(agencies, agency, job_title, managers[plan.name])
            placements.append((worker, team, (role,)))
            slots.append(CaseworkSlot(team, plan.kind, worker, plan.caseload))
        if plan.awaiting_allocation:
            slots.append(CaseworkSlot(team, plan.kind, None, plan.awaiting_allocation))
    return slots


def _record_roles_and_teams(placements: list[tuple[User, Team, tuple[Role, ...]]]) -> None:
    RoleAssignment.objects.bulk_create(
        [RoleAssignment(user=user, role=role) for user, _, roles in placements for role in roles]
    )
    membership = User.teams.through
    User.teams.through.objects.bulk_create(
        [membership(user_id=user.pk, team_id=team.pk) for user, team, _ in placements]
    )
