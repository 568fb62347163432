"""Every look at a registration is in the audit trail with its purpose, as is the search for the child."""

from __future__ import annotations

import pytest
from django.test import Client

from continuum.access.models import AuditEntry, User

from .helpers import registered_by, signed_in

pytestmark = pytest.mark.django_db


def test_erin_opening_a_registration_is_a_view_and_a_search_of_the_index(
    client: Client, priya: User, erin: User
) -> None:
    registration = registered_by(priya)
    signed_in(client, erin).get(f"/early-help/registrations/{registration.public_id}/")

    about = AuditEntry.objects.filter(
        user=erin, object_type="earlyhelp.EarlyHelpRegistration", object_id=str(registration.pk)
    )
    assert about.filter(action="view", purpose="deciding on an early help registration").exists()
    assert about.filter(
        action="search", purpose=f"looked for the child of early help registration {registration.reference}"
    ).exists()


def test_opening_the_decline_page_and_a_decided_registration_are_audited(
    client: Client, priya: User, erin: User
) -> None:
    registration = registered_by(priya)
    signed_in(client, erin)
    client.get(f"/early-help/registrations/{registration.public_id}/decline/")
    client.post(
        f"/early-help/registrations/{registration.public_id}/decline/", {"reason": "Already supported"}
    )
    client.get(f"/early-help/registrations/{registration.public_id}/")

    purposes = set(AuditEntry.objects.filter(user=erin, action="view").values_list("purpose", flat=True))
    assert {"declining an early help registration", "looked back at a decided registration"} <= purposes


def test_priya_reading_her_list_is_audited_with_the_references_shown(client: Client, priya: User) -> None:
    registration = registered_by(priya)
    signed_in(client, priya).get("/early-help/my-registrations/")

    entry = AuditEntry.objects.get(
        user=priya, action="view", purpose="read the outcome of their own early help registrations"
    )
    assert entry.details == {"registrations": [registration.reference]}
