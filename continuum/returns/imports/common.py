"""What every import from a previous system shares.

An import reads a whole file into one transaction. Each child (or row) is written inside its own
savepoint, through the records' own entry rules (`full_clean()`); a child that breaks a rule is
rolled back and its problems collected, and the import goes on to the next so that the report
lists every problem in the file at once. At the end the transaction is rolled back unless the
run was asked to commit and nothing was rejected: all of the file, or none of it. A dry run does
exactly the same work, so what it reports is what a commit would write.

Migrated children are found again by the identifier their previous system gave them
(`returns.collection.LEGACY_CHILD_ID`), so importing the same file twice adds nothing.
"""

from __future__ import annotations

import codecs
from collections import Counter
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction

from continuum.access.audit import Action, Actor, record_for_people
from continuum.access.models import Agency, User
from continuum.access.roles import AgencyType
from continuum.people.models import ExternalIdentifier, Person
from continuum.returns.collection import LEGACY_CHILD_ID
from continuum.socialcare.models.base import JourneyRecord

# The account that records what was migrated: it cannot sign in, and every migrated record
# says it came from the previous system rather than from a named worker.
MIGRATION_USERNAME = "migration"
Unit = TypeVar("Unit")
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Rejection:
    """One problem: the file, where in it (a line, a child and element), and what is wrong."""

    file: str
    where: str
    problem: str

    def __str__(self) -> str:
        return f"{self.file}, {self.where}: {self.problem}" if self.where else f"{self.file}: {self.problem}"


class CannotImport(Exception):
    """Nothing can be imported: the file cannot be read, or Continuum is not ready for it."""


class FileProblem(CannotImport):
    """The file as a whole is wrong (not XML, the wrong encoding, not the return it should be)."""

    def __init__(self, file: str, problem: str, line: int | None = None) -> None:
        self.rejection = Rejection(file, f"line {line}" if line else "", problem)
        super().__init__(str(self.rejection))


class Rejected(Exception):
    """One child cannot be imported: every problem found with them."""

    def __init__(self, rejections: Sequence[Rejection]) -> None:
        super().__init__("; ".join(str(rejection) for rejection in rejections))
        self.rejections = list(rejections)


@dataclass
class Imported:
    """What importing one child did: who they are, what was added, what was there already."""

    person_id: int
    legacy_id: str
    created: Counter[str] = field(default_factory=Counter)
    completed: Counter[str] = field(default_factory=Counter)
    already_there: Counter[str] = field(default_factory=Counter)
    notes: list[Rejection] = field(default_factory=list)


@dataclass
class Report:
    """What an import did, or (on a dry run, or when anything was rejected) would have done."""

    file: str
    kinds: Mapping[str, str]  # what it counts, plural to singular, in the order to list them
    total: int
    commit: bool
    created: Counter[str] = field(default_factory=Counter)
    completed: Counter[str] = field(default_factory=Counter)
    already_there: Counter[str] = field(default_factory=Counter)
    rejections: list[Rejection] = field(default_factory=list)
    rejected_children: int = 0
    notes: list[Rejection] = field(default_factory=list)

    @property
    def written(self) -> bool:
        return self.commit and not self.rejections

    def summary(self) -> list[str]:
        lines = [f"{self.file}: {self.total:,} {self._noun('children', self.total)} read."]
        if self.rejections:
            lines.append(
                f"{self._noun('children', self.rejected_children, counted=True)} rejected, "
                f"{_problems(len(self.rejections))}: nothing was written. Correct the file and "
                "import it again."
            )
            return lines
        lines.append(f"{'Created' if self.commit else 'Would create'}: {self._counted(self.created)}.")
        if self.completed:
            lines.append(
                f"{'Completed' if self.commit else 'Would complete'} with what this file adds (a closure, "
                f"an end date, a later category): {self._counted(self.completed)}."
            )
        if self.already_there:
            lines.append(f"Already in Continuum, left as they are: {self._counted(self.already_there)}.")
        if not self.commit:
            lines.append("Dry run: nothing was written.")
        return lines

    def _counted(self, counts: Counter[str]) -> str:
        parts = [self._noun(kind, counts[kind], counted=True) for kind in self.kinds if counts[kind]]
        return ", ".join(parts) or "nothing"

    def _noun(self, plural: str, number: int, *, counted: bool = False) -> str:
        word = self.kinds.get(plural, plural) if number == 1 else plural
        return f"{number:,} {word}" if counted else word


def _problems(number: int) -> str:
    return f"{number:,} problem" if number == 1 else f"{number:,} problems"


def quiet(done: int, total: int) -> None:
    del done, total


@dataclass
class Migration:
    """What every child of one import shares: the file, the council, and who records the records."""

    file: str
    agency: Agency
    user: User
    actor: Actor
    known: dict[str, int]  # migrated children's person ids, by their previous system's identifier

    def find_child(self, legacy_id: str) -> int | None:
        return self.known.get(legacy_id)

    def add_child(self, person: Person, legacy_id: str) -> None:
        """Remember how the previous system knew a child just created, for every later import."""
        ExternalIdentifier.objects.create(
            person=person, agency=self.agency, system=LEGACY_CHILD_ID, identifier=legacy_id
        )


def run_import(
    file: str,
    units: Sequence[Unit],
    import_unit: Callable[[Migration, Unit], Imported],
    *,
    command: str,
    purpose: str,
    kinds: Mapping[str, str],
    commit: bool,
    agency_name: str = "",
    rejected_already: Sequence[Rejection] = (),
    progress: Progress = quiet,
    every: int = 1000,
) -> Report:
    """Import every unit (a child) in one transaction, kept only on commit with nothing rejected."""
    report = Report(
        file,
        kinds,
        len(units),
        commit,
        rejections=list(rejected_already),
        rejected_children=len(rejected_already),
    )
    with transaction.atomic():
        migration = _start(file, command, agency_name)
        people: list[int] = []
        for done, unit in enumerate(units, start=1):
            imported = _import_one(migration, unit, import_unit, report)
            if imported is not None and (imported.created or imported.completed):
                people.append(imported.person_id)
            if done % every == 0 or done == len(units):
                progress(done, len(units))
        if report.written:
            # The records were written straight to the tables, so the audit says once per child
            # that the migration created them, in the same transaction as the records.
            record_for_people(migration.actor, Action.CREATE, people, purpose=purpose, details={"file": file})
        else:
            transaction.set_rollback(True)
    return report


def _start(file: str, command: str, agency_name: str) -> Migration:
    agency = council_agency(agency_name)
    user = migration_user(agency)
    known = dict(
        ExternalIdentifier.objects.filter(system=LEGACY_CHILD_ID, agency=agency).values_list(
            "identifier", "person_id"
        )
    )
    return Migration(file, agency, user, Actor.command(command, user), known)


def _import_one(
    migration: Migration, unit: Unit, import_unit: Callable[[Migration, Unit], Imported], report: Report
) -> Imported | None:
    try:
        with transaction.atomic():  # a savepoint: a rejected child leaves nothing behind
            imported = import_unit(migration, unit)
    except Rejected as rejected:
        report.rejections.extend(rejected.rejections)
        report.rejected_children += 1
        return None
    # Only now that the child's savepoint is kept: a later duplicate finds them.
    migration.known[imported.legacy_id] = imported.person_id
    report.created.update(imported.created)
    report.completed.update(imported.completed)
    report.already_there.update(imported.already_there)
    report.notes.extend(imported.notes)
    return imported


def council_agency(name: str = "") -> Agency:
    """The council's children's social care, which migrated children's identifiers belong to."""
    agencies = Agency.objects.filter(agency_type=AgencyType.CHILDRENS_SOCIAL_CARE, is_active=True)
    found = list(agencies.filter(name=name) if name else agencies.order_by("name")[:10])
    if not found:
        if name:
            raise CannotImport(
                f"No active children's social care agency is called {name!r}: check the name in the "
                "list of agencies"
            )
        raise CannotImport(
            "Continuum has no agency of the type \"Council children's social care\". Add the council's "
            "children's services as an agency first: migrated children's identifiers belong to it"
        )
    if len(found) > 1:
        names = ", ".join(agency.name for agency in found)
        raise CannotImport(f"Several agencies are children's social care ({names}): name one with --agency")
    return found[0]


def migration_user(agency: Agency) -> User:
    """The account that records migrated records: it has no password and cannot sign in."""
    user, created = User.objects.get_or_create(
        username=MIGRATION_USERNAME,
        defaults={
            "first_name": "Migrated",
            "last_name": "from the previous system",
            "job_title": "Records migrated from the previous system",
            "agency": agency,
            "is_active": False,
        },
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


EMPTY: tuple[object, ...] = (None, "", [])


def fill_in(
    record: models.Model, values: Mapping[str, object], *, current: Collection[str] = ()
) -> tuple[list[str], list[str]]:
    """Give a record already imported what a later file adds, without changing what it holds.

    An empty field takes the file's value; a `current` field (one that changes over time, like a
    plan's latest category) takes it whatever it held. Returns the fields filled in, and those
    where the file says something else than the record, which are left as they are.
    """
    filled, differing = [], []
    for name, value in values.items():
        held = getattr(record, name)
        if value in EMPTY or held == value:
            continue
        if held in EMPTY or name in current:
            setattr(record, name, value)
            filled.append(name)
        else:
            differing.append(name)
    return filled, differing


def rejections_from(
    error: ValidationError, file: str, where: str, elements: Mapping[str, str]
) -> list[Rejection]:
    """A record's entry rules' messages, each placed at the element of the file that holds the field."""
    if not hasattr(error, "error_dict"):
        return [Rejection(file, where, message) for message in error.messages]
    found: list[Rejection] = []
    for field_name, messages in error.message_dict.items():
        element = elements.get(field_name, "" if field_name == NON_FIELD_ERRORS else field_name)
        place = f"{where}, {element}" if element else where
        found.extend(Rejection(file, place, message) for message in messages)
    return found


def check_encoding(file: str, data: bytes, encoding: str) -> None:
    """Raise a FileProblem naming the line where the bytes are not in the encoding the file claims."""
    has_mark = data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if not has_mark and b"\x00" in data[:200]:
        raise FileProblem(
            file,
            "The file looks like UTF-16 without a byte order mark, so it cannot be read reliably. "
            "Save it as UTF-8",
        )
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise FileProblem(
            file,
            f"The file says it is in the encoding {encoding!r}, which is not one Continuum knows. "
            "Save it as UTF-8",
        ) from None
    try:
        data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise FileProblem(
            file,
            f"The byte {data[error.start]:#04x} is not {encoding.upper()}, which the file says it is in "
            "(it may have been saved as Windows-1252 or Latin-1). Save the file as UTF-8, or correct "
            "the encoding its first line declares",
            line,
        ) from None


class ChildWriter:
    """Saves one child's records through their entry rules, counting what it did and collecting every
    problem, each placed at `where` in `file` (by default the import's file: a 903 return has one a table)."""

    def __init__(self, migration: Migration, legacy_id: str) -> None:
        self.migration = migration
        self.problems: list[Rejection] = []
        self.imported = Imported(person_id=0, legacy_id=legacy_id)

    def save(
        self, record: models.Model, where: str, elements: Mapping[str, str], kind: str, *, file: str = ""
    ) -> bool:
        """Save a new record if it keeps every entry rule; otherwise collect what is wrong."""
        if isinstance(record, JourneyRecord | Person):
            record.created_by = self.migration.user
        if not self.check(record, where, elements, file=file):
            return False
        record.save()
        self.imported.created[kind] += 1
        return True

    def complete(
        self,
        record: models.Model,
        values: Mapping[str, object],
        where: str,
        elements: Mapping[str, str],
        kind: str,
        current: tuple[str, ...] = (),
        *,
        file: str = "",
    ) -> None:
        """Give a record already imported what the file adds (an end, a closure); never change the rest."""
        filled, differing = fill_in(record, values, current=current)
        for name in differing:
            self.note(
                f"{where}, {elements.get(name, name)}",
                f"Continuum already has {shown(getattr(record, name))}; the file says "
                f"{shown(values[name])}. Left as it was",
                file=file,
            )
        if not filled:
            self.imported.already_there[kind] += 1
            return
        if isinstance(record, Person):
            record.version += 1  # so that anyone editing the record meanwhile is told
        if self.check(record, where, elements, file=file):
            record.save()
            self.imported.completed[kind] += 1

    def check(self, record: models.Model, where: str, elements: Mapping[str, str], *, file: str = "") -> bool:
        try:
            record.full_clean(exclude=_not_checked(record))
        except ValidationError as error:
            self.problems.extend(rejections_from(error, file or self.migration.file, where, elements))
            return False
        return True

    def problem(self, where: str, message: str, *, file: str = "") -> None:
        self.problems.append(Rejection(file or self.migration.file, where, message))

    def note(self, where: str, message: str, *, file: str = "") -> None:
        self.imported.notes.append(Rejection(file or self.migration.file, where, message))


def _not_checked(record: models.Model) -> list[str]:
    """Fields the import sets itself, which checking would only cost a query each: the links to the
    records it has just saved or found, and the NHS number, which a return never has."""
    links = [field.name for field in record._meta.concrete_fields if field.is_relation]
    return [*links, "nhs_number"] if isinstance(record, Person) else links


def shown(value: object) -> str:
    """A value as a message shows it."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return ", ".join(str(each) for each in value) or "none"
    return str(value) if value not in (None, "") else "nothing"
