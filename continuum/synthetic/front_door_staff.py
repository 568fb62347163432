"""Who works a synthetic contact: referrers, front-door workers, managers, police screeners, answerers.

Read from the staff already generated (one query), so that contacts name real accounts: Priya's
school sends MARFs, Tom and his colleagues screen and decide, Aisha signs off, Dan and the
police safeguarding hub screen domestic-abuse notifications, and each agency's practitioners
answer the checks put to it. Police notifications come from the police system's own account,
the one the API uses (`continuum.api.tokens.system_account_for`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from continuum.access.models import Agency, User
from continuum.access.roles import (
    FRONT_DOOR_ROLES,
    PARTNER_CHECK_ROLES,
    REFERRER_ROLES,
    AgencyType,
    Role,
)

PERSONAS = ("tom", "aisha", "dan", "priya")


@dataclass(frozen=True)
class StaffMember:
    pk: int
    name: str
    job_title: str
    email: str
    agency_id: int
    agency_name: str
    agency_type: str


@dataclass
class FrontDoorPeople:
    workers: list[int]
    managers: list[int]
    police_screeners: list[int]
    referrers: dict[str, list[StaffMember]]  # by agency type
    referrers_by_agency: dict[int, list[StaffMember]]
    answerers: dict[int, list[int]]  # who may answer a partner check, by agency
    addresses: dict[int, list[str]]  # where an agency's e-mails go (Operation Encompass notices)
    police_system: StaffMember
    personas: dict[str, int] = field(default_factory=dict)


def load_front_door_people(police: Agency) -> FrontDoorPeople:
    members, roles = _staff()
    people = FrontDoorPeople(
        workers=_holding(members, roles, {Role.FRONT_DOOR_PRACTITIONER}),
        managers=_holding(members, roles, {Role.FRONT_DOOR_MANAGER}),
        police_screeners=[
            pk
            for pk in _holding(members, roles, {Role.FRONT_DOOR_PARTNER_OFFICER})
            if members[pk].agency_type == AgencyType.POLICE
        ],
        referrers={},
        referrers_by_agency={},
        answerers={},
        addresses={},
        police_system=_system_account(police),
        personas=dict(User.objects.filter(username__in=PERSONAS).values_list("username", "pk")),
    )
    if not people.workers or not people.managers:
        raise ValueError("The front door needs at least one practitioner and one manager to work contacts")
    for pk, member in members.items():
        held = roles[pk]
        if held & REFERRER_ROLES and not held & (FRONT_DOOR_ROLES | {Role.PARTNER_SYSTEM}):
            people.referrers.setdefault(member.agency_type, []).append(member)
            people.referrers_by_agency.setdefault(member.agency_id, []).append(member)
        if held & PARTNER_CHECK_ROLES:
            people.answerers.setdefault(member.agency_id, []).append(pk)
            if member.email:
                people.addresses.setdefault(member.agency_id, []).append(member.email)
    people.addresses = {agency: sorted(set(emails)) for agency, emails in people.addresses.items()}
    return people


def _staff() -> tuple[dict[int, StaffMember], dict[int, set[str]]]:
    rows = (
        User.objects.filter(is_active=True, agency__isnull=False, role_assignments__isnull=False)
        .values_list(
            "pk",
            "first_name",
            "last_name",
            "email",
            "job_title",
            "agency_id",
            "agency__name",
            "agency__agency_type",
            "role_assignments__role",
        )
        .order_by("pk", "role_assignments__role")
    )
    members: dict[int, StaffMember] = {}
    roles: dict[int, set[str]] = {}
    for pk, first, last, email, job, agency_id, agency, agency_type, role in rows:
        members.setdefault(
            pk, StaffMember(pk, f"{first} {last}".strip(), job, email, agency_id, agency, agency_type)
        )
        roles.setdefault(pk, set()).add(role)
    return members, roles


def _holding(members: dict[int, StaffMember], roles: dict[int, set[str]], wanted: set[str]) -> list[int]:
    return [pk for pk in members if roles[pk] & wanted]


def _system_account(police: Agency) -> StaffMember:
    from continuum.api.tokens import system_account_for

    account = system_account_for(police)
    return StaffMember(
        account.pk,
        account.username,
        account.job_title,
        account.email,
        police.pk,
        police.name,
        AgencyType.POLICE,
    )
