"""Importing a previous system's CIN census: each `<Child>` into a person and their episodes of need.

A census says less than the records hold, so some things are worked out the way the export
(`returns.cin_census`) writes them, and exporting what was imported gives the same census back:

- a strategy discussion for each section 47 enquiry, on the day the `InitialCPCtarget` is 15
  working days after (the enquiry's start when there is no target);
- an enquiry with a `DateOfInitialCPC` finished at that conference; one with `ICPCnotRequired`
  finished the day it started, or on 1 April if it started in an earlier year; one with neither
  in a case that closed needed a conference, and ended with the case;
- an initial conference on every `DateOfInitialCPC`; a plan that started before the year gets the
  initial conference that decided it, which the census does not carry; review conferences from
  `CPPreviewDate`, the one on the plan's end date ending it;
- an ethnicity of `NOBT` (information not yet obtained) is no ethnicity recorded;
- `UPNunknown`, `InitialCPCtarget` and `NumberOfPreviousCPP` are checked, not kept: the export
  works them out from the records again.

What an assessment decided and why a plan ended are not in the census: they are inferred from what
followed in the episode (a section 47 enquiry or a plan after the assessment; a child in need plan
after the protection plan). A child or episode imported before is completed with what a later
census adds, never repeated (`cin_census_records`).
"""

from __future__ import annotations

import codecs
import datetime
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TypeVar
from xml.etree.ElementTree import Element, ParseError, TreeBuilder

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser
from django.core.exceptions import ValidationError

from continuum.people.models import Person, PersonKind
from continuum.returns.collection import GENDER_CURRENT
from continuum.socialcare.models import Referral
from continuum.statutory import codes
from continuum.statutory.code_set import CodeSet

from .cin_census_records import (
    AssessmentRead,
    ChildRead,
    CinPlanRead,
    CpPlanRead,
    EnquiryRead,
    EpisodeRead,
    write_child,
)
from .common import (
    FileProblem,
    Imported,
    Migration,
    Progress,
    Rejected,
    Rejection,
    Report,
    check_encoding,
    quiet,
    run_import,
)

COMMAND = "import_cin_census"
KINDS = {
    "children": "child",
    "referrals": "referral",
    "assessments": "assessment",
    "child in need plans": "child in need plan",
    "strategy discussions": "strategy discussion",
    "section 47 enquiries": "section 47 enquiry",
    "initial conferences": "initial conference",
    "child protection plans": "child protection plan",
    "review conferences": "review conference",
}
# GenderCurrent (N00065, until 2023/24): the export's codes read back, and 9 (indeterminate),
# which Continuum records as U and so writes back as 0.
SEX_FROM_GENDER_CURRENT = {**{code: sex for sex, code in GENDER_CURRENT.items()}, "9": "U"}
NOT_YET_OBTAINED = "NOBT"
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
BOOLEANS = {"true": True, "1": True, "false": False, "0": False}
LA_CHILD_ID_LENGTH = 20
# The elements that hold a record, whose lines the messages give.
RECORDS = frozenset(
    {"Child", "CINdetails", "Assessments", "CINPlanDates", "Section47", "ChildProtectionPlans"}
)
# Elements of the DfE's schema that Continuum has nowhere to keep: each is listed once in the
# report, with how many the file has.
NOT_KEPT = {
    "FormerUPN": "Continuum keeps the current UPN only",
    "AssessmentInternalReviewDate": "Continuum does not record an assessment's internal review",
}
READ = frozenset(
    {
        *RECORDS,
        *("Message", "Header", "CollectionDetails", "Collection", "Year", "ReferenceDate", "Source"),
        *("SourceLevel", "LEA", "SoftwareCode", "Release", "SerialNo", "DateTime", "Children"),
        *("ChildIdentifiers", "LAchildID", "UPN", "UPNunknown", "PersonBirthDate"),
        *("ExpectedPersonBirthDate", "Sex", "GenderCurrent", "PersonDeathDate"),
        *("ChildCharacteristics", "Ethnicity", "Disabilities", "Disability"),
        *("CINreferralDate", "ReferralSource", "PrimaryNeedCode", "CINclosureDate", "ReasonForClosure"),
        *("DateOfInitialCPC", "ReferralNFA", "AssessmentActualStartDate", "AssessmentAuthorisationDate"),
        *("FactorsIdentifiedAtAssessment", "AssessmentFactors", "CINPlanStartDate", "CINPlanEndDate"),
        *("S47ActualStartDate", "InitialCPCtarget", "ICPCnotRequired", "CPPstartDate", "CPPendDate"),
        *("InitialCategoryOfAbuse", "LatestCategoryOfAbuse", "NumberOfPreviousCPP", "Reviews"),
        "CPPreviewDate",
    }
)
Read = TypeVar("Read")


def import_census(
    path: Path, *, commit: bool = False, agency: str = "", progress: Progress = quiet, every: int = 1000
) -> Report:
    """Import the census at `path`: on a dry run (the default) or any rejection, nothing is written."""
    census = read_census(path)
    report = run_import(
        census.file,
        census.children,
        partial(_import_child, census),
        command=COMMAND,
        purpose=f"migrated from the previous system's CIN census ({census.file})",
        kinds=KINDS,
        commit=commit,
        agency_name=agency,
        rejected_already=_duplicates(census),
        progress=progress,
        every=every,
    )
    report.notes[:0] = _not_kept(census)
    return report


# --- The file ---------------------------------------------------------------------------------------


@dataclass
class Census:
    """A CIN census file read and checked as a whole; its children are read one at a time."""

    file: str
    year: int
    children: list[Element]
    lines: dict[Element, int]
    root: Element

    @property
    def year_start(self) -> datetime.date:
        return datetime.date(self.year - 1, 4, 1)

    def line(self, element: Element) -> str:
        number = self.lines.get(element)
        return f" (line {number})" if number else ""


def read_census(path: Path) -> Census:
    """The file as XML, checked to be a CIN census; a FileProblem says why it cannot be read."""
    file = path.name
    try:
        data = path.read_bytes()
    except OSError as error:
        raise FileProblem(file, f"The file cannot be read: {error.strerror}") from None
    check_encoding(file, data, _declared_encoding(data))
    root, lines = _parse(file, data)
    if root.tag != "Message":
        raise FileProblem(file, f"This is not a CIN census: it starts with <{root.tag}>, not <Message>")
    year = _collection_year(file, root)
    listed = root.find("Children")
    if listed is None:
        raise FileProblem(file, "The census has no <Children> element: there is nothing to import")
    return Census(file, year, listed.findall("Child"), lines, root)


def _declared_encoding(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    declared = re.match(rb"<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']", data)
    return declared.group(1).decode("ascii") if declared else "utf-8"


class _LineNumberedTree:
    """Builds the tree as ElementTree does, without namespaces, noting the line each record starts on."""

    def __init__(self) -> None:
        self.builder = TreeBuilder()
        self.lines: dict[Element, int] = {}
        self.parser: DefusedXMLParser | None = None

    def start(self, tag: str, attributes: dict[str, str]) -> Element:
        element = self.builder.start(_local(tag), attributes)
        if self.parser is not None and element.tag in RECORDS:
            self.lines[element] = self.parser.parser.CurrentLineNumber
        return element

    def end(self, tag: str) -> Element:
        return self.builder.end(_local(tag))

    def data(self, text: str) -> None:
        self.builder.data(text)

    def close(self) -> Element:
        return self.builder.close()


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _parse(file: str, data: bytes) -> tuple[Element, dict[Element, int]]:
    tree = _LineNumberedTree()
    parser = DefusedXMLParser(target=tree)
    tree.parser = parser
    try:
        parser.feed(data)
        root: Element = parser.close()
    except ParseError as error:
        reason = str(error).split(": line ")[0]
        raise FileProblem(file, f"The file is not well-formed XML: {reason}", error.position[0]) from None
    except DefusedXmlException:
        raise FileProblem(
            file, "The file declares entities or refers to other files, which a census never does"
        ) from None
    return root, tree.lines


def _collection_year(file: str, root: Element) -> int:
    collection = (root.findtext("Header/CollectionDetails/Collection") or "").strip()
    if collection != "CIN":
        said = f"says {collection!r}" if collection else "is missing"
        raise FileProblem(file, f"This is not a CIN census: Header/CollectionDetails/Collection {said}")
    year_text = (root.findtext("Header/CollectionDetails/Year") or "").strip()
    if not year_text.isdigit() or len(year_text) != 4:
        raise FileProblem(
            file, f"Header/CollectionDetails/Year is {year_text!r}: give the year the census ends, like 2026"
        )
    year = int(year_text)
    reference = (root.findtext("Header/CollectionDetails/ReferenceDate") or "").strip()
    if reference and reference != f"{year}-03-31":
        raise FileProblem(
            file,
            f"The Header's Year ({year}) and ReferenceDate ({reference}) disagree: the {year} census's "
            f"reference date is {year}-03-31. Correct whichever is wrong",
        )
    return year


def _duplicates(census: Census) -> list[Rejection]:
    """A child is in a census once: the same LAchildID on two children is rejected, naming both."""
    seen: dict[str, list[Element]] = {}
    for child in census.children:
        identifier = (child.findtext("ChildIdentifiers/LAchildID") or "").strip()
        if identifier:
            seen.setdefault(identifier, []).append(child)
    rejections = []
    for identifier, children in seen.items():
        if len(children) > 1:
            lines = ", ".join(str(census.lines.get(child, "?")) for child in children)
            rejections.append(
                Rejection(
                    census.file,
                    f"child {identifier}",
                    f"{len(children)} children have this LAchildID (at lines {lines}): a child is in the "
                    "census once, with all their episodes",
                )
            )
    return rejections


def _not_kept(census: Census) -> list[Rejection]:
    """One note for each element the import does not read (not those inside it), with how many there are."""
    unread: Counter[str] = Counter()

    def look_inside(element: Element) -> None:
        for inner in element:
            if inner.tag in READ:
                look_inside(inner)
            else:
                unread[inner.tag] += 1

    look_inside(census.root)
    return [
        Rejection(
            census.file,
            f"<{tag}>",
            f"{count:,} in the file, not kept: {NOT_KEPT.get(tag, 'Continuum does not read this element')}",
        )
        for tag, count in unread.items()
    ]


# --- Reading a child --------------------------------------------------------------------------------


class _Reader:
    """Reads one child's elements into unsaved records, collecting every problem on the way."""

    def __init__(self, census: Census) -> None:
        self.census = census
        self.problems: list[Rejection] = []

    def problem(self, where: str, message: str) -> None:
        self.problems.append(Rejection(self.census.file, where, message))

    def text(self, parent: Element | None, tag: str) -> str:
        found = parent.find(tag) if parent is not None else None
        return (found.text or "").strip() if found is not None else ""

    def required(self, parent: Element | None, tag: str, where: str) -> str:
        value = self.text(parent, tag)
        if not value:
            self.problem(f"{where}, {tag}", f"<{tag}> is missing or empty: the census needs it")
        return value

    def date(
        self, parent: Element | None, tag: str, where: str, *, required: bool = False
    ) -> datetime.date | None:
        text = self.required(parent, tag, where) if required else self.text(parent, tag)
        return self.day(text, f"{where}, {tag}")

    def day(self, text: str, where: str) -> datetime.date | None:
        if not text:
            return None
        if not ISO_DATE.fullmatch(text):
            self.problem(where, f'"{text}" is not a date written yyyy-mm-dd, like 2026-03-31')
            return None
        try:
            return datetime.date.fromisoformat(text)
        except ValueError:
            self.problem(where, f'"{text}" is not a real date. Check the day and the month')
            return None

    def code(
        self, parent: Element | None, tag: str, where: str, code_set: CodeSet, *, required: bool = False
    ) -> str:
        value = self.required(parent, tag, where) if required else self.text(parent, tag)
        return value if self.known(value, f"{where}, {tag}", code_set) else ""

    def known(self, value: str, where: str, code_set: CodeSet) -> bool:
        if not value:
            return True
        try:
            code_set.validate(value)
        except ValidationError as error:
            for message in error.messages:
                self.problem(where, message)
            return False
        return True

    def codes(self, parent: Element | None, tag: str, where: str, code_set: CodeSet) -> list[str]:
        values = [(each.text or "").strip() for each in parent.iter(tag)] if parent is not None else []
        return [value for value in values if self.known(value, f"{where}, {tag}", code_set)]

    def boolean(self, parent: Element | None, tag: str, where: str) -> bool:
        text = self.text(parent, tag)
        if text and text.lower() not in BOOLEANS:
            self.problem(f"{where}, {tag}", f'"{text}" is not true or false')
        return BOOLEANS.get(text.lower(), False)

    def number(self, parent: Element | None, tag: str, where: str) -> int | None:
        text = self.text(parent, tag)
        if text and not text.isdigit():
            self.problem(f"{where}, {tag}", f'"{text}" is not a whole number, like 0 or 2')
        return int(text) if text.isdigit() else None

    def place(self, parent_where: str, element: Element, index: int) -> str:
        return f"{parent_where}, {element.tag} {index}{self.census.line(element)}"


def _import_child(census: Census, migration: Migration, element: Element) -> Imported:
    """Read the child, then write them through the entry rules; Rejected with every problem found.

    A child with problems in what was read is still written (and then rolled back) so that the
    entry rules' problems are listed too; where both say something about the same element, the
    reading problem, which names the value, is the one kept.
    """
    child, problems = _read_child(census, element)
    if not _usable(child.legacy_id):
        raise Rejected(problems)  # nothing can be checked for a child who cannot be named
    try:
        imported = write_child(migration, child, census.year_start)
    except Rejected as rejected:
        already = {problem.where for problem in problems}
        problems += [each for each in rejected.rejections if each.where not in already]
    if problems:
        raise Rejected(problems)
    return imported


def _read_child(census: Census, element: Element) -> tuple[ChildRead, list[Rejection]]:
    """What the census says about the child, as unsaved records, and the problems in reading it."""
    reader = _Reader(census)
    legacy_id = reader.text(element.find("ChildIdentifiers"), "LAchildID")
    where = f"child {legacy_id or 'with no LAchildID'}{census.line(element)}"
    _check_legacy_id(reader, legacy_id, where)
    person = _read_person(reader, element, where)
    episodes = [
        _read_episode(reader, each, reader.place(where, each, number))
        for number, each in enumerate(element.findall("CINdetails"), start=1)
    ]
    if not episodes:
        reader.problem(
            where, "The child has no <CINdetails>: a child is in the census for an episode of need"
        )
    read = ChildRead(where, legacy_id, person, [each for each in episodes if each is not None])
    return read, reader.problems


def _check_legacy_id(reader: _Reader, legacy_id: str, where: str) -> None:
    if not legacy_id:
        reader.problem(f"{where}, LAchildID", "<LAchildID> is missing: every child needs their identifier")
    elif not _usable(legacy_id):
        reader.problem(
            f"{where}, LAchildID",
            f'"{legacy_id}" is not an LAchildID: up to {LA_CHILD_ID_LENGTH} characters, with no spaces',
        )


def _usable(legacy_id: str) -> bool:
    return 0 < len(legacy_id) <= LA_CHILD_ID_LENGTH and not any(each.isspace() for each in legacy_id)


def _read_person(reader: _Reader, child: Element, where: str) -> Person:
    identifiers = child.find("ChildIdentifiers")
    characteristics = child.find("ChildCharacteristics")
    born = reader.date(identifiers, "PersonBirthDate", where)
    expected = reader.date(identifiers, "ExpectedPersonBirthDate", where)
    reader.code(identifiers, "UPNunknown", where, codes.UPN_UNKNOWN)  # checked; the export works it out
    ethnicity = reader.code(characteristics, "Ethnicity", where, codes.ETHNICITY)
    disabilities = reader.codes(characteristics, "Disability", where, codes.DISABILITY)
    return Person(
        kind=PersonKind.UNBORN if expected and not born else PersonKind.CHILD,
        date_of_birth=born,
        expected_date_of_delivery=expected,
        date_of_death=reader.date(identifiers, "PersonDeathDate", where),
        upn=reader.text(identifiers, "UPN").upper(),
        sex=_read_sex(reader, identifiers, where),
        # "Information not yet obtained" is the census's word for nothing recorded.
        ethnicity="" if ethnicity == NOT_YET_OBTAINED else ethnicity,
        disabilities=disabilities,
    )


def _read_sex(reader: _Reader, identifiers: Element | None, where: str) -> str:
    """Sex (M, F, U) from 2024/25, GenderCurrent (1, 2, 0, 9) before: either is read, in any year."""
    sex = reader.code(identifiers, "Sex", where, codes.SEX)
    gender = reader.text(identifiers, "GenderCurrent")
    if not gender:
        return sex
    if gender not in SEX_FROM_GENDER_CURRENT:
        reader.problem(
            f"{where}, GenderCurrent",
            f'"{gender}" is not a GenderCurrent code. Use 1 (male), 2 (female), 0 (not known) or '
            "9 (indeterminate), or Sex (M, F or U) from 2024/25",
        )
        return sex
    return sex or SEX_FROM_GENDER_CURRENT[gender]


def _read_episode(reader: _Reader, element: Element, where: str) -> EpisodeRead | None:
    referred = reader.date(element, "CINreferralDate", where, required=True)
    referral = Referral(
        referral_source=reader.code(element, "ReferralSource", where, codes.REFERRAL_SOURCE, required=True),
        primary_need=reader.code(element, "PrimaryNeedCode", where, codes.PRIMARY_NEED),
        closed=reader.date(element, "CINclosureDate", where),
        closure_reason=reader.code(element, "ReasonForClosure", where, codes.CLOSURE_REASON),
        no_further_action=reader.boolean(element, "ReferralNFA", where),
    )
    episode = EpisodeRead(where, referral, reader.date(element, "DateOfInitialCPC", where))
    episode.assessments = _each(reader, element, "Assessments", where, _read_assessment)
    episode.cin_plans = _each(reader, element, "CINPlanDates", where, _read_cin_plan)
    episode.enquiries = _each(reader, element, "Section47", where, _read_enquiry)
    episode.cp_plans = _each(reader, element, "ChildProtectionPlans", where, _read_cp_plan)
    if referred is None:
        return None
    referral.referral_date = referred
    return episode


def _each(
    reader: _Reader,
    episode: Element,
    tag: str,
    where: str,
    read: Callable[[_Reader, Element, str], Read | None],
) -> list[Read]:
    """Every `tag` record in the episode that could be read (the others are among the problems)."""
    found = [
        read(reader, each, reader.place(where, each, number))
        for number, each in enumerate(episode.findall(tag), start=1)
    ]
    return [each for each in found if each is not None]


def _read_assessment(reader: _Reader, element: Element, where: str) -> AssessmentRead | None:
    started = reader.date(element, "AssessmentActualStartDate", where, required=True)
    authorised = reader.date(element, "AssessmentAuthorisationDate", where)
    factors = reader.codes(
        element.find("FactorsIdentifiedAtAssessment"), "AssessmentFactors", where, codes.ASSESSMENT_FACTOR
    )
    return AssessmentRead(where, started, authorised, factors) if started else None


def _read_cin_plan(reader: _Reader, element: Element, where: str) -> CinPlanRead | None:
    started = reader.date(element, "CINPlanStartDate", where, required=True)
    ended = reader.date(element, "CINPlanEndDate", where)
    return CinPlanRead(where, started, ended) if started else None


def _read_enquiry(reader: _Reader, element: Element, where: str) -> EnquiryRead | None:
    started = reader.date(element, "S47ActualStartDate", where, required=True)
    target = reader.date(element, "InitialCPCtarget", where)
    conference = reader.date(element, "DateOfInitialCPC", where)
    not_required = reader.boolean(element, "ICPCnotRequired", where)
    if conference and not_required:
        reader.problem(
            f"{where}, ICPCnotRequired",
            f"The enquiry has an initial conference ({conference}) and says none was required. "
            "Remove one of the two",
        )
    return EnquiryRead(where, started, target, conference, not_required) if started else None


def _read_cp_plan(reader: _Reader, element: Element, where: str) -> CpPlanRead | None:
    started = reader.date(element, "CPPstartDate", where, required=True)
    ended = reader.date(element, "CPPendDate", where)
    initial = reader.code(element, "InitialCategoryOfAbuse", where, codes.CATEGORY_OF_ABUSE, required=True)
    latest = reader.code(element, "LatestCategoryOfAbuse", where, codes.CATEGORY_OF_ABUSE, required=True)
    previous = reader.number(element, "NumberOfPreviousCPP", where)
    reviews = []
    for number, review in enumerate(element.iter("CPPreviewDate"), start=1):
        held_on = reader.day((review.text or "").strip(), f"{where}, CPPreviewDate {number}")
        if held_on is not None:
            reviews.append(held_on)
    if started is None:
        return None
    return CpPlanRead(where, started, ended, initial, latest, previous, reviews)
