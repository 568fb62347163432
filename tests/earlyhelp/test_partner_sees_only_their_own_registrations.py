"""Priya sees what she registered, its status and outcome, and nothing of the child's record.

Hana, a health visitor, registers early help too: Priya never sees hers. Once Erin accepts Priya's
registration, Priya is the lead practitioner, but the child's record still refuses her (403).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from continuum.access import policy
from continuum.access.models import Agency, User
from continuum.access.roles import AgencyType, Role
from continuum.earlyhelp import registration as steps
from continuum.earlyhelp.models import EarlyHelpRegistration

from .helpers import actor, registered_by, signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def hana(personas: dict[str, User]) -> User:
    """Hana Osei, a health visitor."""
    agency = Agency.objects.create(name="Northbridge Community Health", agency_type=AgencyType.HEALTH_TRUST)
    user = User.objects.create(username="hana", first_name="Hana", last_name="Osei", agency=agency)
    user.grant_role(Role.PARTNER_PRACTITIONER)
    return user


def test_priya_lists_her_registrations_and_not_hanas(client: Client, priya: User, hana: User) -> None:
    registered_by(priya, given_name="Mia")
    registered_by(hana, given_name="Oscar", family_name="Lindqvist")

    page = signed_in(client, priya).get("/early-help/my-registrations/").content.decode()

    assert "Mia" in page and "Waiting for the early help team" in page
    assert "Oscar" not in page and "Lindqvist" not in page
    assert list(policy.early_help_registrations_by(priya).values_list("given_name", flat=True)) == ["Mia"]


def test_priya_cannot_open_the_registration_page_early_help_uses(
    client: Client, priya: User, hana: User
) -> None:
    hanas = registered_by(hana, given_name="Oscar")
    signed_in(client, priya)
    for path in (f"/early-help/registrations/{hanas.public_id}/", "/early-help/registrations/"):
        response = client.get(path)
        assert response.status_code == 403 and "Oscar" not in response.content.decode()
    assert client.get(f"/early-help/my-registrations/{hanas.public_id}/sent/").status_code == 404


def test_once_accepted_priya_sees_accepted_but_the_childs_record_refuses_her(
    client: Client, priya: User, erin: User
) -> None:
    accepted = steps.add_child_and_accept(actor(erin), registered_by(priya))
    assert accepted.person is not None and accepted.episode is not None
    assert accepted.episode.lead_practitioner == priya
    signed_in(client, priya)

    page = client.get("/early-help/my-registrations/").content.decode()
    assert "Accepted" in page and "you are its lead practitioner" in page
    assert f"/people/{accepted.person.pk}/" not in page

    for path in (f"/people/{accepted.person.pk}/", f"/people/{accepted.person.pk}/journey/"):
        assert client.get(path).status_code == 403


def test_an_empty_list_says_so_and_offers_to_register(client: Client, priya: User) -> None:
    page = signed_in(client, priya).get("/early-help/my-registrations/").content.decode()
    assert "You have not registered any early help yet." in page
    assert 'href="/early-help/register/"' in page


def test_a_long_list_comes_in_pages_of_twenty_newest_first(client: Client, priya: User) -> None:
    for number in range(21):
        registration = registered_by(priya, given_name=f"Child{number:02d}")
        EarlyHelpRegistration.objects.filter(pk=registration.pk).update(
            registered_at=timezone.now() - timedelta(days=30 - number)
        )
    signed_in(client, priya)

    first = client.get("/early-help/my-registrations/").content.decode()
    second = client.get("/early-help/my-registrations/?page=2").content.decode()

    assert "Child20" in first and "Child01" in first and "Child00" not in first
    assert "Child00" in second and 'aria-label="My early help registrations pages"' in second
