"""Annex A list 8, children in care: each child's episodes as periods of care, and what happened in
them (reviews, visits, health checks, placements, missing episodes)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from itertools import groupby
from operator import itemgetter
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from continuum.socialcare.catalogue import HealthCheckKind, MissingReturnInterview, VisitKind
from continuum.socialcare.models import CareEpisode, HealthCheck, LookedAfterReview, MissingEpisode, Visit
from continuum.socialcare.models.care import NEW_EPISODE_SAME_DAY, NEW_PLACEMENT, STARTED_TO_BE_LOOKED_AFTER
from continuum.statutory import codes
from continuum.statutory.periods import Period
from continuum.statutory.ssda903_codes import SHORT_BREAK_LEGAL_STATUSES
from continuum.statutory.timescales import ENGLAND, add_months

from .common import (
    ALLOCATED,
    COUNTED_MONTHS,
    DISABILITY,
    NO,
    SOCIAL_CARE,
    UNKNOWN,
    YES,
    AnnexList,
    Cell,
    Window,
    _annex_list,
    _asylum_seeking,
    _Child,
    _child,
    _child_fields,
    _coded,
    _disability,
    _of_people,
    _overlapping,
    _yes_no,
)

# Reviews the child attended (SSDA903 review participation): the IRO chairs every review, so these
# are the IRO's contact with the child that Continuum records.
CHILD_ATTENDED = ("PN1", "PN2", "PN3", "PN4")
HEALTH_ASSESSMENTS = (HealthCheckKind.INITIAL, HealthCheckKind.REVIEW)
MISSING, ABSENT = "M", "A"
RETURN_INTERVIEW_OFFERED = (
    MissingReturnInterview.OFFERED,
    MissingReturnInterview.HELD,
    MissingReturnInterview.DECLINED,
)


# --- List 8: children in care ---------------------------------------------------------------------

CARE_COLUMNS = (
    "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)",
    DISABILITY,
    "Date Started to be Looked After",
    "Child's Category of Need",
    "Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)",
    "Start date of current legal status",
    "Child's Legal Status",
    "Date of Latest Statutory Review",
    "Date of Last Social Work Visit",
    "What is the permanence plan for this child?",
    "Date of Last IRO Visit / Contact to the Child",
    "Date of Last Health Assessment",
    "Date of Last Dental Check",
    "Number of Placements in the Last 12 months",
    "Date Ceased to be Looked After",
    "Reason Ceased to be Looked After",
    "Start Date of Most Recent Placement",
    "Placement Type",
    "Placement Provider",
    "Placement postcode",
    "URN of Placement",
    "Placement Location",
    "LA of Placement",
    "Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months",
    "Number of Episodes the Child has been 'Absent' from their Placement in the last 12 months",
    "Was the child offered a Return Interview after their last missing episode (Y/N)?",
    "Did the child accept a Return Interview after their last missing episode (Y/N)?",
    *ALLOCATED,
)
_EPISODE_FIELDS = (
    "started",
    "ended",
    "reason_new_episode",
    "reason_ended",
    "legal_status",
    "category_of_need",
    "placement_type",
    "placement_provider",
    "placement_postcode",
    "provider_urn",
)


@dataclass
class _PeriodOfCare:
    """A run of a child's episodes from starting to be looked after to leaving care, as at the date."""

    episodes: list[dict[str, Any]]
    ended: date | None = None  # when care ended, if by the date

    @property
    def started(self) -> date:
        return self.episodes[0]["started"]  # type: ignore[no-any-return]

    @property
    def latest(self) -> dict[str, Any]:
        return self.episodes[-1]

    def until(self, window: Window) -> date:
        return self.ended or window.on

    def overlaps(self, period: Period) -> bool:
        return self.started <= period.end and (self.ended is None or self.ended >= period.start)

    @property
    def short_breaks_only(self) -> bool:
        return all(episode["legal_status"] in SHORT_BREAK_LEGAL_STATUSES for episode in self.episodes)


def children_in_care(window: Window) -> AnnexList:
    """Every child looked after on the date or who left care in the six months, one row per period of care.

    Children looked after only under an agreed series of short breaks (V3, V4) are left out, as
    they are from the DfE's count of children looked after.
    """
    in_care = _overlapping(CareEpisode.objects.all(), window).values("person")
    episodes = (
        _of_people(CareEpisode.objects.filter(person__in=in_care, started__lte=window.on), "person")
        .values(*_child_fields("person"), *_EPISODE_FIELDS)
        .order_by("person", "started", "pk")
    )
    history = _CareHistory(window, in_care)
    found: list[tuple[date, _Child, list[Cell]]] = []
    for _, child_episodes in groupby(episodes.iterator(), key=itemgetter("person")):
        periods = _periods_of_care(list(child_episodes), window)
        for period in periods:
            if period.overlaps(window.period) and not period.short_breaks_only:
                child = _child(period.latest, "person")
                found.append((period.started, child, _care_cells(window, period, periods, history)))
    found.sort(key=lambda each: (each[0], each[1].person))
    return _annex_list(
        8,
        "Children in care",
        "every child looked after on the date or who left care in the six months, one row per period of "
        "care (short breaks alone left out)",
        CARE_COLUMNS,
        window,
        ((child, cells) for _, child, cells in found),
    )


def _periods_of_care(episodes: list[dict[str, Any]], window: Window) -> list[_PeriodOfCare]:
    """A child's episodes (in date order) as periods of care: a new one starts with reason S, or
    whenever the episode before did not run on into it the same day (X1)."""
    periods: list[_PeriodOfCare] = []
    for episode in episodes:
        previous = periods[-1].latest if periods else None
        runs_on = (
            previous is not None
            and previous["reason_ended"] == NEW_EPISODE_SAME_DAY
            and previous["ended"] == episode["started"]
        )
        if episode["reason_new_episode"] == STARTED_TO_BE_LOOKED_AFTER or not runs_on:
            periods.append(_PeriodOfCare([episode]))
        else:
            periods[-1].episodes.append(episode)
    for period in periods:
        period.ended = window.by_then(period.latest["ended"])
    return periods


def _care_cells(
    window: Window, period: _PeriodOfCare, periods: list[_PeriodOfCare], history: _CareHistory
) -> list[Cell]:
    latest, person = period.latest, period.latest["person"]
    until = period.until(window)
    missing = history.missing_between(person, max(period.started, window.year.start), until)
    return [
        _yes_no(person in history.asylum_seeking),
        _disability(latest["person__disabilities"]),
        period.started,
        _coded(codes.CATEGORY_OF_NEED, latest["category_of_need"]),
        _yes_no(_follows_care_within_a_year(period, periods)),
        _legal_status_since(period),
        _coded(codes.LEGAL_STATUS, latest["legal_status"]),
        history.latest(history.reviews, person, period.started, until),
        history.latest(history.visits, person, period.started, until),
        None,  # Continuum does not record a permanence plan yet
        history.latest(history.attended_reviews, person, period.started, until),
        history.latest(history.health_assessments, person, None, until),
        history.latest(history.dental_checks, person, None, until),
        _placements_in(window.year, periods),
        period.ended,
        _coded(codes.REASON_EPISODE_CEASED, latest["reason_ended"]) if period.ended else None,
        _placements(period)[-1][0],
        _coded(codes.PLACEMENT_TYPE, latest["placement_type"]),
        _coded(codes.PLACEMENT_PROVIDER, latest["placement_provider"]),
        latest["placement_postcode"] or None,
        latest["provider_urn"] or None,
        None,  # in or out of the area: Continuum does not hold the council's boundary
        None,  # nor which council a placement is in
        sum(1 for episode in missing if episode.kind == MISSING),
        sum(1 for episode in missing if episode.kind == ABSENT),
        *_return_interview(history.missing_between(person, period.started, until)),
        *window.allocated(person, SOCIAL_CARE),
    ]


def _follows_care_within_a_year(period: _PeriodOfCare, periods: list[_PeriodOfCare]) -> bool:
    """Whether an earlier period of care ended in the 12 months before this one started."""
    year_before = add_months(period.started, -COUNTED_MONTHS)
    return any(
        earlier.ended is not None and year_before <= earlier.ended <= period.started
        for earlier in periods
        if earlier is not period and earlier.started < period.started
    )


def _legal_status_since(period: _PeriodOfCare) -> date:
    """When the current legal status began: the first of the episodes at the end with the same status."""
    status = period.latest["legal_status"]
    since = period.latest["started"]
    for episode in reversed(period.episodes):
        if episode["legal_status"] != status:
            break
        since = episode["started"]
    return since  # type: ignore[no-any-return]


def _placements(period: _PeriodOfCare) -> list[tuple[date, date | None]]:
    """Each placement in the period (from an episode that moved the child to the next that did),
    with its end, or None while it goes on."""
    starts = [
        n for n, episode in enumerate(period.episodes) if episode["reason_new_episode"] in NEW_PLACEMENT
    ]
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    placements: list[tuple[date, date | None]] = []
    for n, first in enumerate(starts):
        last = starts[n + 1] - 1 if n + 1 < len(starts) else len(period.episodes) - 1
        ended = period.ended if last == len(period.episodes) - 1 else period.episodes[last]["ended"]
        placements.append((period.episodes[first]["started"], ended))
    return placements


def _placements_in(year: Period, periods: list[_PeriodOfCare]) -> int:
    return sum(
        1
        for period in periods
        for started, ended in _placements(period)
        if started <= year.end and (ended is None or ended >= year.start)
    )


@dataclass(frozen=True)
class _Missing:
    kind: str
    day: date
    returned: bool
    return_interview: str


def _return_interview(missing: list[_Missing]) -> list[Cell]:
    """Whether a return interview was offered and accepted after the last time the child went missing."""
    last = next((each for each in reversed(missing) if each.kind == MISSING), None)
    if last is None or not last.returned:
        return [None, None]
    offered = last.return_interview in RETURN_INTERVIEW_OFFERED
    return [_yes_no(offered), INTERVIEW_ACCEPTED.get(last.return_interview)]


INTERVIEW_ACCEPTED: dict[str, str] = {
    MissingReturnInterview.HELD: YES,
    MissingReturnInterview.DECLINED: NO,
    MissingReturnInterview.OFFERED: UNKNOWN,  # offered, not yet held
}


class _CareHistory:
    """What happened to the children in list 8 up to the date, each child's in date order."""

    def __init__(self, window: Window, people: QuerySet[Any]) -> None:
        on = window.on
        reviews = LookedAfterReview.objects.filter(person__in=people, held_on__lte=on).order_by("held_on")
        self.reviews = _dates_by_child(reviews.values_list("person", "held_on"))
        self.attended_reviews = _dates_by_child(
            reviews.filter(participation__in=CHILD_ATTENDED).values_list("person", "held_on")
        )
        visits = Visit.objects.filter(person__in=people, kind=VisitKind.LOOKED_AFTER, visited_on__lte=on)
        self.visits = _dates_by_child(visits.order_by("visited_on").values_list("person", "visited_on"))
        checks = HealthCheck.objects.filter(person__in=people, held_on__lte=on).order_by("held_on")
        self.health_assessments = _dates_by_child(
            checks.filter(kind__in=HEALTH_ASSESSMENTS).values_list("person", "held_on")
        )
        self.dental_checks = _dates_by_child(
            checks.filter(kind=HealthCheckKind.DENTAL).values_list("person", "held_on")
        )
        self.missing = self._missing(window, people)
        self.asylum_seeking = _asylum_seeking(window, people)

    @staticmethod
    def latest(dates: dict[int, list[date]], person: int, since: date | None, until: date) -> date | None:
        return next(
            (
                day
                for day in reversed(dates.get(person, []))
                if day <= until and (since is None or day >= since)
            ),
            None,
        )

    def missing_between(self, person: int, since: date, until: date) -> list[_Missing]:
        return [each for each in self.missing.get(person, []) if since <= each.day <= until]

    @staticmethod
    def _missing(window: Window, people: QuerySet[Any]) -> dict[int, list[_Missing]]:
        found: dict[int, list[_Missing]] = defaultdict(list)
        episodes = MissingEpisode.objects.filter(
            person__in=people, went_missing__lt=window.period.ends_before
        )
        rows = episodes.order_by("went_missing").values_list(
            "person", "kind", "went_missing", "returned", "return_interview"
        )
        for person, kind, went_missing, returned, interview in rows.iterator():
            came_back = returned is not None and returned < window.period.ends_before
            day = timezone.localtime(went_missing, ENGLAND).date()
            found[person].append(_Missing(kind, day, came_back, interview if came_back else ""))
        return found


def _dates_by_child(rows: Iterable[tuple[int, date]]) -> dict[int, list[date]]:
    found: dict[int, list[date]] = defaultdict(list)
    for person, day in rows:
        found[person].append(day)
    return found
