"""Only early help practitioners and team managers take registrations.

Nadia (a social worker) and Sam (a performance analyst) are refused the queue, the registration
page and declining, and the services refuse them too; each refusal is audited. Sam, who does not
work with children, cannot register early help either. Aisha, a team manager, may take them.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from continuum.access import policy
from continuum.access.models import AuditEntry, User
from continuum.access.policy import Permission
from continuum.earlyhelp import registration as steps
from continuum.earlyhelp.models import RegistrationStatus

from .helpers import actor, details, registered_by, signed_in

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("username", ["nadia", "sam", "tom"])
def test_they_are_refused_every_page_that_takes_registrations(
    client: Client, personas: dict[str, User], priya: User, username: str
) -> None:
    registration = registered_by(priya)
    signed_in(client, personas[username])
    base = f"/early-help/registrations/{registration.public_id}/"

    for response in (
        client.get("/early-help/registrations/"),
        client.get(base),
        client.post(base, {"person": "new"}),
        client.post(f"{base}decline/", {"reason": "Not for us"}),
    ):
        assert response.status_code == 403
        # Her family name: a random CSRF token can contain "Mia" (it once did), not "Fairweather".
        assert "Fairweather" not in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.WAITING
    assert AuditEntry.objects.filter(user=personas[username], action="access_refused").count() == 4


@pytest.mark.parametrize("username", ["nadia", "sam"])
def test_the_services_and_the_policy_refuse_them_too(
    personas: dict[str, User], priya: User, username: str
) -> None:
    user = personas[username]
    registration = registered_by(priya)
    assert not policy.can(user, Permission.PROCESS_EARLY_HELP)
    assert not policy.early_help_registrations_waiting(user).exists()
    with pytest.raises(PermissionDenied):
        steps.add_child_and_accept(actor(user), registration)
    with pytest.raises(PermissionDenied):
        steps.decline(actor(user), registration, "Not for us")


def test_an_analyst_cannot_register_early_help(client: Client, personas: dict[str, User]) -> None:
    sam = personas["sam"]
    assert signed_in(client, sam).get("/early-help/register/").status_code == 403
    with pytest.raises(PermissionDenied):
        steps.register(actor(sam), **details())
    assert not policy.early_help_registrations_by(sam).exists()


def test_early_help_practitioners_and_team_managers_take_them(
    personas: dict[str, User], erin: User, priya: User
) -> None:
    registration = registered_by(priya)
    for coordinator in (erin, personas["aisha"]):
        assert policy.can(coordinator, Permission.PROCESS_EARLY_HELP)
        assert list(policy.early_help_registrations_waiting(coordinator)) == [registration]
    assert not policy.can(priya, Permission.PROCESS_EARLY_HELP)
    assert policy.can(priya, Permission.REGISTER_EARLY_HELP)
