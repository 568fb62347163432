"""Shared set-ups for the front-door team's page tests (synthetic data only)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from continuum.access.audit import Actor, Channel
from continuum.access.models import User
from continuum.frontdoor import services
from continuum.frontdoor.catalogue import Consent, Route, Worry
from continuum.frontdoor.models import Contact, ContactChild
from continuum.people.models import Person
from tests.people.factories import PersonFactory

from .helpers import actor, child, phone_contact


def contact_url(contact: Contact, rest: str = "") -> str:
    return f"/front-door/contacts/{contact.reference}/{rest}"


def only_child(contact: Contact) -> ContactChild:
    found = contact.children.get()
    assert isinstance(found, ContactChild)
    return found


def known_child(
    given_name: str = "Ava", family_name: str = "Testchild", born: date = date(2016, 5, 4)
) -> Person:
    person = PersonFactory.create(given_name=given_name, family_name=family_name, date_of_birth=born)
    assert isinstance(person, Person)
    return person


def linked_contact(worker: User, person: Person | None = None, **fields: Any) -> tuple[Contact, ContactChild]:
    """A phone contact whose one child is linked to a record in the people index."""
    person = person or known_child()
    contact = phone_contact(
        worker,
        children=[child(person.given_name, person.family_name, person.date_of_birth or date(2016, 5, 4))],
        **fields,
    )
    contact_child = only_child(contact)
    services.link_child(actor(worker), contact_child, person)
    return contact, contact_child


def police_notification(officer: User, **fields: Any) -> Contact:
    """A domestic-abuse notification sent by the police force's system on the officer's behalf."""
    values: dict[str, Any] = {
        "referrer_name": officer.display_name,
        "referrer_email": officer.email,
        "worries": [Worry.DOMESTIC_ABUSE],
        "worry_details": "Police called to an argument between the parents; the children were upstairs.",
        "consent": Consent.NOT_SOUGHT,
        "consent_not_obtained_reason": "A police notification: the family were not asked.",
        "police_reference": "NP-2026-0001",
        "incident_at": timezone.now() - timedelta(hours=3),
    }
    values.update(fields)
    return services.receive_from_agency(
        Actor(user=officer, channel=Channel.API),
        route=Route.POLICE_NOTIFICATION,
        children=[child("Mia", "Testchild", date(2017, 3, 1))],
        **values,
    )
