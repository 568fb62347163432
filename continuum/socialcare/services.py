"""Recording the child's journey: every page, the API and imports change records through here.

Each function checks the records' entry rules (their `clean()`), writes in one transaction and
adds an audit entry about the child. Steps that change several records at once (a conference that
starts a plan, a placement move, a step up or down) are one function each, so that no caller can
do half of one.
"""

from __future__ import annotations

from datetime import date
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction

from continuum.access import audit
from continuum.access.audit import Action, Actor
from continuum.access.models import Team, User
from continuum.earlyhelp.models import EarlyHelpEpisode, EarlyHelpOutcome
from continuum.people.models import Allocation, Person, Service
from continuum.statutory import codes

from .catalogue import ConferenceKind, ConferenceOutcome, PlanEndReason
from .models import CareEpisode, ChildProtectionConference, ChildProtectionPlan, Referral
from .models.base import JourneyRecord, day
from .models.care import NEW_EPISODE_SAME_DAY, STARTED_TO_BE_LOOKED_AFTER
from .models.cin import SERVICES_CEASED

Record = TypeVar("Record", bound=JourneyRecord)

# What an early help practitioner's referral is, in the DfE's referral sources.
EARLY_HELP_SOURCE = "5D"
STEPPED_DOWN_TO_EARLY_HELP = "RC9"
# Both are DfE codes: fail at import, not in a family's case, if the catalogue ever drops one.
assert EARLY_HELP_SOURCE in codes.REFERRAL_SOURCE and STEPPED_DOWN_TO_EARLY_HELP in codes.CLOSURE_REASON


class EditConflict(Exception):
    """Someone else changed the record since the page was opened: nothing was overwritten."""


def person_id_of(record: models.Model) -> int:
    """The child a journey record is about, however deep it sits in the episode."""
    for path in (
        "person_id",
        "referral.person_id",
        "plan.referral.person_id",
        "episode.person_id",
        "care_leaver.person_id",
    ):
        value: Any = record
        for part in path.split("."):
            value = getattr(value, part, None)
            if value is None:
                break
        if value is not None:
            return int(value)
    raise ValueError(f"{type(record).__name__} is not about a child")


def record(actor: Actor, step: Record, purpose: str) -> Record:
    """Add a new step after checking its entry rules."""
    step.created_by = _user(actor)
    with transaction.atomic():
        step.full_clean()
        step.save()
        audit.record(actor, Action.CREATE, step, person_id=person_id_of(step), purpose=purpose)
    return step


def amend(actor: Actor, step: Record, opened_at: Any, purpose: str) -> Record:
    """Save changes to an existing step, unless someone else saved it after `opened_at`.

    `opened_at` is the `updated_at` the page showed; comparing it in the database turns a lost
    update into an `EditConflict` the page can explain.
    """
    with transaction.atomic():
        current = type(step)._default_manager.select_for_update().get(pk=step.pk)
        if current.updated_at != opened_at:
            raise EditConflict(f"{current} was changed by someone else after you opened it")
        step.full_clean()
        step.save()
        changed = _changed_fields(current, step)
        audit.record(
            actor,
            Action.UPDATE,
            step,
            person_id=person_id_of(step),
            purpose=purpose,
            details={"changed": changed},
        )
    return step


def _changed_fields(before: models.Model, after: models.Model) -> list[str]:
    return [
        field.name
        for field in after._meta.concrete_fields
        if field.name != "updated_at" and getattr(before, field.attname) != getattr(after, field.attname)
    ]


def _user(actor: Actor) -> User:
    if actor.user is None:
        raise ValueError("A journey record needs the person who recorded it")
    return actor.user


# --- Referrals and allocation -------------------------------------------------------------------


def open_referral(actor: Actor, person: Person, on: date, source: str, **details: Any) -> Referral:
    """Open a child in need episode; if one is already open, the new information joins it.

    The DfE counts a referral only for a child without an open case, so a second referral while
    one is open is not recorded as a referral: the open one is returned.
    """
    existing = Referral.objects.filter(person=person, closed__isnull=True).first()
    if existing is not None:
        return existing
    referral = Referral(person=person, referral_date=on, referral_source=source, **details)
    return record(actor, referral, "opened a referral to children's social care")


def close_referral(actor: Actor, referral: Referral, on: date, reason: str) -> Referral:
    referral.closed, referral.closure_reason = on, reason
    referral = amend(actor, referral, referral.updated_at, "closed the case")
    _end_allocations(referral.person, Service.SOCIAL_CARE, on)
    return referral


def allocate(actor: Actor, person: Person, service: str, worker: User, team: Team, on: date) -> Allocation:
    """Allocate the child to a worker and their team for a service, ending any earlier allocation."""
    with transaction.atomic():
        _end_allocations(person, service, on)
        allocation = Allocation.objects.create(
            person=person, service=service, worker=worker, team=team, started=on, reason="allocated"
        )
        audit.record(actor, Action.CREATE, allocation, person_id=person.pk, purpose=f"allocated to {worker}")
    return allocation


def _end_allocations(person: Person, service: str, on: date) -> None:
    Allocation.objects.filter(person=person, service=service, ended__isnull=True).update(ended=on)


# --- Child protection ---------------------------------------------------------------------------


def record_initial_conference(
    actor: Actor, conference: ChildProtectionConference, initial_category: str = ""
) -> ChildProtectionConference:
    """Record an initial conference; when it decides on a plan, the plan starts that day."""
    conference.kind = ConferenceKind.INITIAL
    with transaction.atomic():
        record(actor, conference, "recorded an initial child protection conference")
        if conference.outcome == ConferenceOutcome.PLAN:
            if not initial_category:
                raise ValidationError({"initial_category": "Choose the category of abuse the plan is under"})
            plan = ChildProtectionPlan(
                referral=conference.referral,
                started=conference.held_on,
                initial_category=initial_category,
                latest_category=initial_category,
            )
            record(actor, plan, "a child protection plan started at the initial conference")
            conference.plan = plan
            conference.save(update_fields=["plan", "updated_at"])
    return conference


def record_review_conference(
    actor: Actor, conference: ChildProtectionConference, latest_category: str = ""
) -> ChildProtectionConference:
    """Record a review conference; ending the plan ends it that day, and the category may change."""
    conference.kind = ConferenceKind.REVIEW
    plan = conference.plan
    if plan is not None:
        conference.referral = plan.referral
    with transaction.atomic():
        record(actor, conference, "recorded a review child protection conference")
        if plan is None:
            return conference
        if latest_category and latest_category != plan.latest_category:
            plan.latest_category = latest_category
        if conference.outcome == ConferenceOutcome.END_PLAN:
            plan.ended, plan.end_reason = conference.held_on, plan.end_reason or PlanEndReason.CHILD_IN_NEED
        amend(actor, plan, plan.updated_at, "the review conference changed the plan")
    return conference


# --- Looked after -------------------------------------------------------------------------------


def start_looked_after(actor: Actor, episode: CareEpisode) -> CareEpisode:
    episode.reason_new_episode = STARTED_TO_BE_LOOKED_AFTER
    return record(actor, episode, "the child became looked after")


def change_episode(
    actor: Actor, person: Person, on: date, reason_new_episode: str, **changes: Any
) -> CareEpisode:
    """A placement move or change of legal status: end the open episode (X1) and open the next the same day.

    The next episode carries over everything not changed, as the SSDA903 expects.
    """
    current = CareEpisode.objects.filter(person=person, ended__isnull=True).first()
    if current is None:
        raise ValidationError(
            {"started": "The child is not looked after now. Record the start of care first"}
        )
    if on < current.started:
        raise ValidationError(
            {
                "started": f"The current episode started on {day(current.started)}. "
                "A change must be on or after that date"
            }
        )
    carried = {
        field.name: getattr(current, field.name)
        for field in CareEpisode._meta.concrete_fields
        if field.name
        not in {
            "id",
            "started",
            "ended",
            "reason_ended",
            "reason_new_episode",
            "reason_placement_changed",
            "created_by",
            "created_at",
            "updated_at",
        }
    }
    following = CareEpisode(**{**carried, **changes}, started=on, reason_new_episode=reason_new_episode)
    with transaction.atomic():
        current.ended, current.reason_ended = on, NEW_EPISODE_SAME_DAY
        amend(actor, current, current.updated_at, "the episode ended for a new one the same day")
        record(actor, following, "a new looked-after episode started")
    return following


def cease_looked_after(actor: Actor, person: Person, on: date, reason: str) -> CareEpisode:
    current = CareEpisode.objects.filter(person=person, ended__isnull=True).first()
    if current is None:
        raise ValidationError({"ended": "The child is not looked after now"})
    current.ended, current.reason_ended = on, reason
    return amend(actor, current, current.updated_at, "the child ceased to be looked after")


# --- Early help: stepping up and down -----------------------------------------------------------


def step_up(actor: Actor, episode: EarlyHelpEpisode, on: date) -> Referral:
    """Early help closes and the child is referred to children's social care the same day."""
    with transaction.atomic():
        referral = open_referral(actor, episode.person, on, EARLY_HELP_SOURCE)
        episode.ended, episode.outcome, episode.stepped_up_to = on, EarlyHelpOutcome.STEPPED_UP, referral
        amend(actor, episode, episode.updated_at, "stepped up to children's social care")
    return referral


def step_down(
    actor: Actor, referral: Referral, on: date, lead_practitioner: User | None = None
) -> EarlyHelpEpisode:
    """Social care closes the case and early help opens the same day.

    The DfE reason is RC9 (closed after assessment, referred to early help) when the case closed at
    its assessment; after a section 47 enquiry or a plan it is RC7 (CIN census rule 2990).
    """
    with transaction.atomic():
        reason = SERVICES_CEASED if referral.went_beyond_assessment() else STEPPED_DOWN_TO_EARLY_HELP
        close_referral(actor, referral, on, reason)
        episode = EarlyHelpEpisode(
            person=referral.person,
            started=on,
            stepped_down_from=referral,
            lead_practitioner=lead_practitioner,
        )
        record(actor, episode, "stepped down to early help")
    return episode
