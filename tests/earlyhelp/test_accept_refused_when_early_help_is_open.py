"""A child with open early help cannot have a second episode: accepting says so and changes nothing."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client

from continuum.access.models import User
from continuum.earlyhelp import registration as steps
from continuum.earlyhelp.models import EarlyHelpEpisode, RegistrationStatus
from continuum.people.models import Allocation, Person

from .helpers import actor, registered_by, signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def mia_in_early_help(personas: dict[str, User]) -> Person:
    """Mia has had early help since January, from a front-door decision, led by Tom's colleague."""
    mia = Person.objects.create(given_name="Mia", family_name="Fairweather", date_of_birth=date(2017, 3, 14))
    EarlyHelpEpisode.objects.create(person=mia, started=date(2026, 1, 5), created_by=personas["tom"])
    return mia


def test_the_service_refuses_and_names_the_open_episode(
    priya: User, erin: User, mia_in_early_help: Person
) -> None:
    registration = registered_by(priya)
    mail.outbox.clear()

    with pytest.raises(ValidationError) as raised:
        steps.accept(actor(erin), registration, mia_in_early_help)

    assert raised.value.message_dict["person"] == [
        "Mia Fairweather already has open early help (from 5 January 2026). Talk to the lead practitioner "
        "about joining up the help, or decline this registration and say why"
    ]
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.WAITING and registration.person is None
    assert EarlyHelpEpisode.objects.filter(person=mia_in_early_help).count() == 1
    assert not Allocation.objects.filter(person=mia_in_early_help).exists()
    assert mail.outbox == []


def test_the_page_shows_the_reason_as_an_error_on_the_choice(
    client: Client, priya: User, erin: User, mia_in_early_help: Person
) -> None:
    registration = registered_by(priya)
    signed_in(client, erin)

    response = client.post(
        f"/early-help/registrations/{registration.public_id}/", {"person": str(mia_in_early_help.pk)}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page and "already has open early help" in page
    assert '<a href="#id_person_0">' in page  # the summary links to the first choice


def test_a_registration_cannot_be_accepted_twice(priya: User, erin: User) -> None:
    registration = registered_by(priya)
    steps.add_child_and_accept(actor(erin), registration)
    with pytest.raises(ValidationError, match="This registration was already accepted by Erin Walsh on"):
        steps.add_child_and_accept(actor(erin), registration)
    assert Person.objects.filter(given_name="Mia").count() == 1  # the second try added nobody


def test_choosing_nothing_asks_for_a_choice(client: Client, priya: User, erin: User) -> None:
    registration = registered_by(priya)
    signed_in(client, erin)
    page = client.post(f"/early-help/registrations/{registration.public_id}/", {}).content.decode()
    assert "Choose the child&#x27;s record, or choose to add them as a new person" in page
