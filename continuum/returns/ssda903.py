"""The looked-after children return (SSDA903): every table as the DfE's CSV files, for a collection year.

Each table is one CSV file whose header row names it (the validator tells the tables apart by
their columns, not their file names); dates are written dd/mm/YYYY. The return holds every child
looked after at any time from 1 April to 31 March, with that year's episodes, reviews, missing
episodes and social worker episodes, and the care leavers whose 17th to 21st birthday fell in the
year (OC3). What happened after 31 March is left out: an episode that ended in April was still
open at the reference date.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from django.db.models import Q
from django.utils import timezone

from continuum.people.models import Allocation, Person, Relationship, RelationshipKind, Service
from continuum.socialcare.catalogue import HealthCheckKind
from continuum.socialcare.models import (
    CareEpisode,
    CareLeaver,
    CareLeaverContact,
    CareOutcomes,
    HealthCheck,
    LookedAfterReview,
    MissingEpisode,
)
from continuum.socialcare.models.care import STARTED_TO_BE_LOOKED_AFTER, looked_after_all_year
from continuum.statutory.ssda903_codes import SHORT_BREAK_LEGAL_STATUSES

from .collection import GENDER_CURRENT, CollectionYear, child_identifier, legacy_child_ids

# The columns of each table, in the DfE's order; the file name is the table's.
TABLES: dict[str, tuple[str, ...]] = {
    "header": ("CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"),
    "episodes": (
        "CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC",
        "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN",
    ),
    "reviews": ("CHILD", "DOB", "REVIEW", "REVIEW_CODE"),
    "uasc": ("CHILD", "SEX", "DOB", "DUC"),
    "oc2": (
        "CHILD", "DOB", "SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS",
        "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED",
        "INTERVENTION_OFFERED",
    ),
    "oc3": ("CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"),
    "ad1": ("CHILD", "DOB", "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"),
    "placed_for_adoption": ("CHILD", "DOB", "DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"),
    "previous_permanence": ("CHILD", "DOB", "PREV_PERM", "LA_PERM", "DATE_PERM"),
    "missing": ("CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"),
    "sw_episodes": ("CHILD", "DOB", "SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON"),
}  # fmt: skip
# Short breaks: the child is not counted as looked after for most of the return (rules 399, 393).
SHORT_BREAKS = frozenset(SHORT_BREAK_LEGAL_STATUSES)
# Placement codes that a year's rules do not know yet, written as that year's nearest code:
# registered supported accommodation (K3) was semi-independent living (H5) until 2023/24, and
# the other arrangements Z11 to Z14 were one code, Z1, until 2024/25.
EARLIER_PLACEMENT_CODES: tuple[tuple[int, dict[str, str]], ...] = (
    (2024, {"K3": "H5"}),
    (2025, {"Z11": "Z1", "Z12": "Z1", "Z13": "Z1", "Z14": "Z1"}),
)
# "No previous permanence order" (PREV_PERM Z1): rule 630 asks every child who started to be
# looked after in the year for a row.
NO_PREVIOUS_PERMANENCE = "Z1"
FIRST_SOCIAL_WORKER = "FCONTA"
OTHER_REASON = "OTHERS"
# Care leavers are in OC3 in the year of their 17th to 21st birthday.
CARE_LEAVER_AGES = range(17, 22)

Row = dict[str, Any]


@dataclass
class Return:
    """The tables of one year's return, as rows of column values, and the people in it."""

    year: CollectionYear
    tables: dict[str, list[Row]] = field(default_factory=lambda: {name: [] for name in TABLES})
    people: list[int] = field(default_factory=list)

    def csv(self, table: str) -> bytes:
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=TABLES[table], lineterminator="\r\n")
        writer.writeheader()
        for row in self.tables[table]:
            writer.writerow({column: _text(row.get(column)) for column in TABLES[table]})
        return out.getvalue().encode("utf-8")

    def files(self) -> dict[str, bytes]:
        return {f"{table}.csv": self.csv(table) for table in TABLES}


def build(year: CollectionYear) -> Return:
    """The return for `year`, read from the records."""
    built = Return(year)
    episodes = _episodes_by_child(year)
    leavers = _care_leavers(year, set(episodes))
    people = {
        each["pk"]: each
        for each in _in_batches(
            sorted({*episodes, *leavers}),
            lambda ids: Person.objects.filter(pk__in=ids).values(
                "pk", "sex", "date_of_birth", "ethnicity", "upn"
            ),
        )
    }
    legacy = legacy_child_ids(people)
    mothers = _first_children(year, people, episodes)
    for person_id in sorted(people):
        person = people[person_id]
        child = child_identifier(person_id, legacy)
        built.tables["header"].append(_header(year, child, person, episodes.get(person_id, []), mothers))
        for episode in episodes.get(person_id, []):
            built.tables["episodes"].append(_episode(year, child, episode))
        if person_id in leavers:
            built.tables["oc3"].append({"CHILD": child, "DOB": person["date_of_birth"], **leavers[person_id]})
    _add_previous_permanence(built, episodes, people, legacy)
    _add_outcomes(built, episodes, people, legacy)
    _add_reviews(built, episodes, people, legacy)
    _add_missing(built, episodes, people, legacy)
    _add_social_workers(built, episodes, people, legacy)
    built.people = sorted(people)
    return built


def render(year: CollectionYear) -> tuple[dict[str, bytes], list[int]]:
    """The return's CSV files by file name, and the people in it (their ids, for the audit)."""
    built = build(year)
    return built.files(), built.people


def write(year: CollectionYear, folder: Path) -> list[int]:
    """Write every table to `folder` as CSV; returns the people in the return (their ids)."""
    files, people = render(year)
    for name, content in files.items():
        (folder / name).write_bytes(content)
    return people


# --- Which records the year holds ---------------------------------------------------------------------


def _episodes_by_child(year: CollectionYear) -> dict[int, list[Row]]:
    """Each child's episodes open at any time in the year, in date order."""
    found: dict[int, list[Row]] = defaultdict(list)
    rows = (
        CareEpisode.objects.filter(started__lte=year.end)
        .filter(Q(ended__isnull=True) | Q(ended__gte=year.start))
        .order_by("person_id", "started", "pk")
        .values()
    )
    for row in rows.iterator(chunk_size=2000):
        found[row["person_id"]].append(dict(row))
    return found


def _care_leavers(year: CollectionYear, looked_after: set[int]) -> dict[int, Row]:
    """OC3: what was known about each care leaver around their birthday in the year.

    The contact nearest their birthday, from three months before it to one month after, as the
    DfE's guide asks; a care leaver still looked after on their birthday is not in OC3 (rule 1007).
    """
    leavers = CareLeaver.objects.filter(started__lte=year.end).values_list("pk", "person_id")
    person_of = dict(leavers)
    births = dict(
        _in_batches(
            sorted(set(person_of.values())),
            lambda ids: Person.objects.filter(pk__in=ids).values_list("pk", "date_of_birth"),
        )
    )
    birthdays = {
        person_id: _birthday_in(year, born)
        for person_id, born in births.items()
        if born is not None and _birthday_in(year, born) is not None
    }
    contacts = CareLeaverContact.objects.filter(
        care_leaver_id__in=[leaver for leaver, person in person_of.items() if person in birthdays],
        contact_on__range=(year.start.replace(day=1, month=1), year.end.replace(month=4, day=30)),
    ).values("care_leaver_id", "contact_on", "in_touch", "activity", "accommodation")
    found: dict[int, Row] = {}
    nearest: dict[int, int] = {}
    for contact in contacts:
        person_id = person_of[contact["care_leaver_id"]]
        birthday = birthdays[person_id]
        assert birthday is not None  # only care leavers with a birthday in the year were asked for
        gap = (contact["contact_on"] - birthday).days
        if not -92 <= gap <= 31 or abs(gap) >= nearest.get(person_id, 10**6):
            continue
        nearest[person_id] = abs(gap)
        found[person_id] = {
            "IN_TOUCH": contact["in_touch"],
            "ACTIV": contact["activity"],
            "ACCOM": contact["accommodation"],
        }
    return {person_id: row for person_id, row in found.items() if person_id not in looked_after}


def _birthday_in(year: CollectionYear, born: date) -> date | None:
    """The care-leaver birthday (17th to 21st) the young person had in the year, if any."""
    for age in CARE_LEAVER_AGES:
        birthday = _add_years(born, age)
        if birthday in year:
            return birthday
    return None


def _add_years(born: date, years: int) -> date:
    try:
        return born.replace(year=born.year + years)
    except ValueError:  # born on 29 February
        return born.replace(year=born.year + years, day=28)


# --- Header and episodes --------------------------------------------------------------------------------


def _header(
    year: CollectionYear, child: str, person: Row, episodes: list[Row], mothers: dict[int, date]
) -> Row:
    sex = person["sex"] or "U"
    counted = any(episode["legal_status"] not in SHORT_BREAKS for episode in episodes)
    mother: str | None = None
    if counted and sex == "F":
        mother = "1" if person["pk"] in mothers else "0"
    return {
        "CHILD": child,
        "SEX": sex if year.cin_uses_sex else GENDER_CURRENT[sex],
        "DOB": person["date_of_birth"],
        "ETHNIC": person["ethnicity"] or "NOBT",
        "UPN": person["upn"] or _upn_unknown(year, person),
        "MOTHER": mother,
        "MC_DOB": mothers.get(person["pk"]) if mother == "1" else None,
    }


def _upn_unknown(year: CollectionYear, person: Row) -> str:
    """UN1 for a child not yet of school age; otherwise UN5 (sources disagree) is not ours to say,
    so a school-age child without a UPN is reported as newly looked after and not yet known (UN4)."""
    born = person["date_of_birth"]
    if born is not None and _add_years(born, 5) > year.end:
        return "UN1"
    return "UN4"


def _first_children(
    year: CollectionYear, people: dict[int, Row], episodes: dict[int, list[Row]]
) -> dict[int, date]:
    """Each young woman's first child's date of birth, if she had one while looked after in the year.

    A child born after she left care does not make her a mother in this return (rule 625).
    """
    last_day = {person_id: _last_day_looked_after(year, theirs) for person_id, theirs in episodes.items()}
    found: dict[int, date] = {}
    women = [pk for pk, person in people.items() if person["sex"] == "F" and pk in last_day]
    for person_id, born in _in_batches(
        women,
        lambda ids: Relationship.objects.filter(
            person_id__in=ids, kind=RelationshipKind.PARENT, relative__date_of_birth__lte=year.end
        ).values_list("person_id", "relative__date_of_birth"),
    ):
        if born is None or born > last_day[person_id]:
            continue
        if person_id not in found or born < found[person_id]:
            found[person_id] = born
    return found


def _last_day_looked_after(year: CollectionYear, episodes: list[Row]) -> date:
    ended = episodes[-1]["ended"]
    return ended if ended is not None and ended <= year.end else year.end


def _episode(year: CollectionYear, child: str, episode: Row) -> Row:
    ended = episode["ended"] if episode["ended"] and episode["ended"] <= year.end else None
    return {
        "CHILD": child,
        "DECOM": episode["started"],
        "RNE": episode["reason_new_episode"],
        "LS": episode["legal_status"],
        "CIN": episode["category_of_need"],
        "PLACE": placement_code(year, episode["placement_type"]),
        "PLACE_PROVIDER": episode["placement_provider"],
        "DEC": ended,
        "REC": episode["reason_ended"] if ended else None,
        "REASON_PLACE_CHANGE": episode["reason_placement_changed"] if ended else None,
        "HOME_POST": episode["home_postcode"],
        "PL_POST": episode["placement_postcode"],
        "URN": episode["provider_urn"],
    }


def placement_code(year: CollectionYear, code: str) -> str:
    for last_year, earlier in EARLIER_PLACEMENT_CODES:
        if year.ends <= last_year:
            code = earlier.get(code, code)
    return code


def _add_previous_permanence(
    built: Return, episodes: dict[int, list[Row]], people: dict[int, Row], legacy: dict[int, str]
) -> None:
    for person_id, theirs in episodes.items():
        if any(
            e["reason_new_episode"] == STARTED_TO_BE_LOOKED_AFTER and e["started"] in built.year
            for e in theirs
        ):
            built.tables["previous_permanence"].append(
                {
                    "CHILD": child_identifier(person_id, legacy),
                    "DOB": people[person_id]["date_of_birth"],
                    "PREV_PERM": NO_PREVIOUS_PERMANENCE,
                }
            )


def _add_outcomes(
    built: Return, episodes: dict[int, list[Row]], people: dict[int, Row], legacy: dict[int, str]
) -> None:
    """OC2: the children looked after for the whole year, with their outcomes for 31 March.

    Dental checks and health assessments come from the child's health checks in the year; a
    child with no outcomes recorded is still listed, with those answers empty, for the DfE's
    rules to point at.
    """
    year = built.year
    cohort = [
        person_id
        for person_id, theirs in episodes.items()
        if looked_after_all_year([SimpleNamespace(**e) for e in theirs], year.start, year.end)
    ]
    recorded = {
        row["person_id"]: row
        for row in _in_batches(
            cohort, lambda ids: CareOutcomes.objects.filter(person_id__in=ids, year_ending=year.end).values()
        )
    }
    checks: dict[int, set[str]] = defaultdict(set)
    for person_id, kind in _in_batches(
        cohort,
        lambda ids: HealthCheck.objects.filter(
            person_id__in=ids, held_on__range=(year.start, year.end)
        ).values_list("person_id", "kind"),
    ):
        checks[person_id].add(kind)
    for person_id in sorted(cohort):
        outcomes = recorded.get(person_id)
        built.tables["oc2"].append(
            {
                "CHILD": child_identifier(person_id, legacy),
                "DOB": people[person_id]["date_of_birth"],
                "TEETH_CHECK": _yes_no(HealthCheckKind.DENTAL in checks[person_id]),
                "HEALTH_ASSESSMENT": _yes_no(
                    bool(checks[person_id] & {HealthCheckKind.INITIAL, HealthCheckKind.REVIEW})
                ),
                **(_outcome_columns(outcomes) if outcomes else {}),
                **(_as_migrated(outcomes) if outcomes else {}),
            }
        )


def _outcome_columns(outcomes: Row) -> Row:
    return {
        "SDQ_SCORE": outcomes["sdq_score"],
        "SDQ_REASON": outcomes["sdq_reason"],
        "CONVICTED": _yes_no(outcomes["convicted"]),
        "HEALTH_CHECK": _yes_no(outcomes["health_surveillance_up_to_date"]),
        "IMMUNISATIONS": _yes_no(outcomes["immunisations_up_to_date"]),
        "SUBSTANCE_MISUSE": _yes_no(outcomes["substance_misuse"]),
        "INTERVENTION_RECEIVED": _yes_no(outcomes["intervention_received"]),
        "INTERVENTION_OFFERED": _yes_no(outcomes["intervention_offered"]),
    }


def _as_migrated(outcomes: Row) -> Row:
    """What a previous system's return said about the checks, where no dated check says it."""
    found = {"TEETH_CHECK": outcomes["teeth_checked"], "HEALTH_ASSESSMENT": outcomes["health_assessed"]}
    return {column: _yes_no(answer) for column, answer in found.items() if answer is not None}


def _yes_no(answer: bool | None) -> str | None:
    return None if answer is None else ("1" if answer else "0")


# --- Reviews, missing episodes, social workers ------------------------------------------------------------


def _add_reviews(
    built: Return, episodes: dict[int, list[Row]], people: dict[int, Row], legacy: dict[int, str]
) -> None:
    year = built.year
    rows = _in_batches(
        sorted(episodes),
        lambda ids: (
            LookedAfterReview.objects.filter(person_id__in=ids, held_on__range=(year.start, year.end))
            .order_by("person_id", "held_on")
            .values_list("person_id", "held_on", "participation")
        ),
    )
    for person_id, held_on, participation in rows:
        if _legal_status_on(episodes[person_id], held_on) in SHORT_BREAKS:
            continue
        built.tables["reviews"].append(
            {
                "CHILD": child_identifier(person_id, legacy),
                "DOB": people[person_id]["date_of_birth"],
                "REVIEW": held_on,
                "REVIEW_CODE": participation,
            }
        )


def _legal_status_on(episodes: list[Row], day: date) -> str | None:
    for episode in episodes:
        if episode["started"] <= day and (episode["ended"] is None or episode["ended"] >= day):
            return str(episode["legal_status"])
    return None


def _add_missing(
    built: Return, episodes: dict[int, list[Row]], people: dict[int, Row], legacy: dict[int, str]
) -> None:
    year = built.year
    rows = _in_batches(
        sorted(episodes),
        lambda ids: (
            MissingEpisode.objects.filter(person_id__in=ids, went_missing__date__lte=year.end)
            .filter(Q(returned__isnull=True) | Q(returned__date__gte=year.start))
            .order_by("person_id", "went_missing")
            .values_list("person_id", "kind", "went_missing", "returned")
        ),
    )
    for person_id, kind, went_missing, returned in rows:
        went = timezone.localdate(went_missing)
        if _legal_status_on(episodes[person_id], went) is None:
            continue  # the return counts going missing from a placement, while looked after
        came_back = timezone.localdate(returned) if returned else None
        built.tables["missing"].append(
            {
                "CHILD": child_identifier(person_id, legacy),
                "DOB": people[person_id]["date_of_birth"],
                "MISSING": kind,
                "MIS_START": went,
                "MIS_END": came_back if came_back and came_back <= year.end else None,
            }
        )


def _add_social_workers(
    built: Return, episodes: dict[int, list[Row]], people: dict[int, Row], legacy: dict[int, str]
) -> None:
    """Each child's social workers in the year (SWEpisodes, from 2023/24).

    A social worker episode ends only when another social worker takes over: the DfE's rules
    expect every child's latest episode to be open (SW17) and each to end within a week of the
    next one's start (SW10, SW11b). So an episode ends the day the next social worker started,
    and the worker the child had when they left care or the case closed stays open.
    """
    year = built.year
    rows = _in_batches(
        sorted(episodes),
        lambda ids: (
            Allocation.objects.filter(
                person_id__in=ids, service=Service.SOCIAL_CARE, worker__isnull=False, started__lte=year.end
            )
            .order_by("person_id", "started", "pk")
            .values_list("person_id", "worker_id", "worker__social_worker_id", "started", "change_reason")
        ),
    )
    by_child: dict[int, list[tuple[str, date, str]]] = defaultdict(list)
    for person_id, worker_id, known_as, started, change_reason in rows:
        by_child[person_id].append((known_as or social_worker_id(worker_id), started, change_reason))
    for person_id, workers in by_child.items():
        for number, (worker, started, change_reason) in enumerate(workers):
            last = number == len(workers) - 1
            handed_over = None if last else workers[number + 1][1]
            if handed_over is not None and handed_over < year.start:
                continue
            built.tables["sw_episodes"].append(
                {
                    "CHILD": child_identifier(person_id, legacy),
                    "DOB": people[person_id]["date_of_birth"],
                    "SW_ID": worker,
                    "SW_DECOM": started,
                    "SW_DEC": handed_over if handed_over and handed_over <= year.end else None,
                    "SW_REASON": change_reason or (FIRST_SOCIAL_WORKER if number == 0 else OTHER_REASON),
                }
            )


def social_worker_id(worker_id: int) -> str:
    """A worker with no Social Work England number recorded: XX and their Continuum id, at least six
    digits (rule SW02 in 2025/26 asks for four characters or more)."""
    return f"XX{worker_id:06d}"


# --- Small helpers ---------------------------------------------------------------------------------------


def _in_batches(ids: Iterable[int], query: Any, size: int = 900) -> Iterator[Any]:
    """Run `query(ids)` over the ids in batches (SQLite allows so many parameters in a query)."""
    ids = list(ids)
    for start in range(0, len(ids), size):
        yield from query(ids[start : start + size])


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)
