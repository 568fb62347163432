"""The MARF online: a partner's draft referral, saved as they go, and its submission.

Also what a referrer may see afterwards ("My referrals") and a school's Operation Encompass
inbox: the rules behind the partner-facing pages, which only parse, call these and render.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, F, Prefetch, QuerySet, Value, When
from django.utils import timezone

from continuum.access import audit, policy
from continuum.access.audit import Action, Actor
from continuum.access.models import User
from continuum.access.policy import Permission
from continuum.access.services import AccessRefused

from .catalogue import (
    Route,
    Status,
)
from .intake import receive
from .models import (
    Contact,
    ContactChild,
    Decision,
    EncompassNotification,
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


def discard_draft(actor: Actor, contact: Contact) -> None:
    """Delete one of the referrer's own drafts. A draft was never sent, so nothing else points to it."""
    require_own_draft(actor, contact)
    with transaction.atomic():
        audit.record(actor, Action.UPDATE, contact, purpose="deleted a draft referral")
        contact.delete()


# --- The MARF's parts, as the pages ask them ----------------------------------------------------


@dataclass(frozen=True)
class Section:
    """One part of the MARF, named as its page is in the address; `answers` are the fields it asks."""

    slug: str
    title: str
    answers: frozenset[str]


SECTIONS: tuple[Section, ...] = (
    Section(
        "about-you",
        "About you",
        frozenset(
            {"referrer_name", "referrer_role", "referrer_organisation", "referrer_email", "referrer_phone"}
        ),
    ),
    Section("children", "The children", frozenset({"children"})),
    Section("household", "Who lives with the children", frozenset({"household"})),
    Section("worry", "What you are worried about", frozenset({"worries", "worry_details", "already_tried"})),
    Section(
        "voice", "The child's voice and lived experience", frozenset({"child_voice", "lived_experience"})
    ),
    Section("level", "Level of need", frozenset({"referrer_level"})),
    Section(
        "consent",
        "Consent",
        frozenset(
            {
                "consent",
                "consent_given_by",
                "consent_covers",
                "consent_not_obtained_reason",
                "consent_not_needed_reason",
            }
        ),
    ),
    Section(
        "follow-up", "Follow-up and request", frozenset({"follows_phone_call", "phone_call_at", "request"})
    ),
)


def section(slug: str) -> Section:
    return next(part for part in SECTIONS if part.slug == slug)


def section_after(slug: str) -> Section | None:
    """The part the referrer is taken to next; None after the last (then they check their answers)."""
    slugs = [part.slug for part in SECTIONS]
    following = slugs.index(slug) + 1
    return SECTIONS[following] if following < len(SECTIONS) else None


def section_problems(contact: Contact, slug: str) -> dict[str, str]:
    """What stops the draft being sent, limited to what this part of the form asks."""
    answers = section(slug).answers
    return {name: message for name, message in submission_problems(contact).items() if name in answers}


@dataclass(frozen=True)
class Problem:
    field: str
    message: str
    section: Section | None


def problems_by_section(contact: Contact) -> list[Problem]:
    """Every problem that stops the draft being sent, with the part of the form that fixes it,
    in the order the form asks."""
    problems = [
        Problem(name, message, next((part for part in SECTIONS if name in part.answers), None))
        for name, message in submission_problems(contact).items()
    ]
    order = {part.slug: index for index, part in enumerate(SECTIONS)}
    return sorted(
        problems, key=lambda problem: order[problem.section.slug] if problem.section else len(order)
    )


# --- My referrals: what a referrer may know of what they sent ----------------------------------


def my_referrals(user: User) -> QuerySet[Contact]:
    """The user's referrals for "My referrals": drafts first (latest saved first), then the rest,
    latest sent first, with their children and decisions fetched."""
    children = ContactChild.objects.select_related("decision").order_by("pk")
    return (
        policy.contacts_submitted_by(user)
        .prefetch_related(Prefetch("children", queryset=children))
        .order_by(
            Case(When(status=Status.DRAFT, then=Value(0)), default=Value(1)),
            F("received_at").desc(nulls_last=True),
            "-updated_at",
            "-pk",
        )
    )


def find_referral(actor: Actor, public_id: UUID) -> Contact:
    """One of the actor's own referrals (or drafts), by its public id.

    Raises Contact.DoesNotExist if there is no such contact, and AccessRefused (audited) if it
    is not theirs: a referrer sees only what they sent.
    """
    user = user_of(actor)
    contact = Contact.objects.get(public_id=public_id)
    if not policy.contacts_submitted_by(user).filter(pk=contact.pk).exists():
        audit.record(actor, Action.ACCESS_REFUSED, contact, purpose="not one of the user's referrals")
        raise AccessRefused(policy.Decision(False, "this is not one of your referrals"))
    return contact


def open_referral(actor: Actor, contact: Contact) -> None:
    """The referrer reads a referral they sent: audited in each linked child's access log."""
    if contact.status == Status.DRAFT:
        raise ValidationError("A draft has not been sent: continue it instead")
    find_referral(actor, contact.public_id)
    audit_children(actor, Action.VIEW, contact, "referrer reading their referral")


@dataclass(frozen=True)
class ChildOutcome:
    """What the referrer is told of a child: the first name they gave and, once it has taken effect,
    the front door's decision. Nothing of the child's record."""

    first_name: str
    outcome: str


def first_name(child: ContactChild) -> str:
    if child.given_name:
        return child.given_name
    return "Unborn baby" if child.is_unborn else "Name not given"


def outcomes_for_referrer(contact: Contact) -> list[ChildOutcome]:
    """Each child's outcome, shown only when the decision is complete (signed off where needed)."""
    outcomes = []
    for child in contact.children.all():
        decision: Decision | None = getattr(child, "decision", None)
        outcome = decision.outcome_summary if decision is not None and decision.is_complete else ""
        outcomes.append(ChildOutcome(first_name(child), outcome))
    return outcomes


# --- Operation Encompass: the school's inbox ---------------------------------------------------


def read_encompass_notices(actor: Actor, notices: Iterable[EncompassNotification]) -> None:
    """A school reads its notices: one audit entry per child shown, in the child's access log."""
    for notice in notices:
        audit.record(
            actor,
            Action.VIEW,
            notice,
            person_id=notice.child.person_id,
            purpose="school reading its Operation Encompass notices",
        )
