"""Building contacts for front-door tests through the same steps the pages use (synthetic data only)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.utils import timezone

from continuum.access.audit import Actor, Channel
from continuum.access.models import Agency, User
from continuum.frontdoor import services
from continuum.frontdoor.catalogue import Consent, Route, Worry
from continuum.frontdoor.models import Contact
from continuum.statutory.models import NeedLevel, ThresholdFramework


def actor(user: User) -> Actor:
    return Actor(user=user, channel=Channel.PAGE)


def agency_of(user: User) -> Agency:
    assert user.agency is not None, f"{user} works for no agency"
    return user.agency


def level(number: int) -> NeedLevel:
    return ThresholdFramework.objects.in_force().levels.get(number=number)


def child(
    given_name: str = "Ava", family_name: str = "Testchild", born: date = date(2016, 5, 4)
) -> dict[str, Any]:
    return {"given_name": given_name, "family_name": family_name, "date_of_birth": born}


def phone_contact(
    worker: User,
    *,
    children: list[dict[str, Any]] | None = None,
    received_at: datetime | None = None,
    level_number: int = 3,
    **fields: Any,
) -> Contact:
    """A phone contact recorded by a front-door worker, with consent given and the child's voice."""
    values: dict[str, Any] = {
        "referrer_name": "Sam Caller",
        "referrer_phone": "01632 960000",
        "worries": [Worry.NEGLECT],
        "worry_details": "The children often arrive at school hungry.",
        "child_voice": "Ava said there is no food at home some days.",
        "referrer_level": level(level_number),
        "consent": Consent.OBTAINED,
        "consent_given_by": "Their mother",
        "consent_covers": "Both children and their mother",
    }
    values.update(fields)
    return services.record_contact(
        actor(worker),
        route=Route.PHONE,
        received_at=received_at or timezone.now(),
        children=children or [child()],
        **values,
    )
