"""Checks and records shared by the front door's steps."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from continuum.access import audit, policy
from continuum.access.audit import Action, Actor
from continuum.access.models import User
from continuum.access.policy import Permission
from continuum.access.services import AccessRefused
from continuum.statutory import codes

from .catalogue import (
    Route,
    Status,
)
from .consent import consent_problems
from .models import (
    Contact,
    ContactChild,
)

# What the referrer fills in on the MARF (and a front-door worker when recording a contact).
CONTACT_FIELDS = frozenset(
    {
        "referrer_name",
        "referrer_role",
        "referrer_organisation",
        "referrer_email",
        "referrer_phone",
        "worries",
        "worry_details",
        "already_tried",
        "child_voice",
        "lived_experience",
        "referrer_level",
        "consent",
        "consent_given_by",
        "consent_covers",
        "consent_not_obtained_reason",
        "consent_not_needed_reason",
        "follows_phone_call",
        "phone_call_at",
        "request",
        "incident_at",
        "police_reference",
        "referral_source",
    }
)
CHILD_FIELDS = frozenset(
    {
        "given_name",
        "family_name",
        "is_unborn",
        "date_of_birth",
        "expected_date_of_delivery",
        "sex",
        "nhs_number",
        "postcode",
        "address",
        "school",
    }
)
HOUSEHOLD_FIELDS = frozenset(
    {"name", "relationship", "date_of_birth", "has_parental_responsibility", "lives_with_children"}
)
# A partner check is due within this time, or by the contact's own deadline if that is sooner.
CHECK_TURNAROUND = timedelta(hours=4)


def start_screening(contact: Contact) -> None:
    if contact.status == Status.AWAITING_TRIAGE:
        contact.status = Status.IN_PROGRESS
        contact.save(update_fields=["status", "updated_at"])


def contact_consent_problems(contact: Contact) -> dict[str, str]:
    return consent_problems(
        contact.referrer_level,
        contact.consent,
        given_by=contact.consent_given_by,
        covers=contact.consent_covers,
        not_obtained_reason=contact.consent_not_obtained_reason,
        not_needed_reason=contact.consent_not_needed_reason,
    )


def validate_child(child: ContactChild) -> None:
    errors: dict[str, str] = {}
    if child.is_unborn:
        if child.expected_date_of_delivery is None:
            errors["expected_date_of_delivery"] = "Enter the baby's expected due date"
        child.date_of_birth = None
    else:
        if not (child.given_name.strip() or child.family_name.strip()):
            errors["given_name"] = "Enter the child's first name or last name"
        if child.date_of_birth and child.date_of_birth > timezone.localdate():
            errors["date_of_birth"] = "Date of birth must be today or in the past"
    if child.sex and child.sex not in codes.SEX:
        errors["sex"] = "Select the child's sex from the list"
    if errors:
        raise ValidationError(errors)


def row_errors(name: str, rows: list[Any], check: Any) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for index, row in enumerate(rows):
        try:
            check(row)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                errors[f"{name}[{index}].{field}"] = messages
    return errors


def audit_children(actor: Actor, action: Action, contact: Contact, purpose: str) -> None:
    """One entry per linked child (so it shows in their access log), or one for the contact."""
    person_ids = [pid for pid in contact.children.values_list("person_id", flat=True) if pid]
    if not person_ids:
        audit.record(actor, action, contact, purpose=purpose)
    for person_id in person_ids:
        audit.record(actor, action, contact, person_id=person_id, purpose=purpose)


def require_own_draft(actor: Actor, contact: Contact) -> None:
    user = user_of(actor)
    if contact.submitted_by_id != user.pk or contact.status != Status.DRAFT:
        raise AccessRefused(policy.Decision(False, "this is not one of your draft referrals"))


def require_front_door(actor: Actor, contact: Contact, permission: Permission) -> None:
    require(policy.decide_contact(user_of(actor), permission, contact))


def require_open(contact: Contact) -> None:
    if not contact.is_open:
        raise ValidationError("This contact has been decided: it can no longer change")


def check_fields(fields: dict[str, Any], allowed: frozenset[str] | set[str]) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"Not fields of this step: {', '.join(sorted(unknown))}")


def only(row: dict[str, Any], allowed: frozenset[str]) -> dict[str, Any]:
    check_fields(row, allowed)
    return row


def require(decision: policy.Decision) -> None:
    if not decision:
        raise AccessRefused(decision)


def user_of(actor: Actor) -> User:
    if actor.user is None:
        raise AccessRefused(policy.Decision(False, "not signed in"))
    return actor.user


def submission_problems(contact: Contact) -> dict[str, str]:
    """What stops this contact being submitted, by field name, in the order the form asks."""
    problems: dict[str, str] = {}
    # An anonymous caller gives no name: that is what makes the contact anonymous.
    if not contact.referrer_name.strip() and contact.route != Route.ANONYMOUS:
        problems["referrer_name"] = "Enter your name"
    if not (contact.referrer_email or contact.referrer_phone) and contact.route != Route.ANONYMOUS:
        problems["referrer_email"] = (
            "Enter an e-mail address or phone number so that we can tell you the outcome"
        )
    if not contact.children.exists():
        problems["children"] = "Add at least one child or unborn baby"
    if not contact.worries:
        problems["worries"] = "Select at least one thing you are worried about"
    if not contact.worry_details.strip():
        problems["worry_details"] = "Describe what you are worried about"
    if contact.route == Route.MARF:
        if not contact.child_voice.strip():
            problems["child_voice"] = (
                "Enter what the child has said, in their own words, or why you could not ask them"
            )
        if contact.referrer_level_id is None:
            problems["referrer_level"] = "Select the level of need you believe applies"
        if contact.follows_phone_call is None:
            problems["follows_phone_call"] = "Select whether this follows a phone call to the front door"
        elif contact.follows_phone_call and contact.phone_call_at is None:
            problems["phone_call_at"] = "Enter when you phoned the front door"
    if contact.route != Route.ANONYMOUS:
        problems.update(contact_consent_problems(contact))
    return problems
