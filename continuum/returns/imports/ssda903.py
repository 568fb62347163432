"""Importing a previous system's SSDA903 return: each child's care episodes, reviews, missing episodes
and outcomes after a year in care.

The return is a folder of CSV files, one a table, each known by its header row (as the DfE's
validator knows them), with dates written dd/mm/YYYY. The CSV files carry no collection year, so
the command is told it (`--year`): outcomes after a year in care are for its 31 March.

A child becomes looked after through a referral, so the children must already be in Continuum
with their referrals: import the CIN census for the same years first. Children are found by the
identifier their previous system gave them (the CIN census's LAchildID is the 903's CHILD).

What the return holds that Continuum does not record yet is listed as a note, not imported: UASC,
adoption (AD1, PlacedAdoption), previous permanence other than "none" (Z1) and care leavers (OC3,
which has no dates). A social worker the return names (SWEpisodes) who is not yet a user becomes
an account that cannot sign in, known by their SW_ID, so that their episodes are kept.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from continuum.access.models import User
from continuum.people.models import Allocation, Person, PersonKind, Relationship, RelationshipKind, Service
from continuum.returns.collection import CollectionYear
from continuum.returns.ssda903 import NO_PREVIOUS_PERMANENCE, TABLES
from continuum.socialcare.models import CareEpisode, CareOutcomes, LookedAfterReview, MissingEpisode
from continuum.statutory import codes
from continuum.statutory.code_set import CodeSet

from .common import (
    CannotImport,
    ChildWriter,
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

COMMAND = "import_ssda903"
KINDS = {
    "children": "child",
    "care episodes": "care episode",
    "looked-after reviews": "looked-after review",
    "missing episodes": "missing episode",
    "outcomes after a year in care": "outcomes after a year in care",
    "mothers' children": "mother's child",
    "social worker episodes": "social worker episode",
    "social workers": "social worker",
}
TABLE_OF_COLUMNS = {frozenset(columns): table for table, columns in TABLES.items()}
REQUIRED_TABLES = ("header", "episodes")
NOT_KEPT = {
    "uasc": "Continuum does not record unaccompanied asylum-seeking status yet",
    "ad1": "Continuum does not record adoption yet",
    "placed_for_adoption": "Continuum does not record adoption decisions yet",
    "oc3": "a care leaver's contacts are recorded with their dates and eligibility, which OC3 does not have",
}
DAY = re.compile(r"\d{2}/\d{2}/\d{4}")
SEX = {"M": "M", "F": "F", "U": "U", "1": "M", "2": "F"}
YES_NO = {"1": True, "0": False}
NOT_YET_OBTAINED = "NOBT"
UPN_UNKNOWN = ("UN1", "UN2", "UN3", "UN4", "UN5")

EPISODE_COLUMNS = {
    "started": "DECOM",
    "reason_new_episode": "RNE",
    "legal_status": "LS",
    "category_of_need": "CIN",
    "placement_type": "PLACE",
    "placement_provider": "PLACE_PROVIDER",
    "ended": "DEC",
    "reason_ended": "REC",
    "reason_placement_changed": "REASON_PLACE_CHANGE",
    "home_postcode": "HOME_POST",
    "placement_postcode": "PL_POST",
    "provider_urn": "URN",
}
PERSON_COLUMNS = {"sex": "SEX", "date_of_birth": "DOB", "ethnicity": "ETHNIC", "upn": "UPN"}
REVIEW_COLUMNS = {"held_on": "REVIEW", "participation": "REVIEW_CODE"}
SOCIAL_WORKER_COLUMNS = {"started": "SW_DECOM", "ended": "SW_DEC", "change_reason": "SW_REASON"}
SOCIAL_WORKER_ID = re.compile(r"(SW|XX)[A-Z0-9]{1,18}")
MISSING_COLUMNS = {"kind": "MISSING", "went_missing": "MIS_START", "returned": "MIS_END"}
OUTCOME_COLUMNS = {
    "sdq_score": "SDQ_SCORE",
    "sdq_reason": "SDQ_REASON",
    "convicted": "CONVICTED",
    "health_surveillance_up_to_date": "HEALTH_CHECK",
    "immunisations_up_to_date": "IMMUNISATIONS",
    "teeth_checked": "TEETH_CHECK",
    "health_assessed": "HEALTH_ASSESSMENT",
    "substance_misuse": "SUBSTANCE_MISUSE",
    "intervention_received": "INTERVENTION_RECEIVED",
    "intervention_offered": "INTERVENTION_OFFERED",
}


def import_return(
    folder: Path,
    year: CollectionYear,
    *,
    commit: bool = False,
    agency: str = "",
    progress: Progress = quiet,
    every: int = 1000,
) -> Report:
    """Import the return in `folder`: on a dry run (the default) or any rejection, nothing is written."""
    found = read_return(folder, year)
    report = run_import(
        found.folder,
        found.children,
        partial(_import_child, found),
        command=COMMAND,
        purpose=f"migrated from the previous system's SSDA903 return ({found.folder}, {year.label})",
        kinds=KINDS,
        commit=commit,
        agency_name=agency,
        rejected_already=found.problems,
        progress=progress,
        every=every,
    )
    report.notes[:0] = found.not_kept()
    return report


# --- The files ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    file: str
    line: int
    values: Mapping[str, str]

    @property
    def where(self) -> str:
        return f"line {self.line}"

    def __getitem__(self, column: str) -> str:
        return self.values[column]


@dataclass
class Return:
    """A 903 return read and checked as a whole; its children are imported one at a time."""

    folder: str
    year: CollectionYear
    files: dict[str, str]  # table: file name
    tables: dict[str, list[Row]]
    by_child: dict[str, dict[str, list[Row]]] = field(default_factory=dict)
    children: list[Row] = field(default_factory=list)
    problems: list[Rejection] = field(default_factory=list)

    def rows(self, table: str, child: str) -> list[Row]:
        return self.by_child.get(child, {}).get(table, [])

    def not_kept(self) -> list[Rejection]:
        notes = [
            Rejection(self.files[table], "", f"{len(self.tables[table]):,} rows not imported: {why}")
            for table, why in NOT_KEPT.items()
            if self.tables.get(table)
        ]
        earlier = [
            row
            for row in self.tables.get("previous_permanence", [])
            if row["PREV_PERM"] not in ("", NO_PREVIOUS_PERMANENCE)
        ]
        if earlier:
            notes.append(
                Rejection(
                    self.files["previous_permanence"],
                    "",
                    f"{len(earlier):,} previous permanence orders not imported: Continuum does not record "
                    "an earlier adoption, special guardianship or child arrangements order yet",
                )
            )
        return notes


def read_return(folder: Path, year: CollectionYear) -> Return:
    """The folder's CSV files, each known by its header row; a FileProblem says why one cannot be read."""
    if not folder.is_dir():
        raise CannotImport(f"{folder} is not a folder: give the folder that holds the return's CSV files")
    paths = sorted(folder.glob("*.csv"))
    if not paths:
        raise FileProblem(folder.name, "The folder has no CSV files: there is nothing to import")
    files: dict[str, str] = {}
    tables: dict[str, list[Row]] = {}
    for path in paths:
        table, rows = _read_table(path)
        if table in files:
            raise FileProblem(
                path.name, f"{files[table]} holds the same table ({table}): keep one of the two files"
            )
        files[table], tables[table] = path.name, rows
    for table in REQUIRED_TABLES:
        if table not in tables:
            raise FileProblem(
                folder.name,
                f"There is no {table} table: a CSV file whose first line is {','.join(TABLES[table])}",
            )
    found = Return(folder.name, year, files, tables)
    _group_by_child(found)
    return found


def _read_table(path: Path) -> tuple[str, list[Row]]:
    file = path.name
    try:
        data = path.read_bytes()
    except OSError as error:
        raise FileProblem(file, f"The file cannot be read: {error.strerror}") from None
    check_encoding(file, data, "utf-8-sig")
    lines = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    if not lines or not any(lines[0]):
        raise FileProblem(file, "The file is empty: its first line should name the table's columns")
    header = [column.strip().upper() for column in lines[0]]
    table = TABLE_OF_COLUMNS.get(frozenset(header))
    if table is None:
        raise FileProblem(file, _unknown_header(header), 1)
    rows = []
    for number, cells in enumerate(lines[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            raise FileProblem(
                file, f"The line has {len(cells)} values but the header names {len(header)} columns", number
            )
        values = {column: cell.strip().upper() for column, cell in zip(header, cells, strict=True)}
        rows.append(Row(file, number, values))
    return table, rows


def _unknown_header(header: list[str]) -> str:
    """Which table the header is nearest to, and what it lacks or has too many of."""
    nearest = max(TABLES, key=lambda table: len(set(TABLES[table]) & set(header)))
    missing = [column for column in TABLES[nearest] if column not in header]
    extra = [column for column in header if column not in TABLES[nearest]]
    parts = []
    if missing:
        parts.append(f"it lacks {', '.join(missing)}")
    if extra:
        parts.append(f"it has {', '.join(extra)}, which the table does not")
    return (
        f"The header row is not one of the SSDA903 tables. It is nearest to the {nearest} table "
        f"({','.join(TABLES[nearest])}), but {' and '.join(parts)}"
    )


def _group_by_child(found: Return) -> None:
    seen: dict[str, Row] = {}
    for row in found.tables["header"]:
        child = row["CHILD"]
        if not child:
            found.problems.append(
                Rejection(row.file, row.where, "CHILD is empty: every child needs their ID")
            )
        elif child in seen:
            found.problems.append(
                Rejection(
                    row.file, row.where, f"Child {child} is in the header twice (also {seen[child].where})"
                )
            )
        else:
            seen[child] = row
            found.children.append(row)
    for table, rows in found.tables.items():
        for row in rows:
            if table != "header" and row["CHILD"] not in seen:
                found.problems.append(
                    Rejection(row.file, row.where, f"Child {row['CHILD']} is not in the header table")
                )
            found.by_child.setdefault(row["CHILD"], defaultdict(list))[table].append(row)


# --- One child ------------------------------------------------------------------------------------------


def _import_child(found: Return, migration: Migration, header: Row) -> Imported:
    child = _Child(found, migration, header)
    child.person()
    child.mothers_child()
    child.episodes()
    child.reviews()
    child.missing()
    child.outcomes()
    child.social_workers()
    if child.problems:
        raise Rejected(child.problems)
    return child.imported


class _Child(ChildWriter):
    """Reads one child's rows and saves them through the records' entry rules, collecting every problem."""

    def __init__(self, found: Return, migration: Migration, header: Row) -> None:
        super().__init__(migration, header["CHILD"])
        self.found, self.header = found, header
        self.legacy_id = header["CHILD"]

    # Reading values ----------------------------------------------------------------------------------

    def wrong(self, row: Row, column: str, message: str) -> None:
        self.problem(f"{self.place(row)}, {column}", message, file=row.file)

    def day(self, row: Row, column: str, *, required: bool = False) -> datetime.date | None:
        text = row[column]
        if not text:
            if required:
                self.wrong(row, column, f"{column} is empty: the return needs it")
            return None
        if not DAY.fullmatch(text):
            self.wrong(row, column, f'"{text}" is not a date written dd/mm/yyyy, like 31/03/2026')
            return None
        try:
            return datetime.datetime.strptime(text, "%d/%m/%Y").date()
        except ValueError:
            self.wrong(row, column, f'"{text}" is not a real date. Check the day and the month')
            return None

    def code(self, row: Row, column: str, code_set: CodeSet) -> str:
        value = row[column]
        if not value:
            return ""
        try:
            code_set.validate(value)
        except ValidationError as error:
            for message in error.messages:
                self.wrong(row, column, message)
            return ""
        return value

    def yes_no(self, row: Row, column: str) -> bool | None:
        text = row[column]
        if text and text not in YES_NO:
            self.wrong(row, column, f'"{text}" is not 1 (yes) or 0 (no)')
        return YES_NO.get(text)

    # Saving records: each at its row of its table's file ----------------------------------------

    def place(self, row: Row) -> str:
        return f"{row.where}, child {self.legacy_id}"

    def save_row(self, record: models.Model, row: Row, columns: Mapping[str, str], kind: str) -> bool:
        return self.save(record, self.place(row), columns, kind, file=row.file)

    def complete_row(
        self,
        record: models.Model,
        values: Mapping[str, object],
        row: Row,
        kind: str,
        columns: Mapping[str, str],
    ) -> None:
        self.complete(record, values, self.place(row), columns, kind, file=row.file)

    # The child's records -----------------------------------------------------------------------------

    def person(self) -> None:
        found = self.migration.find_child(self.legacy_id)
        if found is None:
            self.problem(
                self.place(self.header),
                "This child is not in Continuum. A child becomes looked after through a referral: "
                "import the CIN census that holds their referral first",
                file=self.header.file,
            )
            return
        self.imported.person_id = found
        person = Person.objects.get(pk=found)
        row = self.header
        sex = SEX.get(row["SEX"], "")
        if row["SEX"] and not sex:
            self.wrong(row, "SEX", f'"{row["SEX"]}" is not a sex code: use M, F or U (1 or 2 before 2024/25)')
        ethnicity = "" if row["ETHNIC"] == NOT_YET_OBTAINED else self.code(row, "ETHNIC", codes.ETHNICITY)
        upn = "" if row["UPN"] in UPN_UNKNOWN else row["UPN"]
        values = {
            "sex": sex,
            "date_of_birth": self.day(row, "DOB", required=True),
            "ethnicity": ethnicity,
            "upn": upn,
        }
        self.complete_row(person, values, row, "children", PERSON_COLUMNS)

    def mothers_child(self) -> None:
        row = self.header
        mother = self.yes_no(row, "MOTHER")
        born = self.day(row, "MC_DOB")
        if not mother or born is None or not self.imported.person_id:
            return
        known = Relationship.objects.filter(
            person_id=self.imported.person_id, kind=RelationshipKind.PARENT, relative__date_of_birth=born
        )
        if known.exists():
            self.imported.already_there["mothers' children"] += 1
            return
        # The return gives only the date of birth of her first child: the record holds just that.
        baby = Person(kind=PersonKind.CHILD, date_of_birth=born)
        if self.save_row(baby, row, {"date_of_birth": "MC_DOB"}, "mothers' children"):
            Relationship.objects.create(
                person_id=self.imported.person_id, relative=baby, kind=RelationshipKind.PARENT
            )

    def episodes(self) -> None:
        rows = sorted(
            self.found.rows("episodes", self.legacy_id),
            key=lambda row: _quietly(row["DECOM"]) or datetime.date.min,
        )
        for row in rows:
            values = self._episode_values(row)
            if values is None or not self.imported.person_id:
                continue
            started = values["started"]
            assert isinstance(started, datetime.date)
            existing = CareEpisode.objects.filter(person_id=self.imported.person_id, started=started).first()
            if existing is not None:
                self.complete_row(existing, values, row, "care episodes", EPISODE_COLUMNS)
            else:
                self.save_row(
                    CareEpisode(person_id=self.imported.person_id, **values),
                    row,
                    EPISODE_COLUMNS,
                    "care episodes",
                )

    def _episode_values(self, row: Row) -> dict[str, object] | None:
        started = self.day(row, "DECOM", required=True)
        code_sets = {
            "RNE": codes.REASON_NEW_EPISODE, "LS": codes.LEGAL_STATUS, "CIN": codes.CATEGORY_OF_NEED,
            "PLACE": codes.PLACEMENT_TYPE, "PLACE_PROVIDER": codes.PLACEMENT_PROVIDER,
            "REC": codes.REASON_EPISODE_CEASED, "REASON_PLACE_CHANGE": codes.REASON_PLACE_CHANGE,
        }  # fmt: skip
        coded = {column: self.code(row, column, code_set) for column, code_set in code_sets.items()}
        ended = self.day(row, "DEC")
        if started is None:
            return None
        return {
            "started": started,
            "reason_new_episode": coded["RNE"],
            "legal_status": coded["LS"],
            "category_of_need": coded["CIN"],
            "placement_type": coded["PLACE"],
            "placement_provider": coded["PLACE_PROVIDER"],
            "ended": ended,
            "reason_ended": coded["REC"],
            "reason_placement_changed": coded["REASON_PLACE_CHANGE"],
            "home_postcode": row["HOME_POST"],
            "placement_postcode": row["PL_POST"],
            "provider_urn": row["URN"],
        }

    def reviews(self) -> None:
        for row in self.found.rows("reviews", self.legacy_id):
            held_on = self.day(row, "REVIEW", required=True)
            participation = self.code(row, "REVIEW_CODE", codes.REVIEW_PARTICIPATION)
            if held_on is None or not self.imported.person_id:
                continue
            known = LookedAfterReview.objects.filter(
                person_id=self.imported.person_id, held_on=held_on
            ).first()
            if known is not None:
                self.complete_row(
                    known, {"participation": participation}, row, "looked-after reviews", REVIEW_COLUMNS
                )
                continue
            review = LookedAfterReview(
                person_id=self.imported.person_id, held_on=held_on, participation=participation
            )
            self.save_row(review, row, REVIEW_COLUMNS, "looked-after reviews")

    def missing(self) -> None:
        for row in self.found.rows("missing", self.legacy_id):
            kind = self.code(row, "MISSING", codes.MISSING_TYPE)
            went = self.day(row, "MIS_START", required=True)
            back = self.day(row, "MIS_END")
            if went is None or not self.imported.person_id:
                continue
            # The return has days, not times: each is recorded as the start of the day in England.
            went_missing, returned = _start_of(went), _start_of(back) if back else None
            known = MissingEpisode.objects.filter(
                person_id=self.imported.person_id, went_missing=went_missing
            ).first()
            if known is not None:
                self.complete_row(
                    known, {"kind": kind, "returned": returned}, row, "missing episodes", MISSING_COLUMNS
                )
                continue
            episode = MissingEpisode(
                person_id=self.imported.person_id, kind=kind, went_missing=went_missing, returned=returned
            )
            self.save_row(episode, row, MISSING_COLUMNS, "missing episodes")

    def outcomes(self) -> None:
        for row in self.found.rows("oc2", self.legacy_id):
            values = self._outcome_values(row)
            if values is None or not self.imported.person_id:
                continue
            year_ending = self.found.year.end
            known = CareOutcomes.objects.filter(
                person_id=self.imported.person_id, year_ending=year_ending
            ).first()
            if known is not None:
                self.complete_row(known, values, row, "outcomes after a year in care", OUTCOME_COLUMNS)
                continue
            outcomes = CareOutcomes(person_id=self.imported.person_id, year_ending=year_ending, **values)
            self.save_row(outcomes, row, OUTCOME_COLUMNS, "outcomes after a year in care")

    def social_workers(self) -> None:
        for row in self.found.rows("sw_episodes", self.legacy_id):
            known_as = row["SW_ID"]
            if not SOCIAL_WORKER_ID.fullmatch(known_as):
                self.wrong(
                    row, "SW_ID", f'"{known_as}" is not a social worker ID: it starts SW or XX (rule SW02)'
                )
            started = self.day(row, "SW_DECOM", required=True)
            values = {
                "ended": self.day(row, "SW_DEC"),
                "change_reason": self.code(row, "SW_REASON", codes.SOCIAL_WORKER_CHANGE_REASON),
            }
            if started is None or not self.imported.person_id or not SOCIAL_WORKER_ID.fullmatch(known_as):
                continue
            worker, made = _social_worker(self.migration, known_as)
            self.imported.created["social workers"] += made
            known = Allocation.objects.filter(
                person_id=self.imported.person_id, worker=worker, service=Service.SOCIAL_CARE, started=started
            ).first()
            if known is not None:
                self.complete_row(known, values, row, "social worker episodes", SOCIAL_WORKER_COLUMNS)
                continue
            allocation = Allocation(
                person_id=self.imported.person_id, worker=worker, service=Service.SOCIAL_CARE,
                started=started, reason="Migrated from the previous system's SSDA903", **values,
            )  # fmt: skip
            self.save_row(allocation, row, SOCIAL_WORKER_COLUMNS, "social worker episodes")

    def _outcome_values(self, row: Row) -> dict[str, object] | None:
        score = row["SDQ_SCORE"]
        if score and not score.isdigit():
            self.wrong(row, "SDQ_SCORE", f'"{score}" is not a whole number from 0 to 40')
        values: dict[str, object] = {
            "sdq_score": int(score) if score.isdigit() else None,
            "sdq_reason": self.code(row, "SDQ_REASON", codes.REASON_NO_SDQ_SCORE),
        }
        for name, column in OUTCOME_COLUMNS.items():
            if name not in values:
                values[name] = self.yes_no(row, column)
        return values


def _social_worker(migration: Migration, known_as: str) -> tuple[User, bool]:
    """The user the return's SW_ID names; a worker not yet in Continuum becomes an account that
    cannot sign in, so that the children's social worker episodes keep who they were."""
    found = User.objects.filter(social_worker_id=known_as).first()
    if found is not None:
        return found, False
    worker = User.objects.create(
        username=f"migrated-{known_as.lower()}",
        first_name="Social worker",
        last_name=known_as,
        job_title="Social worker (migrated from the previous system)",
        agency=migration.agency,
        social_worker_id=known_as,
        is_active=False,
    )
    worker.set_unusable_password()
    worker.save(update_fields=["password"])
    return worker, True


def _quietly(text: str) -> datetime.date | None:
    """A dd/mm/yyyy date, or None: for putting rows in order (their dates are checked when read)."""
    try:
        return datetime.datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        return None


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
