"""The MARF online: a partner's draft referral, saved as they go, and its submission."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from continuum.access import audit, policy
from continuum.access.audit import Action, Actor
from continuum.access.policy import Permission

from .catalogue import (
    Route,
)
from .intake import receive
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
    require,
    require_own_draft,
    submission_problems,
    user_of,
    validate_child,
)

# --- The MARF: drafts and submission ------------------------------------------------------------


def start_referral(actor: Actor) -> Contact:
    """A new MARF draft, with the referrer's details filled from their account."""
    user = user_of(actor)
    require(policy.can(user, Permission.SUBMIT_REFERRAL))
    contact = Contact(
        route=Route.MARF,
        submitted_by=user,
        referrer_name=user.display_name,
        referrer_role=getattr(user, "job_title", ""),
        referrer_agency=user.agency,
        referrer_organisation=user.agency.name if user.agency else "",
        referrer_email=user.email,
    )
    with transaction.atomic():
        contact.save()
        audit.record(actor, Action.CREATE, contact, purpose="started a referral (draft)")
    return contact


def save_draft(actor: Actor, contact: Contact, **fields: Any) -> Contact:
    """Keep what the referrer has entered so far. Nothing is checked for completeness yet."""
    require_own_draft(actor, contact)
    check_fields(fields, CONTACT_FIELDS)
    for name, value in fields.items():
        setattr(contact, name, value)
    contact.version += 1
    contact.save()
    return contact


def save_child(
    actor: Actor, contact: Contact, child: ContactChild | None = None, **fields: Any
) -> ContactChild:
    """Add a child to a draft, or change one already on it."""
    require_own_draft(actor, contact)
    check_fields(fields, CHILD_FIELDS)
    child = child or ContactChild(contact=contact)
    if child.contact_id != contact.pk:
        raise ValidationError("That child is on another referral")
    for name, value in fields.items():
        setattr(child, name, value)
    validate_child(child)
    child.save()
    return child


def remove_child(actor: Actor, child: ContactChild) -> None:
    require_own_draft(actor, child.contact)
    child.delete()


def save_household_member(
    actor: Actor, contact: Contact, member: HouseholdMember | None = None, **fields: Any
) -> HouseholdMember:
    require_own_draft(actor, contact)
    check_fields(fields, HOUSEHOLD_FIELDS)
    member = member or HouseholdMember(contact=contact)
    if member.contact_id != contact.pk:
        raise ValidationError("That person is on another referral")
    for name, value in fields.items():
        setattr(member, name, value)
    member.full_clean(exclude=["contact"])
    member.save()
    return member


def remove_household_member(actor: Actor, member: HouseholdMember) -> None:
    require_own_draft(actor, member.contact)
    member.delete()


def submit_referral(actor: Actor, contact: Contact) -> Contact:
    """Send the referrer's MARF to the front door: it gets its reference and its clock starts."""
    require_own_draft(actor, contact)
    problems = submission_problems(contact)
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        receive(contact, timezone.now())
        audit.record(actor, Action.CREATE, contact, purpose="submitted a referral to the front door")
        audit_children(actor, Action.CREATE, contact, "named on a referral to the front door")
    return contact
