"""What every Annex A list shares: the six months, the five columns about the child, the codes
written the template's way, and the queries and allocations the lists look up."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet

from continuum.people.models import Allocation, Person, Service
from continuum.socialcare.models import Assessment
from continuum.statutory import codes
from continuum.statutory.periods import Period
from continuum.statutory.timescales import add_months

from ..collection import child_identifier, legacy_child_ids

Cell = str | int | date | None

MONTHS = 6
# Counts "in the last 12 months" are over the 12 months up to the date, as the six months are.
COUNTED_MONTHS = 12

CHILD_COLUMNS = ("Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age")
DISABILITY = "Does the Child have a Disability"
ALLOCATED = ("Allocated Team", "Allocated Worker")

# The Annex A template's answers.
YES, NO, UNKNOWN = "a) Yes", "b) No", "c) Unknown"
GENDER = {"M": "a) Male", "F": "b) Female"}
# Sex recorded as U (unknown, or a child not yet born) or not recorded at all.
GENDER_NOT_STATED = "c) Not stated/recorded"
# Ethnicity not recorded is "information not yet obtained", as in the CIN census.
ETHNICITY_NOT_RECORDED = "NOBT"

# The assessment factor that records an unaccompanied asylum-seeking child (codes.ASSESSMENT_FACTOR):
# Continuum keeps no other record of it.
UNACCOMPANIED_ASYLUM_SEEKING = "9A"

SOCIAL_CARE = (Service.SOCIAL_CARE,)


class Window:
    """The six months up to and including the date, and the 12 months some columns count over.

    Six months before 31 March 2026 is 30 September 2025 (the same day of the month, or the last
    day of a shorter month), and both days are in: a contact on 30 September 2025 is listed, one
    on 29 September is not. Who is allocated to a child is looked up once for every list.
    """

    def __init__(self, on: date) -> None:
        self.on = on
        self.period = Period(add_months(on, -MONTHS), on)
        self.year = Period(add_months(on, -COUNTED_MONTHS), on)
        self._allocated: dict[int, list[_Allocated]] | None = None

    @property
    def start(self) -> date:
        return self.period.start

    def by_then(self, day: date | None) -> date | None:
        """A date on or before the date, or None: something that ended later was still open then."""
        return day if day is not None and day <= self.on else None

    def allocated(self, person_id: int, services: Sequence[str]) -> list[Cell]:
        """The team and worker a child is allocated to on the date, for the first service that has one."""
        if self._allocated is None:
            self._allocated = _allocations_on(self.on)
        held = self._allocated.get(person_id, [])
        for service in services:
            for allocation in held:
                if allocation.service == service:
                    return [allocation.team, allocation.worker]
        return [None, None]


@dataclass(frozen=True)
class AnnexList:
    number: int
    title: str
    holds: str  # what it lists, in a sentence, for the workbook's About sheet
    header: tuple[str, ...]
    rows: list[list[Cell]]
    people: list[int] = field(repr=False)  # the child each row is about, row by row

    @property
    def sheet_name(self) -> str:
        return f"List {self.number} {self.title}"


# --- The five columns every list starts with --------------------------------------------------------


def _child_fields(path: str) -> list[str]:
    return [path, *(f"{path}__{name}" for name in _CHILD_FACTS)]


_CHILD_FACTS = ("sex", "ethnicity", "date_of_birth", "disabilities")


@dataclass(frozen=True)
class _Child:
    person: int
    sex: str
    ethnicity: str
    born: date | None
    disabilities: list[str] | None


def _child(record: dict[str, Any], path: str) -> _Child:
    return _Child(record[path], *(record[f"{path}__{name}"] for name in _CHILD_FACTS))


def _of_people(queryset: QuerySet[Any], path: str) -> QuerySet[Any]:
    """Records of people not withdrawn as entered in error."""
    return queryset.filter(**{f"{path}__withdrawn_at__isnull": True})


def _annex_list(
    number: int,
    title: str,
    holds: str,
    columns: tuple[str, ...],
    window: Window,
    found: Iterable[tuple[_Child, list[Cell]]],
) -> AnnexList:
    found = list(found)
    people = [child.person for child, _ in found]
    legacy = legacy_child_ids(set(people))
    rows = [[*_about_the_child(window, child, legacy), *cells] for child, cells in found]
    return AnnexList(number, title, holds, (*CHILD_COLUMNS, *columns), rows, people)


def _about_the_child(window: Window, child: _Child, legacy: dict[int, str]) -> list[Cell]:
    return [
        child_identifier(child.person, legacy),
        GENDER.get(child.sex, GENDER_NOT_STATED),
        _ethnicity(child.ethnicity),
        child.born,
        age_on(child.born, window.on),
    ]


def age_on(born: date | None, on: date) -> int | None:
    """Whole years on the date (Person.age_on); none for a child not yet born then or with no birth date."""
    if born is None or born > on:
        return None
    return Person(date_of_birth=born).age_on(on)


def _ethnicity(code: str) -> str:
    code = code or ETHNICITY_NOT_RECORDED
    if code not in codes.ETHNICITY:
        return "u) UNKNOWN"
    return f"{_letter(codes.ETHNICITY, code)}) {code}"


def _disability(disabilities: list[str] | None) -> str:
    """Yes for any DfE disability code, no for "NONE" (no disability), unknown when none is recorded."""
    if not disabilities:
        return UNKNOWN
    return NO if list(disabilities) == ["NONE"] else YES


def _yes_no(answer: bool) -> str:
    return YES if answer else NO


def _letter(code_set: codes.CodeSet, code: str) -> str:
    """Annex A letters a code set's codes in the DfE's order: a), b), c)..."""
    position = [each.code for each in code_set.codes].index(code)
    return chr(ord("a") + position)


def _lettered_label(code_set: codes.CodeSet, code: str | None) -> str | None:
    if not code or code not in code_set:
        return code or None
    return f"{_letter(code_set, code)}) {code_set.label(code)}"


def _coded(code_set: codes.CodeSet, code: str | None) -> str | None:
    """A DfE code as the lists write it: the code first, then what it means ("2A: Schools")."""
    if not code:
        return None
    return f"{code}: {code_set.label(code)}" if code in code_set else code


def _name(record: dict[str, Any], path: str) -> str | None:
    full = " ".join(part for part in (record[f"{path}__first_name"], record[f"{path}__last_name"]) if part)
    return full or record[f"{path}__username"]


# --- Queries the lists share -------------------------------------------------------------------------


def _open_on(queryset: QuerySet[Any], on: date) -> QuerySet[Any]:
    """Started by the date and not ended by it (ended later, or not at all)."""
    return queryset.filter(started__lte=on).filter(Q(ended__isnull=True) | Q(ended__gt=on))


def _overlapping(queryset: QuerySet[Any], window: Window) -> QuerySet[Any]:
    """Open at any time in the six months: started by the date, not ended before the six months began."""
    return queryset.filter(started__lte=window.on).filter(Q(ended__isnull=True) | Q(ended__gte=window.start))


def _count_by_child(queryset: QuerySet[Any], path: str) -> dict[int, int]:
    rows = queryset.order_by().values(path).annotate(records=Count("pk")).values_list(path, "records")
    return dict(rows)


@dataclass(frozen=True)
class _Allocated:
    service: str
    team: str | None
    worker: str | None


def _allocations_on(on: date) -> dict[int, list[_Allocated]]:
    """Every child's open allocations on the date, the most recent first."""
    found: dict[int, list[_Allocated]] = defaultdict(list)
    rows = (
        _open_on(Allocation.objects.all(), on)
        .values(
            "person", "service", "team__name", "worker__first_name", "worker__last_name", "worker__username"
        )
        .order_by("person", "-started", "-pk")
    )
    for row in rows.iterator():
        worker = _name(row, "worker") if row["worker__username"] else None
        found[row["person"]].append(_Allocated(row["service"], row["team__name"], worker))
    return found


def _asylum_seeking(window: Window, people: QuerySet[Any]) -> set[int]:
    """Children an authorised assessment found to be unaccompanied asylum seekers, by the date."""
    factors = Assessment.objects.filter(referral__person__in=people, authorised__lte=window.on).values_list(
        "referral__person", "factors"
    )
    return {person for person, found in factors.iterator() if UNACCOMPANIED_ASYLUM_SEEKING in (found or [])}
