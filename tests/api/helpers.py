"""Request bodies and checks shared by the API tests (synthetic data only)."""

from __future__ import annotations

import copy
import uuid
from datetime import timedelta
from typing import Any

from django.utils import timezone
from rest_framework.test import APIClient

from continuum.access.models import AuditEntry
from continuum.api import schema
from continuum.frontdoor.models import Contact, ContactChild, EncompassNotification, HouseholdMember

CONTACTS = "/api/v1/contacts/"


def police_notification(**changes: Any) -> dict[str, Any]:
    """The documented example, with the incident last night: every test starts from what partners read."""
    body = copy.deepcopy(schema.POLICE_NOTIFICATION)
    body["incident_at"] = (timezone.now() - timedelta(hours=8)).isoformat()
    body.update(changes)
    return body


def send(client: APIClient, body: Any, key: str | None = None, **headers: Any) -> Any:
    """POST a contact with a fresh Idempotency-Key unless one is given."""
    return client.post(
        CONTACTS, body, format="json", HTTP_IDEMPOTENCY_KEY=key or str(uuid.uuid4()), **headers
    )


def counts() -> dict[str, int]:
    """What a refused request must leave as it was."""
    return {
        "contacts": Contact.objects.count(),
        "children": ContactChild.objects.count(),
        "household": HouseholdMember.objects.count(),
        "encompass": EncompassNotification.objects.count(),
        "audit entries about contacts": AuditEntry.objects.filter(object_type="frontdoor.Contact").count(),
        "all audit entries": AuditEntry.objects.count(),
    }
