"""Early help registered by a partner's lead practitioner: registering, then accepting or declining.

A partner who has the family's consent to lead early help registers it; an early help
practitioner (or team manager) at the council finds the child in the people index, or adds them,
and accepts: the episode opens with the partner as lead practitioner and the child is allocated
(service early help) to the practitioner and their team. Pages, the API and commands all call
these functions, which check the access policy, write in one transaction and audit each step.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from continuum.access import audit, policy
from continuum.access.audit import Action, Actor
from continuum.access.models import Team, User
from continuum.access.policy import Permission
from continuum.access.services import AccessRefused
from continuum.people import matching
from continuum.people import services as people_services
from continuum.people.models import Person, Service
from continuum.people.validators import normalise_postcode
from continuum.socialcare import services as socialcare
from continuum.socialcare.models.base import day

from .models import EarlyHelpAssessment, EarlyHelpEpisode, EarlyHelpRegistration, RegistrationStatus

# What a partner may say when registering; everything else is set by the steps below.
REGISTRATION_FIELDS = frozenset(
    {
        "given_name",
        "family_name",
        "date_of_birth",
        "postcode",
        "consent_given_by",
        "consent_covers",
        "help_wanted",
        "assessment_started",
    }
)


# --- The partner ---------------------------------------------------------------------------------


def register(actor: Actor, **details: Any) -> EarlyHelpRegistration:
    """Register early help the partner will lead; it waits for an early help practitioner to accept it."""
    user = _user(actor)
    _require(policy.can(user, Permission.REGISTER_EARLY_HELP))
    unknown = set(details) - REGISTRATION_FIELDS
    if unknown:
        raise TypeError(f"An early help registration has no {', '.join(sorted(unknown))}")
    if details.get("postcode"):
        details["postcode"] = normalise_postcode(details["postcode"])
    registration = EarlyHelpRegistration(**details, registered_by=user)
    registration.full_clean()
    with transaction.atomic():
        registration.save()
        audit.record(
            actor,
            Action.CREATE,
            registration,
            purpose="registered early help as its lead practitioner",
            details={"fields": sorted(details)},
        )
    return registration


def read_own(actor: Actor, registrations: list[EarlyHelpRegistration]) -> None:
    """Audit the partner reading the status and outcome of their registrations (one entry a page)."""
    if registrations:
        audit.record(
            actor,
            Action.VIEW,
            purpose="read the outcome of their own early help registrations",
            details={"registrations": [registration.reference for registration in registrations]},
        )


# --- Early help practitioners --------------------------------------------------------------------


def open_registration(actor: Actor, registration: EarlyHelpRegistration, purpose: str) -> None:
    """Check the user takes early help registrations, and audit their look at this one."""
    _require(policy.can(_user(actor), Permission.PROCESS_EARLY_HELP))
    audit.record(actor, Action.VIEW, registration, person_id=registration.person_id, purpose=purpose)


def candidates(actor: Actor, registration: EarlyHelpRegistration) -> matching.Proposal:
    """Who in the people index the registered child may already be (an audited search)."""
    user = _user(actor)
    _require(policy.can(user, Permission.PROCESS_EARLY_HELP))
    proposal = matching.find_or_propose(
        policy.searchable_people(user),
        given_name=registration.given_name,
        family_name=registration.family_name,
        date_of_birth=registration.date_of_birth,
        postcode=registration.postcode,
    )
    audit.record(
        actor,
        Action.SEARCH,
        registration,
        purpose=f"looked for the child of early help registration {registration.reference}",
        details={"likely": len(proposal.likely), "possible": len(proposal.possible)},
    )
    return proposal


def accept(actor: Actor, registration: EarlyHelpRegistration, person: Person) -> EarlyHelpRegistration:
    """Accept the registration for `person`: open early help led by the partner, allocate the child.

    The episode starts on the day the partner's early help assessment started, if they gave it
    (and that assessment is recorded), otherwise today. The child is allocated for early help to
    the accepting practitioner and their first team. Refused, with nothing written, if the child
    already has an open early help episode.
    """
    user = _user(actor)
    _require(policy.can(user, Permission.PROCESS_EARLY_HELP))
    if not policy.searchable_people(user).filter(pk=person.pk).exists():
        raise AccessRefused(policy.Decision(False, "this record is restricted to named people"))
    team = _team_of(user)
    today = timezone.localdate()
    with transaction.atomic():
        registration = _waiting(registration)
        _refuse_if_not_a_child_or_open(person)
        episode = socialcare.record(
            actor,
            EarlyHelpEpisode(
                person=person,
                started=registration.assessment_started or today,
                lead_practitioner=registration.registered_by,
                consent_given_by=registration.consent_given_by,
            ),
            f"opened early help from registration {registration.reference}",
        )
        if registration.assessment_started:
            assessment = EarlyHelpAssessment(episode=episode, started=registration.assessment_started)
            socialcare.record(actor, assessment, "the lead practitioner's early help assessment")
        socialcare.allocate(actor, person, Service.EARLY_HELP, user, team, today)
        registration.person, registration.episode = person, episode
        _decide(actor, registration, RegistrationStatus.ACCEPTED, "accepted an early help registration")
    _tell_the_partner(registration)
    return registration


def add_child_and_accept(actor: Actor, registration: EarlyHelpRegistration) -> EarlyHelpRegistration:
    """The index does not know the child: add them as a new person, then accept for them."""
    with transaction.atomic():
        person = people_services.create_person(
            actor,
            kind="child",
            given_name=registration.given_name,
            family_name=registration.family_name,
            date_of_birth=registration.date_of_birth,
        )
        return accept(actor, registration, person)


def decline(actor: Actor, registration: EarlyHelpRegistration, reason: str) -> EarlyHelpRegistration:
    """Decline the registration, saying why; the partner is told."""
    _require(policy.can(_user(actor), Permission.PROCESS_EARLY_HELP))
    with transaction.atomic():
        registration = _waiting(registration)
        registration.decline_reason = reason.strip()
        _decide(actor, registration, RegistrationStatus.DECLINED, "declined an early help registration")
    _tell_the_partner(registration)
    return registration


# --- Helpers -------------------------------------------------------------------------------------


def _waiting(registration: EarlyHelpRegistration) -> EarlyHelpRegistration:
    """The registration, locked, if nobody has decided it yet (two people may open it at once)."""
    locked = (
        # Lock only the registration row: PostgreSQL cannot lock the nullable side of a join.
        EarlyHelpRegistration.objects.select_for_update(of=("self",))
        .select_related("registered_by", "decided_by")
        .get(pk=registration.pk)
    )
    if not locked.is_waiting:
        who = locked.decided_by.display_name if locked.decided_by else "someone else"
        when = day(timezone.localdate(locked.decided_at)) if locked.decided_at else "earlier"
        raise ValidationError(
            f"This registration was already {locked.get_status_display().lower()} by {who} on {when}. "
            "Nothing has been changed"
        )
    return locked


def _refuse_if_not_a_child_or_open(person: Person) -> None:
    if not person.is_child:
        adult = f"{person.full_name}'s record is an adult's. Choose the child's record, or add the child"
        raise ValidationError({"person": adult})
    current = (
        EarlyHelpEpisode.objects.filter(person=person, ended__isnull=True)
        .select_related("lead_practitioner")
        .first()
    )
    if current is not None:
        led = f", led by {current.lead_practitioner.display_name}" if current.lead_practitioner else ""
        already = (
            f"{person.full_name} already has open early help (from {day(current.started)}{led}). Talk to "
            "the lead practitioner about joining up the help, or decline this registration and say why"
        )
        raise ValidationError({"person": already})


def _team_of(user: User) -> Team:
    team = user.teams.order_by("pk").first()
    if team is None:
        raise ValidationError(
            "You are not in a team, so the child cannot be allocated to you. "
            "Ask an administrator to add you to your team, then accept the registration"
        )
    return team


def _decide(actor: Actor, registration: EarlyHelpRegistration, status: str, purpose: str) -> None:
    registration.status = status
    registration.decided_by = _user(actor)
    registration.decided_at = timezone.now()
    registration.full_clean()
    registration.save()
    audit.record(actor, Action.UPDATE, registration, person_id=registration.person_id, purpose=purpose)


def _tell_the_partner(registration: EarlyHelpRegistration) -> None:
    """E-mail the outcome to the lead practitioner: a reference and a first name, never the worry."""
    address = registration.registered_by.email
    if not address:
        return
    accepted = registration.status == RegistrationStatus.ACCEPTED
    subject = (
        f"Early help registration {registration.reference} accepted"
        if accepted
        else f"Early help registration {registration.reference} not accepted"
    )
    body = render_to_string(
        "earlyhelp/email/outcome.txt", {"registration": registration, "accepted": accepted}
    )
    send_mail(subject, body, None, [address])


def _require(decision: policy.Decision) -> None:
    if not decision:
        raise AccessRefused(decision)


def _user(actor: Actor) -> User:
    if actor.user is None:
        raise AccessRefused(policy.Decision(False, "not signed in"))
    return actor.user
