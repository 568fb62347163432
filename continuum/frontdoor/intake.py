"""Contacts arriving by other routes: recorded by the front door, or sent by a partner's system."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from continuum.access import audit, policy
from continuum.access.audit import Action, Actor
from continuum.access.models import Agency
from continuum.access.policy import Permission
from continuum.access.roles import AgencyType

from . import clocks
from .catalogue import (
    RECORDED_ROUTES,
    Route,
    Status,
    Worry,
    referral_source_for,
)
from .models import (
    Contact,
    ContactChild,
    HouseholdMember,
)
from .steps import (
    CHILD_FIELDS,
    CONTACT_FIELDS,
    HOUSEHOLD_FIELDS,
    audit_children,
    check_fields,
    only,
    require,
    row_errors,
    submission_problems,
    user_of,
    validate_child,
)
from .triage import notify_school_if_due

# Clocks on partners' machines drift: a time a minute or two ahead of ours is still "now".
CLOCK_TOLERANCE = timedelta(minutes=5)

# --- Contacts by other routes -----------------------------------------------------------------


def record_contact(
    actor: Actor,
    *,
    route: str,
    received_at: datetime,
    children: Iterable[dict[str, Any]],
    household: Iterable[dict[str, Any]] = (),
    referrer_agency: Agency | None = None,
    **fields: Any,
) -> Contact:
    """A front-door worker records a phone call, an e-mail, or a self or anonymous referral."""
    user = user_of(actor)
    require(policy.can(user, Permission.WORK_FRONT_DOOR))
    if route not in RECORDED_ROUTES:
        raise ValidationError({"route": "Choose how the contact came in: phone, e-mail, self or anonymous"})
    contact = Contact(route=route, recorded_by=user, referrer_agency=referrer_agency)
    return _take_in(actor, contact, received_at, children, household, fields)


def receive_from_agency(
    actor: Actor,
    *,
    route: str,
    children: Iterable[dict[str, Any]],
    household: Iterable[dict[str, Any]] = (),
    received_at: datetime | None = None,
    **fields: Any,
) -> Contact:
    """A contact sent by a partner agency's system (a police notification, for example).

    A child may name their school by its URN (`school_urn`), as partner systems know schools;
    the school must be a partner agency with that URN as its external code. A police
    notification needs the time of the incident and the police reference: Operation Encompass
    counts from the incident, and the front door asks the police about it by its reference.
    """
    user = user_of(actor)
    require(policy.can(user, Permission.SUBMIT_REFERRAL))
    if route not in (Route.POLICE_NOTIFICATION, Route.PARTNER_SYSTEM):
        raise ValidationError({"route": "A partner system sends police notifications or partner contacts"})
    if route == Route.POLICE_NOTIFICATION and (
        user.agency is None or user.agency.agency_type != AgencyType.POLICE
    ):
        raise ValidationError({"route": "Only a police force sends domestic-abuse notifications"})
    received_at = received_at or timezone.now()
    child_rows = [dict(row) for row in children]
    errors = _school_problems(child_rows)
    if route == Route.POLICE_NOTIFICATION:
        errors.update(_notification_problems(fields, received_at))
    if errors:
        raise ValidationError(errors)
    contact = Contact(
        route=route,
        submitted_by=user,
        referrer_agency=user.agency,
        referrer_organisation=user.agency.name if user.agency else "",
    )
    return _take_in(actor, contact, received_at, child_rows, household, fields)


def _school_problems(children: list[dict[str, Any]]) -> dict[str, list[str]]:
    """Turn each child's `school_urn` into their school, in place; say which URNs are not known."""
    errors: dict[str, list[str]] = {}
    for index, row in enumerate(children):
        urn = str(row.pop("school_urn", "") or "").strip()
        if not urn:
            continue
        school = Agency.objects.filter(
            agency_type=AgencyType.SCHOOL, external_code=urn, is_active=True
        ).first()
        if school is None:
            errors[f"children[{index}].school_urn"] = [
                f"No school with URN {urn} is a partner in Continuum: check the URN, or leave it out "
                "and tell the front door the school another way"
            ]
        row["school"] = school
    return errors


def _notification_problems(fields: dict[str, Any], received_at: datetime) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    incident_at = fields.get("incident_at")
    if incident_at is None:
        errors["incident_at"] = ["Enter the date and time of the incident"]
    elif incident_at > received_at + CLOCK_TOLERANCE:
        errors["incident_at"] = ["The incident must have happened before the notification was received"]
    if not str(fields.get("police_reference") or "").strip():
        errors["police_reference"] = ["Enter the police reference for the incident"]
    return errors


def _take_in(
    actor: Actor,
    contact: Contact,
    received_at: datetime,
    children: Iterable[dict[str, Any]],
    household: Iterable[dict[str, Any]],
    fields: dict[str, Any],
) -> Contact:
    check_fields(fields, CONTACT_FIELDS)
    for name, value in fields.items():
        setattr(contact, name, value)
    if received_at > timezone.now() + CLOCK_TOLERANCE:
        raise ValidationError({"received_at": "The date and time received must be in the past"})
    unknown_worries = [worry for worry in contact.worries if worry not in Worry.values]
    if unknown_worries:
        raise ValidationError({"worries": f"Not a worry on the list: {', '.join(map(str, unknown_worries))}"})
    child_rows = [ContactChild(**only(row, CHILD_FIELDS)) for row in children]
    household_rows = [HouseholdMember(**only(row, HOUSEHOLD_FIELDS)) for row in household]
    if not child_rows:
        raise ValidationError({"children": "Add at least one child or unborn baby"})
    errors = row_errors("children", child_rows, validate_child)
    errors.update(row_errors("household", household_rows, lambda m: m.full_clean(exclude=["contact"])))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        contact.save()
        for child in child_rows:
            child.contact = contact
            child.save()
        for member in household_rows:
            member.contact = contact
            member.save()
        problems = submission_problems(contact)
        if problems:
            raise ValidationError(problems)
        receive(contact, received_at)
        audit.record(
            actor, Action.CREATE, contact, purpose=f"recorded a contact ({contact.get_route_display()})"
        )
        audit_children(actor, Action.CREATE, contact, "named on a contact to the front door")
        for child in contact.children.all():
            notify_school_if_due(child)
    return contact


def receive(contact: Contact, received_at: datetime) -> None:
    contact.received_at = received_at
    contact.due_at = clocks.decision_due(received_at)
    contact.status = Status.AWAITING_TRIAGE
    agency_type = contact.referrer_agency.agency_type if contact.referrer_agency else None
    contact.referral_source = contact.referral_source or referral_source_for(contact.route, agency_type)
    contact.save()
    contact.reference = f"FD-{contact.pk:07d}"
    contact.save(update_fields=["reference"])
