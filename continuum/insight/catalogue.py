"""The catalogue of indicators: every figure the dashboard, the annual report and `manage.py
indicators` show, each defined once.

A period runs from its first day to its last, both included. "In the period" counts records
dated in it; "at the end of the period" counts what was open at the end of its last day (the
DfE's "at 31 March" for a financial year). Where the DfE defines a figure (Characteristics of
children in need; Children looked after in England), the definition follows it and says so; the
local ones say so too. docs/indicators.md explains each with worked examples.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.lookups import GreaterThanOrEqual, LessThanOrEqual

from continuum.earlyhelp.models import EarlyHelpEpisode
from continuum.frontdoor import figures as front_door
from continuum.frontdoor.models import Contact
from continuum.socialcare.catalogue import CareLeaverCategory, ConferenceKind, Section47Outcome
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
)
from continuum.statutory import timescales
from continuum.statutory.care_leaver_codes import IN_EDUCATION_EMPLOYMENT_OR_TRAINING, SUITABLE_ACCOMMODATION
from continuum.statutory.periods import Period
from continuum.statutory.sql import EnglandDay, Likely, YearsBefore
from continuum.statutory.ssda903_codes import SHORT_BREAK_LEGAL_STATUSES
from continuum.statutory.timescales import add_months
from continuum.statutory.working_days import working_days_between

from .indicators import Context, Indicator, Polarity, Section, Timing, Unit

DFE_CIN = "DfE, Characteristics of children in need"
DFE_CLA = "DfE, Children looked after in England"
DFE_CARE_LEAVERS = "DfE, Children looked after in England (care leavers, SSDA903 OC3)"
WORKING_TOGETHER = "Working Together to Safeguard Children 2023"
LOCAL = "Local: the partnership's own measure"

ASSESSMENT_WORKING_DAYS = timescales.get("assessment_census").amount  # 45, from the assessment start
ASSESSMENT_FROM_REFERRAL_WORKING_DAYS = timescales.get("assessment").amount  # 45, Working Together
ICPC_WORKING_DAYS = timescales.get("initial_conference_census").amount  # 15, from the section 47 start
# Care leavers the DfE's OC3 measures are about: those the council supports after care.
SUPPORTED_CARE_LEAVERS = (CareLeaverCategory.RELEVANT, CareLeaverCategory.FORMER_RELEVANT)


def _in(field: str, period: Period) -> Q:
    return Q(**{f"{field}__gte": period.start, f"{field}__lte": period.end})


def _open_at(period: Period, started: str = "started", ended: str = "ended") -> Q:
    """Open at the end of the period's last day: started by then and not ended by then."""
    started_by_then = Likely(LessThanOrEqual(F(started), Value(period.end)))
    return Q(started_by_then) & (Q(**{f"{ended}__isnull": True}) | Q(**{f"{ended}__gt": period.end}))


# --- The records each indicator counts -----------------------------------------------------------


def contacts(period: Period, context: Context) -> QuerySet[Contact]:
    return front_door.contacts_received(period)


def contacts_with_known_timeliness(period: Period, context: Context) -> QuerySet[Contact]:
    return front_door.contacts_received(period).filter(front_door.timeliness_known(context.as_at))


def contacts_whose_referrer_can_be_told(period: Period, context: Context) -> QuerySet[Contact]:
    return front_door.contacts_received(period).filter(front_door.REFERRER_CAN_BE_TOLD)


def referrals(period: Period, context: Context) -> QuerySet[Referral]:
    return Referral.objects.filter(_in("referral_date", period))


def assessments_authorised(period: Period, context: Context) -> QuerySet[Assessment]:
    return Assessment.objects.filter(_in("authorised", period))


def enquiries(period: Period, context: Context) -> QuerySet[Section47Enquiry]:
    return Section47Enquiry.objects.filter(_in("started", period))


def initial_conferences(period: Period, context: Context) -> QuerySet[ChildProtectionConference]:
    return ChildProtectionConference.objects.filter(_in("held_on", period), kind=ConferenceKind.INITIAL)


def initial_conferences_after_an_enquiry(
    period: Period, context: Context
) -> QuerySet[ChildProtectionConference]:
    """Initial conferences with their enquiry, leaving out any dated before the enquiry began (DfE)."""
    return initial_conferences(period, context).filter(
        section_47__isnull=False, held_on__gte=F("section_47__started")
    )


def plans_started(period: Period, context: Context) -> QuerySet[ChildProtectionPlan]:
    return ChildProtectionPlan.objects.filter(_in("started", period))


def plans_ended(period: Period, context: Context) -> QuerySet[ChildProtectionPlan]:
    return ChildProtectionPlan.objects.filter(_in("ended", period))


def plans_open_at_end(period: Period, context: Context) -> QuerySet[ChildProtectionPlan]:
    return ChildProtectionPlan.objects.filter(_open_at(period))


def plans_open_1_to_2_years(period: Period, context: Context) -> QuerySet[ChildProtectionPlan]:
    one_year, two_years = _years_before(period.end, 1), _years_before(period.end, 2)
    return plans_open_at_end(period, context).filter(started__lte=one_year, started__gt=two_years)


def plans_open_2_years_plus(period: Period, context: Context) -> QuerySet[ChildProtectionPlan]:
    return plans_open_at_end(period, context).filter(started__lte=_years_before(period.end, 2))


def children_in_need_at_end(period: Period, context: Context) -> QuerySet[Referral]:
    return Referral.objects.filter(_open_at(period, "referral_date", "closed"), no_further_action=False)


def looked_after_at_end(period: Period, context: Context) -> QuerySet[CareEpisode]:
    return CareEpisode.objects.filter(_open_at(period)).exclude(legal_status__in=SHORT_BREAK_LEGAL_STATUSES)


def missing_episodes(period: Period, context: Context) -> QuerySet[MissingEpisode]:
    return MissingEpisode.objects.filter(
        went_missing__gte=period.starts_at, went_missing__lt=period.ends_before
    )


def early_help_started(period: Period, context: Context) -> QuerySet[EarlyHelpEpisode]:
    return EarlyHelpEpisode.objects.filter(_in("started", period))


def care_leavers_with_a_contact(period: Period, context: Context) -> QuerySet[CareLeaver]:
    """Supported care leavers with a contact recorded in the period, with their latest one's answers.

    The latest contact is the young person's, whichever of their care leaver records (relevant,
    then former relevant) it was recorded on: the DfE's return has one row per young person.
    """
    latest = CareLeaverContact.objects.filter(
        care_leaver__person=OuterRef("person"), **_contact_in(period)
    ).order_by("-contact_on", "-pk")
    return (
        CareLeaver.objects.filter(category__in=SUPPORTED_CARE_LEAVERS)
        .annotate(
            latest_in_touch=Subquery(latest.values("in_touch")[:1]),
            latest_activity=Subquery(latest.values("activity")[:1]),
            latest_accommodation=Subquery(latest.values("accommodation")[:1]),
        )
        .filter(latest_in_touch__isnull=False)
    )


def care_leavers_supported_at_end(period: Period, context: Context) -> QuerySet[CareLeaver]:
    return CareLeaver.objects.filter(_open_at(period), category__in=SUPPORTED_CARE_LEAVERS)


def missing_from_care(period: Period, context: Context) -> QuerySet[MissingEpisode]:
    """Missing episodes that began while the child was looked after (short breaks included).

    Looked after on the day they went missing, as a day in England: care that ended that day counts.
    """
    in_care = CareEpisode.objects.filter(person=OuterRef("person"), started__lte=OuterRef("day")).filter(
        Q(ended__isnull=True) | Q(ended__gte=OuterRef("day"))
    )
    return missing_episodes(period, context).annotate(day=EnglandDay("went_missing")).filter(Exists(in_care))


def _contact_in(period: Period) -> dict[str, date]:
    return {"contact_on__gte": period.start, "contact_on__lte": period.end}


def _years_before(day: date, years: int) -> date:
    return add_months(day, -12 * years)


# --- What puts a record in a percentage's numerator ---------------------------------------------


def within_working_days(start: str, end: str, days: int) -> LessThanOrEqual:
    return LessThanOrEqual(working_days_between(start, end), days)


def had_an_earlier_plan() -> Exists:
    """The child had a plan that started before this one, however long ago (DfE)."""
    return Exists(
        ChildProtectionPlan.objects.filter(
            referral__person=OuterRef("referral__person"), started__lt=OuterRef("started")
        )
    )


def lasted_two_years_or_more() -> GreaterThanOrEqual:
    return GreaterThanOrEqual(YearsBefore(F("ended"), 2), F("started"))


# fmt: off
# --- The catalogue -------------------------------------------------------------------------------


def _count(
    id: str, name: str, definition: str, section: Section, records: Any, person: str, record_date: str,
    *, polarity: Polarity = Polarity.NEITHER, follows: str = DFE_CIN, timing: Timing = Timing.IN_PERIOD,
    per_child: bool = False,
) -> Indicator:
    return Indicator(
        id, name, definition, Unit.COUNT, polarity, section, timing, follows, records, person, record_date,
        per_child=per_child,
    )


def _percent(
    id: str, name: str, definition: str, section: Section, records: Any, person: str, record_date: str,
    meets: Any, *, polarity: Polarity = Polarity.HIGHER_IS_BETTER, follows: str = DFE_CIN,
    timing: Timing = Timing.IN_PERIOD, per_child: bool = False,
) -> Indicator:
    return Indicator(
        id, name, definition, Unit.PERCENT, polarity, section, timing, follows, records, person, record_date,
        meets=meets, per_child=per_child,
    )


def _rate(id: str, name: str, of: Indicator, definition: str) -> Indicator:
    return Indicator(
        id,
        name,
        f"{definition} Per 10,000 children aged 0 to 17 in the area (the ONS mid-year estimate entered "
        "for the year the period ends in), to one decimal place.",
        Unit.RATE,
        of.polarity,
        of.section,
        of.timing,
        of.follows,
        of.records,
        of.person,
        of.record_date,
        per_child=of.per_child,
        rate_of=of.id,
    )


CONTACTS = _count(
    "contacts",
    "Contacts to the front door",
    "Contacts received by the front door in the period (by the day they arrived in England): MARFs, "
    "calls, e-mails, police notifications and partner systems' contacts. MARFs saved but not "
    "submitted are not contacts.",
    Section.FRONT_DOOR, contacts, "children__person", "received_at", follows=LOCAL,
)
REFERRALS = _count(
    "referrals",
    "Referrals to children's social care",
    "Referrals with a referral date in the period: requests for children's social care services for "
    "a child who had no open case (DfE: a referral is not recorded while a case is open).",
    Section.CHILDREN_IN_NEED, referrals, "person", "referral_date",
)
S47 = _count(
    "s47_enquiries",
    "Section 47 enquiries",
    "Section 47 enquiries that started in the period (each enquiry, so a child with two counts twice).",
    Section.CHILD_PROTECTION, enquiries, "referral__person", "started",
)
ICPC_CHILDREN = _count(
    "icpc_children",
    "Children subject to an initial child protection conference",
    "Children with an initial child protection conference held in the period, each child once.",
    Section.CHILD_PROTECTION, initial_conferences, "referral__person", "held_on", per_child=True,
)
CP_AT_END = _count(
    "cp_plans_at_end",
    "Children on a child protection plan at the end of the period",
    "Children on a child protection plan at the end of the period's last day: the plan had started "
    "by then and had not ended by then. Each child once (DfE: at 31 March for a year).",
    Section.CHILD_PROTECTION, plans_open_at_end, "referral__person", "started",
    timing=Timing.AT_END, per_child=True,
)
CIN_AT_END = _count(
    "cin_at_end",
    "Children in need at the end of the period",
    "Children with an episode of need open at the end of the period's last day: referred by then and "
    "not closed by then, including children on child protection plans and looked after. Referrals "
    "that ended in no further action are left out. Each child once (DfE: at 31 March for a year).",
    Section.CHILDREN_IN_NEED, children_in_need_at_end, "person", "referral_date",
    timing=Timing.AT_END, per_child=True,
)
CLA_AT_END = _count(
    "cla_at_end",
    "Children looked after at the end of the period",
    "Children looked after at the end of the period's last day, each child once, leaving out "
    "children looked after only under an agreed series of short breaks (legal status V3 or V4), as "
    "the DfE does.",
    Section.CHILDREN_IN_CARE, looked_after_at_end, "person", "started",
    follows=DFE_CLA, timing=Timing.AT_END, per_child=True,
)

CATALOGUE: tuple[Indicator, ...] = (
    # The front door
    CONTACTS,
    _percent(
        "contacts_decided_within_1wd_pct",
        "Contacts decided within one working day",
        front_door.TIMELINESS_DEFINITION + " (Working Together: a decision within one working day.)",
        Section.FRONT_DOOR, contacts_with_known_timeliness, "children__person", "received_at",
        lambda period, context: front_door.DECIDED_IN_TIME, follows=WORKING_TOGETHER,
    ),
    _percent(
        "referrer_feedback_pct",
        "Referrers told the outcome",
        front_door.REFERRER_FEEDBACK_DEFINITION,
        Section.FRONT_DOOR, contacts_whose_referrer_can_be_told, "children__person", "received_at",
        lambda period, context: front_door.REFERRER_TOLD, follows=WORKING_TOGETHER,
    ),
    # Early help
    _count(
        "early_help_episodes_started",
        "Early help episodes started",
        "Early help episodes (a family's help led by a lead practitioner) that started in the period, "
        "whoever leads them.",
        Section.EARLY_HELP, early_help_started, "person", "started", follows=LOCAL,
    ),
    # Referrals, assessments and children in need
    REFERRALS,
    _rate(
        "referral_rate_per_10k", "Referrals per 10,000 children", REFERRALS, "Referrals in the period."
    ),
    _percent(
        "referrals_further_action_pct",
        "Referrals going on to further action",
        "Referrals in the period that did not end in no further action at the referral stage, of all "
        "referrals in the period.",
        Section.CHILDREN_IN_NEED, referrals, "person", "referral_date",
        lambda period, context: Q(no_further_action=False),
    ),
    _percent(
        "re_referrals_pct",
        "Re-referrals within 12 months",
        front_door.RE_REFERRALS_DEFINITION,
        Section.CHILDREN_IN_NEED, referrals, "person", "referral_date",
        lambda period, context: front_door.had_a_referral_in_the_12_months_before(),
        polarity=Polarity.LOWER_IS_BETTER,
    ),
    _count(
        "assessments_completed",
        "Assessments completed",
        "Children and family assessments authorised by a manager in the period (DfE: completed "
        "assessments are those with an authorisation date in the year).",
        Section.CHILDREN_IN_NEED, assessments_authorised, "referral__person", "authorised",
    ),
    _percent(
        "assessments_within_45wd_pct",
        "Assessments completed within 45 working days",
        "Assessments authorised in the period that were authorised within 45 working days of the day "
        "the assessment started, of all assessments authorised in the period. Working days leave out "
        "weekends and England's bank holidays, and the start day itself (authorised the same day: 0).",
        Section.CHILDREN_IN_NEED, assessments_authorised, "referral__person", "authorised",
        lambda period, context: within_working_days("started", "authorised", ASSESSMENT_WORKING_DAYS),
    ),
    _percent(
        "assessments_within_45wd_of_referral_pct",
        "Assessments completed within 45 working days of the referral",
        "Assessments authorised in the period that were authorised within 45 working days of the "
        "referral they belong to, of all assessments authorised in the period. Working Together "
        "counts from the point of referral; the DfE's figure counts from the assessment's start.",
        Section.CHILDREN_IN_NEED, assessments_authorised, "referral__person", "authorised",
        lambda period, context: within_working_days(
            "referral__referral_date", "authorised", ASSESSMENT_FROM_REFERRAL_WORKING_DAYS
        ),
        follows=WORKING_TOGETHER,
    ),
    CIN_AT_END,
    _rate(
        "cin_rate_per_10k", "Children in need per 10,000 children", CIN_AT_END,
        "Children in need at the end of the period.",
    ),
    # Child protection
    S47,
    _rate(
        "s47_rate_per_10k", "Section 47 enquiries per 10,000 children", S47, "Section 47 enquiries started."
    ),
    _percent(
        "s47_to_icpc_pct",
        "Section 47 enquiries leading to an initial conference",
        "Section 47 enquiries started in the period whose outcome was an initial child protection "
        "conference, of all section 47 enquiries started in the period.",
        Section.CHILD_PROTECTION, enquiries, "referral__person", "started",
        lambda period, context: Q(outcome=Section47Outcome.INITIAL_CONFERENCE), polarity=Polarity.NEITHER,
    ),
    _count(
        "icpcs",
        "Initial child protection conferences",
        "Initial child protection conferences held in the period (one for each child discussed).",
        Section.CHILD_PROTECTION, initial_conferences, "referral__person", "held_on",
    ),
    ICPC_CHILDREN,
    _rate(
        "icpc_rate_per_10k", "Children subject to an initial conference per 10,000 children", ICPC_CHILDREN,
        "Children with an initial child protection conference in the period.",
    ),
    _percent(
        "icpc_within_15wd_pct",
        "Initial conferences within 15 working days",
        "Initial child protection conferences held in the period within 15 working days of the start "
        "of the section 47 enquiry they followed, of all initial conferences held in the period after "
        "an enquiry. The DfE counts from the enquiry's start because the census has no strategy "
        "discussion date; a conference dated before its enquiry started is left out.",
        Section.CHILD_PROTECTION, initial_conferences_after_an_enquiry, "referral__person", "held_on",
        lambda period, context: within_working_days("section_47__started", "held_on", ICPC_WORKING_DAYS),
    ),
    _count(
        "cp_plans_started",
        "Child protection plans started",
        "Child protection plans that started in the period.",
        Section.CHILD_PROTECTION, plans_started, "referral__person", "started",
    ),
    CP_AT_END,
    _rate(
        "cp_plan_rate_per_10k", "Children on a child protection plan per 10,000 children", CP_AT_END,
        "Children on a child protection plan at the end of the period.",
    ),
    _percent(
        "cp_plans_second_or_subsequent_pct",
        "Child protection plans that were a second or subsequent plan",
        "Child protection plans started in the period for a child who had been on a plan before, "
        "however long ago, of all plans started in the period.",
        Section.CHILD_PROTECTION, plans_started, "referral__person", "started",
        lambda period, context: had_an_earlier_plan(), polarity=Polarity.LOWER_IS_BETTER,
    ),
    _percent(
        "cp_plans_ended_2yrs_plus_pct",
        "Child protection plans ending after two years or more",
        "Child protection plans that ended in the period having lasted two years or more (ended on or "
        "after the second anniversary of their start), of all plans that ended in the period.",
        Section.CHILD_PROTECTION, plans_ended, "referral__person", "ended",
        lambda period, context: lasted_two_years_or_more(), polarity=Polarity.LOWER_IS_BETTER,
    ),
    _count(
        "cp_plans_open_1_2yrs",
        "Child protection plans open for one to two years",
        "Child protection plans open at the end of the period that had lasted one year or more but "
        "under two years by then.",
        Section.CHILD_PROTECTION, plans_open_1_to_2_years, "referral__person", "started",
        timing=Timing.AT_END, polarity=Polarity.LOWER_IS_BETTER,
    ),
    _count(
        "cp_plans_open_2yrs_plus",
        "Child protection plans open for two years or more",
        "Child protection plans open at the end of the period that had lasted two years or more by then.",
        Section.CHILD_PROTECTION, plans_open_2_years_plus, "referral__person", "started",
        timing=Timing.AT_END, polarity=Polarity.LOWER_IS_BETTER,
    ),
    # Children in care
    CLA_AT_END,
    _rate(
        "cla_rate_per_10k", "Children looked after per 10,000 children", CLA_AT_END,
        "Children looked after at the end of the period, leaving out short breaks.",
    ),
    _count(
        "children_missing",
        "Children missing from home or care",
        "Children who went missing, or were away from their placement without authorisation, at "
        "least once in the period, each child once.",
        Section.CHILDREN_IN_CARE, missing_episodes, "person", "went_missing", follows=LOCAL,
        per_child=True, polarity=Polarity.LOWER_IS_BETTER,
    ),
    _count(
        "children_missing_from_care",
        "Children missing from care",
        "Children who went missing, or were away from their placement without authorisation, at "
        "least once in the period while looked after, each child once.",
        Section.CHILDREN_IN_CARE, missing_from_care, "person", "went_missing", follows=LOCAL,
        per_child=True, polarity=Polarity.LOWER_IS_BETTER,
    ),
    # Care leavers
    _count(
        "care_leavers_supported",
        "Care leavers supported",
        "Relevant and former relevant care leavers the council supported at the end of the period "
        "(leaving care support started by then and not ended), each young person once.",
        Section.CARE_LEAVERS, care_leavers_supported_at_end, "person", "started", follows=LOCAL,
        timing=Timing.AT_END, per_child=True,
    ),
    _percent(
        "care_leavers_in_touch_pct",
        "Care leavers in touch",
        "Relevant and former relevant care leavers (each young person once) with a contact recorded "
        "in the period whose latest contact in the period found the council in touch with them, of "
        "all of them.",
        Section.CARE_LEAVERS, care_leavers_with_a_contact, "person", "started",
        lambda period, context: Q(latest_in_touch="YES"), follows=DFE_CARE_LEAVERS,
        per_child=True,
    ),
    _percent(
        "care_leavers_eet_pct",
        "Care leavers in education, employment or training",
        "Relevant and former relevant care leavers (each young person once) with a contact recorded "
        "in the period whose latest contact in the period found them in education, employment or "
        "training (full or part time), of all of them.",
        Section.CARE_LEAVERS, care_leavers_with_a_contact, "person", "started",
        lambda period, context: Q(latest_activity__in=IN_EDUCATION_EMPLOYMENT_OR_TRAINING),
        follows=DFE_CARE_LEAVERS,
        per_child=True,
    ),
    _percent(
        "care_leavers_suitable_accommodation_pct",
        "Care leavers in suitable accommodation",
        "Relevant and former relevant care leavers (each young person once) with a contact recorded "
        "in the period whose latest contact in the period found their accommodation suitable, of "
        "all of them.",
        Section.CARE_LEAVERS, care_leavers_with_a_contact, "person", "started",
        lambda period, context: Q(latest_accommodation__in=SUITABLE_ACCOMMODATION), follows=DFE_CARE_LEAVERS,
        per_child=True,
    ),
    _percent(
        "care_leavers_pathway_plan_pct",
        "Care leavers with a pathway plan",
        "Relevant and former relevant care leavers supported at the end of the period who had a "
        "pathway plan by then, of all of them, each young person once.",
        Section.CARE_LEAVERS, care_leavers_supported_at_end, "person", "started",
        lambda period, context: Exists(
            PathwayPlan.objects.filter(care_leaver__person=OuterRef("person"), held_on__lte=period.end)
        ),
        timing=Timing.AT_END, follows=LOCAL, per_child=True,
    ),
)

# fmt: on
BY_ID: dict[str, Indicator] = {indicator.id: indicator for indicator in CATALOGUE}
assert len(BY_ID) == len(CATALOGUE), "indicator ids must be unique"
