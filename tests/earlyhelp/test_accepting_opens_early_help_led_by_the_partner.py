"""Priya registers early help for Mia; Erin, an early help practitioner, finds Mia and accepts it.

Early help opens with Priya as lead practitioner, Mia is allocated to Erin and her team for early
help, and Priya is told by e-mail, without Mia's name in the subject.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from continuum.access.models import AuditEntry, User
from continuum.earlyhelp import registration as steps
from continuum.earlyhelp.models import EarlyHelpAssessment, EarlyHelpEpisode, RegistrationStatus
from continuum.people.models import Allocation, Person, Service

from .helpers import actor, registered_by, signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def mia(personas: dict[str, User]) -> Person:
    """Known to the index already (a contact last year)."""
    return Person.objects.create(given_name="Mia", family_name="Fairweather", date_of_birth=date(2017, 3, 14))


def test_priya_registers_on_the_form_and_sees_her_reference(client: Client, priya: User) -> None:
    signed_in(client, priya)
    form = {
        "given_name": "Mia",
        "family_name": "Fairweather",
        "date_of_birth_day": "14",
        "date_of_birth_month": "3",
        "date_of_birth_year": "2017",
        "postcode": "bd5 9qt",
        "consent_given_by": "Jo Fairweather, her mother",
        "consent_covers": "Early help for Mia and Jo, sharing with school and health",
        "help_wanted": "Morning routines.",
        "assessment_started_day": "",
        "assessment_started_month": "",
        "assessment_started_year": "",
    }
    response = client.post("/early-help/register/", form, follow=True)
    registration = priya.early_help_registrations.get()
    assert response.redirect_chain[-1][0] == f"/early-help/my-registrations/{registration.public_id}/sent/"
    assert registration.reference in response.content.decode()
    assert registration.postcode == "BD5 9QT" and registration.status == RegistrationStatus.WAITING


def test_erin_accepts_for_the_child_found_in_the_index(
    client: Client, priya: User, erin: User, mia: Person
) -> None:
    registration = registered_by(priya, assessment_started=date(2026, 1, 12))
    signed_in(client, erin)
    page = client.get(f"/early-help/registrations/{registration.public_id}/").content.decode()
    assert "Likely" in page and f"(record {mia.pk})" in page

    response = client.post(f"/early-help/registrations/{registration.public_id}/", {"person": str(mia.pk)})

    assert response.status_code == 302 and response["Location"] == f"/people/{mia.pk}/journey/"
    episode = EarlyHelpEpisode.objects.get(person=mia)
    assert episode.is_open and episode.lead_practitioner == priya
    assert episode.started == date(2026, 1, 12)
    assert episode.consent_given_by == "Jo Fairweather, her mother"
    assert EarlyHelpAssessment.objects.get(episode=episode).started == date(2026, 1, 12)
    allocation = Allocation.objects.get(person=mia, ended__isnull=True)
    assert (allocation.service, allocation.worker, allocation.team) == (
        Service.EARLY_HELP,
        erin,
        erin.teams.get(),
    )
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.ACCEPTED
    assert (registration.person, registration.episode, registration.decided_by) == (mia, episode, erin)
    # Erin may now open Mia's journey: she is allocated.
    assert client.get(f"/people/{mia.pk}/journey/").status_code == 200


def test_erin_adds_a_child_the_index_does_not_know_and_early_help_starts_today(
    client: Client, priya: User, erin: User
) -> None:
    registration = registered_by(priya, given_name="Noah", family_name="Quillfeather")
    signed_in(client, erin)
    page = client.get(f"/early-help/registrations/{registration.public_id}/").content.decode()
    assert "No one in the people index matches Noah Quillfeather" in page

    client.post(f"/early-help/registrations/{registration.public_id}/", {"person": "new"})

    noah = Person.objects.get(given_name="Noah", family_name="Quillfeather")
    assert noah.date_of_birth == date(2017, 3, 14) and noah.created_by == erin
    episode = EarlyHelpEpisode.objects.get(person=noah)
    assert episode.started == timezone.localdate() and episode.lead_practitioner == priya
    assert not EarlyHelpAssessment.objects.filter(episode=episode).exists()
    assert Allocation.objects.filter(person=noah, worker=erin, service=Service.EARLY_HELP).exists()


def test_priya_is_told_by_email_without_the_childs_name_in_the_subject(
    priya: User, erin: User, mia: Person
) -> None:
    registration = registered_by(priya)
    mail.outbox.clear()
    steps.accept(actor(erin), registration, mia)

    [message] = mail.outbox
    assert message.to == [priya.email]
    assert message.subject == f"Early help registration {registration.reference} accepted"
    assert "Mia" not in message.subject and "Fairweather" not in message.subject
    assert "you are its lead practitioner" in message.body
    assert "Fairweather" not in message.body  # a first name at most


def test_each_step_is_in_the_audit_trail(priya: User, erin: User, mia: Person) -> None:
    registration = registered_by(priya)
    steps.accept(actor(erin), registration, mia)

    assert AuditEntry.objects.filter(
        user=priya,
        action="create",
        object_type="earlyhelp.EarlyHelpRegistration",
        object_id=str(registration.pk),
    ).exists()
    erin_did = AuditEntry.objects.filter(user=erin, person_id=mia.pk)
    assert erin_did.filter(action="create", object_type="earlyhelp.EarlyHelpEpisode").exists()
    assert erin_did.filter(action="create", object_type="people.Allocation").exists()
    assert erin_did.filter(
        action="update",
        object_type="earlyhelp.EarlyHelpRegistration",
        purpose="accepted an early help registration",
    ).exists()
