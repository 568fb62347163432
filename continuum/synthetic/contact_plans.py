"""Plain records of planned contacts and what happened to them, before they are written.

Each contact is planned as a whole timeline (received, allocated, screened, decided, signed off,
the referrer told); what is written is that timeline as it stood at the end of the reference
day. Steps planned after that moment are not written, so a contact received late on the
reference day is still waiting to be screened, just as in a real queue.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from .journey_plans import Journey, PlannedEarlyHelpEpisode


@dataclass
class Referrer:
    """Who made the contact, as the contact records them."""

    name: str
    role: str = ""
    organisation: str = ""
    email: str = ""
    phone: str = ""
    agency_id: int | None = None
    agency_type: str | None = None
    submitted_by_id: int | None = None  # a partner who sent it online or from their system
    has_account_email: bool = False  # whether the submitting account has an e-mail address


@dataclass
class PlannedDecision:
    outcome: str
    level: int
    no_further_action_reason: str
    rationale: str
    decided_by_id: int
    decided_at: datetime
    needs_sign_off: bool
    signed_off_by_id: int | None = None
    signed_off_at: datetime | None = None

    @property
    def completed_at(self) -> datetime | None:
        """When it takes effect: on the decision, or once signed off where that is needed."""
        return self.signed_off_at if self.needs_sign_off else self.decided_at


@dataclass
class PlannedReferral:
    referral_date: date
    referral_source: str
    created_by_id: int
    journey: Journey | None = None  # what followed: its closure is the referral's


@dataclass
class PlannedEarlyHelp:
    started: date
    created_by_id: int
    episode: PlannedEarlyHelpEpisode | None = None  # what followed


@dataclass
class PlannedEncompass:
    school_id: int
    incident_at: datetime
    due_by: datetime
    sent_at: datetime
    sent_to: list[str]


@dataclass
class PlannedContactChild:
    person_id: int
    given_name: str
    family_name: str
    is_unborn: bool
    date_of_birth: date | None
    expected_date_of_delivery: date | None
    sex: str
    nhs_number: str
    postcode: str
    address: str
    school_id: int | None
    linked_at: datetime | None = None  # when the worker linked the child to the people index
    decision: PlannedDecision | None = None
    referral: PlannedReferral | None = None
    early_help: PlannedEarlyHelp | None = None
    encompass: PlannedEncompass | None = None


@dataclass
class PlannedMember:
    name: str
    relationship: str
    date_of_birth: date | None
    has_parental_responsibility: bool
    lives_with_children: bool


@dataclass
class PlannedCheck:
    agency_id: int
    question: str
    asked_at: datetime
    due_at: datetime
    answer: str
    answered_by_id: int | None
    answered_at: datetime | None


@dataclass
class PlannedScreening:
    view: str
    screened_by_id: int
    screened_at: datetime
    notes: str


@dataclass
class PlannedContact:
    received_at: datetime
    due_at: datetime
    group: str  # the calibration.SourceGroup key
    route: str
    referral_source: str
    referrer: Referrer
    recorded_by_id: int | None = None
    worries: list[str] = field(default_factory=list)
    worry_details: str = ""
    already_tried: str = ""
    child_voice: str = ""
    referrer_level: int | None = None
    consent: str = ""
    consent_given_by: str = ""
    consent_covers: str = ""
    consent_not_obtained_reason: str = ""
    consent_not_needed_reason: str = ""
    follows_phone_call: bool | None = None
    phone_call_at: datetime | None = None
    request: str = "none"
    incident_at: datetime | None = None
    police_reference: str = ""
    worker_id: int = 0  # who will screen and decide
    allocated_at: datetime | None = None
    decided_at: datetime | None = None  # when every child's decision had taken effect
    referrer_told_at: datetime | None = None
    status: str = "awaiting_triage"
    children: list[PlannedContactChild] = field(default_factory=list)
    household: list[PlannedMember] = field(default_factory=list)
    checks: list[PlannedCheck] = field(default_factory=list)
    screenings: list[PlannedScreening] = field(default_factory=list)
