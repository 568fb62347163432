"""Migrating a previous system's SSDA903 return: what it writes, that it exports back, what it refuses.

The return in tests/returns/files/ssda903_2026/ is made up by hand for three children of the
CIN census file cin_census_2026.xml, which is imported first (a child becomes looked after
through a referral). It passes the DfE's rules. Broken returns are made from it, one problem each.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from continuum.access.models import Agency, User
from continuum.access.roles import AgencyType
from continuum.people.models import Allocation, Person, Relationship
from continuum.returns import ssda903
from continuum.returns.collection import CollectionYear
from continuum.returns.imports.cin_census import import_census
from continuum.returns.imports.common import CannotImport, FileProblem
from continuum.returns.imports.ssda903 import import_return
from continuum.socialcare.models import CareEpisode, CareOutcomes, LookedAfterReview, MissingEpisode

pytestmark = pytest.mark.django_db

FILES = Path(__file__).parent / "files"
RETURN = FILES / "ssda903_2026"
YEAR = CollectionYear(2026)
WRITTEN = (
    Person,
    Relationship,
    CareEpisode,
    LookedAfterReview,
    MissingEpisode,
    CareOutcomes,
    Allocation,
    User,
)


@pytest.fixture(autouse=True)
def children_referred(settings: object) -> None:
    settings.LOCAL_AUTHORITY_NUMBER = "380"  # type: ignore[attr-defined]
    Agency.objects.create(
        name="Northbridge Council Children's Services", agency_type=AgencyType.CHILDRENS_SOCIAL_CARE
    )
    assert import_census(FILES / "cin_census_2026.xml", commit=True).written


def _written() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in WRITTEN}


def _rows(content: bytes) -> list[tuple[str, ...]]:
    return sorted(tuple(row) for row in csv.reader(io.StringIO(content.decode("utf-8"))))


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "return"
    shutil.copytree(RETURN, folder)
    return folder


def _edit(folder: Path, table: str, old: str, new: str) -> None:
    path = folder / f"{table}.csv"
    content = path.read_text(encoding="utf-8")
    assert old in content
    path.write_text(content.replace(old, new), encoding="utf-8")


def test_a_return_imported_exports_back_unchanged():
    report = import_return(RETURN, YEAR, commit=True)

    assert report.written, [str(each) for each in report.rejections]
    files, people = ssda903.render(YEAR)
    for table in ssda903.TABLES:
        assert _rows(files[f"{table}.csv"]) == _rows((RETURN / f"{table}.csv").read_bytes()), table
    assert len(people) == 3
    assert report.notes == []
    assert report.created["social workers"] == 3
    assert not User.objects.get(social_worker_id="SW100002").is_active


def test_the_records_say_what_the_return_says():
    import_return(RETURN, YEAR, commit=True)

    child = Person.objects.get(external_identifiers__identifier="ELM1005")
    episodes = list(CareEpisode.objects.filter(person=child).order_by("started"))
    assert [(e.reason_new_episode, e.legal_status, e.reason_ended) for e in episodes] == [
        ("S", "C1", "X1"),
        ("L", "C2", ""),
    ]
    outcomes = CareOutcomes.objects.get(person=child)
    assert (outcomes.sdq_score, outcomes.immunisations_up_to_date, outcomes.teeth_checked) == (14, True, True)
    assert MissingEpisode.objects.get(person=child).kind == "M"


def test_a_dry_run_writes_nothing_and_a_second_import_adds_nothing():
    before = _written()
    dry = import_return(RETURN, YEAR)
    assert not dry.written and _written() == before
    assert dry.created["care episodes"] == 4

    import_return(RETURN, YEAR, commit=True)
    after_first = _written()
    again = import_return(RETURN, YEAR, commit=True)

    assert _written() == after_first
    assert sum(again.created.values()) == 0
    assert again.already_there["care episodes"] == 4


def test_a_child_not_in_continuum_is_rejected_and_nothing_is_written(tmp_path: Path):
    folder = _copy(tmp_path)
    _edit(folder, "header", "ELM1006,M", "ELM9999,M")
    _edit(folder, "episodes", "ELM1006,", "ELM9999,")
    _edit(folder, "reviews", "ELM1006,", "ELM9999,")
    _edit(folder, "previous_permanence", "ELM1006,", "ELM9999,")
    _edit(folder, "sw_episodes", "ELM1006,", "ELM9999,")
    before = _written()

    report = import_return(folder, YEAR, commit=True)

    assert not report.written and _written() == before
    assert [str(each) for each in report.rejections] == [
        "header.csv, line 4, child ELM9999: This child is not in Continuum. A child becomes looked after "
        "through a referral: import the CIN census that holds their referral first"
    ]


@pytest.mark.parametrize(
    ("table", "old", "new", "expected"),
    [
        ("episodes", "N1,U3", "N1,XX", 'episodes.csv, line 2, child ELM1004, PLACE: "XX" is not'),
        ("episodes", "S,C1,N1", "S,Q9,N1", 'episodes.csv, line 2, child ELM1004, LS: "Q9" is not'),
        ("episodes", "01/06/2025,S", "31/02/2025,S", 'child ELM1004, DECOM: "31/02/2025" is not a real date'),
        ("reviews", "04/05/2025", "2025-05-04", 'child ELM1005, REVIEW: "2025-05-04" is not a date written'),
        ("oc2", "14,,,,1", "14,,,,Y", 'oc2.csv, line 2, child ELM1005, IMMUNISATIONS: "Y" is not 1'),
        ("header", "F,11/11/2016", "X,11/11/2016", 'child ELM1005, SEX: "X" is not a sex code'),
        ("sw_episodes", "SW100001", "AB100001", 'child ELM1004, SW_ID: "AB100001" is not a social worker ID'),
    ],
)
def test_unknown_codes_and_impossible_dates_are_rejected(
    tmp_path: Path, table: str, old: str, new: str, expected: str
):
    folder = _copy(tmp_path)
    _edit(folder, table, old, new)
    before = _written()

    report = import_return(folder, YEAR, commit=True)

    assert not report.written and _written() == before
    assert any(str(each).startswith(expected) or expected in str(each) for each in report.rejections), [
        str(each) for each in report.rejections
    ]


def test_the_entry_rules_reject_what_the_return_should_not_say(tmp_path: Path):
    folder = _copy(tmp_path)
    # Police protection for seven months.
    _edit(folder, "episodes", "04/11/2024,S,C1", "04/11/2024,S,L1")

    report = import_return(folder, YEAR, commit=True)

    assert not report.written
    assert any("at most 72 hours" in str(each) and "DEC" in str(each) for each in report.rejections)


def test_a_missing_table_is_refused(tmp_path: Path):
    folder = _copy(tmp_path)
    (folder / "header.csv").unlink()

    with pytest.raises(
        FileProblem, match="There is no header table: a CSV file whose first line is CHILD,SEX"
    ):
        import_return(folder, YEAR)


def test_a_missing_column_is_refused_naming_it(tmp_path: Path):
    folder = _copy(tmp_path)
    path = folder / "episodes.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(line.rsplit(",", 1)[0] for line in lines) + "\n", encoding="utf-8")

    with pytest.raises(
        FileProblem, match=r"episodes.csv, line 1: .*nearest to the episodes table .* lacks URN"
    ):
        import_return(folder, YEAR)


def test_a_line_with_too_few_values_is_refused(tmp_path: Path):
    folder = _copy(tmp_path)
    _edit(folder, "reviews", "ELM1006,20/01/2010,11/08/2025,PN4", "ELM1006,20/01/2010")

    with pytest.raises(
        FileProblem, match=r"reviews\.csv, line 4: The line has 2 values but the header names 4"
    ):
        import_return(folder, YEAR)


def test_a_file_in_the_wrong_encoding_is_refused(tmp_path: Path):
    folder = _copy(tmp_path)
    (folder / "header.csv").write_bytes(
        (RETURN / "header.csv").read_bytes() + "ELM1008,M,06/06/2015,WBRI,Zoë,,\r\n".encode("latin-1")
    )

    with pytest.raises(FileProblem, match=r"header.csv, line 5: The byte 0xeb is not UTF-8"):
        import_return(folder, YEAR)


def test_a_folder_that_is_not_there_is_refused(tmp_path: Path):
    with pytest.raises(CannotImport, match="is not a folder"):
        import_return(tmp_path / "nowhere", YEAR)


def test_the_command_does_a_dry_run_unless_told_to_commit(tmp_path: Path):
    out = io.StringIO()
    call_command("import_ssda903", str(RETURN), "--year", "2026", stdout=out)
    assert "Would create: 4 care episodes" in out.getvalue()
    assert "Run it again with --commit" in out.getvalue()
    assert CareEpisode.objects.count() == 0

    call_command("import_ssda903", str(RETURN), "--year", "2026", "--commit", stdout=io.StringIO())
    assert CareEpisode.objects.count() == 4


def test_the_command_lists_every_problem_and_fails(tmp_path: Path):
    folder = _copy(tmp_path)
    _edit(folder, "episodes", "N1,U3", "N1,XX")
    out = io.StringIO()

    with pytest.raises(CommandError, match="Nothing was written"):
        call_command("import_ssda903", str(folder), "--year", "2026", "--commit", stdout=out)

    assert 'episodes.csv, line 2, child ELM1004, PLACE: "XX"' in out.getvalue()
