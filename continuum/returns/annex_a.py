"""Ofsted's Annex A: the lists of children an inspection of children's services asks for.

An ILACS inspection asks for child-level lists over the six months before a date: 1 contacts,
2 early help, 3 referrals, 4 assessments, 5 section 47 enquiries and initial conferences,
6 children in need, 7 child protection, 8 children in care, 9 care leavers. Lists 10 and 11
(adoption and adopters, over 12 months) need adoption records, which Continuum does not hold
yet, so they are not written.

Each list is one function that returns a header and rows. Every list starts with the same five
columns about the child, and writes codes the way the Annex A template does ("a) Male",
"a) Yes"). The lists say what the records said at the end of the date: anything dated after it
is left out, and something that ended after it is shown as still open then, so the same date
gives the same lists later. The choices are explained in docs/returns.md, "Ofsted Annex A".
"""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import groupby
from operator import itemgetter
from typing import Any

from django.db.models import Count, DateField, Exists, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from continuum.earlyhelp.models import EarlyHelpAssessment, EarlyHelpEpisode
from continuum.frontdoor.catalogue import UNKNOWN_SOURCE, Status
from continuum.frontdoor.models import ContactChild
from continuum.people.models import Allocation, Person, Service
from continuum.socialcare.catalogue import (
    NEEDS_SUPPORT,
    CareLeaverCategory,
    ConferenceKind,
    ConferenceOutcome,
    HealthCheckKind,
    MissingReturnInterview,
    Section47Outcome,
    VisitKind,
)
from continuum.socialcare.models import (
    Assessment,
    CareEpisode,
    CareLeaver,
    CareLeaverContact,
    ChildInNeedPlan,
    ChildProtectionConference,
    ChildProtectionPlan,
    HealthCheck,
    LookedAfterReview,
    MissingEpisode,
    PathwayPlan,
    Referral,
    Section47Enquiry,
    Visit,
)
from continuum.socialcare.models.care import NEW_EPISODE_SAME_DAY, NEW_PLACEMENT, STARTED_TO_BE_LOOKED_AFTER
from continuum.statutory import codes
from continuum.statutory.periods import Period
from continuum.statutory.ssda903_codes import SHORT_BREAK_LEGAL_STATUSES
from continuum.statutory.timescales import ENGLAND, add_months

from .collection import child_identifier, legacy_child_ids, local_authority_number

Cell = str | int | date | None

MONTHS = 6
# Counts "in the last 12 months" are over the 12 months up to the date, as the six months are.
COUNTED_MONTHS = 12

CHILD_COLUMNS = ("Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age")
DISABILITY = "Does the Child have a Disability"
ALLOCATED = ("Allocated Team", "Allocated Worker")

# The Annex A template's answers.
YES, NO, UNKNOWN = "a) Yes", "b) No", "c) Unknown"
GENDER = {"M": "a) Male", "F": "b) Female"}
# Sex recorded as U (unknown, or a child not yet born) or not recorded at all.
GENDER_NOT_STATED = "c) Not stated/recorded"
# Ethnicity not recorded is "information not yet obtained", as in the CIN census.
ETHNICITY_NOT_RECORDED = "NOBT"
ELIGIBILITY = {
    CareLeaverCategory.RELEVANT: "a) Relevant child",
    CareLeaverCategory.FORMER_RELEVANT: "b) Former relevant child",
    CareLeaverCategory.QUALIFYING: "c) Qualifying care leaver",
    CareLeaverCategory.ELIGIBLE: "d) Eligible child",
}
SUITABILITY = {"1": "a) Suitable", "2": "b) Unsuitable"}
CASE_STATUS_LOOKED_AFTER = "a) Looked after child"
CASE_STATUS_PROTECTION = "b) Child Protection plan"
CASE_STATUS_IN_NEED = "c) Child in need plan"
CASE_STATUS_OPEN = "d) Open assessment"
CASE_STATUS_CLOSED = "e) Closed episode"

# The assessment factor that records an unaccompanied asylum-seeking child (codes.ASSESSMENT_FACTOR):
# Continuum keeps no other record of it.
UNACCOMPANIED_ASYLUM_SEEKING = "9A"
# Police protection (L1) and emergency protection orders (L2), where the child was accommodated.
EMERGENCY_PROTECTION = ("L1", "L2")
# Reviews the child attended (SSDA903 review participation): the IRO chairs every review, so these
# are the IRO's contact with the child that Continuum records.
CHILD_ATTENDED = ("PN1", "PN2", "PN3", "PN4")
HEALTH_ASSESSMENTS = (HealthCheckKind.INITIAL, HealthCheckKind.REVIEW)
MISSING, ABSENT = "M", "A"
RETURN_INTERVIEW_OFFERED = (
    MissingReturnInterview.OFFERED,
    MissingReturnInterview.HELD,
    MissingReturnInterview.DECLINED,
)

LISTS_NOT_WRITTEN = (
    "Lists 10 (adoption) and 11 (adopters) are not in this workbook: Continuum holds no adoption "
    "records yet (decisions that a child should be placed for adoption, placement orders, matches, "
    "adopters), so there is nothing to list."
)


class Window:
    """The six months up to and including the date, and the 12 months some columns count over.

    Six months before 31 March 2026 is 30 September 2025 (the same day of the month, or the last
    day of a shorter month), and both days are in: a contact on 30 September 2025 is listed, one
    on 29 September is not. Who is allocated to a child is looked up once for every list.
    """

    def __init__(self, on: date) -> None:
        self.on = on
        self.period = Period(add_months(on, -MONTHS), on)
        self.year = Period(add_months(on, -COUNTED_MONTHS), on)
        self._allocated: dict[int, list[_Allocated]] | None = None

    @property
    def start(self) -> date:
        return self.period.start

    def by_then(self, day: date | None) -> date | None:
        """A date on or before the date, or None: something that ended later was still open then."""
        return day if day is not None and day <= self.on else None

    def allocated(self, person_id: int, services: Sequence[str]) -> list[Cell]:
        """The team and worker a child is allocated to on the date, for the first service that has one."""
        if self._allocated is None:
            self._allocated = _allocations_on(self.on)
        held = self._allocated.get(person_id, [])
        for service in services:
            for allocation in held:
                if allocation.service == service:
                    return [allocation.team, allocation.worker]
        return [None, None]


@dataclass(frozen=True)
class AnnexList:
    number: int
    title: str
    holds: str  # what it lists, in a sentence, for the workbook's About sheet
    header: tuple[str, ...]
    rows: list[list[Cell]]
    people: list[int] = field(repr=False)  # the child each row is about, row by row

    @property
    def sheet_name(self) -> str:
        return f"List {self.number} {self.title}"


def annex_a_lists(window: Window) -> list[AnnexList]:
    return [make(window) for make in LISTS]


def render(on: date, *, made_at: datetime | None = None) -> tuple[bytes, list[int]]:
    """The workbook for `on`, and the people in it (their ids, each once, for the audit)."""
    window = Window(on)
    lists = annex_a_lists(window)
    content = workbook(window, lists, made_at or timezone.now())
    return content, list(dict.fromkeys(person for each in lists for person in each.people))


# --- List 1: contacts -----------------------------------------------------------------------------


def contacts(window: Window) -> AnnexList:
    """Every child on every contact received in the six months: one row per child per contact.

    A contact is what reached the front door (a MARF, a call, a police notification); drafts never
    arrived. A child on a contact not yet linked to their record has no Child Unique ID to list.
    """
    received = (
        _of_people(ContactChild.objects.filter(person__isnull=False), "person")
        .filter(
            contact__received_at__gte=window.period.starts_at,
            contact__received_at__lt=window.period.ends_before,
        )
        .exclude(contact__status=Status.DRAFT)
        .values(*_child_fields("person"), "contact__received_at", "contact__referral_source")
        .order_by("contact__received_at", "person", "pk")
    )
    return _annex_list(
        1,
        "Contacts",
        "every child on each contact the front door received in the six months, one row per child "
        "per contact",
        ("Date of Contact", "Contact Source"),
        window,
        (
            (
                _child(record, "person"),
                [
                    timezone.localtime(record["contact__received_at"], ENGLAND).date(),
                    _coded(codes.REFERRAL_SOURCE, record["contact__referral_source"] or UNKNOWN_SOURCE),
                ],
            )
            for record in received.iterator()
        ),
    )


# --- List 2: early help ---------------------------------------------------------------------------


def early_help(window: Window) -> AnnexList:
    """Early help assessments in the six months, and every child with early help open on the date.

    An assessment is listed if it was under way at any time in the six months. A child with early
    help open on the date and no such assessment is listed with their latest earlier assessment,
    or with the assessment dates empty when there has been none.
    """
    under_way = Q(started__lte=window.on) & (Q(completed__isnull=True) | Q(completed__gte=window.start))
    assessed = (
        _of_people(EarlyHelpAssessment.objects.filter(under_way), "episode__person")
        .values(*_child_fields("episode__person"), "started", "completed", f"episode__{ORGANISATION}")
        .order_by("started", "episode__person", "pk")
    )
    found = [
        (
            _child(record, "episode__person"),
            [record["started"], window.by_then(record["completed"]), record[f"episode__{ORGANISATION}"]],
        )
        for record in assessed.iterator()
    ]
    earlier = EarlyHelpAssessment.objects.filter(episode=OuterRef("pk"), started__lte=window.on).order_by(
        "-started", "-pk"
    )
    unassessed = (
        _open_on(_of_people(EarlyHelpEpisode.objects.all(), "person"), window.on)
        .exclude(Exists(EarlyHelpAssessment.objects.filter(under_way, episode=OuterRef("pk"))))
        .annotate(
            assessment_started=Subquery(earlier.values("started")[:1]),
            assessment_completed=Subquery(earlier.values("completed")[:1]),
        )
        .values(*_child_fields("person"), "assessment_started", "assessment_completed", ORGANISATION)
        .order_by("started", "person", "pk")
    )
    found += [
        (
            _child(record, "person"),
            [record["assessment_started"], record["assessment_completed"], record[ORGANISATION]],
        )
        for record in unassessed.iterator()
    ]
    return _annex_list(
        2,
        "Early help",
        "early help assessments under way in the six months, and every child with early help open on "
        "the date",
        ("Assessment start date", "Assessment completion date", "Organisation completing assessment"),
        window,
        found,
    )


# The organisation that completes an early help assessment: the lead practitioner's agency.
ORGANISATION = "lead_practitioner__agency__name"


# --- List 3: referrals ----------------------------------------------------------------------------

SOCIAL_CARE = (Service.SOCIAL_CARE,)


def referrals(window: Window) -> AnnexList:
    """Every referral to children's social care in the six months: a child can be listed more than once."""
    referred = (
        _of_people(Referral.objects.all(), "person")
        .filter(referral_date__gte=window.start, referral_date__lte=window.on)
        .values(*_child_fields("person"), "referral_date", "referral_source", "no_further_action", "closed")
        .order_by("referral_date", "person", "pk")
    )
    in_12_months = _count_by_child(
        Referral.objects.filter(referral_date__gte=window.year.start, referral_date__lte=window.on), "person"
    )
    found = (
        (
            _child(record, "person"),
            [
                record["referral_date"],
                _coded(codes.REFERRAL_SOURCE, record["referral_source"]),
                # No further action is decided when the referral closes; until then it was not.
                _yes_no(record["no_further_action"] and window.by_then(record["closed"]) is not None),
                in_12_months.get(record["person"], 0),
                *window.allocated(record["person"], SOCIAL_CARE),
            ],
        )
        for record in referred.iterator()
    )
    return _annex_list(
        3,
        "Referrals",
        "every referral to children's social care in the six months, one row per referral",
        (
            "Date of Referral",
            "Referral Source",
            "Referral NFA?",
            "Number of Referrals in Last 12 Months",
            *ALLOCATED,
        ),
        window,
        found,
    )


# --- List 4: assessments --------------------------------------------------------------------------


def assessments(window: Window) -> AnnexList:
    """Every social work assessment under way at any time in the six months, one row per assessment."""
    assessed = (
        _of_people(Assessment.objects.all(), "referral__person")
        .filter(started__lte=window.on)
        .filter(Q(authorised__isnull=True) | Q(authorised__gte=window.start))
        .values(*_child_fields("referral__person"), "started", "child_seen", "authorised", "outcome")
        .order_by("started", "referral__person", "pk")
    )
    return _annex_list(
        4,
        "Assessments",
        "every social work assessment under way at any time in the six months, one row per assessment",
        (
            DISABILITY,
            "Continuous Assessment Start Date",
            "Child Seen During Continuous Assessment",
            "Continuous Assessment Date of Authorisation",
            "Was the child assessed as requiring LA children's social care support?",
            *ALLOCATED,
        ),
        window,
        (
            (_child(record, "referral__person"), _assessment_cells(window, record))
            for record in assessed.iterator()
        ),
    )


def _assessment_cells(window: Window, record: dict[str, Any]) -> list[Cell]:
    authorised = window.by_then(record["authorised"])
    # What the assessment decided is known once it is authorised.
    needs_support = None if authorised is None else _yes_no(record["outcome"] in NEEDS_SUPPORT)
    return [
        _disability(record["referral__person__disabilities"]),
        record["started"],
        _yes_no(window.by_then(record["child_seen"]) is not None),
        authorised,
        needs_support,
        *window.allocated(record["referral__person"], SOCIAL_CARE),
    ]


# --- List 5: section 47 enquiries and initial conferences -----------------------------------------


def section_47_enquiries(window: Window) -> AnnexList:
    """Every section 47 enquiry under way at any time in the six months, with its initial conference."""
    conference = ChildProtectionConference.objects.filter(
        section_47=OuterRef("pk"), kind=ConferenceKind.INITIAL, held_on__lte=window.on
    ).order_by("held_on", "pk")
    enquiries = (
        _of_people(Section47Enquiry.objects.all(), "referral__person")
        .filter(started__lte=window.on)
        .filter(Q(completed__isnull=True) | Q(completed__gte=window.start))
        .annotate(
            conference_on=Subquery(conference.values("held_on")[:1]),
            conference_outcome=Subquery(conference.values("outcome")[:1]),
        )
        .values(
            *_child_fields("referral__person"),
            "started",
            "completed",
            "outcome",
            "strategy_discussion__held_on",
            "conference_on",
            "conference_outcome",
        )
        .order_by("started", "referral__person", "pk")
    )
    counted = {
        "enquiries": _count_by_child(
            Section47Enquiry.objects.filter(started__gte=window.year.start, started__lte=window.on),
            "referral__person",
        ),
        "conferences": _count_by_child(
            ChildProtectionConference.objects.filter(
                kind=ConferenceKind.INITIAL, held_on__gte=window.year.start, held_on__lte=window.on
            ),
            "referral__person",
        ),
    }
    found = (
        (_child(record, "referral__person"), _enquiry_cells(window, record, counted))
        for record in enquiries.iterator()
    )
    return _annex_list(
        5,
        "Section 47 and ICPCs",
        "every section 47 enquiry under way at any time in the six months, one row per enquiry, "
        "with the initial child protection conference that followed it",
        (
            DISABILITY,
            "Strategy discussion initiating Section 47 Enquiry Start Date",
            "Was an Initial Child Protection Conference deemed unnecessary?",
            "Date of Initial Child Protection Conference",
            "Did the Initial Child Protection Conference Result in a Child Protection Plan",
            "Number of Section 47 Enquiries in the last 12 months",
            "Number of ICPCs in the last 12 months",
            *ALLOCATED,
        ),
        window,
        found,
    )


def _enquiry_cells(window: Window, record: dict[str, Any], counted: dict[str, dict[int, int]]) -> list[Cell]:
    person = record["referral__person"]
    finished = window.by_then(record["completed"]) is not None
    # Unnecessary once the enquiry finished with any outcome but a conference; unknown while it goes on.
    unnecessary = _yes_no(record["outcome"] != Section47Outcome.INITIAL_CONFERENCE) if finished else None
    held = record["conference_on"]
    plan = None if held is None else _yes_no(record["conference_outcome"] == ConferenceOutcome.PLAN)
    return [
        _disability(record["referral__person__disabilities"]),
        record["strategy_discussion__held_on"],
        unnecessary,
        held,
        plan,
        counted["enquiries"].get(person, 0),
        counted["conferences"].get(person, 0),
        *window.allocated(person, SOCIAL_CARE),
    ]


# --- List 6: children in need ---------------------------------------------------------------------


def children_in_need(window: Window) -> AnnexList:
    """Every episode of need open at any time in the six months, one row per episode (a referral and
    what followed it) with its status on the date; referrals closed with no further action are not.
    """
    until = Coalesce(OuterRef("closed"), Value(window.on), output_field=DateField())
    last_seen = Visit.objects.filter(
        person=OuterRef("person"),
        child_seen=True,
        visited_on__gte=OuterRef("referral_date"),
        visited_on__lte=window.on,
    ).filter(visited_on__lte=until)
    episodes = (
        _of_people(Referral.objects.all(), "person")
        .filter(referral_date__lte=window.on)
        .filter(Q(closed__isnull=True) | Q(closed__gte=window.start))
        .exclude(no_further_action=True, closed__lte=window.on)
        .annotate(
            last_seen=Subquery(last_seen.order_by("-visited_on").values("visited_on")[:1]),
            looked_after=Exists(_open_on(CareEpisode.objects.filter(person=OuterRef("person")), window.on)),
            protection_plan=Exists(
                _open_on(ChildProtectionPlan.objects.filter(referral=OuterRef("pk")), window.on)
            ),
            in_need_plan=Exists(_open_on(ChildInNeedPlan.objects.filter(referral=OuterRef("pk")), window.on)),
        )
        .values(
            *_child_fields("person"),
            "referral_date",
            "primary_need",
            "closed",
            "closure_reason",
            "last_seen",
            "looked_after",
            "protection_plan",
            "in_need_plan",
        )
        .order_by("referral_date", "person", "pk")
    )
    found = ((_child(record, "person"), _in_need_cells(window, record)) for record in episodes.iterator())
    return _annex_list(
        6,
        "Children in need",
        "every episode of need (a referral and what followed) open at any time in the six months, "
        "except referrals that closed with no further action",
        (
            DISABILITY,
            "CIN Start Date",
            "Primary Need Code",
            "Date Child Was Last Seen",
            "CIN Closure Date",
            "Reason for Closure",
            "Case Status",
            *ALLOCATED,
        ),
        window,
        found,
    )


def _in_need_cells(window: Window, record: dict[str, Any]) -> list[Cell]:
    closed = window.by_then(record["closed"])
    return [
        _disability(record["person__disabilities"]),
        record["referral_date"],
        _coded(codes.PRIMARY_NEED, record["primary_need"]),
        record["last_seen"],
        closed,
        _coded(codes.CLOSURE_REASON, record["closure_reason"]) if closed else None,
        _case_status(record, closed),
        *window.allocated(record["person"], SOCIAL_CARE),
    ]


def _case_status(record: dict[str, Any], closed: date | None) -> str:
    """The episode on the date, the most intensive first. An open episode with no plan (being
    assessed, or waiting for a plan to start) is an open assessment: the template has no other."""
    if closed is not None:
        return CASE_STATUS_CLOSED
    if record["looked_after"]:
        return CASE_STATUS_LOOKED_AFTER
    if record["protection_plan"]:
        return CASE_STATUS_PROTECTION
    if record["in_need_plan"]:
        return CASE_STATUS_IN_NEED
    return CASE_STATUS_OPEN


# --- List 7: child protection ---------------------------------------------------------------------


def child_protection(window: Window) -> AnnexList:
    """Every child protection plan open on the date or ended in the six months, one row per plan."""
    until = Coalesce(OuterRef("ended"), Value(window.on), output_field=DateField())
    visit = (
        Visit.objects.filter(
            person=OuterRef("referral__person"),
            kind=VisitKind.CHILD_PROTECTION,
            visited_on__gte=OuterRef("started"),
            visited_on__lte=window.on,
        )
        .filter(visited_on__lte=until)
        .order_by("-visited_on", "-pk")
    )
    review = ChildProtectionConference.objects.filter(
        plan=OuterRef("pk"), kind=ConferenceKind.REVIEW, held_on__lte=window.on
    ).order_by("-held_on", "-pk")
    earlier_plans = (
        ChildProtectionPlan.objects.filter(
            referral__person=OuterRef("referral__person"), started__lt=OuterRef("started")
        )
        .order_by()
        .values("referral__person")
        .annotate(plans=Count("pk"))
        .values("plans")
    )
    emergency = _overlapping(
        CareEpisode.objects.filter(
            person=OuterRef("referral__person"), legal_status__in=EMERGENCY_PROTECTION
        ),
        window,
    )
    plans = (
        _overlapping(_of_people(ChildProtectionPlan.objects.all(), "referral__person"), window)
        .annotate(
            last_visit=Subquery(visit.values("visited_on")[:1]),
            seen_alone=Subquery(visit.values("seen_alone")[:1]),
            last_review=Subquery(review.values("held_on")[:1]),
            earlier_plans=Coalesce(Subquery(earlier_plans), 0),
            emergency=Exists(emergency),
        )
        .values(
            *_child_fields("referral__person"),
            "started",
            "ended",
            "initial_category",
            "latest_category",
            "last_visit",
            "seen_alone",
            "last_review",
            "earlier_plans",
            "emergency",
        )
        .order_by("started", "referral__person", "pk")
    )
    found = (
        (_child(record, "referral__person"), _protection_cells(window, record)) for record in plans.iterator()
    )
    return _annex_list(
        7,
        "Child protection",
        "every child protection plan open on the date or ended in the six months, one row per plan",
        (
            DISABILITY,
            "Child Protection Plan Start Date",
            "Initial Category of Abuse",
            "Latest Category of Abuse",
            "Date of the Last Statutory Visit",
            "Was the Child Seen Alone?",
            "Date of latest review conference",
            "Child Protection Plan End Date",
            "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)",
            "Number of Previous Child Protection Plans",
            *ALLOCATED,
        ),
        window,
        found,
    )


def _protection_cells(window: Window, record: dict[str, Any]) -> list[Cell]:
    visited = record["last_visit"]
    return [
        _disability(record["referral__person__disabilities"]),
        record["started"],
        _lettered_label(codes.CATEGORY_OF_ABUSE, record["initial_category"]),
        _lettered_label(codes.CATEGORY_OF_ABUSE, record["latest_category"]),
        visited,
        None if visited is None else _yes_no(record["seen_alone"]),
        record["last_review"],
        window.by_then(record["ended"]),
        _yes_no(record["emergency"]),
        record["earlier_plans"],
        *window.allocated(record["referral__person"], SOCIAL_CARE),
    ]


# --- List 8: children in care ---------------------------------------------------------------------

CARE_COLUMNS = (
    "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)",
    DISABILITY,
    "Date Started to be Looked After",
    "Child's Category of Need",
    "Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)",
    "Start date of current legal status",
    "Child's Legal Status",
    "Date of Latest Statutory Review",
    "Date of Last Social Work Visit",
    "What is the permanence plan for this child?",
    "Date of Last IRO Visit / Contact to the Child",
    "Date of Last Health Assessment",
    "Date of Last Dental Check",
    "Number of Placements in the Last 12 months",
    "Date Ceased to be Looked After",
    "Reason Ceased to be Looked After",
    "Start Date of Most Recent Placement",
    "Placement Type",
    "Placement Provider",
    "Placement postcode",
    "URN of Placement",
    "Placement Location",
    "LA of Placement",
    "Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months",
    "Number of Episodes the Child has been 'Absent' from their Placement in the last 12 months",
    "Was the child offered a Return Interview after their last missing episode (Y/N)?",
    "Did the child accept a Return Interview after their last missing episode (Y/N)?",
    *ALLOCATED,
)
_EPISODE_FIELDS = (
    "started",
    "ended",
    "reason_new_episode",
    "reason_ended",
    "legal_status",
    "category_of_need",
    "placement_type",
    "placement_provider",
    "placement_postcode",
    "provider_urn",
)


@dataclass
class _PeriodOfCare:
    """A run of a child's episodes from starting to be looked after to leaving care, as at the date."""

    episodes: list[dict[str, Any]]
    ended: date | None = None  # when care ended, if by the date

    @property
    def started(self) -> date:
        return self.episodes[0]["started"]  # type: ignore[no-any-return]

    @property
    def latest(self) -> dict[str, Any]:
        return self.episodes[-1]

    def until(self, window: Window) -> date:
        return self.ended or window.on

    def overlaps(self, period: Period) -> bool:
        return self.started <= period.end and (self.ended is None or self.ended >= period.start)

    @property
    def short_breaks_only(self) -> bool:
        return all(episode["legal_status"] in SHORT_BREAK_LEGAL_STATUSES for episode in self.episodes)


def children_in_care(window: Window) -> AnnexList:
    """Every child looked after on the date or who left care in the six months, one row per period of care.

    Children looked after only under an agreed series of short breaks (V3, V4) are left out, as
    they are from the DfE's count of children looked after.
    """
    in_care = _overlapping(CareEpisode.objects.all(), window).values("person")
    episodes = (
        _of_people(CareEpisode.objects.filter(person__in=in_care, started__lte=window.on), "person")
        .values(*_child_fields("person"), *_EPISODE_FIELDS)
        .order_by("person", "started", "pk")
    )
    history = _CareHistory(window, in_care)
    found: list[tuple[date, _Child, list[Cell]]] = []
    for _, child_episodes in groupby(episodes.iterator(), key=itemgetter("person")):
        periods = _periods_of_care(list(child_episodes), window)
        for period in periods:
            if period.overlaps(window.period) and not period.short_breaks_only:
                child = _child(period.latest, "person")
                found.append((period.started, child, _care_cells(window, period, periods, history)))
    found.sort(key=lambda each: (each[0], each[1].person))
    return _annex_list(
        8,
        "Children in care",
        "every child looked after on the date or who left care in the six months, one row per period of "
        "care (short breaks alone left out)",
        CARE_COLUMNS,
        window,
        ((child, cells) for _, child, cells in found),
    )


def _periods_of_care(episodes: list[dict[str, Any]], window: Window) -> list[_PeriodOfCare]:
    """A child's episodes (in date order) as periods of care: a new one starts with reason S, or
    whenever the episode before did not run on into it the same day (X1)."""
    periods: list[_PeriodOfCare] = []
    for episode in episodes:
        previous = periods[-1].latest if periods else None
        runs_on = (
            previous is not None
            and previous["reason_ended"] == NEW_EPISODE_SAME_DAY
            and previous["ended"] == episode["started"]
        )
        if episode["reason_new_episode"] == STARTED_TO_BE_LOOKED_AFTER or not runs_on:
            periods.append(_PeriodOfCare([episode]))
        else:
            periods[-1].episodes.append(episode)
    for period in periods:
        period.ended = window.by_then(period.latest["ended"])
    return periods


def _care_cells(
    window: Window, period: _PeriodOfCare, periods: list[_PeriodOfCare], history: _CareHistory
) -> list[Cell]:
    latest, person = period.latest, period.latest["person"]
    until = period.until(window)
    missing = history.missing_between(person, max(period.started, window.year.start), until)
    return [
        _yes_no(person in history.asylum_seeking),
        _disability(latest["person__disabilities"]),
        period.started,
        _coded(codes.CATEGORY_OF_NEED, latest["category_of_need"]),
        _yes_no(_follows_care_within_a_year(period, periods)),
        _legal_status_since(period),
        _coded(codes.LEGAL_STATUS, latest["legal_status"]),
        history.latest(history.reviews, person, period.started, until),
        history.latest(history.visits, person, period.started, until),
        None,  # Continuum does not record a permanence plan yet
        history.latest(history.attended_reviews, person, period.started, until),
        history.latest(history.health_assessments, person, None, until),
        history.latest(history.dental_checks, person, None, until),
        _placements_in(window.year, periods),
        period.ended,
        _coded(codes.REASON_EPISODE_CEASED, latest["reason_ended"]) if period.ended else None,
        _placements(period)[-1][0],
        _coded(codes.PLACEMENT_TYPE, latest["placement_type"]),
        _coded(codes.PLACEMENT_PROVIDER, latest["placement_provider"]),
        latest["placement_postcode"] or None,
        latest["provider_urn"] or None,
        None,  # in or out of the area: Continuum does not hold the council's boundary
        None,  # nor which council a placement is in
        sum(1 for episode in missing if episode.kind == MISSING),
        sum(1 for episode in missing if episode.kind == ABSENT),
        *_return_interview(history.missing_between(person, period.started, until)),
        *window.allocated(person, SOCIAL_CARE),
    ]


def _follows_care_within_a_year(period: _PeriodOfCare, periods: list[_PeriodOfCare]) -> bool:
    """Whether an earlier period of care ended in the 12 months before this one started."""
    year_before = add_months(period.started, -COUNTED_MONTHS)
    return any(
        earlier.ended is not None and year_before <= earlier.ended <= period.started
        for earlier in periods
        if earlier is not period and earlier.started < period.started
    )


def _legal_status_since(period: _PeriodOfCare) -> date:
    """When the current legal status began: the first of the episodes at the end with the same status."""
    status = period.latest["legal_status"]
    since = period.latest["started"]
    for episode in reversed(period.episodes):
        if episode["legal_status"] != status:
            break
        since = episode["started"]
    return since  # type: ignore[no-any-return]


def _placements(period: _PeriodOfCare) -> list[tuple[date, date | None]]:
    """Each placement in the period (from an episode that moved the child to the next that did),
    with its end, or None while it goes on."""
    starts = [
        n for n, episode in enumerate(period.episodes) if episode["reason_new_episode"] in NEW_PLACEMENT
    ]
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    placements: list[tuple[date, date | None]] = []
    for n, first in enumerate(starts):
        last = starts[n + 1] - 1 if n + 1 < len(starts) else len(period.episodes) - 1
        ended = period.ended if last == len(period.episodes) - 1 else period.episodes[last]["ended"]
        placements.append((period.episodes[first]["started"], ended))
    return placements


def _placements_in(year: Period, periods: list[_PeriodOfCare]) -> int:
    return sum(
        1
        for period in periods
        for started, ended in _placements(period)
        if started <= year.end and (ended is None or ended >= year.start)
    )


@dataclass(frozen=True)
class _Missing:
    kind: str
    day: date
    returned: bool
    return_interview: str


def _return_interview(missing: list[_Missing]) -> list[Cell]:
    """Whether a return interview was offered and accepted after the last time the child went missing."""
    last = next((each for each in reversed(missing) if each.kind == MISSING), None)
    if last is None or not last.returned:
        return [None, None]
    offered = last.return_interview in RETURN_INTERVIEW_OFFERED
    return [_yes_no(offered), INTERVIEW_ACCEPTED.get(last.return_interview)]


INTERVIEW_ACCEPTED: dict[str, str] = {
    MissingReturnInterview.HELD: YES,
    MissingReturnInterview.DECLINED: NO,
    MissingReturnInterview.OFFERED: UNKNOWN,  # offered, not yet held
}


class _CareHistory:
    """What happened to the children in list 8 up to the date, each child's in date order."""

    def __init__(self, window: Window, people: QuerySet[Any]) -> None:
        on = window.on
        reviews = LookedAfterReview.objects.filter(person__in=people, held_on__lte=on).order_by("held_on")
        self.reviews = _dates_by_child(reviews.values_list("person", "held_on"))
        self.attended_reviews = _dates_by_child(
            reviews.filter(participation__in=CHILD_ATTENDED).values_list("person", "held_on")
        )
        visits = Visit.objects.filter(person__in=people, kind=VisitKind.LOOKED_AFTER, visited_on__lte=on)
        self.visits = _dates_by_child(visits.order_by("visited_on").values_list("person", "visited_on"))
        checks = HealthCheck.objects.filter(person__in=people, held_on__lte=on).order_by("held_on")
        self.health_assessments = _dates_by_child(
            checks.filter(kind__in=HEALTH_ASSESSMENTS).values_list("person", "held_on")
        )
        self.dental_checks = _dates_by_child(
            checks.filter(kind=HealthCheckKind.DENTAL).values_list("person", "held_on")
        )
        self.missing = self._missing(window, people)
        self.asylum_seeking = _asylum_seeking(window, people)

    @staticmethod
    def latest(dates: dict[int, list[date]], person: int, since: date | None, until: date) -> date | None:
        return next(
            (
                day
                for day in reversed(dates.get(person, []))
                if day <= until and (since is None or day >= since)
            ),
            None,
        )

    def missing_between(self, person: int, since: date, until: date) -> list[_Missing]:
        return [each for each in self.missing.get(person, []) if since <= each.day <= until]

    @staticmethod
    def _missing(window: Window, people: QuerySet[Any]) -> dict[int, list[_Missing]]:
        found: dict[int, list[_Missing]] = defaultdict(list)
        episodes = MissingEpisode.objects.filter(
            person__in=people, went_missing__lt=window.period.ends_before
        )
        rows = episodes.order_by("went_missing").values_list(
            "person", "kind", "went_missing", "returned", "return_interview"
        )
        for person, kind, went_missing, returned, interview in rows.iterator():
            came_back = returned is not None and returned < window.period.ends_before
            day = timezone.localtime(went_missing, ENGLAND).date()
            found[person].append(_Missing(kind, day, came_back, interview if came_back else ""))
        return found


def _dates_by_child(rows: Iterable[tuple[int, date]]) -> dict[int, list[date]]:
    found: dict[int, list[date]] = defaultdict(list)
    for person, day in rows:
        found[person].append(day)
    return found


def _asylum_seeking(window: Window, people: QuerySet[Any]) -> set[int]:
    """Children an authorised assessment found to be unaccompanied asylum seekers, by the date."""
    factors = Assessment.objects.filter(referral__person__in=people, authorised__lte=window.on).values_list(
        "referral__person", "factors"
    )
    return {person for person, found in factors.iterator() if UNACCOMPANIED_ASYLUM_SEEKING in (found or [])}


# --- List 9: care leavers -------------------------------------------------------------------------

LEAVING_CARE = (Service.LEAVING_CARE, Service.SOCIAL_CARE)


def care_leavers(window: Window) -> AnnexList:
    """Every young person the council supports as a care leaver on the date: relevant, former relevant,
    qualifying and eligible, one row each, with their latest pathway plan and contact."""
    contact = CareLeaverContact.objects.filter(
        care_leaver=OuterRef("pk"), contact_on__lte=window.on
    ).order_by("-contact_on", "-pk")
    pathway_plan = PathwayPlan.objects.filter(care_leaver=OuterRef("pk"), held_on__lte=window.on)
    leavers = (
        _open_on(_of_people(CareLeaver.objects.all(), "person"), window.on)
        .annotate(
            pathway_plan=Subquery(pathway_plan.order_by("-held_on").values("held_on")[:1]),
            contact_on=Subquery(contact.values("contact_on")[:1]),
            in_touch=Subquery(contact.values("in_touch")[:1]),
            activity=Subquery(contact.values("activity")[:1]),
            accommodation=Subquery(contact.values("accommodation")[:1]),
        )
        .values(
            *_child_fields("person"),
            "category",
            "personal_adviser__first_name",
            "personal_adviser__last_name",
            "personal_adviser__username",
            "pathway_plan",
            "contact_on",
            "in_touch",
            "activity",
            "accommodation",
        )
        .order_by("person", "-started", "-pk")
    )
    found = [next(rows) for _, rows in groupby(leavers.iterator(), key=itemgetter("person"))]
    asylum_seeking = _asylum_seeking(window, _open_on(CareLeaver.objects.all(), window.on).values("person"))
    return _annex_list(
        9,
        "Care leavers",
        "every young person supported as a care leaver on the date (relevant, former relevant, qualifying "
        "and eligible), one row each",
        (
            "Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)",
            DISABILITY,
            *ALLOCATED,
            "Allocated Personal Advisor",
            "Eligibility Category",
            "Latest Pathway Plan Review Date",
            "LA in Touch",
            "Latest Date of Contact",
            "Type of Accommodation",
            "Suitability of Accommodation",
            "Activity Status",
        ),
        window,
        ((_child(record, "person"), _leaver_cells(window, record, asylum_seeking)) for record in found),
    )


def _leaver_cells(window: Window, record: dict[str, Any], asylum_seeking: set[int]) -> list[Cell]:
    accommodation = record["accommodation"] or ""
    known = len(accommodation) == 2  # "0" is not known: not in touch, died, or home for 6 months
    return [
        _yes_no(record["person"] in asylum_seeking),
        _disability(record["person__disabilities"]),
        *window.allocated(record["person"], LEAVING_CARE),
        _name(record, "personal_adviser"),
        ELIGIBILITY.get(record["category"]),
        record["pathway_plan"],
        _lettered_label(codes.CARE_LEAVER_IN_TOUCH, record["in_touch"]),
        record["contact_on"],
        _accommodation_type(accommodation),
        SUITABILITY.get(accommodation[1]) if known else None,
        _coded(codes.CARE_LEAVER_ACTIVITY, record["activity"]),
    ]


def _accommodation_type(accommodation: str) -> str | None:
    """The kind of accommodation without its suitability: B1 and B2 are "B: With parents or relatives"."""
    if not accommodation:
        return None
    label = codes.CARE_LEAVER_ACCOMMODATION.label(accommodation)
    if len(accommodation) == 2:
        label = label.rsplit(": ", 1)[0]
    return f"{accommodation[0]}: {label}"


LISTS = (
    contacts,
    early_help,
    referrals,
    assessments,
    section_47_enquiries,
    children_in_need,
    child_protection,
    children_in_care,
    care_leavers,
)


# --- The five columns every list starts with --------------------------------------------------------


def _child_fields(path: str) -> list[str]:
    return [path, *(f"{path}__{name}" for name in _CHILD_FACTS)]


_CHILD_FACTS = ("sex", "ethnicity", "date_of_birth", "disabilities")


@dataclass(frozen=True)
class _Child:
    person: int
    sex: str
    ethnicity: str
    born: date | None
    disabilities: list[str] | None


def _child(record: dict[str, Any], path: str) -> _Child:
    return _Child(record[path], *(record[f"{path}__{name}"] for name in _CHILD_FACTS))


def _of_people(queryset: QuerySet[Any], path: str) -> QuerySet[Any]:
    """Records of people not withdrawn as entered in error."""
    return queryset.filter(**{f"{path}__withdrawn_at__isnull": True})


def _annex_list(
    number: int,
    title: str,
    holds: str,
    columns: tuple[str, ...],
    window: Window,
    found: Iterable[tuple[_Child, list[Cell]]],
) -> AnnexList:
    found = list(found)
    people = [child.person for child, _ in found]
    legacy = legacy_child_ids(set(people))
    rows = [[*_about_the_child(window, child, legacy), *cells] for child, cells in found]
    return AnnexList(number, title, holds, (*CHILD_COLUMNS, *columns), rows, people)


def _about_the_child(window: Window, child: _Child, legacy: dict[int, str]) -> list[Cell]:
    return [
        child_identifier(child.person, legacy),
        GENDER.get(child.sex, GENDER_NOT_STATED),
        _ethnicity(child.ethnicity),
        child.born,
        age_on(child.born, window.on),
    ]


def age_on(born: date | None, on: date) -> int | None:
    """Whole years on the date (Person.age_on); none for a child not yet born then or with no birth date."""
    if born is None or born > on:
        return None
    return Person(date_of_birth=born).age_on(on)


def _ethnicity(code: str) -> str:
    code = code or ETHNICITY_NOT_RECORDED
    if code not in codes.ETHNICITY:
        return "u) UNKNOWN"
    return f"{_letter(codes.ETHNICITY, code)}) {code}"


def _disability(disabilities: list[str] | None) -> str:
    """Yes for any DfE disability code, no for "NONE" (no disability), unknown when none is recorded."""
    if not disabilities:
        return UNKNOWN
    return NO if list(disabilities) == ["NONE"] else YES


def _yes_no(answer: bool) -> str:
    return YES if answer else NO


def _letter(code_set: codes.CodeSet, code: str) -> str:
    """Annex A letters a code set's codes in the DfE's order: a), b), c)..."""
    position = [each.code for each in code_set.codes].index(code)
    return chr(ord("a") + position)


def _lettered_label(code_set: codes.CodeSet, code: str | None) -> str | None:
    if not code or code not in code_set:
        return code or None
    return f"{_letter(code_set, code)}) {code_set.label(code)}"


def _coded(code_set: codes.CodeSet, code: str | None) -> str | None:
    """A DfE code as the lists write it: the code first, then what it means ("2A: Schools")."""
    if not code:
        return None
    return f"{code}: {code_set.label(code)}" if code in code_set else code


def _name(record: dict[str, Any], path: str) -> str | None:
    full = " ".join(part for part in (record[f"{path}__first_name"], record[f"{path}__last_name"]) if part)
    return full or record[f"{path}__username"]


# --- Queries the lists share -------------------------------------------------------------------------


def _open_on(queryset: QuerySet[Any], on: date) -> QuerySet[Any]:
    """Started by the date and not ended by it (ended later, or not at all)."""
    return queryset.filter(started__lte=on).filter(Q(ended__isnull=True) | Q(ended__gt=on))


def _overlapping(queryset: QuerySet[Any], window: Window) -> QuerySet[Any]:
    """Open at any time in the six months: started by the date, not ended before the six months began."""
    return queryset.filter(started__lte=window.on).filter(Q(ended__isnull=True) | Q(ended__gte=window.start))


def _count_by_child(queryset: QuerySet[Any], path: str) -> dict[int, int]:
    rows = queryset.order_by().values(path).annotate(records=Count("pk")).values_list(path, "records")
    return dict(rows)


@dataclass(frozen=True)
class _Allocated:
    service: str
    team: str | None
    worker: str | None


def _allocations_on(on: date) -> dict[int, list[_Allocated]]:
    """Every child's open allocations on the date, the most recent first."""
    found: dict[int, list[_Allocated]] = defaultdict(list)
    rows = (
        _open_on(Allocation.objects.all(), on)
        .values(
            "person", "service", "team__name", "worker__first_name", "worker__last_name", "worker__username"
        )
        .order_by("person", "-started", "-pk")
    )
    for row in rows.iterator():
        worker = _name(row, "worker") if row["worker__username"] else None
        found[row["person"]].append(_Allocated(row["service"], row["team__name"], worker))
    return found


# --- The workbook ------------------------------------------------------------------------------------

DAY_FORMAT = "dd/mm/yyyy"
Sheet = Any  # openpyxl's write-only worksheet (openpyxl has no type hints)
WIDEST = 60
HEADING_WIDTH = 24  # longer headings wrap rather than widen the column


def workbook(window: Window, lists: Sequence[AnnexList], made_at: datetime) -> bytes:
    """An Excel workbook: an About sheet, then one sheet per list, header bold and frozen."""
    book = Workbook(write_only=True)
    book.properties.creator = "Continuum"
    _about(book.create_sheet("About"), window, lists, made_at)
    for each in lists:
        sheet = book.create_sheet(each.sheet_name)
        _write_table(sheet, each.header, each.rows)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _write_table(sheet: Sheet, header: Sequence[str], rows: Sequence[Sequence[Cell]]) -> None:
    sheet.freeze_panes = "A2"
    for number, width in enumerate(_widths(header, rows), start=1):
        sheet.column_dimensions[get_column_letter(number)].width = width
    sheet.append([_heading(sheet, text) for text in header])
    for row in rows:
        sheet.append([_cell(sheet, value) for value in row])


def _widths(header: Sequence[str], rows: Sequence[Sequence[Cell]]) -> Iterator[int]:
    for number, heading in enumerate(header):
        longest = max((len(_shown(row[number])) for row in rows), default=0)
        yield min(WIDEST, max(longest, min(len(heading), HEADING_WIDTH), 8) + 2)


def _shown(value: Cell) -> str:
    return "00/00/0000" if isinstance(value, date) else ("" if value is None else str(value))


def _heading(sheet: Sheet, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=text)
    cell.font = Font(bold=True)
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell


def _cell(sheet: Sheet, value: Cell) -> Any:
    if isinstance(value, date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = f"{DAY_FORMAT} hh:mm" if isinstance(value, datetime) else DAY_FORMAT
        return cell
    if isinstance(value, str) and value.startswith("="):
        # Text, never a formula, whatever a name or a postcode was typed as.
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value


def _about(sheet: Sheet, window: Window, lists: Sequence[AnnexList], made_at: datetime) -> None:
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 14
    sheet.column_dimensions["C"].width = 100
    sheet.append(
        [_heading(sheet, "Ofsted Annex A: lists of children for an inspection of children's services")]
    )
    facts: list[list[Cell | datetime]] = [
        ["Local authority number", local_authority_number()],
        ["The date", window.on],
        ["The six months", window.period.start, f"{window.period.label}, both days included"],
        ["Counts over 12 months", window.year.start, f"{window.year.label}, both days included"],
        ["Made", timezone.localtime(made_at, ENGLAND).replace(tzinfo=None, microsecond=0)],
        [],
    ]
    for fact in facts:
        sheet.append([_cell(sheet, value) for value in fact])
    sheet.append([_heading(sheet, text) for text in ("Sheet", "Rows", "What it lists")])
    for each in lists:
        sheet.append([each.sheet_name, len(each.rows), each.holds])
    sheet.append(["Lists 10 and 11", 0, LISTS_NOT_WRITTEN])
    sheet.append([])
    for note in NOTES:
        sheet.append(["", "", note])


NOTES = (
    "Records are as they stood at the end of the date: anything dated after it is left out, and a plan, "
    "episode or enquiry that ended after it is shown as still open then.",
    "Dates are Excel dates shown as dd/mm/yyyy. Age is the child's age in whole years on the date; it is "
    "empty for a child not yet born then or with no date of birth recorded.",
    "Child Unique ID is Continuum's own number for the child, or the ID from the system a migrated child's "
    "record came from, the same as in the CIN census.",
    "Gender c) Not stated/recorded: the child's sex is recorded as unknown (or the child was unborn) or not "
    "recorded. Ethnicity not recorded is t) NOBT, information not yet obtained.",
    'Disability c) Unknown: no disability (nor "no disability") is recorded for the child.',
    "Allocated Team and Worker are who the child is allocated to on the date (leaving care first for care "
    "leavers); they are empty when nobody is.",
    "Children whose record was withdrawn as entered in error are left out. Every child in this workbook is "
    "recorded in the audit trail as exported.",
)
