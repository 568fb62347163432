"""Writing what a CIN census says about a child as Continuum's records, through their entry rules.

Each record is checked with `full_clean()` (its `clean()` holds the entry rules) before it is
saved; a record that breaks a rule is not saved, what depends on it is left out, and every
problem is collected with the place in the file it comes from. The caller rolls the child back
when any were found.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TypeVar

from django.db import models
from django.db.models import QuerySet

from continuum.people.models import Person, PersonKind
from continuum.socialcare.catalogue import (
    AssessmentOutcome,
    ConferenceKind,
    ConferenceOutcome,
    PlanEndReason,
    Section47Outcome,
    StrategyDecision,
)
from continuum.socialcare.models import (
    Assessment,
    ChildInNeedPlan,
    ChildProtectionConference,
    ChildProtectionPlan,
    Referral,
    Section47Enquiry,
    StrategyDiscussion,
)
from continuum.socialcare.services import STEPPED_DOWN_TO_EARLY_HELP
from continuum.statutory.timescales import deadline

from .common import ChildWriter, Imported, Migration, Rejected

Found = TypeVar("Found", bound=models.Model)
# How far before a section 47 enquiry its strategy discussion is looked for, from the target.
DISCUSSION_SEARCH = timedelta(days=60)
# Where each field of a record is in the census, so that an entry rule's message names the element.
PERSON_ELEMENTS = {
    "date_of_birth": "PersonBirthDate",
    "expected_date_of_delivery": "ExpectedPersonBirthDate",
    "date_of_death": "PersonDeathDate",
    "upn": "UPN",
    "sex": "Sex",
    "ethnicity": "Ethnicity",
    "disabilities": "Disability",
}
REFERRAL_ELEMENTS = {
    "referral_date": "CINreferralDate",
    "referral_source": "ReferralSource",
    "primary_need": "PrimaryNeedCode",
    "closed": "CINclosureDate",
    "closure_reason": "ReasonForClosure",
    "no_further_action": "ReferralNFA",
}
ASSESSMENT_ELEMENTS = {
    "started": "AssessmentActualStartDate",
    "completed": "AssessmentAuthorisationDate",
    "authorised": "AssessmentAuthorisationDate",
    "factors": "AssessmentFactors",
}
CIN_PLAN_ELEMENTS = {"started": "CINPlanStartDate", "ended": "CINPlanEndDate"}
# The strategy discussion is worked out from the enquiry, so its problems are the enquiry's start's.
ENQUIRY_ELEMENTS = {"started": "S47ActualStartDate", "held_on": "S47ActualStartDate"}
CP_PLAN_ELEMENTS = {
    "started": "CPPstartDate",
    "ended": "CPPendDate",
    "initial_category": "InitialCategoryOfAbuse",
    "latest_category": "LatestCategoryOfAbuse",
}


# --- What the census says ---------------------------------------------------------------------------


@dataclass
class AssessmentRead:
    where: str
    started: date
    authorised: date | None
    factors: list[str]


@dataclass
class CinPlanRead:
    where: str
    started: date
    ended: date | None


@dataclass
class EnquiryRead:
    where: str
    started: date
    target: date | None
    conference: date | None
    not_required: bool


@dataclass
class CpPlanRead:
    where: str
    started: date
    ended: date | None
    initial_category: str
    latest_category: str
    previous_plans: int | None
    reviews: list[date]


@dataclass
class EpisodeRead:
    where: str
    referral: Referral  # not saved yet, nor given its child
    conference: date | None  # an initial conference with no section 47 enquiry in the census
    assessments: list[AssessmentRead] = field(default_factory=list)
    cin_plans: list[CinPlanRead] = field(default_factory=list)
    enquiries: list[EnquiryRead] = field(default_factory=list)
    cp_plans: list[CpPlanRead] = field(default_factory=list)


@dataclass
class ChildRead:
    where: str
    legacy_id: str
    person: Person  # not saved yet
    episodes: list[EpisodeRead]


# --- Writing them -----------------------------------------------------------------------------------


def write_child(migration: Migration, child: ChildRead, year_start: date) -> Imported:
    """The child and their episodes; a child or episode already imported is completed, not repeated."""
    writer = _Writer(migration, child, year_start)
    person_id, known = writer.person()
    recorded = (
        {each.referral_date: each for each in Referral.objects.filter(person_id=person_id)} if known else {}
    )
    for episode in child.episodes:
        found = recorded.get(episode.referral.referral_date)
        if found is None:
            _EpisodeWriter(writer, episode, episode.referral, known=False).write_new(person_id)
        else:
            _EpisodeWriter(writer, episode, found, known=True).complete()
    if writer.problems:
        raise Rejected(writer.problems)
    return writer.imported


class _Writer(ChildWriter):
    """Saves one child's records (a census is one file) and finds or creates the child."""

    def __init__(self, migration: Migration, child: ChildRead, year_start: date) -> None:
        super().__init__(migration, child.legacy_id)
        self.child = child
        self.year_start = year_start

    def person(self) -> tuple[int, bool]:
        """The child's person id, and whether they were migrated before."""
        found = self.migration.find_child(self.child.legacy_id)
        if found is not None:
            self.imported.person_id = found
            self.complete_person(Person.objects.get(pk=found))
            return found, True
        person = self.child.person
        if not self.save(person, self.child.where, PERSON_ELEMENTS, "children"):
            # The child is rejected whatever follows, and rolled back; a bare record lets their
            # episodes be checked too, so that the report lists all their problems at once.
            person = Person.objects.create(created_by=self.migration.user)
        self.migration.add_child(person, self.child.legacy_id)
        self.imported.person_id = person.pk
        return person.pk, False

    def complete_person(self, person: Person) -> None:
        read = self.child.person
        if person.kind == PersonKind.UNBORN and read.date_of_birth:
            person.kind = PersonKind.CHILD  # born since the earlier file
        values = {name: getattr(read, name) for name in PERSON_ELEMENTS}
        self.complete(person, values, self.child.where, PERSON_ELEMENTS, "children")


class _EpisodeWriter:
    """One episode of need: written anew, or (`known`) completed with what a later file adds."""

    def __init__(self, writer: _Writer, read: EpisodeRead, referral: Referral, *, known: bool) -> None:
        self.writer = writer
        self.read = read
        self.referral = referral
        self.known = known

    def write_new(self, person_id: int) -> None:
        self.referral.person_id = person_id
        if not self.writer.save(self.referral, self.read.where, REFERRAL_ELEMENTS, "referrals"):
            return
        problems_before = len(self.writer.problems)
        self.steps()
        if len(self.writer.problems) == problems_before:
            # The rules about closing a case look at what it holds: checked now it holds everything.
            self.writer.check(self.referral, self.read.where, REFERRAL_ELEMENTS)

    def complete(self) -> None:
        self.steps()
        read = self.read.referral
        closure = {
            "primary_need": read.primary_need,
            "closed": read.closed,
            "closure_reason": read.closure_reason,
        }
        self.writer.complete(self.referral, closure, self.read.where, REFERRAL_ELEMENTS, "referrals")

    def steps(self) -> None:
        for assessment in self.read.assessments:
            self.assessment(assessment)
        for plan in self.read.cin_plans:
            self.cin_plan(plan)
        held = self.initial_conferences()
        for cp_plan in self.read.cp_plans:
            self.cp_plan(cp_plan, held)

    def find(self, records: QuerySet[Found]) -> Found | None:
        """The record of an episode imported before; a new episode has none to look for."""
        return records.first() if self.known else None

    def record(
        self,
        found: Found | None,
        new: Found,
        values: Mapping[str, object],
        where: str,
        elements: Mapping[str, str],
        kind: str,
        current: tuple[str, ...] = (),
    ) -> Found | None:
        """The record the file describes: `new`, saved; or the one `found`, completed. None if rejected."""
        if found is not None:
            self.writer.complete(found, values, where, elements, kind, current)
            return found
        for name, value in values.items():
            setattr(new, name, value)
        return new if self.writer.save(new, where, elements, kind) else None

    def assessment(self, read: AssessmentRead) -> None:
        found = self.find(self.referral.assessments.filter(started=read.started))
        values = {
            "authorised": read.authorised,
            "completed": read.authorised,
            "factors": read.factors,
            "outcome": _assessment_outcome(self.read, read),
        }
        new = Assessment(referral=self.referral, started=read.started)
        self.record(found, new, values, read.where, ASSESSMENT_ELEMENTS, "assessments")

    def cin_plan(self, read: CinPlanRead) -> None:
        found = self.find(self.referral.cin_plans.filter(started=read.started))
        new = ChildInNeedPlan(referral=self.referral, started=read.started)
        self.record(found, new, {"ended": read.ended}, read.where, CIN_PLAN_ELEMENTS, "child in need plans")

    def initial_conferences(self) -> dict[date, ChildProtectionConference | None]:
        """Every initial conference in the episode by its date; None where it could not be recorded."""
        held: dict[date, ChildProtectionConference | None] = {}
        for read in self.read.enquiries:
            enquiry = self.enquiry(read)
            if read.conference and enquiry is None:
                held[read.conference] = None  # the enquiry was rejected, which says why
            elif read.conference:
                held[read.conference] = self.conference(
                    read.conference, enquiry, read.where, "DateOfInitialCPC"
                )
        if self.read.conference in held:
            self.writer.problem(
                f"{self.read.where}, DateOfInitialCPC",
                "The initial conference is given on the episode and on its section 47 enquiry. Give it on "
                "the enquiry only (rule 2884)",
            )
        elif self.read.conference:
            held[self.read.conference] = self.conference(
                self.read.conference, None, self.read.where, "DateOfInitialCPC"
            )
        return held

    def enquiry(self, read: EnquiryRead) -> Section47Enquiry | None:
        completed, outcome = self.enquiry_end(read)
        values = {"completed": completed, "outcome": outcome}
        found = self.find(self.referral.section_47_enquiries.filter(started=read.started))
        if found is not None:
            self.writer.complete(found, values, read.where, ENQUIRY_ELEMENTS, "section 47 enquiries")
            return found
        discussion = self.strategy_discussion(read)
        if discussion is None:
            return None
        new = Section47Enquiry(referral=self.referral, strategy_discussion=discussion, started=read.started)
        # The enquiry ended at its conference, or by the case's closure (see enquiry_end).
        ended_by = "DateOfInitialCPC" if read.conference else "CINclosureDate"
        elements = {**ENQUIRY_ELEMENTS, "completed": ended_by}
        return self.record(None, new, values, read.where, elements, "section 47 enquiries")

    def strategy_discussion(self, read: EnquiryRead) -> StrategyDiscussion | None:
        discussed = _discussion_day(read, self.referral.referral_date)
        if discussed is None:
            discussed = read.started
            self.writer.note(
                f"{read.where}, InitialCPCtarget",
                f"{read.target} is not 15 working days after any day up to the enquiry's start: the strategy "
                f"discussion is recorded on the start, and Continuum's census will give "
                f"{deadline('initial_conference', read.started)}",
            )
        discussion = StrategyDiscussion(
            referral=self.referral, held_on=discussed, decision=StrategyDecision.SECTION_47
        )
        saved = self.writer.save(discussion, read.where, ENQUIRY_ELEMENTS, "strategy discussions")
        return discussion if saved else None

    def enquiry_end(self, read: EnquiryRead) -> tuple[date | None, str]:
        """When the enquiry finished and how: at its conference, or (none needed) within the year."""
        if read.conference:
            return read.conference, Section47Outcome.INITIAL_CONFERENCE
        if not read.not_required and not self.read.referral.closed:
            return None, ""
        if not read.not_required:
            # A conference was needed, and the case closed without one: the enquiry ended by then.
            return self.read.referral.closed, Section47Outcome.INITIAL_CONFERENCE
        # The census does not say when: in the year it is in, and not before it started.
        finished = max(read.started, self.writer.year_start)
        went_on = any(plan.started >= read.started for plan in self.read.cin_plans)
        return finished, Section47Outcome.CHILD_IN_NEED if went_on else Section47Outcome.NO_FURTHER_ACTION

    def conference(
        self, held_on: date, enquiry: Section47Enquiry | None, where: str, element: str
    ) -> ChildProtectionConference | None:
        if self.known:
            found = self.referral.conferences.filter(kind=ConferenceKind.INITIAL, held_on=held_on).first()
            if found is not None:
                self.writer.imported.already_there["initial conferences"] += 1
                return found
        decided = any(plan.started == held_on for plan in self.read.cp_plans)
        conference = ChildProtectionConference(
            referral=self.referral,
            kind=ConferenceKind.INITIAL,
            held_on=held_on,
            section_47=enquiry,
            outcome=ConferenceOutcome.PLAN if decided else ConferenceOutcome.NO_PLAN,
        )
        elements = {"held_on": element, "section_47": element}
        return conference if self.writer.save(conference, where, elements, "initial conferences") else None

    def cp_plan(self, read: CpPlanRead, held: dict[date, ChildProtectionConference | None]) -> None:
        values = {
            "ended": read.ended,
            "end_reason": _end_reason(self.read, read),
            "latest_category": read.latest_category,
        }
        found = self.find(self.referral.cp_plans.filter(started=read.started))
        if found is not None:
            # The latest category is the one at the file's reference date: a later file's replaces it.
            self.writer.complete(
                found, values, read.where, CP_PLAN_ELEMENTS, "child protection plans", ("latest_category",)
            )
            self.reviews(found, read)
            return
        conference = self.deciding_conference(read, held)
        if conference is None:
            return
        new = ChildProtectionPlan(
            referral=self.referral, started=read.started, initial_category=read.initial_category
        )
        plan = self.record(None, new, values, read.where, CP_PLAN_ELEMENTS, "child protection plans")
        if plan is None:
            return
        conference.plan = plan
        conference.save(update_fields=["plan", "updated_at"])
        self.previous_plans(read)
        self.reviews(plan, read)

    def reviews(self, plan: ChildProtectionPlan, read: CpPlanRead) -> None:
        recorded = (
            set(plan.conferences.filter(kind=ConferenceKind.REVIEW).values_list("held_on", flat=True))
            if self.known
            else set()
        )
        for number, held_on in enumerate(read.reviews, start=1):
            if held_on in recorded:
                self.writer.imported.already_there["review conferences"] += 1
                continue
            outcome = ConferenceOutcome.END_PLAN if held_on == read.ended else ConferenceOutcome.CONTINUE
            review = ChildProtectionConference(
                referral=self.referral,
                kind=ConferenceKind.REVIEW,
                held_on=held_on,
                plan=plan,
                outcome=outcome,
            )
            self.writer.save(review, read.where, {"held_on": f"CPPreviewDate {number}"}, "review conferences")

    def deciding_conference(
        self, read: CpPlanRead, held: dict[date, ChildProtectionConference | None]
    ) -> ChildProtectionConference | None:
        """The initial conference the plan started at (rule 2885); None, with the reason, if there is none."""
        if read.started in held:
            return held[read.started]  # None when that conference was rejected, which says why
        if read.started < self.writer.year_start:
            # A plan from an earlier year: the census that held its initial conference is earlier too.
            return self.conference(read.started, None, read.where, "CPPstartDate")
        self.writer.problem(
            f"{read.where}, CPPstartDate",
            f"No initial conference in this episode was held on {read.started}, when the plan started. A "
            "plan starts at the conference that decided it (rule 2885): give the conference's date in "
            "DateOfInitialCPC",
        )
        return None

    def previous_plans(self, read: CpPlanRead) -> None:
        held = ChildProtectionPlan.objects.filter(
            referral__person_id=self.referral.person_id, started__lt=read.started
        ).count()
        if read.previous_plans is not None and read.previous_plans != held:
            self.writer.note(
                f"{read.where}, NumberOfPreviousCPP",
                f"The file says {read.previous_plans}; Continuum holds {held} earlier plans for this child, "
                f"so its census will say {held} until the earlier plans are recorded",
            )


def _assessment_outcome(episode: EpisodeRead, read: AssessmentRead) -> str:
    """What an authorised assessment decided, from what followed it in the episode."""
    if read.authorised is None:
        return ""
    if any(enquiry.started >= read.started for enquiry in episode.enquiries):
        return AssessmentOutcome.STRATEGY_DISCUSSION
    if any(plan.started >= read.started for plan in episode.cin_plans):
        return AssessmentOutcome.CHILD_IN_NEED_PLAN
    if episode.referral.closure_reason == STEPPED_DOWN_TO_EARLY_HELP:
        return AssessmentOutcome.EARLY_HELP
    return AssessmentOutcome.NO_FURTHER_ACTION


def _end_reason(episode: EpisodeRead, read: CpPlanRead) -> str:
    """Why a protection plan ended: stepped down to a child in need plan, or (not said) another reason."""
    if read.ended is None:
        return ""
    if any(plan.started >= read.ended for plan in episode.cin_plans):
        return PlanEndReason.CHILD_IN_NEED
    return PlanEndReason.OTHER


def _discussion_day(read: EnquiryRead, referred: date) -> date | None:
    """The latest day, on or before the enquiry started, whose 15 working days end on its target."""
    if read.target is None:
        return read.started
    day, earliest = read.started, max(referred, read.started - DISCUSSION_SEARCH)
    while day >= earliest:
        if deadline("initial_conference", day) == read.target:
            return day
        day -= timedelta(days=1)
    return None
