"""People and registrations for early help tests (synthetic data only).

Erin Walsh is an early help practitioner in the council's Early Help Hub; there is no early help
persona, so she is made here. Priya (a school's designated safeguarding lead) is a persona.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from continuum.access.audit import Actor, Channel
from continuum.access.models import Agency, Team, User
from continuum.access.roles import AgencyType, Role
from continuum.earlyhelp import registration as steps
from continuum.earlyhelp.models import EarlyHelpRegistration
from continuum.synthetic.personas import COUNCIL

# Test URLs: early help registration mounted alongside the rest of the site.
PASSWORD = "a-test-password-1"


def actor(user: User) -> Actor:
    return Actor(user=user, channel=Channel.PAGE)


def early_help_practitioner(
    username: str = "erin", first_name: str = "Erin", team_name: str = "Early Help Hub"
) -> User:
    agency, _ = Agency.objects.get_or_create(
        name=COUNCIL, defaults={"agency_type": AgencyType.CHILDRENS_SOCIAL_CARE}
    )
    team, _ = Team.objects.get_or_create(agency=agency, name=team_name)
    user = User.objects.create(
        username=username,
        first_name=first_name,
        last_name="Walsh",
        email=f"{username}@northbridge.example",
        job_title="Early help practitioner",
        agency=agency,
    )
    user.set_password(PASSWORD)
    user.save()
    user.teams.add(team)
    user.grant_role(Role.EARLY_HELP_PRACTITIONER)
    return user


def signed_in(client: Client, user: User) -> Client:
    """The test client signed in as `user`, with the second factor passed if their role needs one."""
    client.force_login(user)
    if user.needs_second_factor:
        device, _ = TOTPDevice.objects.get_or_create(user=user, name="test", defaults={"confirmed": True})
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def details(**changes: Any) -> dict[str, Any]:
    """What Priya registers for Mia Fairweather: consent from her mother, help with routines."""
    values: dict[str, Any] = {
        "given_name": "Mia",
        "family_name": "Fairweather",
        "date_of_birth": date(2017, 3, 14),
        "postcode": "bd5 9qt",
        "consent_given_by": "Jo Fairweather, her mother",
        "consent_covers": "Early help for Mia and her mother, and sharing information with school and health",
        "help_wanted": "Morning routines and getting to school on time; Mum wants parenting support.",
        "assessment_started": None,
    }
    values.update(changes)
    return values


def registered_by(partner: User, **changes: Any) -> EarlyHelpRegistration:
    return steps.register(actor(partner), **details(**changes))
