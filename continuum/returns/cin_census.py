"""The children in need census: every episode of need open in a collection year, as the DfE's XML.

One `<Child>` for each child with a referral (a CIN census `CINdetails`) open at any time from 1
April to 31 March, with that year's assessments, child in need plans, section 47 enquiries and
child protection plans. What happened after 31 March is left out, as the census asks: an
assessment authorised in April is still open at the reference date, a plan that ended in April
has no end date. Elements follow the order of the DfE's schema; empty optional ones are left out.

A Bradford-size year is some 16,000 children. Their records are read as plain rows (`values()`),
one query for each kind of record across the whole year, and grouped by referral here: model
instances for every record cost seconds and hundreds of megabytes. The file is written one child
at a time, so only one child's elements are held at once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from django.db.models import Q, QuerySet
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

from .collection import (
    GENDER_CURRENT,
    CollectionYear,
    child_identifier,
    legacy_child_ids,
    local_authority_number,
)

SOFTWARE = "Continuum"
# The age from which a child is of school age for the unknown-UPN reason UN1 ("not of school age").
SCHOOL_AGE = 5
NOT_YET_OBTAINED = "NOBT"

Row = dict[str, Any]  # one record's fields, as `QuerySet.values()` gives them
PERSON_FIELDS = (
    "id", "kind", "upn", "date_of_birth", "expected_date_of_delivery", "date_of_death", "sex",
    "ethnicity", "disabilities",
)  # fmt: skip
REFERRAL_FIELDS = (
    "id", "person_id", "referral_date", "referral_source", "primary_need", "no_further_action",
    "closed", "closure_reason",
)  # fmt: skip


def census_referrals(year: CollectionYear) -> QuerySet[Referral]:
    """The episodes of need the census counts: referred by 31 March and not closed before 1 April."""
    return Referral.objects.filter(referral_date__lte=year.end).filter(
        Q(closed__isnull=True) | Q(closed__gte=year.start)
    )


def la_child_id(person_id: int, legacy: dict[int, str]) -> str:
    """The child's identifier in the return: a migrated child keeps their previous system's LAchildID
    (`legacy`, from `collection.legacy_child_ids`); any other child has Continuum's own id."""
    return child_identifier(person_id, legacy)


@dataclass
class _Episode:
    """One referral (a `CINdetails`) and its records, each kind in date order."""

    referral: Row
    assessments: list[Row] = field(default_factory=list)
    cin_plans: list[Row] = field(default_factory=list)
    enquiries: list[Row] = field(default_factory=list)
    cp_plans: list[Row] = field(default_factory=list)
    conferences: list[Row] = field(default_factory=list)


@dataclass
class _Child:
    person: Row
    identifier: str  # the LAchildID
    episodes: list[_Episode]
    plan_starts: list[date]  # every child protection plan's start, however long ago


def children(year: CollectionYear) -> list[_Child]:
    """The census's children in the order of their record ids, each with their episodes in date order."""
    referrals = census_referrals(year)
    episodes = {
        row["id"]: _Episode(row)
        for row in referrals.order_by("person_id", "referral_date", "pk").values(*REFERRAL_FIELDS)
    }
    for kind, rows in _records(referrals):
        for row in rows:
            getattr(episodes[row["referral_id"]], kind).append(row)
    people = Person.objects.filter(pk__in=referrals.values("person_id")).order_by().values(*PERSON_FIELDS)
    person_by_id = {row["id"]: row for row in people}
    legacy = legacy_child_ids(person_by_id)  # once for the whole return
    plan_starts = _plan_starts(year)
    by_child: dict[int, _Child] = {}
    for episode in episodes.values():
        person_id = episode.referral["person_id"]
        if person_id not in by_child:
            identifier = la_child_id(person_id, legacy)
            by_child[person_id] = _Child(person_by_id[person_id], identifier, [], plan_starts[person_id])
        by_child[person_id].episodes.append(episode)
    return list(by_child.values())


def _records(referrals: QuerySet[Referral]) -> Iterator[tuple[str, Iterable[Row]]]:
    """Each kind of record on the census's referrals, in date order: one query a kind."""

    def rows(model: Any, *fields: str, order: tuple[str, str] = ("started", "pk")) -> Iterable[Row]:
        found = model.objects.filter(referral__in=referrals).order_by(*order)
        return found.values("referral_id", *fields).iterator(chunk_size=5000)  # type: ignore[no-any-return]

    yield "assessments", rows(Assessment, "started", "authorised", "factors")
    yield "cin_plans", rows(ChildInNeedPlan, "started", "ended")
    enquiry_fields = ("id", "started", "completed", "outcome", "strategy_discussion__held_on")
    yield "enquiries", rows(Section47Enquiry, *enquiry_fields)
    yield (
        "cp_plans",
        rows(ChildProtectionPlan, "id", "started", "ended", "initial_category", "latest_category"),
    )
    conference_fields = ("kind", "held_on", "section_47_id", "plan_id")
    yield "conferences", rows(ChildProtectionConference, *conference_fields, order=("held_on", "pk"))


def build(
    year: CollectionYear, found: list[_Child] | None = None, *, made_at: datetime | None = None
) -> ElementTree.Element:
    """The census for `year` as one XML element tree (`render` writes the same, a child at a time)."""
    found = children(year) if found is None else found
    message, listed = _message(year, made_at)
    for child in found:
        listed.append(_child(year, child))
    return message


def render(year: CollectionYear, *, made_at: datetime | None = None) -> tuple[bytes, list[int]]:
    """The census as a UTF-8 XML document, and the people in it (their ids, for the audit).

    The same bytes as `build`'s whole tree indented and written out, made one child at a time.
    """
    found = children(year)
    message, listed = _message(year, made_at)
    if found:
        ElementTree.SubElement(listed, "Child")  # marks where the children go
    ElementTree.indent(message)
    document = ElementTree.tostring(message, encoding="utf-8", xml_declaration=True)
    people = [child.person["id"] for child in found]
    if not found:
        return document, people
    before, after = document.split(b"<Child />")
    written = "\n    ".join(_written(year, child) for child in found)
    return before + written.encode("utf-8") + after, people


def _message(
    year: CollectionYear, made_at: datetime | None
) -> tuple[ElementTree.Element, ElementTree.Element]:
    """The census's `<Message>` with its header, and its `<Children>`, with no children yet."""
    message = ElementTree.Element("Message")
    message.append(_header(year, made_at or timezone.now()))
    return message, ElementTree.SubElement(message, "Children")


def _written(year: CollectionYear, child: _Child) -> str:
    """One `<Child>` as it reads inside the whole document: indented three levels in. As text, encoded
    once for the whole document: encoding each child's many small pieces takes longer than building them."""
    element = _child(year, child)
    ElementTree.indent(element, level=2)
    written: str = ElementTree.tostring(element, encoding="unicode")
    return written


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


def _child(year: CollectionYear, child: _Child) -> ElementTree.Element:
    element = ElementTree.Element("Child")
    element.append(_identifiers(year, child))
    characteristics = ElementTree.SubElement(element, "ChildCharacteristics")
    # Not recorded is "information not yet obtained" in the DfE's codes.
    _add(characteristics, "Ethnicity", child.person["ethnicity"] or NOT_YET_OBTAINED)
    if child.person["disabilities"]:
        disabilities = ElementTree.SubElement(characteristics, "Disabilities")
        for code in child.person["disabilities"]:
            _add(disabilities, "Disability", code)
    for episode in child.episodes:
        element.append(_episode(year, episode, child.plan_starts))
    return element


def _identifiers(year: CollectionYear, child: _Child) -> ElementTree.Element:
    person = child.person
    # A baby born after 31 March was still unborn at the census's reference date (rule 8520).
    born = person["date_of_birth"]
    unborn = person["kind"] == PersonKind.UNBORN or (born is not None and born > year.end)
    identifiers = ElementTree.Element("ChildIdentifiers")
    _add(identifiers, "LAchildID", child.identifier)
    if person["upn"]:
        _add(identifiers, "UPN", person["upn"])
    else:
        _add(identifiers, "UPNunknown", _upn_unknown(year, child))
    if unborn:
        _add(identifiers, "ExpectedPersonBirthDate", person["expected_date_of_delivery"] or born)
    else:
        _add(identifiers, "PersonBirthDate", person["date_of_birth"])
    sex = "U" if unborn else (person["sex"] or "U")
    if year.cin_uses_sex:
        _add(identifiers, "Sex", sex)
    else:
        _add(identifiers, "GenderCurrent", GENDER_CURRENT[sex])
    died = person["date_of_death"]
    if died and died <= year.end:
        _add(identifiers, "PersonDeathDate", died)
    return identifiers


def _upn_unknown(year: CollectionYear, child: _Child) -> str:
    """The reason there is no UPN, where the records say it: no further action, or not of school age.

    Otherwise none is given, and the validator's query 8770Q asks for the UPN of a school-age child.
    """
    if all(episode.referral["no_further_action"] for episode in child.episodes):
        return "UN7"
    age = Person(date_of_birth=child.person["date_of_birth"]).age_on(year.end)
    if child.person["kind"] == PersonKind.UNBORN or (age is not None and age < SCHOOL_AGE):
        return "UN1"
    return ""


# --- An episode of need -----------------------------------------------------------------------------


def _episode(year: CollectionYear, episode: _Episode, plan_starts: list[date]) -> ElementTree.Element:
    referral = episode.referral
    details = ElementTree.Element("CINdetails")
    _add(details, "CINreferralDate", referral["referral_date"])
    _add(details, "ReferralSource", referral["referral_source"])
    _add(details, "PrimaryNeedCode", referral["primary_need"])
    closed = referral["closed"]
    if closed and closed <= year.end:
        _add(details, "CINclosureDate", closed)
        _add(details, "ReasonForClosure", referral["closure_reason"])
    enquiries = [each for each in episode.enquiries if _enquiry_in_census(year, each)]
    # An initial conference with no section 47 enquiry in the census goes on the episode (rule 2884).
    _add(details, "DateOfInitialCPC", _episode_conference(year, episode.conferences, enquiries))
    for assessment in episode.assessments:
        if _assessment_in_census(year, assessment):
            details.append(_assessment(year, assessment))
    for cin_plan in episode.cin_plans:
        if _overlaps(year, cin_plan["started"], cin_plan["ended"]):
            details.append(_cin_plan(year, cin_plan))
    for enquiry in enquiries:
        details.append(_section_47(year, enquiry, episode.conferences))
    _add(details, "ReferralNFA", "true" if referral["no_further_action"] else "false")
    for cp_plan in episode.cp_plans:
        if _overlaps(year, cp_plan["started"], cp_plan["ended"]):
            details.append(_cp_plan(year, cp_plan, episode.conferences, plan_starts))
    return details


def _assessment_in_census(year: CollectionYear, assessment: Row) -> bool:
    """Authorised in the year, or started by its end and not authorised by then."""
    if assessment["authorised"] is not None and assessment["authorised"] < year.start:
        return False
    return bool(assessment["started"] <= year.end)


def _assessment(year: CollectionYear, assessment: Row) -> ElementTree.Element:
    element = ElementTree.Element("Assessments")
    _add(element, "AssessmentActualStartDate", assessment["started"])
    authorised = _ended_by(year, assessment["authorised"])
    _add(element, "AssessmentAuthorisationDate", authorised)
    if authorised and assessment["factors"]:  # factors belong to a completed assessment (rule 8614)
        factors = ElementTree.SubElement(element, "FactorsIdentifiedAtAssessment")
        for code in assessment["factors"]:
            _add(factors, "AssessmentFactors", code)
    return element


def _cin_plan(year: CollectionYear, plan: Row) -> ElementTree.Element:
    element = ElementTree.Element("CINPlanDates")
    _add(element, "CINPlanStartDate", plan["started"])
    _add(element, "CINPlanEndDate", _ended_by(year, plan["ended"]))
    return element


def _enquiry_in_census(year: CollectionYear, enquiry: Row) -> bool:
    """Started in the year, or started before it and still going (no conference held or decided against)."""
    started: date = enquiry["started"]
    if started > year.end:
        return False
    if started >= year.start:
        return True
    finished = enquiry["completed"] or None
    return finished is None or finished >= year.start


def _initial_conference(enquiry: Row, conferences: Iterable[Row]) -> date | None:
    initial = (each for each in conferences if each["kind"] == ConferenceKind.INITIAL)
    return next((each["held_on"] for each in initial if each["section_47_id"] == enquiry["id"]), None)


def _section_47(year: CollectionYear, enquiry: Row, conferences: list[Row]) -> ElementTree.Element:
    element = ElementTree.Element("Section47")
    _add(element, "S47ActualStartDate", enquiry["started"])
    discussed = enquiry["strategy_discussion__held_on"] or enquiry["started"]
    _add(element, "InitialCPCtarget", deadline("initial_conference", discussed))
    held = _initial_conference(enquiry, conferences)
    _add(element, "DateOfInitialCPC", held if held and held in year else None)
    decided_against = enquiry["outcome"] in (
        Section47Outcome.CHILD_IN_NEED,
        Section47Outcome.NO_FURTHER_ACTION,
    )
    not_required = decided_against and _ended_by(year, enquiry["completed"]) is not None
    _add(element, "ICPCnotRequired", "true" if not_required else "false")
    return element


def _episode_conference(year: CollectionYear, conferences: list[Row], enquiries: list[Row]) -> date | None:
    reported = {enquiry["id"] for enquiry in enquiries}
    for conference in conferences:
        initial = conference["kind"] == ConferenceKind.INITIAL and conference["held_on"] in year
        if initial and conference["section_47_id"] not in reported:
            return conference["held_on"]  # type: ignore[no-any-return]
    return None


def _cp_plan(
    year: CollectionYear, plan: Row, conferences: list[Row], starts: list[date]
) -> ElementTree.Element:
    element = ElementTree.Element("ChildProtectionPlans")
    _add(element, "CPPstartDate", plan["started"])
    _add(element, "CPPendDate", _ended_by(year, plan["ended"]))
    _add(element, "InitialCategoryOfAbuse", plan["initial_category"])
    _add(element, "LatestCategoryOfAbuse", plan["latest_category"])
    _add(element, "NumberOfPreviousCPP", str(sum(1 for started in starts if started < plan["started"])))
    reviews = [
        each["held_on"]
        for each in conferences
        if each["kind"] == ConferenceKind.REVIEW and each["plan_id"] == plan["id"] and each["held_on"] in year
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
