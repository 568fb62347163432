"""Statutory clocks: what is due next on each open step of a child's journey, and when.

Every date is worked out afresh from the records (a referral date, the last visit, the last
review), never kept as a counter, so correcting a date moves the clock with it. The lengths come
from the timescale catalogue (`continuum.statutory.timescales`), whose counting conventions apply:
working days exclude England bank holidays and do not count the start day; months land on the
same day of the month or the last day of a shorter month. Visits are the exception: the child's
plan sets how often they are seen, so their interval comes from the plan.

`due_for(person_ids, today)` gives everything due for a set of children with a fixed number of
queries, however many children there are: each clock reads its records for all of them at once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone

from continuum.earlyhelp.models import EarlyHelpEpisode, TeamAroundFamilyMeeting
from continuum.people.models import Person
from continuum.socialcare.catalogue import (
    ConferenceKind,
    HealthCheckKind,
    MissingReturnInterview,
    Section47Outcome,
    VisitKind,
)
from continuum.socialcare.models import (
    Assessment,
    CareEpisode,
    CareLeaver,
    ChildInNeedPlan,
    ChildInNeedReview,
    ChildProtectionConference,
    ChildProtectionPlan,
    CoreGroupMeeting,
    HealthCheck,
    LookedAfterReview,
    MissingEpisode,
    PathwayPlan,
    PersonalEducationPlan,
    Referral,
    Section47Enquiry,
    StrategyDiscussion,
    Visit,
)
from continuum.socialcare.models.care import NEW_PLACEMENT, period_start
from continuum.statutory import timescales
from continuum.statutory.calendar import add_working_days, working_days_between
from continuum.statutory.timescales import add_months, england_date

# "Due soon" is what a worker can still fit into the coming week.
SOON_WORKING_DAYS = 5


class DueState(StrEnum):
    OVERDUE = "overdue"
    TODAY = "today"
    SOON = "soon"
    LATER = "later"


@dataclass(frozen=True)
class Due:
    """One thing due for one child: what, by when, under which rule, and the record it belongs to.

    `timescale_id` names the catalogue entry; it is None for a visit, whose interval the child's
    plan sets. `due` is a date (the end of that day) or, for a timescale in hours, a datetime.
    """

    person_id: int
    what: str
    timescale_id: str | None
    due: date | datetime
    record: models.Model
    rule: str

    @property
    def due_day(self) -> date:
        return england_date(self.due)

    @property
    def has_time(self) -> bool:
        return isinstance(self.due, datetime)

    def state(self, today: date, now: datetime | None = None) -> DueState:
        """Overdue, due today, due within 5 working days, or later, as things stand on `today`.

        A date is overdue from the day after it; a time (a return home interview) is overdue from
        that moment when `now` is given.
        """
        if isinstance(self.due, datetime) and now is not None and now >= self.due:
            return DueState.OVERDUE
        if self.due_day < today:
            return DueState.OVERDUE
        if self.due_day == today:
            return DueState.TODAY
        if working_days_between(today, self.due_day) <= SOON_WORKING_DAYS:
            return DueState.SOON
        return DueState.LATER

    def working_days_overdue(self, today: date) -> int:
        """Working days since the due day, up to today: 0 when not yet overdue by a whole day."""
        return working_days_between(self.due_day, today)

    def sort_key(self) -> tuple[date, float, int, str]:
        # A date is due by the end of its day, so on the same day it comes after any timed item.
        moment = self.due.timestamp() if isinstance(self.due, datetime) else float("inf")
        return (self.due_day, moment, self.person_id, self.what)


def _due(
    person_id: int, timescale_id: str, start: date | datetime, record: models.Model, what: str = ""
) -> Due:
    """A Due counted from `start` by a catalogue timescale."""
    timescale = timescales.get(timescale_id)
    return Due(person_id, what or timescale.name, timescale_id, timescale.due(start), record, str(timescale))


# --- Assessment and child protection ---------------------------------------------------------


def assessments_due(person_ids: Collection[int], today: date) -> list[Due]:
    """An assessment is due 45 working days from the referral until a manager authorises it."""
    open_assessments = Assessment.objects.filter(
        referral__person_id__in=person_ids, referral__closed__isnull=True, authorised__isnull=True
    ).select_related("referral")
    # A referral waiting for its assessment to start is on the same clock: it runs from the
    # referral. A referral that already has a plan was assessed before it came here (a transfer
    # in, or a record migrated without its assessment), so nothing is due for it.
    not_started = Referral.objects.filter(
        person_id__in=person_ids,
        closed__isnull=True,
        no_further_action=False,
        assessments__isnull=True,
        cin_plans__isnull=True,
        cp_plans__isnull=True,
    ).distinct()
    return [
        _due(assessment.referral.person_id, "assessment", assessment.referral.referral_date, assessment)
        for assessment in open_assessments
    ] + [_due(referral.person_id, "assessment", referral.referral_date, referral) for referral in not_started]


def initial_conferences_due(person_ids: Collection[int], today: date) -> list[Due]:
    """An initial conference is due 15 working days from the last strategy discussion.

    The clock runs for an enquiry still open, or finished with the decision to confer, that has no
    initial conference yet. It counts from the latest discussion in the referral held on or before
    the enquiry started (a further discussion that preceded it restarts the clock; one held after
    it does not push the conference back).
    """
    latest_discussion = (
        StrategyDiscussion.objects.filter(referral=OuterRef("referral"), held_on__lte=OuterRef("started"))
        .order_by("-held_on")
        .values("held_on")[:1]
    )
    held = ChildProtectionConference.objects.filter(section_47=OuterRef("pk"), kind=ConferenceKind.INITIAL)
    enquiries = (
        Section47Enquiry.objects.filter(referral__person_id__in=person_ids, referral__closed__isnull=True)
        .filter(Q(completed__isnull=True) | Q(outcome=Section47Outcome.INITIAL_CONFERENCE))
        .exclude(Exists(held))
        .annotate(last_discussion=Subquery(latest_discussion))
        .select_related("referral")
    )
    return [
        _due(enquiry.referral.person_id, "initial_conference", enquiry.last_discussion, enquiry)
        for enquiry in enquiries
        if enquiry.last_discussion is not None
    ]


def _open_cp_plans(person_ids: Collection[int]) -> models.QuerySet[ChildProtectionPlan]:
    return ChildProtectionPlan.objects.filter(
        referral__person_id__in=person_ids, ended__isnull=True
    ).select_related("referral")


def first_core_groups_due(person_ids: Collection[int], today: date) -> list[Due]:
    """The first core group meets within 10 working days of the initial conference (the plan's start)."""
    met = CoreGroupMeeting.objects.filter(plan=OuterRef("pk"))
    plans = _open_cp_plans(person_ids).exclude(Exists(met))
    return [_due(plan.referral.person_id, "core_group_first", plan.started, plan) for plan in plans]


def review_conferences_due(person_ids: Collection[int], today: date) -> list[Due]:
    """The first review conference is 3 months from the initial one; later ones 6 months apart."""
    last_review = (
        ChildProtectionConference.objects.filter(plan=OuterRef("pk"), kind=ConferenceKind.REVIEW)
        .order_by("-held_on")
        .values("held_on")[:1]
    )
    plans = _open_cp_plans(person_ids).annotate(last_review=Subquery(last_review))
    found = []
    for plan in plans:
        if plan.last_review is None:
            found.append(_due(plan.referral.person_id, "cp_review_first", plan.started, plan))
        else:
            found.append(_due(plan.referral.person_id, "cp_review_subsequent", plan.last_review, plan))
    return found


def cin_plan_reviews_due(person_ids: Collection[int], today: date) -> list[Due]:
    """A child in need plan is reviewed 3 months from its start, then 3 months from each review."""
    last_review = (
        ChildInNeedReview.objects.filter(plan=OuterRef("pk")).order_by("-held_on").values("held_on")[:1]
    )
    plans = (
        ChildInNeedPlan.objects.filter(referral__person_id__in=person_ids, ended__isnull=True)
        .annotate(last_review=Subquery(last_review))
        .select_related("referral")
    )
    return [
        _due(plan.referral.person_id, "cin_plan_review", plan.last_review or plan.started, plan)
        for plan in plans
    ]


def _last_seen_since_plan_start(kind: VisitKind) -> Subquery:
    # A visit where the child was not seen does not count: the plan is to see the child.
    visits = Visit.objects.filter(
        person_id=OuterRef("referral__person_id"),
        kind=kind,
        child_seen=True,
        visited_on__gte=OuterRef("started"),
    )
    return Subquery(visits.order_by("-visited_on").values("visited_on")[:1])


def _plan_visit(plan: ChildInNeedPlan | ChildProtectionPlan, last_seen: date | None, what: str) -> Due:
    every = plan.visit_every_working_days
    start = last_seen or plan.started
    rule = (
        f"every {every} working days, as the plan sets, from when the child was last seen or the plan began"
    )
    return Due(plan.referral.person_id, what, None, add_working_days(start, every), plan, rule)


def cin_visits_due(person_ids: Collection[int], today: date) -> list[Due]:
    """The next child in need visit: the plan's interval from the last time the child was seen."""
    plans = (
        ChildInNeedPlan.objects.filter(referral__person_id__in=person_ids, ended__isnull=True)
        .annotate(last_seen=Subquery(_last_seen_since_plan_start(VisitKind.CHILD_IN_NEED)))
        .select_related("referral")
    )
    return [_plan_visit(plan, plan.last_seen, "Child in need visit") for plan in plans]


def cp_visits_due(person_ids: Collection[int], today: date) -> list[Due]:
    """The next child protection visit: the plan's interval from the last time the child was seen."""
    plans = _open_cp_plans(person_ids).annotate(
        last_seen=Subquery(_last_seen_since_plan_start(VisitKind.CHILD_PROTECTION))
    )
    return [_plan_visit(plan, plan.last_seen, "Child protection visit") for plan in plans]


# --- Looked-after children -------------------------------------------------------------------


@dataclass(frozen=True)
class PeriodOfCare:
    """A child's current period of care: when it began, their open episode and current placement."""

    person: Person
    episode: CareEpisode
    started: date
    placement_started: date


def periods_of_care(person_ids: Collection[int], today: date) -> list[PeriodOfCare]:
    """The current period of care of each child who is looked after now (one query)."""
    by_person: dict[int, list[CareEpisode]] = defaultdict(list)
    for episode in CareEpisode.objects.filter(person_id__in=person_ids).select_related("person"):
        by_person[episode.person_id].append(episode)
    periods = []
    for episodes in by_person.values():
        current = next((episode for episode in episodes if episode.is_open), None)
        if current is None:
            continue
        started = period_start(episodes, current.started) or current.started
        periods.append(PeriodOfCare(current.person, current, started, _placement_start(episodes, started)))
    return periods


def _placement_start(episodes: list[CareEpisode], period_started: date) -> date:
    # A change of legal status alone (reason L) keeps the child where they are; every other
    # reason for a new episode is a new placement, which restarts the visiting clock.
    in_period = [episode for episode in episodes if episode.started >= period_started]
    moves = [episode.started for episode in in_period if episode.reason_new_episode in NEW_PLACEMENT]
    return max(moves, default=period_started)


def _dates_since(
    model: type[models.Model], periods: list[PeriodOfCare], date_field: str, **filters: object
) -> dict[int, list[date]]:
    """Each looked-after child's dates of `model` records on or after their period began, in order."""
    starts = {period.person.pk: period.started for period in periods}
    rows = model._default_manager.filter(
        person_id__in=starts, **{f"{date_field}__gte": min(starts.values())}, **filters
    ).values_list("person_id", date_field)
    found: dict[int, list[date]] = defaultdict(list)
    for person_id, day in rows:
        if day >= starts[person_id]:
            found[person_id].append(day)
    return {person_id: sorted(days) for person_id, days in found.items()}


def looked_after_reviews_due(periods: list[PeriodOfCare]) -> list[Due]:
    """Reviews: 20 working days after the child becomes looked after, 3 months on, then 6-monthly."""
    if not periods:
        return []
    reviews = _dates_since(LookedAfterReview, periods, "held_on")
    found = []
    for period in periods:
        held = reviews.get(period.person.pk, [])
        if not held:
            found.append(_due(period.person.pk, "cla_review_first", period.started, period.episode))
        elif len(held) == 1:
            found.append(_due(period.person.pk, "cla_review_second", held[0], period.episode))
        else:
            found.append(_due(period.person.pk, "cla_review_subsequent", held[-1], period.episode))
    return found


def looked_after_visits_due(periods: list[PeriodOfCare]) -> list[Due]:
    """Visits: within a week of a new placement, then 6-weekly in its first year, then 3-monthly.

    The interval after a visit depends on when that visit fell: one in the placement's first
    year is followed within 6 weeks, even if the next falls after the first anniversary.
    """
    if not periods:
        return []
    visits = _dates_since(Visit, periods, "visited_on", kind=VisitKind.LOOKED_AFTER, child_seen=True)
    found = []
    for period in periods:
        seen = [day for day in visits.get(period.person.pk, []) if day >= period.placement_started]
        if not seen:
            timescale_id, start = "cla_visit_placement_start", period.placement_started
        elif seen[-1] < add_months(period.placement_started, 12):
            timescale_id, start = "cla_visit_first_year", seen[-1]
        else:
            timescale_id, start = "cla_visit_after_first_year", seen[-1]
        found.append(_due(period.person.pk, timescale_id, start, period.episode))
    return found


def _health_checks(periods: list[PeriodOfCare]) -> dict[int, list[tuple[date, str]]]:
    starts = {period.person.pk: period.started for period in periods}
    rows = HealthCheck.objects.filter(person_id__in=starts, held_on__gte=min(starts.values()))
    found: dict[int, list[tuple[date, str]]] = defaultdict(list)
    for person_id, held_on, kind in rows.values_list("person_id", "held_on", "kind"):
        if held_on >= starts[person_id]:
            found[person_id].append((held_on, kind))
    return {person_id: sorted(checks) for person_id, checks in found.items()}


def health_assessments_due(periods: list[PeriodOfCare]) -> list[Due]:
    """The initial health assessment (20 working days), then reviews: 6-monthly under 5, yearly from 5.

    The interval follows the child's age at their last assessment. A child whose date of birth is
    not recorded gets the shorter interval, so that a review is never missed for want of a date.
    """
    if not periods:
        return []
    checks = _health_checks(periods)
    found = []
    for period in periods:
        held = [day for day, kind in checks.get(period.person.pk, []) if kind != HealthCheckKind.DENTAL]
        had_initial = any(kind == HealthCheckKind.INITIAL for _, kind in checks.get(period.person.pk, []))
        if not had_initial:
            found.append(_due(period.person.pk, "initial_health_assessment", period.started, period.episode))
            continue
        age = period.person.age_on(held[-1])
        timescale_id = (
            "health_review_five_and_over" if age is not None and age >= 5 else "health_review_under_five"
        )
        found.append(_due(period.person.pk, timescale_id, held[-1], period.episode, "Health review"))
    return found


def dental_checks_due(periods: list[PeriodOfCare]) -> list[Due]:
    """A dental check 12 months from the last one, or from when the child became looked after."""
    if not periods:
        return []
    checks = _health_checks(periods)
    found = []
    for period in periods:
        dental = [day for day, kind in checks.get(period.person.pk, []) if kind == HealthCheckKind.DENTAL]
        start = dental[-1] if dental else period.started
        found.append(_due(period.person.pk, "dental_check", start, period.episode))
    return found


# Compulsory school age runs from the term after a child turns 5 to the end of the school year in
# which they turn 16; whole years of age are a close, slightly generous stand-in for it.
SCHOOL_AGES = range(5, 17)


def education_plans_due(periods: list[PeriodOfCare], today: date) -> list[Due]:
    """A personal education plan for a looked-after child of school age: a first one, then reviews."""
    of_school_age = [period for period in periods if _of_school_age(period.person, today)]
    if not of_school_age:
        return []
    plans = _dates_since(PersonalEducationPlan, of_school_age, "held_on")
    found = []
    for period in of_school_age:
        held = plans.get(period.person.pk, [])
        if held:
            found.append(_due(period.person.pk, "personal_education_plan_review", held[-1], period.episode))
        else:
            found.append(
                _due(period.person.pk, "personal_education_plan_first", period.started, period.episode)
            )
    return found


def _of_school_age(person: Person, today: date) -> bool:
    # Without a date of birth the plan is shown: better asked about than missed.
    age = person.age_on(today)
    return age is None or age in SCHOOL_AGES


def looked_after_due(person_ids: Collection[int], today: date) -> list[Due]:
    """Every looked-after clock, reading each child's period of care once."""
    periods = periods_of_care(person_ids, today)
    return [
        *looked_after_reviews_due(periods),
        *looked_after_visits_due(periods),
        *health_assessments_due(periods),
        *dental_checks_due(periods),
        *education_plans_due(periods, today),
    ]


# --- Missing children, care leavers, early help ----------------------------------------------


def return_home_interviews_due(person_ids: Collection[int], today: date) -> list[Due]:
    """A return home interview within 72 hours of the child's return, until held or declined."""
    outstanding = MissingEpisode.objects.filter(
        person_id__in=person_ids,
        returned__isnull=False,
        return_interview__in=[MissingReturnInterview.NOT_YET_OFFERED, MissingReturnInterview.OFFERED],
    )
    due = []
    for episode in outstanding:
        assert episode.returned is not None
        due.append(_due(episode.person_id, "return_home_interview", episode.returned, episode))
    return due


def pathway_plans_due(person_ids: Collection[int], today: date) -> list[Due]:
    """A pathway plan is reviewed 6 months after the last plan or review, or after support began."""
    last_plan = (
        PathwayPlan.objects.filter(care_leaver=OuterRef("pk")).order_by("-held_on").values("held_on")[:1]
    )
    care_leavers = CareLeaver.objects.filter(person_id__in=person_ids, ended__isnull=True).annotate(
        last_plan=Subquery(last_plan)
    )
    found = []
    for care_leaver in care_leavers:
        what = "Pathway plan review" if care_leaver.last_plan else "Pathway plan"
        start = care_leaver.last_plan or care_leaver.started
        found.append(_due(care_leaver.person_id, "pathway_plan_review", start, care_leaver, what))
    return found


def team_around_family_reviews_due(person_ids: Collection[int], today: date) -> list[Due]:
    """The next team around the family review: the date the last meeting set, or 6 weeks after it."""
    latest = TeamAroundFamilyMeeting.objects.filter(episode=OuterRef("pk")).order_by("-held_on", "-pk")
    episodes = EarlyHelpEpisode.objects.filter(person_id__in=person_ids, ended__isnull=True).annotate(
        last_meeting=Subquery(latest.values("held_on")[:1]),
        next_review=Subquery(latest.values("next_review")[:1]),
    )
    found = []
    for episode in episodes:
        if episode.next_review is not None:
            found.append(_set_by_the_meeting(episode, episode.next_review))
        elif episode.last_meeting is not None:
            found.append(_due(episode.person_id, "team_around_family_review", episode.last_meeting, episode))
    return found


def _set_by_the_meeting(episode: EarlyHelpEpisode, next_review: date) -> Due:
    timescale = timescales.get("team_around_family_review")
    rule = "the date the last team around the family meeting set"
    return Due(episode.person_id, timescale.name, timescale.id, next_review, episode, rule)


# --- Everything due --------------------------------------------------------------------------

Clock = Callable[[Collection[int], date], list[Due]]

CLOCKS: tuple[Clock, ...] = (
    assessments_due,
    initial_conferences_due,
    first_core_groups_due,
    review_conferences_due,
    cp_visits_due,
    cin_plan_reviews_due,
    cin_visits_due,
    looked_after_due,
    return_home_interviews_due,
    pathway_plans_due,
    team_around_family_reviews_due,
)


def due_for(person_ids: Iterable[int], today: date | None = None) -> list[Due]:
    """Everything due for these children, soonest first, from a fixed number of queries."""
    today = today or timezone.localdate()
    ids = frozenset(person_ids)
    if not ids:
        return []
    found = [due for clock in CLOCKS for due in clock(ids, today)]
    return sorted(found, key=Due.sort_key)


def group_by_state(
    items: Iterable[Due], today: date, now: datetime | None = None
) -> dict[DueState, list[Due]]:
    """Items under each state, in the order a worker acts on them (overdue first)."""
    groups: dict[DueState, list[Due]] = {state: [] for state in DueState}
    for item in items:
        groups[item.state(today, now)].append(item)
    return groups
