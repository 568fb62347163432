"""Erin declines a registration with a reason; Priya is e-mailed and reads the reason in her list."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client

from continuum.access.models import AuditEntry, User
from continuum.earlyhelp.models import EarlyHelpEpisode, RegistrationStatus

from .helpers import registered_by, signed_in

pytestmark = pytest.mark.django_db

REASON = "The family lives outside Northbridge: please register with their home council's early help team."


def test_declining_records_the_reason_and_tells_priya(client: Client, priya: User, erin: User) -> None:
    registration = registered_by(priya)
    mail.outbox.clear()
    signed_in(client, erin)

    response = client.post(f"/early-help/registrations/{registration.public_id}/decline/", {"reason": REASON})

    assert response.status_code == 302 and response["Location"] == "/early-help/registrations/"
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.DECLINED
    assert (registration.decline_reason, registration.decided_by) == (REASON, erin)
    assert not EarlyHelpEpisode.objects.exists()
    [message] = mail.outbox
    assert message.to == [priya.email]
    assert message.subject == f"Early help registration {registration.reference} not accepted"
    assert "Mia" not in message.subject
    assert "My early help registrations" in message.body
    assert AuditEntry.objects.filter(user=erin, purpose="declined an early help registration").exists()

    page = signed_in(Client(), priya).get("/early-help/my-registrations/").content.decode()
    assert "Declined" in page and "home council&#x27;s early help team" in page


def test_a_reason_is_needed_to_decline(client: Client, priya: User, erin: User) -> None:
    registration = registered_by(priya)
    signed_in(client, erin)

    page = client.post(f"/early-help/registrations/{registration.public_id}/decline/", {"reason": " "})

    assert page.status_code == 200
    assert "Enter why early help cannot take this on" in page.content.decode()
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.WAITING


def test_a_decided_registration_cannot_be_declined_again(client: Client, priya: User, erin: User) -> None:
    registration = registered_by(priya)
    signed_in(client, erin)
    client.post(f"/early-help/registrations/{registration.public_id}/decline/", {"reason": REASON})

    again = client.post(f"/early-help/registrations/{registration.public_id}/decline/", {"reason": "Twice"})

    assert again["Location"] == f"/early-help/registrations/{registration.public_id}/"
    registration.refresh_from_db()
    assert registration.decline_reason == REASON
    page = client.get(again["Location"]).content.decode()
    assert "Declined by Erin Walsh" in page and "Accept and open early help" not in page
