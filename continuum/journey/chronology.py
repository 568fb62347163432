"""One chronology per child, assembled from everything recorded about them.

Nothing here is stored or typed twice: each event is derived from the record it describes, so the
chronology cannot disagree with the records (ARCHITECTURE.md, principle 1). There is one small
function per source; each reads its records in one query, joining what its words need, so the
number of queries is the same for a child with five events as for a child with five hundred.

Access is not decided here: the page opens the record through `access.services.open_person`
first, which checks the policy and audits the read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import IntEnum

from django.db import models

from continuum.earlyhelp.models import EarlyHelpAssessment, EarlyHelpEpisode, TeamAroundFamilyMeeting
from continuum.frontdoor.catalogue import Status
from continuum.frontdoor.models import ContactChild, Decision
from continuum.socialcare.catalogue import MissingReturnInterview
from continuum.socialcare.models import (
    Assessment,
    CareEpisode,
    CareLeaver,
    CareLeaverContact,
    ChildInNeedPlan,
    ChildInNeedReview,
    ChildProtectionConference,
    ChildProtectionPlan,
    CoreGroupMeeting,
    HealthCheck,
    LookedAfterReview,
    MissingEpisode,
    PathwayPlan,
    PersonalEducationPlan,
    Referral,
    Section47Enquiry,
    StrategyDiscussion,
    Visit,
)
from continuum.socialcare.models.base import day
from continuum.socialcare.models.care import LEGAL_STATUS_ONLY, STARTED_TO_BE_LOOKED_AFTER
from continuum.socialcare.referrals import re_referral_window_start
from continuum.statutory import codes
from continuum.statutory.code_set import CodeSet, UnknownCode
from continuum.statutory.timescales import ENGLAND, england_date

FACTORS_NAMED = 3


class EventKind(models.TextChoices):
    """The types a practitioner filters a chronology by: the parts of the journey, and visits."""

    FRONT_DOOR = "front_door", "Front door"
    EARLY_HELP = "early_help", "Early help"
    REFERRAL = "referral", "Referral and assessment"
    CHILD_IN_NEED = "child_in_need", "Child in need"
    CHILD_PROTECTION = "child_protection", "Child protection"
    LOOKED_AFTER = "looked_after", "Looked after"
    MISSING = "missing", "Missing"
    CARE_LEAVER = "care_leaver", "Care leaver"
    VISIT = "visit", "Visit"


class Significance(models.TextChoices):
    # Key events change what is happening for the child (a decision, a plan, a move, a period of
    # care); routine ones carry the plan out (visits, meetings, reviews, checks).
    KEY = "key", "Key event"
    ROUTINE = "routine", "Routine"


class Step(IntEnum):
    """Where an event comes in the journey, to order events that share a date.

    Most records carry a date and no time, so a day's events are put in the order the journey
    takes them: a contact is decided before the referral it becomes, a conference decides the plan
    that starts that day, a plan ends before the case closes, care ends before leaving care starts.
    Events with a time (contacts and their decisions; going missing, returning, the interview)
    share a step, so that they are in time order among themselves.
    """

    FRONT_DOOR = 10
    EARLY_HELP_STARTED = 20
    EARLY_HELP_ASSESSMENT = 21
    TEAM_AROUND_FAMILY = 22
    REFERRAL = 30
    ASSESSMENT_STARTED = 31
    VISIT = 32
    ASSESSMENT_COMPLETED = 33
    STRATEGY_DISCUSSION = 40
    SECTION_47_STARTED = 41
    SECTION_47_COMPLETED = 42
    CONFERENCE = 43
    PLAN_STARTED = 44
    MEETING = 45
    CARE = 50
    CARE_ROUTINE = 51
    MISSING = 60
    PLAN_ENDED = 70
    CARE_ENDED = 71
    CARE_LEAVER = 80
    CARE_LEAVER_ROUTINE = 81
    EARLY_HELP_ENDED = 90
    CLOSED = 91


@dataclass(frozen=True)
class Event:
    """Something that happened to the child, in plain words, and the record it comes from."""

    when: date | datetime
    kind: EventKind
    significance: Significance
    title: str
    detail: str
    source: str  # the source record's model label, "socialcare.referral"
    source_pk: int
    step: Step

    @property
    def day(self) -> date:
        return england_date(self.when)

    @property
    def time_of_day(self) -> time | None:
        """The time of day in England, for the events recorded with one."""
        if isinstance(self.when, datetime):
            return self.when.astimezone(ENGLAND).time() if self.when.tzinfo else self.when.time()
        return None

    @property
    def is_key(self) -> bool:
        return self.significance == Significance.KEY

    def sort_key(self) -> tuple[date, int, time, str, int]:
        return (self.day, self.step, self.time_of_day or time.min, self.source, self.source_pk)


def chronology_of(
    person_id: int, kinds: Iterable[str] | None = None, significance: str | None = None
) -> list[Event]:
    """Every event recorded about the person, newest first.

    `kinds` keeps the events of those types (None or empty: every type); sources of other types
    are not read at all. `significance` "key" keeps the key events; None keeps every event.
    """
    chosen = set(kinds or ()) or set(EventKind)
    events = [event for kind, source in SOURCES if kind in chosen for event in source(person_id)]
    return sorted(select(events, chosen, significance), key=Event.sort_key, reverse=True)


def select(
    events: Iterable[Event], kinds: Iterable[str] | None = None, significance: str | None = None
) -> list[Event]:
    """The events of the chosen types and significance, in the order given (None or empty: all)."""
    chosen = set(kinds or ()) or set(EventKind)
    return [
        event
        for event in events
        if event.kind in chosen and (not significance or event.significance == significance)
    ]


class _Events:
    """Makes the events of one type: `_PROTECTION.key(enquiry, enquiry.started, Step..., "Title")`."""

    def __init__(self, kind: EventKind) -> None:
        self.kind = kind

    def key(
        self, record: models.Model, when: date | datetime, step: Step, title: str, detail: str = ""
    ) -> Event:
        return self._event(record, when, step, Significance.KEY, title, detail)

    def routine(
        self, record: models.Model, when: date | datetime, step: Step, title: str, detail: str = ""
    ) -> Event:
        return self._event(record, when, step, Significance.ROUTINE, title, detail)

    def _event(
        self,
        record: models.Model,
        when: date | datetime,
        step: Step,
        significance: Significance,
        title: str,
        detail: str,
    ) -> Event:
        assert record.pk is not None
        label = record._meta.label_lower
        return Event(when, self.kind, significance, title, detail, label, record.pk, step)


_FRONT_DOOR = _Events(EventKind.FRONT_DOOR)
_EARLY_HELP = _Events(EventKind.EARLY_HELP)
_REFERRAL = _Events(EventKind.REFERRAL)
_CHILD_IN_NEED = _Events(EventKind.CHILD_IN_NEED)
_PROTECTION = _Events(EventKind.CHILD_PROTECTION)
_LOOKED_AFTER = _Events(EventKind.LOOKED_AFTER)
_MISSING = _Events(EventKind.MISSING)
_CARE_LEAVER = _Events(EventKind.CARE_LEAVER)
_VISIT = _Events(EventKind.VISIT)


# The front door ---------------------------------------------------------------------------------


def front_door_events(person_id: int) -> Iterator[Event]:
    """Each contact about the child and the front door's decision for them.

    Drafts are left out (nothing has arrived yet). Screening notes and partner checks are about
    the whole contact, often siblings and adults too, so they stay on the contact page.
    """
    named = (
        ContactChild.objects.filter(person_id=person_id, contact__received_at__isnull=False)
        .exclude(contact__status=Status.DRAFT)
        .select_related("contact__referrer_agency", "decision__level")
    )
    for child in named:
        contact = child.contact
        assert contact.received_at is not None
        agency = contact.referrer_agency
        who = (agency.name if agency else "") or contact.referrer_organisation
        worries = "; ".join(contact.worry_labels())
        detail = _sentences(
            f"{contact.reference or 'No reference'}{f', from {who}' if who else ''}",
            f"Worries: {worries}" if worries else "",
        )
        title = f"Contact received: {contact.get_route_display()}"
        yield _FRONT_DOOR.key(contact, contact.received_at, Step.FRONT_DOOR, title, detail)
        decision: Decision | None = getattr(child, "decision", None)
        if decision is not None:
            yield _decision_event(decision)


def _decision_event(decision: Decision) -> Event:
    # A decision that needs a manager's sign-off takes effect only when signed off.
    pending = "" if decision.is_complete else " (waiting for manager sign-off)"
    title = f"Front door decision: {decision.outcome_summary}{pending}"
    detail = f"Level {decision.level.number}: {decision.level.name}"
    when = decision.completed_at or decision.decided_at
    return _FRONT_DOOR.key(decision, when, Step.FRONT_DOOR, title, detail)


# Early help -------------------------------------------------------------------------------------


def early_help_events(person_id: int) -> Iterator[Event]:
    episodes = EarlyHelpEpisode.objects.filter(person_id=person_id).select_related("lead_practitioner")
    for episode in episodes:
        lead = episode.lead_practitioner
        detail = _sentences(
            "Stepped down from children's social care" if episode.stepped_down_from_id else "",
            f"Lead practitioner: {lead.display_name}" if lead else "",
            f"Consent given by {episode.consent_given_by}" if episode.consent_given_by else "",
        )
        yield _EARLY_HELP.key(episode, episode.started, Step.EARLY_HELP_STARTED, "Early help started", detail)
        if episode.ended:
            title = f"Early help ended: {episode.get_outcome_display()}"
            yield _EARLY_HELP.key(episode, episode.ended, Step.EARLY_HELP_ENDED, title)


def early_help_assessment_events(person_id: int) -> Iterator[Event]:
    # Starting an assessment is routine; its completion is what the family's plan is built on.
    for assessment in EarlyHelpAssessment.objects.filter(episode__person_id=person_id):
        step = Step.EARLY_HELP_ASSESSMENT
        yield _EARLY_HELP.routine(assessment, assessment.started, step, "Early help assessment started")
        if assessment.completed:
            yield _EARLY_HELP.key(assessment, assessment.completed, step, "Early help assessment completed")


def team_around_family_events(person_id: int) -> Iterator[Event]:
    for meeting in TeamAroundFamilyMeeting.objects.filter(episode__person_id=person_id):
        detail = f"Next review {day(meeting.next_review)}" if meeting.next_review else ""
        title = "Team around the family meeting"
        yield _EARLY_HELP.routine(meeting, meeting.held_on, Step.TEAM_AROUND_FAMILY, title, detail)


# Referral and assessment ------------------------------------------------------------------------


def referral_events(person_id: int) -> Iterator[Event]:
    """Each referral (noting a re-referral within 12 months of the one before) and its closure."""
    previous: Referral | None = None
    for referral in Referral.objects.filter(person_id=person_id).order_by("referral_date", "pk"):
        on = referral.referral_date
        re_referral = previous is not None and re_referral_window_start(on) <= previous.referral_date < on
        need = referral.primary_need
        detail = _sentences(
            f"Source: {_label(codes.REFERRAL_SOURCE, referral.referral_source)}",
            f"Primary need: {_label(codes.PRIMARY_NEED, need)}" if need else "",
            "Re-referral within 12 months" if re_referral else "",
            "No further action at the outset" if referral.no_further_action else "",
        )
        yield _REFERRAL.key(referral, on, Step.REFERRAL, "Referral to children's social care", detail)
        if referral.closed:
            title = f"Case closed: {_label(codes.CLOSURE_REASON, referral.closure_reason)}"
            yield _REFERRAL.key(referral, referral.closed, Step.CLOSED, title)
        previous = referral


def assessment_events(person_id: int) -> Iterator[Event]:
    # The assessment ends when the manager authorises it (CIN census): that is its outcome.
    for assessment in Assessment.objects.filter(referral__person_id=person_id):
        yield _REFERRAL.routine(assessment, assessment.started, Step.ASSESSMENT_STARTED, "Assessment started")
        if assessment.authorised:
            seen = assessment.child_seen
            title = f"Assessment completed: {assessment.get_outcome_display()}"
            detail = _sentences(
                f"Child seen {day(seen)}" if seen else "Child not seen", _factors(assessment.factors)
            )
            yield _REFERRAL.key(assessment, assessment.authorised, Step.ASSESSMENT_COMPLETED, title, detail)


def _factors(factors: list[str]) -> str:
    if not factors:
        return ""
    named = "; ".join(_label(codes.ASSESSMENT_FACTOR, factor) for factor in factors[:FACTORS_NAMED])
    more = len(factors) - FACTORS_NAMED
    return f"Factors: {named}{f' and {more} more' if more > 0 else ''}"


# Child in need ----------------------------------------------------------------------------------


def child_in_need_plan_events(person_id: int) -> Iterator[Event]:
    for plan in ChildInNeedPlan.objects.filter(referral__person_id=person_id):
        detail = f"Visits every {plan.visit_every_working_days} working days"
        yield _CHILD_IN_NEED.key(plan, plan.started, Step.PLAN_STARTED, "Child in need plan started", detail)
        if plan.ended:
            yield _CHILD_IN_NEED.key(plan, plan.ended, Step.PLAN_ENDED, "Child in need plan ended")


def child_in_need_review_events(person_id: int) -> Iterator[Event]:
    for review in ChildInNeedReview.objects.filter(plan__referral__person_id=person_id):
        yield _CHILD_IN_NEED.routine(review, review.held_on, Step.MEETING, "Child in need review")


# Child protection -------------------------------------------------------------------------------


def strategy_discussion_events(person_id: int) -> Iterator[Event]:
    for discussion in StrategyDiscussion.objects.filter(referral__person_id=person_id):
        detail = f"Decision: {discussion.get_decision_display()}"
        step = Step.STRATEGY_DISCUSSION
        yield _PROTECTION.key(discussion, discussion.held_on, step, "Strategy discussion", detail)


def section_47_events(person_id: int) -> Iterator[Event]:
    for enquiry in Section47Enquiry.objects.filter(referral__person_id=person_id):
        yield _PROTECTION.key(enquiry, enquiry.started, Step.SECTION_47_STARTED, "Section 47 enquiry started")
        if enquiry.completed:
            title, detail = "Section 47 enquiry completed", f"Outcome: {enquiry.get_outcome_display()}"
            yield _PROTECTION.key(enquiry, enquiry.completed, Step.SECTION_47_COMPLETED, title, detail)


def conference_events(person_id: int) -> Iterator[Event]:
    for conference in ChildProtectionConference.objects.filter(referral__person_id=person_id):
        title, detail = conference.get_kind_display(), f"Outcome: {conference.get_outcome_display()}"
        yield _PROTECTION.key(conference, conference.held_on, Step.CONFERENCE, title, detail)


def child_protection_plan_events(person_id: int) -> Iterator[Event]:
    for plan in ChildProtectionPlan.objects.filter(referral__person_id=person_id):
        title = f"Child protection plan started ({_label(codes.CATEGORY_OF_ABUSE, plan.initial_category)})"
        detail = f"Visits every {plan.visit_every_working_days} working days"
        yield _PROTECTION.key(plan, plan.started, Step.PLAN_STARTED, title, detail)
        if plan.ended:
            # The category can change at a review conference; the one the plan ended with matters.
            changed = plan.latest_category != plan.initial_category
            detail = _sentences(
                f"Reason: {plan.get_end_reason_display()}",
                f"Latest category: {_label(codes.CATEGORY_OF_ABUSE, plan.latest_category)}"
                if changed
                else "",
            )
            yield _PROTECTION.key(plan, plan.ended, Step.PLAN_ENDED, "Child protection plan ended", detail)


def core_group_events(person_id: int) -> Iterator[Event]:
    for meeting in CoreGroupMeeting.objects.filter(plan__referral__person_id=person_id):
        yield _PROTECTION.routine(meeting, meeting.held_on, Step.MEETING, "Core group meeting")


# Looked after -----------------------------------------------------------------------------------


def care_episode_events(person_id: int) -> Iterator[Event]:
    """Becoming looked after, each change of placement or legal status, and ceasing.

    Episodes are SSDA903-shaped: a change closes one episode (reason X1) and opens the next the
    same day with the reason it started, so each new episode is one event; an end other than X1
    is the child ceasing to be looked after.
    """
    previous: CareEpisode | None = None
    for episode in CareEpisode.objects.filter(person_id=person_id).order_by("started", "pk"):
        title, detail = _episode_started(episode, previous)
        yield _LOOKED_AFTER.key(episode, episode.started, Step.CARE, title, detail)
        if episode.ended and not episode.care_continues:
            title = f"Ceased to be looked after: {_label(codes.REASON_EPISODE_CEASED, episode.reason_ended)}"
            yield _LOOKED_AFTER.key(episode, episode.ended, Step.CARE_ENDED, title)
        previous = episode


def _episode_started(episode: CareEpisode, previous: CareEpisode | None) -> tuple[str, str]:
    legal_status = _label(codes.LEGAL_STATUS, episode.legal_status)
    placement = _label(codes.PLACEMENT_TYPE, episode.placement_type)
    reason = episode.reason_new_episode
    if reason == STARTED_TO_BE_LOOKED_AFTER:
        return "Became looked after", _sentences(f"Legal status: {legal_status}", f"Placement: {placement}")
    if reason == LEGAL_STATUS_ONLY:
        return f"Legal status changed: {legal_status}", ""
    # The reason for a move is recorded on the placement that ended (903 REASON_PLACE_CHANGE).
    moved_because = previous.reason_placement_changed if previous else ""
    detail = _sentences(
        "Same carers" if reason in ("T", "U") else "",
        f"Reason for the move: {_label(codes.REASON_PLACE_CHANGE, moved_because)}" if moved_because else "",
    )
    if reason in ("U", "B"):
        title = f"Placement and legal status changed: {placement}"
        return title, _sentences(f"Legal status: {legal_status}", detail)
    return f"Placement changed: {placement}", detail


def looked_after_review_events(person_id: int) -> Iterator[Event]:
    for review in LookedAfterReview.objects.filter(person_id=person_id):
        detail = _label(codes.REVIEW_PARTICIPATION, review.participation)
        yield _LOOKED_AFTER.routine(review, review.held_on, Step.CARE_ROUTINE, "Looked-after review", detail)


def health_check_events(person_id: int) -> Iterator[Event]:
    for check in HealthCheck.objects.filter(person_id=person_id):
        yield _LOOKED_AFTER.routine(check, check.held_on, Step.CARE_ROUTINE, check.get_kind_display())


def education_plan_events(person_id: int) -> Iterator[Event]:
    for plan in PersonalEducationPlan.objects.filter(person_id=person_id):
        title = "Personal education plan meeting"
        yield _LOOKED_AFTER.routine(plan, plan.held_on, Step.CARE_ROUTINE, title)


# Missing ----------------------------------------------------------------------------------------


def missing_events(person_id: int) -> Iterator[Event]:
    """Going missing and coming back are key; the return interview that follows is routine."""
    for episode in MissingEpisode.objects.filter(person_id=person_id):
        title = "Went missing" if episode.kind == "M" else "Away from placement without authorisation"
        detail = _label(codes.MISSING_TYPE, episode.kind)
        yield _MISSING.key(episode, episode.went_missing, Step.MISSING, title, detail)
        if episode.returned:
            detail = f"Return interview: {_interview(episode)}"
            yield _MISSING.key(episode, episode.returned, Step.MISSING, "Returned", detail)
        if episode.return_interview_at:
            title = "Return interview held"
            yield _MISSING.routine(episode, episode.return_interview_at, Step.MISSING, title)


def _interview(episode: MissingEpisode) -> str:
    try:
        return MissingReturnInterview(episode.return_interview).label.lower()
    except ValueError:
        return episode.return_interview


# Care leaver ------------------------------------------------------------------------------------


def care_leaver_events(person_id: int) -> Iterator[Event]:
    for record in CareLeaver.objects.filter(person_id=person_id).select_related("personal_adviser"):
        adviser = record.personal_adviser
        detail = _sentences(
            record.get_category_display(), f"Personal adviser: {adviser.display_name}" if adviser else ""
        )
        title = "Leaving care support started"
        yield _CARE_LEAVER.key(record, record.started, Step.CARE_LEAVER, title, detail)
        if record.ended:
            yield _CARE_LEAVER.key(record, record.ended, Step.CLOSED, "Leaving care support ended")


def pathway_plan_events(person_id: int) -> Iterator[Event]:
    for plan in PathwayPlan.objects.filter(care_leaver__person_id=person_id):
        title = "Pathway plan reviewed" if plan.is_review else "Pathway plan agreed"
        yield _CARE_LEAVER.routine(plan, plan.held_on, Step.CARE_LEAVER_ROUTINE, title)


def care_leaver_contact_events(person_id: int) -> Iterator[Event]:
    for contact in CareLeaverContact.objects.filter(care_leaver__person_id=person_id):
        detail = _sentences(
            _label(codes.CARE_LEAVER_IN_TOUCH, contact.in_touch),
            _label(codes.CARE_LEAVER_ACTIVITY, contact.activity),
            _label(codes.CARE_LEAVER_ACCOMMODATION, contact.accommodation),
        )
        title = "Contact with the personal adviser"
        yield _CARE_LEAVER.routine(contact, contact.contact_on, Step.CARE_LEAVER_ROUTINE, title, detail)


# Visits -----------------------------------------------------------------------------------------


def visit_events(person_id: int) -> Iterator[Event]:
    for visit in Visit.objects.filter(person_id=person_id).select_related("visitor"):
        seen = (
            "Child seen alone" if visit.seen_alone else "Child seen" if visit.child_seen else "Child not seen"
        )
        detail = _sentences(seen, f"Visited by {visit.visitor.display_name}" if visit.visitor else "")
        yield _VISIT.routine(visit, visit.visited_on, Step.VISIT, visit.get_kind_display(), detail)


# Every source, with the type of the events it gives (so a filtered chronology reads only those).
SOURCES: tuple[tuple[EventKind, Callable[[int], Iterator[Event]]], ...] = (
    (EventKind.FRONT_DOOR, front_door_events),
    (EventKind.EARLY_HELP, early_help_events),
    (EventKind.EARLY_HELP, early_help_assessment_events),
    (EventKind.EARLY_HELP, team_around_family_events),
    (EventKind.REFERRAL, referral_events),
    (EventKind.REFERRAL, assessment_events),
    (EventKind.CHILD_IN_NEED, child_in_need_plan_events),
    (EventKind.CHILD_IN_NEED, child_in_need_review_events),
    (EventKind.CHILD_PROTECTION, strategy_discussion_events),
    (EventKind.CHILD_PROTECTION, section_47_events),
    (EventKind.CHILD_PROTECTION, conference_events),
    (EventKind.CHILD_PROTECTION, child_protection_plan_events),
    (EventKind.CHILD_PROTECTION, core_group_events),
    (EventKind.LOOKED_AFTER, care_episode_events),
    (EventKind.LOOKED_AFTER, looked_after_review_events),
    (EventKind.LOOKED_AFTER, health_check_events),
    (EventKind.LOOKED_AFTER, education_plan_events),
    (EventKind.MISSING, missing_events),
    (EventKind.CARE_LEAVER, care_leaver_events),
    (EventKind.CARE_LEAVER, pathway_plan_events),
    (EventKind.CARE_LEAVER, care_leaver_contact_events),
    (EventKind.VISIT, visit_events),
)


# Helpers ----------------------------------------------------------------------------------------


def _label(code_set: CodeSet, code: str) -> str:
    # A code the set does not know (from an old import, say) is shown as it is: the chronology
    # must still show the event rather than fail.
    try:
        return code_set.label(code)
    except UnknownCode:
        return code


def _sentences(*parts: str) -> str:
    return ". ".join(part for part in parts if part)
