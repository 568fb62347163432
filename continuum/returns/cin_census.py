"""The children in need census: every episode of need open in a collection year, as the DfE's XML.

One `<Child>` for each child with a referral (a CIN census `CINdetails`) open at any time from 1
April to 31 March, with that year's assessments, child in need plans, section 47 enquiries and
child protection plans. What happened after 31 March is left out, as the census asks: an
assessment authorised in April is still open at the reference date, a plan that ended in April
has no end date. Elements follow the order of the DfE's schema; empty optional ones are left out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from xml.etree import ElementTree

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from continuum.people.models import Person, PersonKind
from continuum.socialcare.catalogue import ConferenceKind, Section47Outcome
from continuum.socialcare.models import (
    Assessment,
    ChildInNeedPlan,
    ChildProtectionConference,
    ChildProtectionPlan,
    Referral,
    Section47Enquiry,
)
from continuum.statutory.timescales import deadline

from .collection import GENDER_CURRENT, CollectionYear, local_authority_number

SOFTWARE = "Continuum"
# The age from which a child is of school age for the unknown-UPN reason UN1 ("not of school age").
SCHOOL_AGE = 5
NOT_YET_OBTAINED = "NOBT"


def census_referrals(year: CollectionYear) -> QuerySet[Referral]:
    """The episodes of need the census counts: referred by 31 March and not closed before 1 April."""
    return Referral.objects.filter(referral_date__lte=year.end).filter(
        Q(closed__isnull=True) | Q(closed__gte=year.start)
    )


def la_child_id(person: Person) -> str:
    """The child's identifier in the return: Continuum's own (20 characters at most, letters and digits)."""
    return str(person.pk)


@dataclass
class _Child:
    person: Person
    referrals: list[Referral]


def children(year: CollectionYear) -> list[_Child]:
    """The census's children in the order of their identifiers, each with their episodes in date order."""
    referrals = (
        census_referrals(year)
        .select_related("person")
        .prefetch_related(
            Prefetch("assessments", queryset=Assessment.objects.order_by("started", "pk")),
            Prefetch("cin_plans", queryset=ChildInNeedPlan.objects.order_by("started", "pk")),
            Prefetch(
                "section_47_enquiries",
                queryset=Section47Enquiry.objects.select_related("strategy_discussion").order_by(
                    "started", "pk"
                ),
            ),
            Prefetch("cp_plans", queryset=ChildProtectionPlan.objects.order_by("started", "pk")),
            Prefetch("conferences", queryset=ChildProtectionConference.objects.order_by("held_on", "pk")),
        )
        .order_by("person_id", "referral_date", "pk")
    )
    by_child: dict[int, _Child] = {}
    for referral in referrals:
        by_child.setdefault(referral.person_id, _Child(referral.person, [])).referrals.append(referral)
    return list(by_child.values())


def build(
    year: CollectionYear, found: list[_Child] | None = None, *, made_at: datetime | None = None
) -> ElementTree.Element:
    """The census for `year` as an XML element tree (`write` turns it into a file)."""
    found = children(year) if found is None else found
    earlier_plans = _plan_starts(year)
    message = ElementTree.Element("Message")
    message.append(_header(year, made_at or timezone.now()))
    listed = ElementTree.SubElement(message, "Children")
    for child in found:
        listed.append(_child(year, child, earlier_plans[child.person.pk]))
    return message


def render(year: CollectionYear, *, made_at: datetime | None = None) -> tuple[bytes, list[int]]:
    """The census as a UTF-8 XML document, and the people in it (their ids, for the audit)."""
    found = children(year)
    message = build(year, found, made_at=made_at)
    ElementTree.indent(message)
    content = ElementTree.tostring(message, encoding="utf-8", xml_declaration=True)
    return content, [child.person.pk for child in found]


def write(year: CollectionYear, path: Path, *, made_at: datetime | None = None) -> list[int]:
    """Write the census to `path`; returns the people in it (their ids)."""
    content, people = render(year, made_at=made_at)
    path.write_bytes(content)
    return people


# --- Header -----------------------------------------------------------------------------------------


def _header(year: CollectionYear, made_at: datetime) -> ElementTree.Element:
    header = ElementTree.Element("Header")
    details = ElementTree.SubElement(header, "CollectionDetails")
    _add(details, "Collection", "CIN")
    _add(details, "Year", str(year.ends))
    _add(details, "ReferenceDate", year.end)
    source = ElementTree.SubElement(header, "Source")
    _add(source, "SourceLevel", "L")
    _add(source, "LEA", local_authority_number())
    _add(source, "SoftwareCode", SOFTWARE)
    _add(source, "Release", "1")
    _add(source, "SerialNo", "001")
    _add(source, "DateTime", timezone.localtime(made_at).replace(microsecond=0, tzinfo=None).isoformat())
    return header


# --- A child ----------------------------------------------------------------------------------------


def _child(year: CollectionYear, child: _Child, plan_starts: list[date]) -> ElementTree.Element:
    element = ElementTree.Element("Child")
    element.append(_identifiers(year, child))
    characteristics = ElementTree.SubElement(element, "ChildCharacteristics")
    # Not recorded is "information not yet obtained" in the DfE's codes.
    _add(characteristics, "Ethnicity", child.person.ethnicity or NOT_YET_OBTAINED)
    if child.person.disabilities:
        disabilities = ElementTree.SubElement(characteristics, "Disabilities")
        for code in child.person.disabilities:
            _add(disabilities, "Disability", code)
    for referral in child.referrals:
        element.append(_episode(year, referral, plan_starts))
    return element


def _identifiers(year: CollectionYear, child: _Child) -> ElementTree.Element:
    person = child.person
    identifiers = ElementTree.Element("ChildIdentifiers")
    _add(identifiers, "LAchildID", la_child_id(person))
    if person.upn:
        _add(identifiers, "UPN", person.upn)
    else:
        _add(identifiers, "UPNunknown", _upn_unknown(year, child))
    if person.kind == PersonKind.UNBORN:
        _add(identifiers, "ExpectedPersonBirthDate", person.expected_date_of_delivery)
    else:
        _add(identifiers, "PersonBirthDate", person.date_of_birth)
    sex = "U" if person.kind == PersonKind.UNBORN else (person.sex or "U")
    if year.cin_uses_sex:
        _add(identifiers, "Sex", sex)
    else:
        _add(identifiers, "GenderCurrent", GENDER_CURRENT[sex])
    if person.date_of_death and person.date_of_death <= year.end:
        _add(identifiers, "PersonDeathDate", person.date_of_death)
    return identifiers


def _upn_unknown(year: CollectionYear, child: _Child) -> str:
    """The reason there is no UPN, where the records say it: no further action, or not of school age.

    Otherwise none is given, and the validator's query 8770Q asks for the UPN of a school-age child.
    """
    if all(referral.no_further_action for referral in child.referrals):
        return "UN7"
    age = child.person.age_on(year.end)
    if child.person.kind == PersonKind.UNBORN or (age is not None and age < SCHOOL_AGE):
        return "UN1"
    return ""


# --- An episode of need -----------------------------------------------------------------------------


def _episode(year: CollectionYear, referral: Referral, plan_starts: list[date]) -> ElementTree.Element:
    details = ElementTree.Element("CINdetails")
    _add(details, "CINreferralDate", referral.referral_date)
    _add(details, "ReferralSource", referral.referral_source)
    _add(details, "PrimaryNeedCode", referral.primary_need)
    if referral.closed and referral.closed <= year.end:
        _add(details, "CINclosureDate", referral.closed)
        _add(details, "ReasonForClosure", referral.closure_reason)
    enquiries = [each for each in referral.section_47_enquiries.all() if _enquiry_in_census(year, each)]
    conferences = list(referral.conferences.all())
    # An initial conference with no section 47 enquiry in the census goes on the episode (rule 2884).
    _add(details, "DateOfInitialCPC", _episode_conference(year, conferences, enquiries))
    for assessment in referral.assessments.all():
        if _assessment_in_census(year, assessment):
            details.append(_assessment(year, assessment))
    for cin_plan in referral.cin_plans.all():
        if _overlaps(year, cin_plan.started, cin_plan.ended):
            details.append(_cin_plan(year, cin_plan))
    for enquiry in enquiries:
        details.append(_section_47(year, enquiry, conferences))
    _add(details, "ReferralNFA", "true" if referral.no_further_action else "false")
    for cp_plan in referral.cp_plans.all():
        if _overlaps(year, cp_plan.started, cp_plan.ended):
            details.append(_cp_plan(year, cp_plan, conferences, plan_starts))
    return details


def _assessment_in_census(year: CollectionYear, assessment: Assessment) -> bool:
    """Authorised in the year, or started by its end and not authorised by then."""
    if assessment.authorised is not None and assessment.authorised < year.start:
        return False
    return assessment.started <= year.end


def _assessment(year: CollectionYear, assessment: Assessment) -> ElementTree.Element:
    element = ElementTree.Element("Assessments")
    _add(element, "AssessmentActualStartDate", assessment.started)
    authorised = _ended_by(year, assessment.authorised)
    _add(element, "AssessmentAuthorisationDate", authorised)
    if authorised and assessment.factors:  # factors belong to a completed assessment (rule 8614)
        factors = ElementTree.SubElement(element, "FactorsIdentifiedAtAssessment")
        for code in assessment.factors:
            _add(factors, "AssessmentFactors", code)
    return element


def _cin_plan(year: CollectionYear, plan: ChildInNeedPlan) -> ElementTree.Element:
    element = ElementTree.Element("CINPlanDates")
    _add(element, "CINPlanStartDate", plan.started)
    _add(element, "CINPlanEndDate", _ended_by(year, plan.ended))
    return element


def _enquiry_in_census(year: CollectionYear, enquiry: Section47Enquiry) -> bool:
    """Started in the year, or started before it and still going (no conference held or decided against)."""
    if enquiry.started > year.end:
        return False
    if enquiry.started >= year.start:
        return True
    finished = enquiry.completed or None
    return finished is None or finished >= year.start


def _initial_conference(
    enquiry: Section47Enquiry, conferences: Iterable[ChildProtectionConference]
) -> date | None:
    initial = (each for each in conferences if each.kind == ConferenceKind.INITIAL)
    return next((each.held_on for each in initial if each.section_47_id == enquiry.pk), None)


def _section_47(
    year: CollectionYear, enquiry: Section47Enquiry, conferences: list[ChildProtectionConference]
) -> ElementTree.Element:
    element = ElementTree.Element("Section47")
    _add(element, "S47ActualStartDate", enquiry.started)
    discussed = enquiry.strategy_discussion.held_on if enquiry.strategy_discussion else enquiry.started
    _add(element, "InitialCPCtarget", deadline("initial_conference", discussed))
    held = _initial_conference(enquiry, conferences)
    _add(element, "DateOfInitialCPC", held if held and held in year else None)
    decided_against = enquiry.outcome in (Section47Outcome.CHILD_IN_NEED, Section47Outcome.NO_FURTHER_ACTION)
    not_required = decided_against and _ended_by(year, enquiry.completed) is not None
    _add(element, "ICPCnotRequired", "true" if not_required else "false")
    return element


def _episode_conference(
    year: CollectionYear, conferences: list[ChildProtectionConference], enquiries: list[Section47Enquiry]
) -> date | None:
    reported = {enquiry.pk for enquiry in enquiries}
    for conference in conferences:
        initial = conference.kind == ConferenceKind.INITIAL and conference.held_on in year
        if initial and conference.section_47_id not in reported:
            return conference.held_on
    return None


def _cp_plan(
    year: CollectionYear,
    plan: ChildProtectionPlan,
    conferences: list[ChildProtectionConference],
    starts: list[date],
) -> ElementTree.Element:
    element = ElementTree.Element("ChildProtectionPlans")
    _add(element, "CPPstartDate", plan.started)
    _add(element, "CPPendDate", _ended_by(year, plan.ended))
    _add(element, "InitialCategoryOfAbuse", plan.initial_category)
    _add(element, "LatestCategoryOfAbuse", plan.latest_category)
    _add(element, "NumberOfPreviousCPP", str(sum(1 for started in starts if started < plan.started)))
    reviews = [
        each.held_on
        for each in conferences
        if each.kind == ConferenceKind.REVIEW and each.plan_id == plan.pk and each.held_on in year
    ]
    if reviews:
        # One <Reviews> holding every date, as the DfE's schema has it (the validator reads the first).
        container = ElementTree.SubElement(element, "Reviews")
        for held_on in reviews:
            _add(container, "CPPreviewDate", held_on)
    return element


def _plan_starts(year: CollectionYear) -> defaultdict[int, list[date]]:
    """Every child protection plan's start for each child, however long ago (for NumberOfPreviousCPP)."""
    starts: defaultdict[int, list[date]] = defaultdict(list)
    plans = ChildProtectionPlan.objects.filter(referral__person__in=census_referrals(year).values("person"))
    for person_id, started in plans.values_list("referral__person_id", "started").iterator():
        starts[person_id].append(started)
    return starts


# --- Small helpers ---------------------------------------------------------------------------------


def _overlaps(year: CollectionYear, started: date, ended: date | None) -> bool:
    return started <= year.end and (ended is None or ended >= year.start)


def _ended_by(year: CollectionYear, ended: date | None) -> date | None:
    """The end date if it was by the reference date; after it, the thing was still open then."""
    return ended if ended and ended <= year.end else None


def _add(parent: ElementTree.Element, tag: str, value: str | date | None) -> None:
    """A child element with text, left out when there is no value."""
    if value is None or value == "":
        return
    ElementTree.SubElement(parent, tag).text = value.isoformat() if isinstance(value, date) else value
