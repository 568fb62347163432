"""The SSDA903 return as written: its tables, which episodes a year holds, and the codes of each year.

Small cases built by hand (the insight tests' builders), each checked in the CSV files themselves.
"""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from continuum.access.audit import Actor
from continuum.access.models import AuditEntry
from continuum.people.models import Allocation, Person, Relationship, RelationshipKind, Service
from continuum.returns import services, ssda903
from continuum.returns.collection import CollectionYear
from continuum.socialcare.models import CareOutcomes, HealthCheck
from tests.insight import builders

pytestmark = pytest.mark.django_db


def _tables(ends: int) -> dict[str, list[dict[str, str]]]:
    files, _people = ssda903.render(CollectionYear(ends))
    return {
        name.removesuffix(".csv"): list(csv.DictReader(io.StringIO(content.decode())))
        for name, content in files.items()
    }


def _looked_after(sex: str = "F", born: date = date(2012, 6, 1)) -> Person:
    child = builders.child()
    child.sex, child.date_of_birth, child.ethnicity = sex, born, "WBRI"
    child.save()
    builders.referral(child, date(2020, 1, 6))
    return child


def test_every_table_has_the_dfes_columns():
    files, people = ssda903.render(CollectionYear(2026))

    assert set(files) == {f"{table}.csv" for table in ssda903.TABLES}
    for table, columns in ssda903.TABLES.items():
        assert files[f"{table}.csv"].decode().splitlines()[0] == ",".join(columns)
    assert people == []


def test_a_year_holds_the_episodes_open_in_it_and_what_ended_after_31_march_is_open():
    left_before, across, started_after = _looked_after(), _looked_after(), _looked_after()
    builders.care_episode(left_before, date(2024, 5, 1), date(2025, 3, 31))
    builders.care_episode(across, date(2025, 1, 6), date(2026, 4, 20))
    builders.care_episode(started_after, date(2026, 4, 1))

    tables = _tables(2026)

    assert [row["CHILD"] for row in tables["header"]] == [str(across.pk)]
    (episode,) = tables["episodes"]
    assert (episode["DECOM"], episode["DEC"], episode["REC"]) == ("06/01/2025", "", "")
    assert tables["header"][0]["DOB"] == "01/06/2012"


def test_mother_and_her_childs_date_of_birth():
    mother, boy = _looked_after(born=date(2008, 2, 1)), _looked_after(sex="M")
    baby = builders.child()
    baby.date_of_birth = date(2025, 11, 3)
    baby.save()
    Relationship.objects.create(person=mother, relative=baby, kind=RelationshipKind.PARENT)
    for child in (mother, boy):
        builders.care_episode(child, date(2025, 6, 2))

    header = {row["CHILD"]: row for row in _tables(2026)["header"]}
    earlier = {row["CHILD"]: row for row in _tables(2025)["header"]}

    assert (header[str(mother.pk)]["MOTHER"], header[str(mother.pk)]["MC_DOB"]) == ("1", "03/11/2025")
    assert header[str(boy.pk)]["MOTHER"] == ""
    assert str(mother.pk) not in earlier  # not looked after before June 2025


def test_placement_codes_are_written_as_each_year_knew_them():
    assert ssda903.placement_code(CollectionYear(2024), "K3") == "H5"
    assert ssda903.placement_code(CollectionYear(2025), "K3") == "K3"
    assert ssda903.placement_code(CollectionYear(2025), "Z12") == "Z1"
    assert ssda903.placement_code(CollectionYear(2026), "Z12") == "Z12"


def test_a_child_starting_care_has_previous_permanence():
    child = _looked_after()
    builders.care_episode(child, date(2025, 9, 1))

    (row,) = _tables(2026)["previous_permanence"]

    assert (row["CHILD"], row["PREV_PERM"], row["LA_PERM"], row["DATE_PERM"]) == (str(child.pk), "Z1", "", "")
    assert _tables(2027)["previous_permanence"] == []


def test_outcomes_for_children_looked_after_all_year():
    whole_year, part_year = _looked_after(born=date(2012, 6, 1)), _looked_after()
    builders.care_episode(whole_year, date(2024, 10, 1))
    builders.care_episode(part_year, date(2025, 4, 2))
    CareOutcomes.objects.create(
        person=whole_year, year_ending=date(2026, 3, 31), sdq_score=17, convicted=False,
        immunisations_up_to_date=True, substance_misuse=False, created_by=builders.worker(),
    )  # fmt: skip
    HealthCheck.objects.create(
        person=whole_year, kind="dental", held_on=date(2025, 9, 1), created_by=builders.worker()
    )

    (row,) = _tables(2026)["oc2"]

    assert row["CHILD"] == str(whole_year.pk)
    assert row["SDQ_SCORE"] == "17" and row["SDQ_REASON"] == ""
    assert (row["CONVICTED"], row["IMMUNISATIONS"], row["SUBSTANCE_MISUSE"]) == ("0", "1", "0")
    assert (row["TEETH_CHECK"], row["HEALTH_ASSESSMENT"], row["HEALTH_CHECK"]) == ("1", "0", "")


def test_the_latest_social_worker_stays_open():
    child = _looked_after()
    builders.care_episode(child, date(2025, 5, 1), date(2025, 12, 1))
    first, second = builders.worker(), builders.worker()
    Allocation.objects.create(
        person=child,
        worker=first,
        service=Service.SOCIAL_CARE,
        started=date(2025, 5, 1),
        ended=date(2025, 8, 1),
    )
    Allocation.objects.create(
        person=child,
        worker=second,
        service=Service.SOCIAL_CARE,
        started=date(2025, 8, 1),
        ended=date(2025, 12, 1),
    )

    rows = _tables(2026)["sw_episodes"]

    assert [(row["SW_ID"], row["SW_DECOM"], row["SW_DEC"], row["SW_REASON"]) for row in rows] == [
        (ssda903.social_worker_id(first.pk), "01/05/2025", "01/08/2025", "FCONTA"),
        (ssda903.social_worker_id(second.pk), "01/08/2025", "", "OTHERS"),
    ]


def test_a_worker_without_a_registration_number_is_xx_and_six_digits():
    assert ssda903.social_worker_id(8) == "XX000008"
    assert ssda903.social_worker_id(1234567) == "XX1234567"


def test_the_command_writes_every_table_and_audits_every_child(tmp_path: Path):
    child = _looked_after()
    builders.care_episode(child, date(2025, 9, 1))

    call_command("export_ssda903", "--year", "2026", "--out", str(tmp_path))

    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(
        f"{table}.csv" for table in ssda903.TABLES
    )
    audited = AuditEntry.objects.filter(person_id=child.pk, action="export")
    assert audited.count() == 1


def test_the_download_is_a_zip_of_the_tables_audited():
    child = _looked_after()
    builders.care_episode(child, date(2025, 9, 1))

    content = services.ssda903_zip(Actor.command("test"), CollectionYear(2026))

    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert sorted(archive.namelist()) == sorted(f"{table}.csv" for table in ssda903.TABLES)
    assert AuditEntry.objects.filter(person_id=child.pk, action="export").exists()


def test_the_command_says_what_is_wrong(tmp_path: Path):
    with pytest.raises(CommandError, match="the folder does not exist"):
        call_command("export_ssda903", "--year", "2026", "--out", str(tmp_path / "missing"))
    with pytest.raises(CommandError, match="is not a year"):
        call_command("export_ssda903", "--year", "twenty", "--out", str(tmp_path))
