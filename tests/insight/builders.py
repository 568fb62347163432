"""Small records for hand-worked indicator tests, written straight to the tables (synthetic data only).

Each builder writes the one record a test talks about with only the facts the indicators read,
so that a test's working can name every record it counts. They go through `objects.create`,
not the services, so no entry rule (a plan only after its conference, say) gets in the way of a
case built to sit exactly on an edge. Every record is recorded by the same made-up worker.
"""

from __future__ import annotations

from datetime import date, datetime

from continuum.access.models import User
from continuum.earlyhelp.models import EarlyHelpEpisode
from continuum.frontdoor import clocks
from continuum.frontdoor.catalogue import Route, Status
from continuum.frontdoor.models import Contact, ContactChild
from continuum.insight.models import ChildPopulation
from continuum.people.models import Person
from continuum.socialcare.catalogue import (
    CareLeaverCategory,
    ConferenceKind,
    ConferenceOutcome,
    PlanEndReason,
    StrategyDecision,
)
from continuum.socialcare.models import (
    Assessment,
    CareEpisode,
    CareLeaver,
    CareLeaverContact,
    ChildProtectionConference,
    ChildProtectionPlan,
    MissingEpisode,
    PathwayPlan,
    Referral,
    Section47Enquiry,
    StrategyDiscussion,
)
from continuum.statutory.timescales import ENGLAND
from tests.people.factories import PersonFactory


def at(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    """A moment in England (British Summer Time or not, as the day has it)."""
    return datetime(year, month, day, hour, minute, tzinfo=ENGLAND)


def worker() -> User:
    user, _ = User.objects.get_or_create(
        username="insight-recorder", defaults={"first_name": "Ines", "last_name": "Recorder"}
    )
    return user


def child() -> Person:
    return PersonFactory.create()


# --- The front door and early help ----------------------------------------------------------------


def contact(
    received_at: datetime | None,
    *,
    decided_at: datetime | None = None,
    told: bool = False,
    route: str = Route.MARF,
    person: Person | None = None,
) -> Contact:
    """A contact for one child; `received_at` None is a draft. Its clock is the front door's own."""
    status = Status.DECIDED if decided_at else Status.IN_PROGRESS
    if received_at is None:
        status = Status.DRAFT
    made = Contact.objects.create(
        status=status,
        route=route,
        referral_source="2A",
        received_at=received_at,
        due_at=clocks.decision_due(received_at) if received_at else None,
        decided_at=decided_at,
        referrer_told_at=decided_at if told else None,
        referrer_name="" if route == Route.ANONYMOUS else "A referrer",
    )
    subject = person or child()
    ContactChild.objects.create(contact=made, person=subject, given_name=subject.given_name)
    return made


def early_help(person: Person, started: date, ended: date | None = None) -> EarlyHelpEpisode:
    return EarlyHelpEpisode.objects.create(
        person=person, started=started, ended=ended, outcome="needs_met" if ended else "", created_by=worker()
    )


# --- Children in need ------------------------------------------------------------------------------


def referral(
    person: Person, on: date, *, closed: date | None = None, no_further_action: bool = False
) -> Referral:
    """A referral; a closed one closed after assessment with no further action (RC8)."""
    return Referral.objects.create(
        person=person,
        referral_date=on,
        referral_source="2A",
        no_further_action=no_further_action,
        closed=closed,
        closure_reason="RC8" if closed else "",
        created_by=worker(),
    )


def assessment(of: Referral, started: date, authorised: date | None) -> Assessment:
    return Assessment.objects.create(
        referral=of,
        started=started,
        completed=authorised,
        authorised=authorised,
        factors=["21"] if authorised else [],
        outcome="cin_plan" if authorised else "",
        created_by=worker(),
    )


# --- Child protection -------------------------------------------------------------------------------


def enquiry(of: Referral, started: date, outcome: str = "") -> Section47Enquiry:
    """A section 47 enquiry after a strategy discussion the same day; with an outcome, finished that day."""
    discussion = StrategyDiscussion.objects.create(
        referral=of, held_on=started, decision=StrategyDecision.SECTION_47, created_by=worker()
    )
    return Section47Enquiry.objects.create(
        referral=of,
        strategy_discussion=discussion,
        started=started,
        completed=started if outcome else None,
        outcome=outcome,
        created_by=worker(),
    )


def conference(
    of: Referral,
    held_on: date,
    *,
    after: Section47Enquiry | None = None,
    kind: str = ConferenceKind.INITIAL,
    plan: ChildProtectionPlan | None = None,
) -> ChildProtectionConference:
    outcome = ConferenceOutcome.PLAN if kind == ConferenceKind.INITIAL else ConferenceOutcome.CONTINUE
    return ChildProtectionConference.objects.create(
        referral=of,
        kind=kind,
        held_on=held_on,
        section_47=after,
        plan=plan,
        outcome=outcome,
        created_by=worker(),
    )


def plan(of: Referral, started: date, ended: date | None = None) -> ChildProtectionPlan:
    return ChildProtectionPlan.objects.create(
        referral=of,
        started=started,
        ended=ended,
        end_reason=PlanEndReason.CHILD_IN_NEED if ended else "",
        initial_category="NEG",
        latest_category="NEG",
        created_by=worker(),
    )


# --- Children in care and care leavers ---------------------------------------------------------------


def care_episode(
    person: Person,
    started: date,
    ended: date | None = None,
    *,
    legal_status: str = "C2",
    reason_new: str = "S",
    reason_ended: str = "E13",
) -> CareEpisode:
    """An episode; by default it starts a period of care (S) and, if it ended, the child left care (E13).

    A change of legal status ends an episode with X1 and starts the next the same day with L.
    """
    return CareEpisode.objects.create(
        person=person,
        started=started,
        reason_new_episode=reason_new,
        legal_status=legal_status,
        category_of_need="N1",
        placement_type="U1",
        placement_provider="PR1",
        ended=ended,
        reason_ended=reason_ended if ended else "",
        created_by=worker(),
    )


def missing(person: Person, went_missing: datetime) -> MissingEpisode:
    return MissingEpisode.objects.create(
        person=person, kind="M", went_missing=went_missing, returned=went_missing, created_by=worker()
    )


def care_leaver(
    person: Person, started: date, ended: date | None = None, *, category: str = CareLeaverCategory.RELEVANT
) -> CareLeaver:
    return CareLeaver.objects.create(
        person=person, category=category, started=started, ended=ended, created_by=worker()
    )


def leaver_contact(
    of: CareLeaver, on: date, in_touch: str, activity: str, accommodation: str
) -> CareLeaverContact:
    return CareLeaverContact.objects.create(
        care_leaver=of,
        contact_on=on,
        in_touch=in_touch,
        activity=activity,
        accommodation=accommodation,
        created_by=worker(),
    )


def pathway_plan(of: CareLeaver, held_on: date) -> PathwayPlan:
    return PathwayPlan.objects.create(care_leaver=of, held_on=held_on, created_by=worker())


# --- What analysts enter ------------------------------------------------------------------------------


def population(year: int, children: int) -> ChildPopulation:
    return ChildPopulation.objects.create(
        year=year, children=children, source=f"ONS mid-{year} estimate", entered_by=worker()
    )
