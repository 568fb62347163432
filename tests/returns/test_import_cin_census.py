"""Migrating a previous system's CIN census: what it writes, that it exports back unchanged, what it refuses.

The census files are small, made up by hand, in tests/returns/files/: two good returns (2023/24,
with GenderCurrent, and 2025/26, with Sex) and broken ones, each broken in one way.
"""

from __future__ import annotations

import csv
from datetime import date
from io import StringIO
from pathlib import Path
from xml.etree import ElementTree

import defusedxml.ElementTree
import pytest
from django.core.management import CommandError, call_command

from continuum.access.models import Agency, AuditEntry, User
from continuum.access.roles import AgencyType
from continuum.people.models import ExternalIdentifier, Person, PersonKind
from continuum.returns import cin_census
from continuum.returns.collection import LEGACY_CHILD_ID, CollectionYear
from continuum.returns.imports.cin_census import import_census
from continuum.returns.imports.common import CannotImport, FileProblem, Report
from continuum.socialcare.catalogue import ConferenceKind, ConferenceOutcome, Section47Outcome
from continuum.socialcare.models import (
    Assessment,
    ChildInNeedPlan,
    ChildProtectionConference,
    ChildProtectionPlan,
    Referral,
    Section47Enquiry,
    StrategyDiscussion,
)

pytestmark = pytest.mark.django_db

FILES = Path(__file__).parent / "files"
COUNCIL = "Northbridge Council Children's Services"
EVERYTHING_IMPORTED = (
    Person,
    ExternalIdentifier,
    Referral,
    Assessment,
    ChildInNeedPlan,
    StrategyDiscussion,
    Section47Enquiry,
    ChildProtectionConference,
    ChildProtectionPlan,
    AuditEntry,
    User,
)


@pytest.fixture(autouse=True)
def council(settings: object) -> Agency:
    """Bradford's LEA number, which the good files' header and UPNs carry, and its children's services."""
    settings.LOCAL_AUTHORITY_NUMBER = "380"  # type: ignore[attr-defined]
    return Agency.objects.create(name=COUNCIL, agency_type=AgencyType.CHILDRENS_SOCIAL_CARE)


def _written() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in EVERYTHING_IMPORTED}


def _census(tmp_path: Path, children: str, *, year: int = 2026, name: str = "census.xml") -> Path:
    """A census file around some hand-written <Child> elements."""
    path = tmp_path / name
    path.write_text(
        f"""<?xml version='1.0' encoding='utf-8'?>
<Message>
  <Header>
    <CollectionDetails>
      <Collection>CIN</Collection>
      <Year>{year}</Year>
      <ReferenceDate>{year}-03-31</ReferenceDate>
    </CollectionDetails>
  </Header>
  <Children>{children}</Children>
</Message>
""",
        encoding="utf-8",
    )
    return path


def _child(legacy_id: str, episodes: str, *, identifiers: str = "", ethnicity: str = "WBRI") -> str:
    identifiers = identifiers or "<PersonBirthDate>2014-05-12</PersonBirthDate><Sex>F</Sex>"
    return (
        f"<Child><ChildIdentifiers><LAchildID>{legacy_id}</LAchildID>{identifiers}</ChildIdentifiers>"
        f"<ChildCharacteristics><Ethnicity>{ethnicity}</Ethnicity></ChildCharacteristics>{episodes}</Child>"
    )


def _episode(content: str, *, referred: str = "2025-06-02") -> str:
    return (
        f"<CINdetails><CINreferralDate>{referred}</CINreferralDate><ReferralSource>2A</ReferralSource>"
        f"<PrimaryNeedCode>N1</PrimaryNeedCode>{content}</CINdetails>"
    )


def _comparable(document: bytes) -> str:
    """The census with only the moment it was made left out (Header/Source/DateTime), whitespace aside."""
    root = defusedxml.ElementTree.fromstring(document)
    source = root.find("Header/Source")
    made_at = source.find("DateTime") if source is not None else None
    assert source is not None and made_at is not None
    source.remove(made_at)
    for element in root.iter():
        element.text = (element.text or "").strip() or None
        element.tail = None
    return ElementTree.tostring(root, encoding="unicode")


def _problems(report: Report) -> list[str]:
    return [str(rejection) for rejection in report.rejections]


# --- The round trip ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "year"), [("cin_census_2026.xml", 2026), ("cin_census_2024.xml", 2024)])
def test_a_census_imported_into_an_empty_database_exports_back_unchanged(name: str, year: int):
    report = import_census(FILES / name, commit=True)

    assert report.written, _problems(report)
    exported, people = cin_census.render(CollectionYear(year))
    assert _comparable(exported) == _comparable((FILES / name).read_bytes())
    assert len(people) == report.created["children"]


def test_the_records_say_what_the_census_says():
    import_census(FILES / "cin_census_2026.xml", commit=True)

    # ELM1004: a section 47 enquiry, the initial conference that started a plan, two reviews.
    child = Person.objects.get(external_identifiers__identifier="ELM1004")
    enquiry = Section47Enquiry.objects.get(referral__person=child)
    assert (enquiry.started, enquiry.completed) == (date(2025, 5, 1), date(2025, 5, 19))
    assert enquiry.outcome == Section47Outcome.INITIAL_CONFERENCE
    assert enquiry.strategy_discussion.held_on == date(2025, 5, 1)  # the target is 15 working days after
    plan = ChildProtectionPlan.objects.get(referral__person=child)
    conferences = plan.conferences.order_by("held_on").values_list("kind", "held_on", "outcome")
    assert list(conferences) == [
        (ConferenceKind.INITIAL, date(2025, 5, 19), ConferenceOutcome.PLAN),
        (ConferenceKind.REVIEW, date(2025, 8, 18), ConferenceOutcome.CONTINUE),
        (ConferenceKind.REVIEW, date(2026, 1, 26), ConferenceOutcome.END_PLAN),
    ]
    # ELM1007: the target says the strategy discussion was two days before the enquiry.
    discussion = StrategyDiscussion.objects.get(referral__person__external_identifiers__identifier="ELM1007")
    assert discussion.held_on == date(2025, 10, 7)
    # ELM1002 had no ethnicity recorded (NOBT); ELM1003 is not born yet.
    assert Person.objects.get(external_identifiers__identifier="ELM1002").ethnicity == ""
    assert Person.objects.get(external_identifiers__identifier="ELM1003").kind == PersonKind.UNBORN


# --- Dry run, commit, again -------------------------------------------------------------------------


def test_a_dry_run_says_what_it_would_create_and_writes_nothing():
    before = _written()

    report = import_census(FILES / "cin_census_2026.xml")

    assert _written() == before
    assert not report.written and not report.rejections
    assert report.summary()[1] == (
        "Would create: 9 children, 10 referrals, 6 assessments, 3 child in need plans, "
        "2 strategy discussions, 2 section 47 enquiries, 3 initial conferences, "
        "3 child protection plans, 4 review conferences."
    )
    assert report.summary()[-1] == "Dry run: nothing was written."


def test_importing_the_same_file_again_creates_nothing_new():
    import_census(FILES / "cin_census_2026.xml", commit=True)
    after_first = _written()

    again = import_census(FILES / "cin_census_2026.xml", commit=True)

    assert _written() == after_first
    assert not again.created and not again.completed and not again.notes
    assert again.already_there["children"] == 9 and again.already_there["referrals"] == 10


def test_a_later_census_completes_what_an_earlier_one_left_open(tmp_path: Path):
    earlier = _child(
        "ASH3001",
        _episode(
            "<Assessments><AssessmentActualStartDate>2025-02-04</AssessmentActualStartDate></Assessments>"
            "<ReferralNFA>false</ReferralNFA>",
            referred="2025-02-03",
        ),
    )
    later = _child(
        "ASH3001",
        _episode(
            "<CINclosureDate>2025-06-30</CINclosureDate><ReasonForClosure>RC8</ReasonForClosure>"
            "<Assessments><AssessmentActualStartDate>2025-02-04</AssessmentActualStartDate>"
            "<AssessmentAuthorisationDate>2025-04-10</AssessmentAuthorisationDate>"
            "<FactorsIdentifiedAtAssessment><AssessmentFactors>21</AssessmentFactors>"
            "</FactorsIdentifiedAtAssessment></Assessments><ReferralNFA>false</ReferralNFA>",
            referred="2025-02-03",
        ),
    )
    import_census(_census(tmp_path, earlier, year=2025, name="2025.xml"), commit=True)

    report = import_census(_census(tmp_path, later, year=2026, name="2026.xml"), commit=True)

    assert report.written, _problems(report)
    assert dict(report.completed) == {"referrals": 1, "assessments": 1}
    referral = Referral.objects.get()
    assert (referral.closed, referral.closure_reason) == (date(2025, 6, 30), "RC8")
    assert referral.assessments.get().authorised == date(2025, 4, 10)


def test_each_migrated_child_is_audited_as_created_by_the_migration_account():
    report = import_census(FILES / "cin_census_2026.xml", commit=True)

    migration = User.objects.get(username="migration")
    assert not migration.is_active and not migration.has_usable_password()
    people = set(Person.objects.values_list("pk", flat=True))
    entries = AuditEntry.objects.filter(action="create", user=migration)
    assert set(entries.values_list("person_id", flat=True)) == people and len(people) == 9
    assert entries.first().channel == "command"  # type: ignore[union-attr]
    assert set(Referral.objects.values_list("created_by", flat=True)) == {migration.pk}
    identifiers = ExternalIdentifier.objects.filter(system=LEGACY_CHILD_ID)
    assert sorted(identifiers.values_list("identifier", flat=True)) == [f"ELM100{n}" for n in range(1, 10)]
    assert report.written


def test_progress_is_reported_every_so_many_children():
    seen: list[tuple[int, int]] = []

    import_census(
        FILES / "cin_census_2026.xml", progress=lambda done, total: seen.append((done, total)), every=4
    )

    assert seen == [(4, 9), (8, 9), (9, 9)]


def test_the_migration_needs_the_councils_childrens_social_care(council: Agency):
    council.agency_type = AgencyType.EARLY_HELP
    council.save()

    with pytest.raises(CannotImport, match='no agency of the type "Council children\'s social care"'):
        import_census(FILES / "cin_census_2026.xml")


# --- Files that cannot be read ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("cin_census_malformed.xml", "cin_census_malformed.xml, line 35: The file is not well-formed XML"),
        (
            "cin_census_latin1.xml",
            "cin_census_latin1.xml, line 12: The byte 0xe8 is not UTF-8, which the file says it is in",
        ),
        ("cin_census_utf16_no_bom.xml", "cin_census_utf16_no_bom.xml: The file looks like UTF-16 without a"),
        ("cin_census_no_children.xml", "cin_census_no_children.xml: The census has no <Children> element"),
        (
            "cin_census_not_cin.xml",
            "cin_census_not_cin.xml: This is not a CIN census: Header/CollectionDetails/Collection says "
            "'SSDA903'",
        ),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_with_a_clear_message(name: str, expected: str):
    before = _written()

    with pytest.raises(FileProblem) as refused:
        import_census(FILES / name, commit=True)

    assert str(refused.value).startswith(expected)
    assert _written() == before


def test_a_file_that_is_not_a_census_at_all_is_refused(tmp_path: Path):
    path = tmp_path / "children.xml"
    path.write_text("<?xml version='1.0'?>\n<Children><Child/></Children>\n", encoding="utf-8")

    with pytest.raises(
        FileProblem, match="This is not a CIN census: it starts with <Children>, not <Message>"
    ):
        import_census(path)


def test_a_header_whose_year_and_reference_date_disagree_is_refused(tmp_path: Path):
    path = _census(tmp_path, "")
    path.write_text(path.read_text().replace("2026-03-31", "2025-03-31"))

    with pytest.raises(
        FileProblem, match=r"The Header's Year \(2026\) and ReferenceDate \(2025-03-31\) disagree"
    ):
        import_census(path)


def test_a_file_declaring_entities_is_refused(tmp_path: Path):
    path = tmp_path / "laughs.xml"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE Message [<!ENTITY lol "lol">]>\n<Message>&lol;</Message>\n'
    )

    with pytest.raises(FileProblem, match="declares entities"):
        import_census(path)


# --- Children that are rejected ----------------------------------------------------------------------


def test_every_unknown_code_is_rejected_naming_the_child_the_element_and_the_value():
    before = _written()

    report = import_census(FILES / "cin_census_unknown_codes.xml", commit=True)

    assert _written() == before
    expected = [
        ("CODE01", "ReferralSource", '"11" is not a referral source code'),
        ("CODE02", "PrimaryNeedCode", '"N11" is not a primary need code'),
        ("CODE03", "ReasonForClosure", '"RC10" is not a reason for closure code'),
        ("CODE04", "AssessmentFactors", '"25A" is not an assessment factor code'),
        ("CODE05", "InitialCategoryOfAbuse", '"ABC" is not a category of abuse code'),
        ("CODE06", "Ethnicity", '"WBRX" is not an ethnicity code'),
        ("CODE07", "Disability", '"DEAF" is not a disability code'),
        ("CODE08", "Sex", '"1" is not a sex code'),
        ("CODE09", "GenderCurrent", '"3" is not a GenderCurrent code'),
        ("CODE10", "UPNunknown", '"UN9" is not an unknown UPN reason code'),
        ("CODE11", "UPN", "Unique pupil number must be 13 characters"),
    ]
    assert len(report.rejections) == len(expected), _problems(report)
    for (legacy_id, element, problem), rejection in zip(expected, report.rejections, strict=True):
        assert rejection.file == "cin_census_unknown_codes.xml"
        assert rejection.where.startswith(f"child {legacy_id} (line ")
        assert rejection.where.endswith(element)
        assert rejection.problem.startswith(problem)
    assert report.summary()[1].startswith("11 children rejected, 11 problems: nothing was written")


def test_impossible_dates_and_dates_out_of_order_are_rejected():
    before = _written()

    report = import_census(FILES / "cin_census_impossible_dates.xml", commit=True)

    assert _written() == before
    problems = _problems(report)
    assert len(problems) == 6, problems
    assert problems[0].endswith(
        'CINreferralDate: "2025-02-30" is not a real date. Check the day and the month'
    )
    assert problems[1].endswith(
        'PersonBirthDate: "12/05/2014" is not a date written yyyy-mm-dd, like 2026-03-31'
    )
    assert "child DATE03" in problems[2]
    assert problems[2].endswith(
        "CINclosureDate: The date must be on or after the referral (2 June 2025). Check both dates"
    )
    assert "child DATE04" in problems[3] and ", Assessments 1 (line " in problems[3]
    assert problems[3].endswith(
        "AssessmentActualStartDate: The date must be on or after the referral (2 June 2025). Check both dates"
    )
    assert "child DATE05" in problems[4] and ", Section47 1 (line " in problems[4]
    assert problems[4].endswith(
        "DateOfInitialCPC: The date must be on or after the enquiry started (10 June 2025). Check both dates"
    )
    assert problems[5].endswith("CINreferralDate: <CINreferralDate> is missing or empty: the census needs it")


def test_a_child_with_an_unknown_code_is_still_checked_against_the_entry_rules(tmp_path: Path):
    episode = _episode(
        "<Assessments><AssessmentActualStartDate>2025-05-01</AssessmentActualStartDate></Assessments>"
        "<ReferralNFA>false</ReferralNFA>"
    )

    report = import_census(_census(tmp_path, _child("ELM6001", episode, ethnicity="WBR")), commit=True)

    child, assessment = "child ELM6001 (line 10)", "CINdetails 1 (line 10), Assessments 1 (line 10)"
    assert [(each.where, each.problem) for each in report.rejections] == [
        (
            f"{child}, Ethnicity",
            '"WBR" is not an ethnicity code. Use one of the DfE codes, for example WBRI (White British)',
        ),
        (
            f"{child}, {assessment}, AssessmentActualStartDate",
            "The date must be on or after the referral (2 June 2025). Check both dates",
        ),
    ]


def test_one_child_with_a_problem_keeps_the_whole_file_out(tmp_path: Path):
    good = (FILES / "cin_census_2026.xml").read_text()
    broken = _child("BAD9999", _episode("<ReferralNFA>maybe</ReferralNFA>"))
    path = tmp_path / "one_bad.xml"
    path.write_text(good.replace("  </Children>", f"{broken}\n  </Children>"))
    before = _written()

    report = import_census(path, commit=True)

    assert _written() == before
    assert [str(each) for each in report.rejections] == [
        'one_bad.xml, child BAD9999 (line 284), CINdetails 1 (line 284), ReferralNFA: "maybe" is not true '
        "or false"
    ]
    assert report.rejected_children == 1


def test_a_child_listed_twice_is_rejected(tmp_path: Path):
    twice = _child("ELM1001", _episode("<ReferralNFA>false</ReferralNFA>"))
    path = _census(tmp_path, twice + twice)

    report = import_census(path, commit=True)

    assert not report.written
    assert report.rejections[0].problem.startswith("2 children have this LAchildID")
    assert Person.objects.count() == 0


def test_a_plan_in_the_year_that_no_initial_conference_started_is_rejected(tmp_path: Path):
    plan = (
        "<ReferralNFA>false</ReferralNFA><ChildProtectionPlans><CPPstartDate>2025-07-01</CPPstartDate>"
        "<InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse><LatestCategoryOfAbuse>NEG</LatestCategoryOfAbuse>"
        "<NumberOfPreviousCPP>0</NumberOfPreviousCPP></ChildProtectionPlans>"
    )

    report = import_census(_census(tmp_path, _child("OAK4001", _episode(plan))), commit=True)

    assert [each.where for each in report.rejections] == [
        "child OAK4001 (line 10), CINdetails 1 (line 10), ChildProtectionPlans 1 (line 10), CPPstartDate"
    ]
    assert "rule 2885" in report.rejections[0].problem


# --- What is noted, not rejected ---------------------------------------------------------------------


def test_what_continuum_cannot_keep_is_noted_and_the_import_goes_ahead(tmp_path: Path):
    identifiers = (
        "<FormerUPN>A380111100009</FormerUPN><PersonBirthDate>2012-01-05</PersonBirthDate>"
        "<GenderCurrent>9</GenderCurrent>"
    )
    plan = (
        "<DateOfInitialCPC>2025-07-01</DateOfInitialCPC><ReferralNFA>false</ReferralNFA>"
        "<ChildProtectionPlans><CPPstartDate>2025-07-01</CPPstartDate>"
        "<InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse><LatestCategoryOfAbuse>NEG</LatestCategoryOfAbuse>"
        "<NumberOfPreviousCPP>2</NumberOfPreviousCPP></ChildProtectionPlans>"
    )
    path = _census(tmp_path, _child("ELM5001", _episode(plan), identifiers=identifiers))

    report = import_census(path, commit=True)

    assert report.written, _problems(report)
    assert [str(note) for note in report.notes] == [
        "census.xml, <FormerUPN>: 1 in the file, not kept: Continuum keeps the current UPN only",
        "census.xml, child ELM5001 (line 10), CINdetails 1 (line 10), ChildProtectionPlans 1 (line 10), "
        "NumberOfPreviousCPP: The file "
        "says 2; Continuum holds 0 earlier plans for this child, so its census will say 0 until the earlier "
        "plans are recorded",
    ]
    assert Person.objects.get().sex == "U"  # GenderCurrent 9, indeterminate


# --- The command -------------------------------------------------------------------------------------


def _run(*arguments: str) -> str:
    out = StringIO()
    call_command("import_cin_census", *arguments, stdout=out)
    return out.getvalue()


def test_the_command_does_a_dry_run_unless_told_to_commit():
    out = _run(str(FILES / "cin_census_2026.xml"))

    assert "9 of 9 children" in out and "Would create: 9 children, 10 referrals" in out
    assert out.rstrip().endswith("Run it again with --commit to write it.")
    assert Person.objects.count() == 0

    out = _run(str(FILES / "cin_census_2026.xml"), "--commit")

    assert "Created: 9 children, 10 referrals" in out
    assert Person.objects.count() == 9


def test_the_command_lists_every_problem_fails_and_writes_the_report(tmp_path: Path):
    report = tmp_path / "problems.csv"
    out = StringIO()

    with pytest.raises(CommandError, match="Nothing was written: correct the problems in cin_census_unknown"):
        call_command(
            "import_cin_census",
            str(FILES / "cin_census_unknown_codes.xml"),
            "--commit",
            "--report",
            str(report),
            stdout=out,
        )

    listed = [
        line for line in out.getvalue().splitlines() if line.startswith("  cin_census_unknown_codes.xml")
    ]
    assert len(listed) == 11
    rows = list(csv.reader(report.open(encoding="utf-8")))
    assert rows[0] == ["kind", "file", "where", "problem"] and len(rows) == 12
    assert Person.objects.count() == 0


def test_the_command_says_why_a_file_cannot_be_read():
    with pytest.raises(CommandError, match=r"cin_census_malformed.xml, line 35: .*Nothing was written"):
        call_command("import_cin_census", str(FILES / "cin_census_malformed.xml"), stdout=StringIO())
