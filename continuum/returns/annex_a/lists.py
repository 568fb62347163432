"""Annex A lists 1 to 7 and 9: contacts, early help, referrals, assessments, section 47 enquiries,
children in need, child protection and care leavers, one function a list."""

from __future__ import annotations

from datetime import date
from itertools import groupby
from operator import itemgetter
from typing import Any

from django.db.models import Count, DateField, Exists, Max, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from continuum.earlyhelp.models import EarlyHelpAssessment, EarlyHelpEpisode
from continuum.frontdoor.catalogue import UNKNOWN_SOURCE, Status
from continuum.frontdoor.models import ContactChild
from continuum.people.models import Service
from continuum.socialcare.catalogue import (
    NEEDS_SUPPORT,
    CareLeaverCategory,
    ConferenceKind,
    ConferenceOutcome,
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
    PathwayPlan,
    Referral,
    Section47Enquiry,
    Visit,
)
from continuum.statutory import codes
from continuum.statutory.timescales import ENGLAND

from .common import (
    ALLOCATED,
    DISABILITY,
    SOCIAL_CARE,
    AnnexList,
    Cell,
    Window,
    _annex_list,
    _asylum_seeking,
    _child,
    _child_fields,
    _coded,
    _count_by_child,
    _disability,
    _lettered_label,
    _name,
    _of_people,
    _open_on,
    _overlapping,
    _yes_no,
)

# The Annex A template's answers.
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
# Police protection (L1) and emergency protection orders (L2), where the child was accommodated.
EMERGENCY_PROTECTION = ("L1", "L2")


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
    listed = _overlapping(_of_people(ChildProtectionPlan.objects.all(), "referral__person"), window)
    plans = (
        listed.annotate(
            last_visit=Subquery(visit.values("visited_on")[:1]),
            seen_alone=Subquery(visit.values("seen_alone")[:1]),
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
            "earlier_plans",
            "emergency",
            "pk",
        )
        .order_by("started", "referral__person", "pk")
    )
    # Each plan's latest review, in one grouped query: asked plan by plan, SQLite scanned every
    # review conference for each plan (about 12 s for a Bradford-size year).
    last_reviews = dict(
        ChildProtectionConference.objects.filter(
            plan__in=listed.values("pk"), kind=ConferenceKind.REVIEW, held_on__lte=window.on
        )
        .order_by()
        .values("plan")
        .annotate(last=Max("held_on"))
        .values_list("plan", "last")
    )
    found = (
        (
            _child(record, "referral__person"),
            _protection_cells(window, {**record, "last_review": last_reviews.get(record["pk"])}),
        )
        for record in plans.iterator()
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
