"""The demo personas: the same people in the demo partnership and in the tests.

Each is a made-up member of staff in a made-up agency. Their password is the demo password
unless a test or the demo sets another.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from continuum.access.models import Agency, Team, User
from continuum.access.roles import AgencyType, Role

DEMO_PASSWORD = "continuum-demo-2026"


@dataclass(frozen=True)
class Persona:
    username: str
    first_name: str
    last_name: str
    job_title: str
    agency: str
    agency_type: AgencyType
    team: str
    roles: tuple[Role, ...]
    manager: str | None = None


COUNCIL = "Northbridge Council Children's Services"
PERSONAS: tuple[Persona, ...] = (
    Persona(
        "aisha",
        "Aisha",
        "Khan",
        "Front door team manager",
        COUNCIL,
        AgencyType.CHILDRENS_SOCIAL_CARE,
        "Integrated Front Door",
        (Role.FRONT_DOOR_MANAGER, Role.TEAM_MANAGER),
    ),
    Persona(
        "tom",
        "Tom",
        "Whitaker",
        "Front door social worker",
        COUNCIL,
        AgencyType.CHILDRENS_SOCIAL_CARE,
        "Integrated Front Door",
        (Role.FRONT_DOOR_PRACTITIONER,),
        manager="aisha",
    ),
    Persona(
        "priya",
        "Priya",
        "Sharma",
        "Designated safeguarding lead",
        "Moorside Primary School",
        AgencyType.SCHOOL,
        "Safeguarding",
        (Role.PARTNER_PRACTITIONER,),
    ),
    Persona(
        "dan",
        "Dan",
        "Hughes",
        "Police officer, front door",
        "Northbridge Police",
        AgencyType.POLICE,
        "Safeguarding Hub",
        (Role.FRONT_DOOR_PARTNER_OFFICER,),
    ),
    Persona(
        "grace",
        "Grace",
        "Okafor",
        "Local authority designated officer",
        COUNCIL,
        AgencyType.CHILDRENS_SOCIAL_CARE,
        "LADO Service",
        (Role.LADO,),
    ),
    Persona(
        "sam",
        "Sam",
        "Patel",
        "Performance analyst",
        COUNCIL,
        AgencyType.CHILDRENS_SOCIAL_CARE,
        "Performance and Intelligence",
        (Role.PERFORMANCE_ANALYST,),
    ),
    Persona(
        "alex",
        "Alex",
        "Morgan",
        "System administrator",
        COUNCIL,
        AgencyType.CHILDRENS_SOCIAL_CARE,
        "Digital Services",
        (Role.ADMINISTRATOR,),
    ),
    Persona(
        "nadia",
        "Nadia",
        "Begum",
        "Social worker, assessment team",
        COUNCIL,
        AgencyType.CHILDRENS_SOCIAL_CARE,
        "Assessment Team 1",
        (Role.SOCIAL_WORKER,),
        manager="aisha",
    ),
)


@transaction.atomic
def create_personas(password: str = DEMO_PASSWORD) -> dict[str, User]:
    """Create (or find) every persona with their agency and team; return them by username."""
    users: dict[str, User] = {}
    for persona in PERSONAS:
        agency, _ = Agency.objects.get_or_create(
            name=persona.agency, defaults={"agency_type": persona.agency_type}
        )
        team, _ = Team.objects.get_or_create(agency=agency, name=persona.team)
        user, created = User.objects.get_or_create(
            username=persona.username,
            defaults={
                "first_name": persona.first_name,
                "last_name": persona.last_name,
                "email": f"{persona.username}@{_email_domain(agency.name)}",
                "job_title": persona.job_title,
                "agency": agency,
            },
        )
        if created:
            user.set_password(password)
            user.save()
        user.teams.add(team)
        for role in persona.roles:
            user.grant_role(role)
        users[persona.username] = user
    for persona in PERSONAS:
        if persona.manager:
            User.objects.filter(pk=users[persona.username].pk).update(manager=users[persona.manager])
            users[persona.username].manager = users[persona.manager]
    Team.objects.filter(name="Integrated Front Door", manager__isnull=True).update(manager=users["aisha"])
    return users


def _email_domain(agency_name: str) -> str:
    return agency_name.lower().replace(" ", "-").replace("'", "") + ".example"
