"""The CIN census as written: which episodes a year holds, what happened by 31 March, and the XML's shape.

Small cases built by hand (the insight tests' builders), each checked in the XML itself.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from xml.etree import ElementTree

import defusedxml.ElementTree
import pytest
from django.core.management import CommandError, call_command

from continuum.access.models import AuditEntry
from continuum.people.models import Person
from continuum.returns import cin_census
from continuum.returns.collection import CollectionYear
from continuum.socialcare.catalogue import ConferenceKind, Section47Outcome
from tests.insight import builders

pytestmark = pytest.mark.django_db

MADE_AT = datetime(2026, 4, 10, 9, 0, tzinfo=UTC)


def _census(ends: int) -> ElementTree.Element:
    return cin_census.build(CollectionYear(ends), made_at=MADE_AT)


def _child(census: ElementTree.Element, person: Person) -> ElementTree.Element:
    found = [
        child
        for child in census.iter("Child")
        if child.findtext("ChildIdentifiers/LAchildID") == str(person.pk)
    ]
    assert len(found) == 1, f"{person} is in the census {len(found)} times"
    return found[0]


def _girl(**details: object) -> Person:
    child = builders.child()
    for name, value in {"sex": "F", "ethnicity": "WBRI", "disabilities": ["NONE"], **details}.items():
        setattr(child, name, value)
    child.save()
    return child


def test_the_header_names_the_year_and_the_council(settings):
    settings.LOCAL_AUTHORITY_NUMBER = "380"
    header = _census(2026).find("Header")
    assert header is not None
    assert header.findtext("CollectionDetails/Collection") == "CIN"
    assert header.findtext("CollectionDetails/Year") == "2026"
    assert header.findtext("CollectionDetails/ReferenceDate") == "2026-03-31"
    assert header.findtext("Source/LEA") == "380"


def test_a_year_holds_the_episodes_open_in_it():
    closed_before, open_across, referred_after = _girl(), _girl(), _girl()
    builders.referral(closed_before, date(2024, 9, 2), closed=date(2025, 3, 31))
    builders.referral(open_across, date(2024, 9, 2))
    builders.referral(referred_after, date(2026, 4, 1))

    census = _census(2026)

    listed = {child.findtext("ChildIdentifiers/LAchildID") for child in census.iter("Child")}
    assert listed == {str(open_across.pk)}


def test_what_happened_after_31_march_is_left_out():
    child = _girl()
    referral = builders.referral(child, date(2026, 2, 2), closed=date(2026, 4, 20))
    builders.assessment(referral, date(2026, 2, 3), date(2026, 4, 10))

    in_2026 = _child(_census(2026), child).find("CINdetails")
    in_2027 = _child(_census(2027), child).find("CINdetails")

    assert in_2026 is not None and in_2027 is not None
    assert in_2026.findtext("CINclosureDate") is None and in_2026.findtext("ReasonForClosure") is None
    assert in_2026.findtext("Assessments/AssessmentAuthorisationDate") is None
    assert in_2026.find("Assessments/FactorsIdentifiedAtAssessment") is None  # only once completed (8614)
    assert in_2027.findtext("CINclosureDate") == "2026-04-20"
    assert in_2027.findtext("Assessments/AssessmentAuthorisationDate") == "2026-04-10"
    assert [each.text for each in in_2027.iter("AssessmentFactors")] == ["21"]


def test_sex_is_gender_current_until_2023_24_and_sex_from_2024_25():
    child = _girl()
    builders.referral(child, date(2023, 5, 2))

    assert _child(_census(2024), child).findtext("ChildIdentifiers/GenderCurrent") == "2"
    assert _child(_census(2024), child).findtext("ChildIdentifiers/Sex") is None
    assert _child(_census(2025), child).findtext("ChildIdentifiers/Sex") == "F"


def test_a_child_without_recorded_ethnicity_is_information_not_yet_obtained():
    child = _girl(ethnicity="", disabilities=["LD", "AUT"])
    builders.referral(child, date(2025, 5, 2))

    written = _child(_census(2026), child)

    assert written.findtext("ChildCharacteristics/Ethnicity") == "NOBT"
    assert [each.text for each in written.iter("Disability")] == ["LD", "AUT"]


def test_child_protection_in_the_dfes_order_with_every_review_in_one_container():
    child = _girl(upn="")
    builders.plan(
        builders.referral(child, date(2019, 5, 1), closed=date(2020, 1, 10)),
        date(2019, 6, 3),
        date(2020, 1, 10),
    )
    referral = builders.referral(child, date(2025, 5, 1))
    enquiry = builders.enquiry(referral, date(2025, 5, 2), outcome=Section47Outcome.INITIAL_CONFERENCE)
    builders.conference(referral, date(2025, 5, 20), after=enquiry)
    plan = builders.plan(referral, date(2025, 5, 20))
    for held_on in (date(2025, 8, 20), date(2026, 2, 18)):
        builders.conference(referral, held_on, kind=ConferenceKind.REVIEW, plan=plan)

    episode = _child(_census(2026), child).find("CINdetails")

    assert episode is not None
    assert [element.tag for element in episode] == [
        "CINreferralDate", "ReferralSource", "Section47", "ReferralNFA", "ChildProtectionPlans",
    ]  # fmt: skip
    assert episode.findtext("DateOfInitialCPC") is None  # on the enquiry, not the episode (2884)
    assert episode.findtext("Section47/DateOfInitialCPC") == "2025-05-20"
    # 15 working days after Friday 2 May 2025, leaving out the bank holidays on 5 and 26 May.
    assert episode.findtext("Section47/InitialCPCtarget") == "2025-05-27"
    assert episode.findtext("Section47/ICPCnotRequired") == "false"
    assert episode.findtext("ChildProtectionPlans/NumberOfPreviousCPP") == "1"
    reviews = episode.findall("ChildProtectionPlans/Reviews")
    assert len(reviews) == 1
    assert [each.text for each in reviews[0]] == ["2025-08-20", "2026-02-18"]


def test_the_command_writes_the_file_and_audits_each_child(tmp_path: Path):
    child = _girl()
    builders.referral(child, date(2025, 5, 2))
    out = tmp_path / "cin.xml"

    call_command("export_cin_census", "--year", "2026", "--out", str(out))

    written = defusedxml.ElementTree.parse(out).getroot()
    assert written is not None and written.findtext("Header/CollectionDetails/Year") == "2026"
    entry = AuditEntry.objects.get(person_id=child.pk, action="export")
    assert entry.purpose == "CIN census 2025/26" and entry.channel == "command"


@pytest.mark.parametrize(
    ("year", "message"),
    [
        ("twenty", "is not a year"),
        ("2019", "from 2023"),
    ],
)
def test_the_command_says_what_is_wrong_with_the_year(tmp_path: Path, year: str, message: str):
    with pytest.raises(CommandError, match=message):
        call_command("export_cin_census", "--year", year, "--out", str(tmp_path / "cin.xml"))


def test_the_command_says_when_the_folder_is_missing(tmp_path: Path):
    with pytest.raises(CommandError, match="does not exist"):
        call_command("export_cin_census", "--year", "2026", "--out", str(tmp_path / "nowhere" / "cin.xml"))


@pytest.mark.parametrize("ends", [2026, 2024])  # 2024: a year these children are not in
def test_the_file_written_a_child_at_a_time_is_the_whole_tree_written_out(ends: int):
    for details in ({}, {"upn": "", "ethnicity": ""}, {"disabilities": ["LD", "AUT"]}):
        child = _girl(**details)
        referral = builders.referral(child, date(2025, 5, 2))
        builders.assessment(referral, date(2025, 5, 3), date(2025, 6, 10))
    year = CollectionYear(ends)

    content, people = cin_census.render(year, made_at=MADE_AT)

    whole = cin_census.build(year, made_at=MADE_AT)
    ElementTree.indent(whole)
    assert content == ElementTree.tostring(whole, encoding="utf-8", xml_declaration=True)
    assert len(people) == content.count(b"<Child>") == (3 if ends == 2026 else 0)


def test_a_baby_born_after_31_march_was_unborn_at_the_reference_date():
    baby = _girl(date_of_birth=date(2026, 4, 20), expected_date_of_delivery=date(2026, 4, 25))
    builders.referral(baby, date(2026, 2, 2))

    in_2026 = _child(_census(2026), baby).find("ChildIdentifiers")
    in_2027 = _child(_census(2027), baby).find("ChildIdentifiers")

    assert in_2026 is not None and in_2027 is not None
    assert in_2026.findtext("ExpectedPersonBirthDate") == "2026-04-25"
    assert in_2026.findtext("PersonBirthDate") is None
    assert (in_2026.findtext("Sex"), in_2026.findtext("UPNunknown")) == ("U", "UN1")
    assert in_2027.findtext("PersonBirthDate") == "2026-04-20"
    assert in_2027.findtext("Sex") == "F"
