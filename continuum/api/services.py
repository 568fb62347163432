"""The API's steps: send a contact once however often it is retried, and read one back.

Both go through the front door's own services and the audit trail, acting as the agency's
system account (`Actor` with `Channel.API`), so an API contact is handled, checked and
audited exactly like one from the pages.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from rest_framework.exceptions import NotFound

from continuum.access import audit, policy
from continuum.access.audit import Action, Actor
from continuum.access.models import User
from continuum.access.policy import Permission
from continuum.frontdoor import services as frontdoor
from continuum.frontdoor.models import Contact
from continuum.frontdoor.steps import audit_children

from . import idempotency
from .models import AgencyToken, IdempotencyKey
from .responses import ContactCreatedSerializer
from .serializers import API_ROUTES


@dataclass(frozen=True)
class Answer:
    """What to send back: the status and body, and whether they were stored from an earlier request."""

    status: int
    body: dict[str, Any]
    replayed: bool = False

    @property
    def reference(self) -> str:
        return str(self.body.get("reference", ""))


def send_contact(
    actor: Actor, token: AgencyToken, *, key: str, fingerprint: str, arguments: dict[str, Any]
) -> Answer:
    """Receive the contact and remember the answer under the key, in one transaction.

    The key is written first: a concurrent copy of the request waits on the unique constraint
    (PostgreSQL) or on the write lock (SQLite) and, once this one commits, is given its answer.
    A contact refused by the front door's checks leaves no key, so the sender can correct it
    and send it again with the same key.
    """
    try:
        with transaction.atomic():
            remembered = IdempotencyKey.objects.create(
                token=token, key=key, fingerprint=fingerprint, response_status=201
            )
            contact = frontdoor.receive_from_agency(actor, **arguments)
            remembered.contact = contact
            remembered.response_body = _as_json(ContactCreatedSerializer(contact).data)
            remembered.save(update_fields=["contact", "response_body"])
    except IntegrityError:
        earlier = idempotency.earlier_answer(token, key, fingerprint)
        if earlier is None:
            raise  # not the key: a real fault
        return replay(earlier)
    return Answer(remembered.response_status, remembered.response_body)


def replay(earlier: IdempotencyKey) -> Answer:
    """The stored answer to a repeated request, and nothing written.

    Not audited: it reads no record, only echoes what the sender sent and the reference it was
    given (the stored response, not the contact as it is now).
    """
    return Answer(earlier.response_status, earlier.response_body, replayed=True)


def contacts_sent_by_agency(user: User) -> QuerySet[Contact]:
    """Contacts sent through the API by `user`'s agency: what its systems may read back.

    Any of the agency's tokens reads what another sent (a system replaced, a token rotated);
    nothing sent through the pages, and nothing from another agency, is visible.
    """
    if user.agency_id is None or not policy.can(user, Permission.SUBMIT_REFERRAL):
        return Contact.objects.none()
    return Contact.objects.received().filter(referrer_agency_id=user.agency_id, route__in=API_ROUTES)


def open_sent_contact(actor: Actor, reference: str) -> Contact:
    """One contact the actor's agency sent, with each child's decision; 404 for any other."""
    assert actor.user is not None
    contact = (
        contacts_sent_by_agency(actor.user)
        .prefetch_related("children__decision")
        .filter(reference=reference)
        .first()
    )
    if contact is None:
        _audit_refusal(actor, reference)
        raise NotFound(f"Your agency sent no contact with the reference {reference}")
    audit_children(actor, Action.VIEW, contact, "a partner system read the contact's status and outcome")
    return contact


def _audit_refusal(actor: Actor, reference: str) -> None:
    """A system asking for another agency's contact is worth a look; a mistyped reference is not."""
    contact = Contact.objects.filter(reference=reference).first()
    if contact is not None:
        audit.record(
            actor,
            Action.ACCESS_REFUSED,
            contact,
            purpose="a partner system asked for a contact it did not send",
        )


def _as_json(data: Any) -> dict[str, Any]:
    body: dict[str, Any] = json.loads(json.dumps(data))
    return body
