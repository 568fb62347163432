"""Plain records of planned journeys, before they are written.

A journey is one referral and everything that hangs off it (assessments, plans, strategy
discussions, enquiries, conferences, a period of care), planned whole, then cut at the end of
the reference day as the services would have recorded it by then. Early help episodes, care
leavers and missing episodes have their own records.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from continuum.socialcare.models.cin import CLOSED_AFTER_ASSESSMENT, SERVICES_CEASED


@dataclass(slots=True)
class YoungPerson:
    """Someone who was a child at some time since the journeys began: enough to plan their journeys."""

    person_id: int
    born: date | None
    due: date | None  # for a child unborn on the reference date
    household: int
    postcode: str
    care_experienced: bool = False  # a young adult whose care as a teenager is planned first

    @property
    def birthday(self) -> date:
        day = self.born or self.due
        assert day is not None
        return day

    def age_on(self, day: date) -> int:
        born = self.birthday
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    def turns(self, age: int) -> date:
        """Their `age`-th birthday (29 February birthdays fall on 28 February in other years)."""
        born = self.birthday
        try:
            return born.replace(year=born.year + age)
        except ValueError:
            return date(born.year + age, 2, 28)


@dataclass(slots=True)
class PlannedAssessment:
    started: date
    authorised: date | None
    completed: date | None = None
    child_seen: date | None = None
    factors: list[str] = field(default_factory=list)
    outcome: str = ""


@dataclass(slots=True)
class PlannedCinPlan:
    started: date
    ended: date | None
    reviews: list[date] = field(default_factory=list)


@dataclass(slots=True)
class PlannedConference:
    kind: str  # ConferenceKind
    held_on: date
    outcome: str


@dataclass(slots=True)
class PlannedEnquiry:
    """A strategy discussion and, when it decided on one, the section 47 enquiry and its conference."""

    held_on: date
    decision: str  # StrategyDecision
    agencies: list[int] = field(default_factory=list)
    started: date | None = None  # the section 47 enquiry, when there was one
    completed: date | None = None
    outcome: str = ""
    conference: PlannedConference | None = None  # the initial conference


@dataclass(slots=True)
class PlannedCpPlan:
    started: date  # the day of the initial conference that decided it
    initial_category: str
    latest_category: str
    ended: date | None
    end_reason: str = ""
    enquiry: PlannedEnquiry | None = None  # whose initial conference decided the plan
    reviews: list[PlannedConference] = field(default_factory=list)
    core_groups: list[date] = field(default_factory=list)


@dataclass(slots=True)
class PlannedEpisode:
    """An SSDA903 episode of care."""

    started: date
    reason_new_episode: str
    legal_status: str
    category_of_need: str
    placement_type: str
    placement_provider: str
    placement_postcode: str
    home_postcode: str
    provider_urn: str = ""
    reason_placement_changed: str = ""
    ended: date | None = None
    reason_ended: str = ""


@dataclass(slots=True)
class PlannedCare:
    """A period of care: its episodes, reviews, health checks and personal education plans."""

    episodes: list[PlannedEpisode] = field(default_factory=list)
    reviews: list[tuple[date, str]] = field(default_factory=list)  # (held on, participation)
    health_checks: list[tuple[str, date]] = field(default_factory=list)
    education_plans: list[date] = field(default_factory=list)

    @property
    def started(self) -> date:
        return self.episodes[0].started

    @property
    def ended(self) -> date | None:
        return self.episodes[-1].ended


@dataclass(slots=True)
class Journey:
    """A referral and everything that followed it."""

    child: YoungPerson
    referral_date: date
    referral_source: str
    worker_id: int
    primary_need: str = ""
    no_further_action: bool = False
    closed: date | None = None
    closure_reason: str = ""
    assessments: list[PlannedAssessment] = field(default_factory=list)
    enquiries: list[PlannedEnquiry] = field(default_factory=list)
    cin_plans: list[PlannedCinPlan] = field(default_factory=list)
    cp_plans: list[PlannedCpPlan] = field(default_factory=list)
    care: PlannedCare | None = None
    visits: list[tuple[str, date, bool, bool]] = field(default_factory=list)  # kind, on, seen, alone
    stepped_down: PlannedEarlyHelpEpisode | None = None
    from_contact: bool = False  # made by a front-door decision (the contact writer writes the referral)
    referral_id: int | None = None  # set once written

    @property
    def written_referral_id(self) -> int:
        assert self.referral_id is not None, "the referral is written before what hangs off it"
        return self.referral_id

    @property
    def dfe_closure_reason(self) -> str:
        """The closure reason as the DfE has it: RC8 and RC9 (closed at assessment) become RC7 when
        the case went on to a section 47 enquiry or a plan (CIN census rule 2990). The planner
        keeps the reason it chose (RC9 steps the child down to early help)."""
        went_beyond = any(each.started for each in self.enquiries) or self.cin_plans or self.cp_plans
        closed_at_assessment = self.closure_reason in CLOSED_AFTER_ASSESSMENT
        return SERVICES_CEASED if closed_at_assessment and went_beyond else self.closure_reason


@dataclass(slots=True)
class PlannedEarlyHelpEpisode:
    child: YoungPerson
    started: date
    ended: date | None
    outcome: str
    lead_practitioner_id: int
    consent_given_by: str
    assessment: tuple[date, date | None] | None = None  # started, completed
    meetings: list[tuple[date, date | None]] = field(default_factory=list)  # held on, next review
    agencies: list[int] = field(default_factory=list)
    stepped_down_from: Journey | None = None
    stepped_up_to: Journey | None = None
    from_contact: bool = False
    episode_id: int | None = None

    @property
    def written_id(self) -> int:
        assert self.episode_id is not None, "the episode is written before its meetings"
        return self.episode_id


@dataclass(slots=True)
class PlannedCareLeaver:
    child: YoungPerson
    category: str
    started: date
    ended: date | None
    personal_adviser_id: int
    journey: Journey | None = None  # whose period of care made them a care leaver
    pathway_plans: list[tuple[date, bool]] = field(default_factory=list)  # held on, is a review
    contacts: list[tuple[date, str, str, str]] = field(default_factory=list)  # on, in touch, activity, home


@dataclass(slots=True)
class PlannedMissing:
    person_id: int
    kind: str
    went_missing: datetime
    returned: datetime | None
    return_interview: str
    return_interview_at: datetime | None
    recorded_by_id: int
