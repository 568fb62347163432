"""Triage: opening, allocating and linking a contact; consent, schools, partner checks, screening."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from continuum.access import audit, policy
from continuum.access.audit import Action, Actor
from continuum.access.models import Agency, User
from continuum.access.policy import Permission
from continuum.access.roles import AgencyType
from continuum.access.services import AccessRefused
from continuum.people import services as people_services
from continuum.people.models import Person

from . import clocks, notifications
from .catalogue import (
    CheckStatus,
    ScreeningView,
    Status,
)
from .models import (
    Contact,
    ContactChild,
    EncompassNotification,
    PartnerCheck,
    Screening,
)
from .steps import (
    CHECK_TURNAROUND,
    CHILD_FIELDS,
    CONTACT_FIELDS,
    audit_children,
    check_fields,
    contact_consent_problems,
    only,
    require,
    require_front_door,
    require_open,
    start_screening,
    user_of,
    validate_child,
)

# --- Triage -------------------------------------------------------------------------------------


def open_contact(actor: Actor, contact: Contact, purpose: str = "screening the contact") -> None:
    """Check the actor may open this contact at the front door, and audit the look (or the refusal)."""
    user = user_of(actor)
    decision = policy.decide_contact(user, Permission.WORK_FRONT_DOOR, contact)
    if not decision:
        audit.record(actor, Action.ACCESS_REFUSED, contact, purpose=decision.reason)
        raise AccessRefused(decision)
    audit_children(actor, Action.VIEW, contact, purpose)


def allocate(actor: Actor, contact: Contact, worker: User) -> Contact:
    require_front_door(actor, contact, Permission.WORK_FRONT_DOOR)
    require_open(contact)
    if not policy.can(worker, Permission.DECIDE_CONTACT):
        raise ValidationError({"worker": f"{worker.display_name} does not work in the front door"})
    with transaction.atomic():
        contact.allocated_to = worker
        contact.allocated_at = timezone.now()
        if contact.status == Status.AWAITING_TRIAGE:
            contact.status = Status.IN_PROGRESS
        contact.save(update_fields=["allocated_to", "allocated_at", "status", "updated_at"])
        audit.record(actor, Action.UPDATE, contact, purpose="allocated", details={"worker": worker.username})
    return contact


def add_child(actor: Actor, contact: Contact, **fields: Any) -> ContactChild:
    """Add a brother, sister or unborn baby the front door learns of while screening an open contact."""
    require_front_door(actor, contact, Permission.WORK_FRONT_DOOR)
    require_open(contact)
    child = ContactChild(contact=contact, **only(fields, CHILD_FIELDS))
    validate_child(child)
    with transaction.atomic():
        child.save()
        # A new child has no decision yet, so a contact waiting for sign-off is being screened again.
        if contact.status in (Status.AWAITING_TRIAGE, Status.AWAITING_SIGN_OFF):
            contact.status = Status.IN_PROGRESS
            contact.save(update_fields=["status", "updated_at"])
        audit.record(
            actor,
            Action.CREATE,
            child,
            purpose="added a child to a contact",
            details={"fields": sorted(fields)},
        )
        notify_school_if_due(child)
    return child


def link_child(actor: Actor, child: ContactChild, person: Person) -> ContactChild:
    """Say which record in the people index this child on the contact is."""
    user = user_of(actor)
    require_front_door(actor, child.contact, Permission.WORK_FRONT_DOOR)
    require_open(child.contact)
    require(policy.decide(user, Permission.VIEW, person))
    if hasattr(child, "decision"):
        raise ValidationError("This child already has a decision: the link cannot change now")
    with transaction.atomic():
        child.person = person
        child.linked_by = user
        child.linked_at = timezone.now()
        child.save(update_fields=["person", "linked_by", "linked_at"])
        start_screening(child.contact)
        audit.record(
            actor, Action.UPDATE, child, person_id=person.pk, purpose="linked a contact to this record"
        )
    return child


def add_child_to_index(actor: Actor, child: ContactChild) -> Person:
    """Create a new record for a child the index does not know, and link the contact to it."""
    fields = {
        "given_name": child.given_name,
        "family_name": child.family_name,
        "kind": "unborn" if child.is_unborn else "child",
        "date_of_birth": child.date_of_birth,
        "expected_date_of_delivery": child.expected_date_of_delivery,
        "sex": child.sex,
        "nhs_number": child.nhs_number,
    }
    with transaction.atomic():
        person = people_services.create_person(actor, **fields)
        link_child(actor, child, person)
    return person


def record_consent(actor: Actor, contact: Contact, **fields: Any) -> Contact:
    """The front door records consent it obtained (or why it is not needed) after the contact arrived."""
    require_front_door(actor, contact, Permission.WORK_FRONT_DOOR)
    require_open(contact)
    check_fields(fields, {f for f in CONTACT_FIELDS if f.startswith("consent")})
    for name, value in fields.items():
        setattr(contact, name, value)
    problems = contact_consent_problems(contact)
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        contact.save()
        audit.record(
            actor, Action.UPDATE, contact, purpose="recorded consent", details={"fields": sorted(fields)}
        )
    return contact


def set_school(actor: Actor, child: ContactChild, school: Agency) -> ContactChild:
    """Record the child's school; after a domestic-abuse incident this sends the Encompass notice."""
    require_front_door(actor, child.contact, Permission.WORK_FRONT_DOOR)
    if school.agency_type != AgencyType.SCHOOL:
        raise ValidationError({"school": f"{school} is not a school"})
    with transaction.atomic():
        child.school = school
        child.save(update_fields=["school"])
        audit.record(
            actor, Action.UPDATE, child, person_id=child.person_id, purpose="recorded the child's school"
        )
        notify_school_if_due(child)
    return child


# --- Partner checks and joint screening ---------------------------------------------------------


def ask_partner_check(
    actor: Actor, contact: Contact, agency: Agency, question: str, due_at: datetime | None = None
) -> PartnerCheck:
    user = user_of(actor)
    require_front_door(actor, contact, Permission.WORK_FRONT_DOOR)
    require_open(contact)
    now = timezone.now()
    due_at = due_at or check_due(contact, now)
    check = PartnerCheck(
        contact=contact, agency=agency, question=question.strip(), asked_by=user, due_at=due_at
    )
    errors = {}
    if not check.question:
        errors["question"] = "Enter what you want to know from the agency"
    if due_at <= now:
        errors["due_at"] = "The time the answer is due must be in the future"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        check.save()
        start_screening(contact)
        audit.record(actor, Action.CREATE, check, purpose=f"asked {agency} for a partner check")
    notifications.check_asked(check)
    return check


def check_due(contact: Contact, now: datetime) -> datetime:
    """Within the turnaround, or by the contact's own deadline if that comes sooner.

    A contact already overdue still gets the full turnaround: a deadline in the past would
    only tell the agency it was late before it had been asked.
    """
    due_at = now + CHECK_TURNAROUND
    if contact.due_at is not None and now < contact.due_at < due_at:
        return contact.due_at
    return due_at


def open_check(actor: Actor, check: PartnerCheck) -> None:
    """Check the actor's agency was asked, and audit their reading of the request."""
    user = user_of(actor)
    if not policy.checks_for(user).filter(pk=check.pk).exists():
        decision = policy.Decision(False, "this check was not sent to your agency")
        audit.record(actor, Action.ACCESS_REFUSED, check, purpose=decision.reason)
        raise AccessRefused(decision)
    audit_children(actor, Action.VIEW, check.contact, f"read a partner check for {check.agency}")


def answer_partner_check(actor: Actor, check: PartnerCheck, answer: str) -> PartnerCheck:
    user = user_of(actor)
    require(may_answer_check(user, check))
    if check.status == CheckStatus.ANSWERED:
        raise ValidationError("This check has already been answered")
    if not answer.strip():
        raise ValidationError({"answer": "Enter what your agency knows, or that it knows nothing"})
    with transaction.atomic():
        check.answer = answer.strip()
        check.answered_by = user
        check.answered_at = timezone.now()
        check.status = CheckStatus.ANSWERED
        check.save()
        audit.record(actor, Action.UPDATE, check, purpose="answered a partner check")
    return check


def may_answer_check(user: User, check: PartnerCheck) -> policy.Decision:
    if policy.checks_for(user).filter(pk=check.pk).exists():
        return policy.Decision(True, "the check was sent to your agency")
    return policy.Decision(False, "this check was not sent to your agency")


def record_screening(actor: Actor, contact: Contact, notes: str) -> Screening:
    """One half of the joint screening of a domestic-abuse notification: police or social work."""
    user = user_of(actor)
    require_front_door(actor, contact, Permission.WORK_FRONT_DOOR)
    require_open(contact)
    if not contact.is_domestic_abuse_notification:
        raise ValidationError("Only police domestic-abuse notifications are jointly screened")
    view = screening_view_for(user)
    if contact.screenings.filter(view=view).exists():
        raise ValidationError(f"The {ScreeningView(view).label.lower()} screening has already been recorded")
    if not notes.strip():
        raise ValidationError({"notes": "Enter what your screening found"})
    with transaction.atomic():
        screening = Screening.objects.create(
            contact=contact, view=view, screened_by=user, notes=notes.strip()
        )
        start_screening(contact)
        audit.record(
            actor, Action.CREATE, screening, purpose=f"{ScreeningView(view).label.lower()} screening"
        )
    return screening


def screening_view_for(user: User) -> str:
    """Police officers in the front door screen for the police; everyone else for social work."""
    if user.agency is not None and user.agency.agency_type == AgencyType.POLICE:
        return ScreeningView.POLICE
    return ScreeningView.SOCIAL_WORK


def notify_school_if_due(child: ContactChild) -> EncompassNotification | None:
    """Operation Encompass: tell the school of a domestic-abuse incident before the next school day."""
    contact = child.contact
    if not contact.is_domestic_abuse_notification or child.school_id is None or child.is_unborn:
        return None
    incident_at = contact.incident_at or contact.received_at
    assert incident_at is not None and child.school is not None
    notice, created = EncompassNotification.objects.get_or_create(
        child=child,
        school=child.school,
        defaults={"incident_at": incident_at, "due_by": clocks.encompass_due(incident_at)},
    )
    if created:
        notifications.encompass(notice)
    return notice
