"""The area's journeys from April 2016 to the reference day, planned around the front door's year.

In order: the children already on caseloads get the journey that put them there (an assessment
under way, a plan, care, leaving care support, early help); then the care-experienced young
adults get their teenage period of care and leaving care support; then every year before the front
door's is simulated, from a burn-in in 2013 so that 2016 starts with children already on plans
and in care; then the front door's year asks for a journey for each referral and early help
decision as it plans its contacts. `finish` adds care leavers and missing episodes, cuts
everything at the end of the reference day and works out who holds the open work.
"""

from __future__ import annotations

import bisect
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from continuum.earlyhelp.models import EarlyHelpOutcome
from continuum.frontdoor import clocks
from continuum.frontdoor.catalogue import Outcome
from continuum.socialcare.catalogue import (
    AssessmentOutcome,
    ConferenceKind,
    ConferenceOutcome,
    Section47Outcome,
    StrategyDecision,
    VisitKind,
)
from continuum.socialcare.referrals import re_referral_window_start
from continuum.statutory.calendar import is_working_day
from continuum.statutory.timescales import ENGLAND, add_months

from . import journey_calibration as cal
from .journey_care import CareLeaverPlanner, CarePlanner
from .journey_early_help import EarlyHelpPlanner
from .journey_people import FOREVER, Diary, WorkingDays, YoungPeople
from .journey_plans import (
    Journey,
    PlannedAssessment,
    PlannedCareLeaver,
    PlannedCinPlan,
    PlannedConference,
    PlannedCpPlan,
    PlannedEarlyHelpEpisode,
    PlannedEnquiry,
    PlannedMissing,
    YoungPerson,
)
from .journey_snapshot import cut_care_leaver, cut_early_help, cut_journey, cut_missing
from .journeys import ReferralPlanner, days, weighted

QUIET_DAY = 0.35  # referrals on days without a working day (out-of-hours), as the front door
# Sources of referrals in the migrated years: the DfE's national mix, as the front door's.
HISTORY_SOURCES = (
    ("6", 30), ("2A", 18), ("3F", 6), ("3A", 5), ("3B", 4), ("5A", 4), ("5D", 5), ("2B", 2.5), ("4", 3),
    ("7", 5), ("8", 5.5), ("1C", 3), ("1A", 3.5), ("10", 2.5), ("9", 2),
)  # fmt: skip
SOCIAL_CARE_KINDS = ("assessment", "child_in_need", "child_protection", "children_in_care")


@dataclass(frozen=True)
class JourneyStaff:
    """Who does the work: user ids by casework kind, and agencies asked to meetings."""

    workers: dict[str, list[int]]
    agencies: list[int]  # the police first, then health and others


@dataclass
class Allocated:
    """Open work at the end of the reference day, and the kind of team that holds it."""

    person_id: int
    kind: str
    started: date


@dataclass
class Bookings:
    """Referrals the caseloads need in the front door's year: the front door makes a contact for each."""

    by_person_day: dict[tuple[int, date], Journey] = field(default_factory=dict)

    def wanted(self) -> list[tuple[date, int, str]]:
        return sorted(
            (day, person, Outcome.STRATEGY_DISCUSSION if j.enquiries else Outcome.SOCIAL_WORK_ASSESSMENT)
            for (person, day), j in self.by_person_day.items()
        )


class Journeys:
    def __init__(
        self, seed: int, reference_date: date, people: YoungPeople, staff: JourneyStaff, children: int
    ) -> None:
        rng = self.rng = random.Random(f"journeys {seed}")
        self.seed = seed
        self.as_at = reference_date
        self.first_day = re_referral_window_start(reference_date) + timedelta(days=1)
        self.people = people
        self.children = children
        self.staff = staff
        calendar = self.calendar = WorkingDays(
            # From before the care-experienced young adults' periods of care (from 2010).
            date(cal.BURN_IN_FROM.year - 4, 1, 1),
            date(reference_date.year + 20, 12, 31),
        )
        social_workers = (
            staff.workers["assessment"] + staff.workers["child_in_need"] + staff.workers["child_protection"]
        )
        self.care = CarePlanner(rng, calendar)
        self.referrals = ReferralPlanner(
            rng,
            calendar,
            social_workers,
            staff.agencies,
            self.care,
            random.Random(f"re-assessments {seed}"),
        )
        self.early_help = EarlyHelpPlanner(rng, calendar, staff.workers["early_help"], staff.agencies)
        self.leavers = CareLeaverPlanner(rng, staff.workers["leaving_care"])
        self.diary = Diary()
        self.journeys: list[Journey] = []
        self.episodes: list[PlannedEarlyHelpEpisode] = []
        self.care_leavers: list[PlannedCareLeaver] = []
        self.missing: list[PlannedMissing] = []
        self.allocated: list[Allocated] = []
        self.caseload_starts: dict[int, date] = {}  # children already allocated: when their work began
        self.bookings = Bookings()
        self._referred_on: list[date] = []
        self._referred: list[int] = []
        self._last_referred: dict[int, date] = {}

    # Children already on caseloads -----------------------------------------------------------------

    def plan_caseloads(self, caseloads: list[tuple[int, str, int]]) -> None:
        """(person, kind of team, household) for each allocated child: the journey that led there."""
        anchors: dict[tuple[int, str], int] = {}
        for person_id, kind, household in caseloads:
            child = self.people.by_id.get(person_id)
            if child is None or child.born is None:
                continue
            # Brothers and sisters on one caseload came in together.
            offset = anchors.setdefault((household, kind), self.rng.randint(0, 10_000))
            started = self._caseload_journey(child, kind, offset)
            if started is not None:
                self.caseload_starts[person_id] = started

    def _caseload_journey(self, child: YoungPerson, kind: str, offset: int) -> date | None:
        as_at = self.as_at
        age_days = (as_at - child.birthday).days
        if kind == "early_help":
            started = as_at - days(14 + offset % 290)
            episode = self.early_help.plan(child, max(started, child.birthday), FOREVER, stay_open=True)
            self._keep_early_help(episode)
            return episode.started
        if kind == "leaving_care":
            return self._caseload_care_leaver(child)
        if kind == "assessment":
            referred = self.calendar.on_or_after(as_at - days(14 + offset % 50))
            journey = self._journey_at(child, referred)
            self.referrals._assessment(journey, referred, "")
            journey.assessments[-1].authorised = journey.assessments[-1].completed = None
            journey.assessments[-1].outcome = ""
            return self._book_caseload(journey, referred)
        if kind == "child_in_need":
            started = as_at - days(20 + offset % min(400, max(1, age_days - 60)))
            journey = self._assessed(child, started, AssessmentOutcome.CHILD_IN_NEED_PLAN)
            plan = PlannedCinPlan(started, None)
            plan.reviews = _months_after(started, 3, as_at)
            journey.cin_plans.append(plan)
            return self._book_caseload(journey, started)
        if kind == "child_protection":
            return self._caseload_plan(child, offset, age_days)
        started = max(child.birthday, as_at - days(1 + offset % max(1, min(2500, age_days))))
        journey = self._assessed(child, started, AssessmentOutcome.LOOKED_AFTER)
        self.care(journey, started, FOREVER, stay=True)
        self._book_caseload(journey, started)
        return started

    def _journey_at(self, child: YoungPerson, referred: date) -> Journey:
        journey = Journey(
            child, referred, weighted(self.rng, HISTORY_SOURCES), self.rng.choice(self.referrals.workers)
        )
        journey.primary_need = weighted(self.rng, cal.PRIMARY_NEED)
        return journey

    def _assessed(self, child: YoungPerson, decided: date, outcome: str) -> Journey:
        """A referral some weeks before `decided`, and its assessment, authorised that day."""
        rng = self.rng
        referred = max(decided - days(rng.randint(20, 60)), child.birthday - days(150))
        journey = self._journey_at(child, min(referred, decided))
        assessment = PlannedAssessment(journey.referral_date, decided, decided)
        assessment.outcome, assessment.factors = outcome, self.referrals._factors(outcome)
        journey.assessments.append(assessment)
        return journey

    def _caseload_plan(self, child: YoungPerson, offset: int, age_days: int) -> date:
        rng, calendar = self.rng, self.calendar
        conference = calendar.on_or_after(self.as_at - days(10 + offset % min(540, max(1, age_days))))
        if conference > self.as_at:
            conference = self.as_at - days(3)
        journey = self._assessed(child, conference, AssessmentOutcome.STRATEGY_DISCUSSION)
        held = min(conference, journey.referral_date + days(rng.randint(0, 3)))
        enquiry = PlannedEnquiry(
            held, StrategyDecision.SECTION_47, self.referrals._present(), held, conference
        )
        enquiry.outcome = Section47Outcome.INITIAL_CONFERENCE
        enquiry.conference = PlannedConference(ConferenceKind.INITIAL, conference, ConferenceOutcome.PLAN)
        journey.enquiries.append(enquiry)
        category = weighted(rng, cal.CATEGORY_OF_ABUSE)
        plan = PlannedCpPlan(conference, category, category, None, enquiry=enquiry)
        plan.reviews = [
            PlannedConference(ConferenceKind.REVIEW, day, ConferenceOutcome.CONTINUE)
            for day in _months_after(conference, 3, self.as_at, then=6)
        ]
        plan.core_groups = self.referrals._core_groups(conference, self.as_at)
        journey.cp_plans.append(plan)
        return self._book_caseload(journey, conference)

    def _caseload_care_leaver(self, child: YoungPerson) -> date | None:
        rng = self.rng
        start = max(child.turns(16) - days(rng.randint(200, 1400)), child.birthday + days(300))
        journey = self._assessed(child, start, AssessmentOutcome.LOOKED_AFTER)
        ended = self.care(journey, start, FOREVER, stay=True)
        journey.closed, journey.closure_reason = ended, "RC6" if rng.random() < 0.1 else "RC7"
        self._book_caseload(journey, journey.referral_date)
        records = [record for record in self.care_leavers if record.journey is journey]
        if not records:
            return None
        if records[-1].ended is not None and records[-1].ended <= self.as_at:
            records[-1].ended = child.turns(25)  # still supported after 21 (in education, say)
        current = [
            r for r in records if r.started <= self.as_at and (r.ended is None or r.ended > self.as_at)
        ]
        return current[0].started if current else None

    def _book_caseload(self, journey: Journey, started: date) -> date:
        self._keep(journey)
        if journey.referral_date >= self.first_day and journey.closed is None:
            self.bookings.by_person_day[(journey.child.person_id, journey.referral_date)] = journey
        return started

    # Care-experienced young adults ------------------------------------------------------------

    def plan_care_experienced(self) -> None:
        """The teenage period of care, and the leaving care support after it, of each care-experienced
        young adult (`cal.CARE_EXPERIENCED_PER_CHILD`): looked after until their 18th birthday.

        They draw on their own random numbers and are never picked for other referrals (in care
        until 18, adults since), so that the rest of the area's journeys are the same with or
        without them.
        """
        rng = random.Random(f"care-experienced {self.seed}")
        care = CarePlanner(rng, self.calendar)
        leavers = CareLeaverPlanner(rng, self.staff.workers["leaving_care"])
        low, high = cal.CARE_EXPERIENCED_ENTRY_AGE
        for child in self.people.care_experienced():
            start = child.birthday + days(round(rng.uniform(low, high) * 365.25))
            referred = start - days(rng.randint(20, 60))
            journey = Journey(
                child, referred, weighted(rng, HISTORY_SOURCES), rng.choice(self.referrals.workers)
            )
            journey.primary_need = weighted(rng, cal.PRIMARY_NEED)
            assessment = PlannedAssessment(referred, start, start)
            assessment.outcome = AssessmentOutcome.LOOKED_AFTER
            assessment.factors = self.referrals._factors(assessment.outcome, rng)
            journey.assessments.append(assessment)
            ended = care(journey, start, FOREVER, stay=True)
            journey.closed, journey.closure_reason = ended, "RC6" if rng.random() < 0.1 else "RC7"
            self.journeys.append(journey)
            self.diary.book(child.person_id, journey.referral_date, journey.closed)
            self.care_leavers.extend(leavers.plan(journey))

    # The years before the front door's ---------------------------------------------------------

    def plan_years(self) -> None:
        """Referrals and early help from the burn-in to the day before the front door's year."""
        events: list[tuple[date, int, str]] = []
        year = cal.BURN_IN_FROM.year
        while date(year, 4, 1) < self.first_day:
            first, last = date(year, 4, 1), min(date(year + 1, 3, 31), self.first_day - days(1))
            share = ((last - first).days + 1) / 365
            factor = cal.YEAR_FACTOR.get(year, 1.0)
            referrals = round(cal.REFERRALS_PER_CHILD * self.children * factor * share)
            early_help = round(cal.EARLY_HELP_PER_CHILD * self.children * share)
            for kind, count in (("referral", referrals), ("early_help", early_help)):
                events += [
                    (day, len(events) + n, kind) for n, day in enumerate(self._days(first, last, count))
                ]
            year += 1
        for day, _, kind in sorted(events):
            if kind == "referral":
                self._history_referral(day)
            else:
                self._history_early_help(day)

    def _days(self, first: date, last: date, count: int) -> list[date]:
        span = [first + days(n) for n in range((last - first).days + 1)]
        weights = [1.0 if is_working_day(day) else QUIET_DAY for day in span]
        return self.rng.choices(span, weights, k=count)

    def _history_referral(self, day: date) -> None:
        child = self._referral_child(day)
        if child is None:
            return
        self._plan_referral(child, day, weighted(self.rng, HISTORY_SOURCES))

    def _referral_child(self, day: date) -> YoungPerson | None:
        rng, window = self.rng, re_referral_window_start(day)
        if rng.random() < cal.RE_REFERRAL:
            low, high = (
                bisect.bisect_left(self._referred_on, window),
                bisect.bisect_left(self._referred_on, day),
            )
            for _ in range(20 if high > low else 0):
                again = self.people.by_id[self._referred[rng.randrange(low, high)]]
                if self._can_refer(again, day):
                    return again
        for _ in range(40):
            child = self.people.pick(rng, day)
            referred = child is not None and self._last_referred.get(child.person_id, date.min) >= window
            if child is not None and not referred and self._can_refer(child, day):
                return child
        return None

    def _can_refer(self, child: YoungPerson, day: date) -> bool:
        return (
            child.born is not None
            and day < child.turns(18) - days(30)
            and self.is_free(child.person_id, day, 30)
        )

    def _history_early_help(self, day: date) -> None:
        for _ in range(20):
            child = self.people.pick(self.rng, day)
            if (
                child is not None
                and day < child.turns(18) - days(60)
                and self.is_free(child.person_id, day, 120)
            ):
                self._plan_early_help(child, day)
                return

    # The front door's year -----------------------------------------------------------------------

    def is_free(self, person_id: int, day: date, ahead: int = 60) -> bool:
        """Whether the child has no referral or early help open from `day` for `ahead` days."""
        return self.diary.free(person_id, day, day + days(ahead))

    def referral_from_front_door(self, person_id: int, day: date, source: str, strategy: bool) -> Journey:
        booked = self.bookings.by_person_day.pop((person_id, day), None)
        if booked is not None:
            booked.from_contact, booked.referral_source = True, source
            return booked
        journey = self._plan_referral(self.people.by_id[person_id], day, source, strategy)
        journey.from_contact = True
        return journey

    def early_help_from_front_door(self, person_id: int, day: date) -> PlannedEarlyHelpEpisode:
        episode = self._plan_early_help(self.people.by_id[person_id], day)
        episode.from_contact = True
        return episode

    # Journeys and what follows them --------------------------------------------------------------

    def _plan_referral(
        self, child: YoungPerson, day: date, source: str, strategy: bool | None = None
    ) -> Journey:
        stop = self.diary.next_busy(child.person_id, day) - days(1)
        journey = self.referrals.plan(child, day, source, stop, strategy_first=strategy)
        self._keep(journey)
        if journey.closure_reason == "RC9" and journey.closed is not None and journey.closed < self.as_at:
            start = journey.closed + days(self.rng.randint(1, 10))
            if start < child.turns(18) - days(30) and self.is_free(child.person_id, start, 1):
                journey.stepped_down = self._plan_early_help(child, start)
                journey.stepped_down.stepped_down_from = journey
        return journey

    def _plan_early_help(self, child: YoungPerson, day: date) -> PlannedEarlyHelpEpisode:
        stop = self.diary.next_busy(child.person_id, day) - days(1)
        episode = self.early_help.plan(child, day, stop)
        self._keep_early_help(episode)
        ended = episode.ended
        stepped_up = (
            episode.outcome == EarlyHelpOutcome.STEPPED_UP and ended is not None and ended < self.as_at
        )
        if stepped_up and ended is not None and self._can_step_up(child, ended + days(1)):
            # Referral source 5D: early help.
            episode.stepped_up_to = self._plan_referral(child, ended + days(1), "5D")
        return episode

    def _can_step_up(self, child: YoungPerson, day: date) -> bool:
        return day < child.turns(18) - days(30) and self.is_free(child.person_id, day, 1)

    def _keep(self, journey: Journey) -> None:
        self.journeys.append(journey)
        person = journey.child.person_id
        self.diary.book(person, journey.referral_date, journey.closed)
        position = bisect.bisect_right(self._referred_on, journey.referral_date)
        self._referred_on.insert(position, journey.referral_date)
        self._referred.insert(position, person)
        self._last_referred[person] = max(journey.referral_date, self._last_referred.get(person, date.min))
        if journey.care is not None and journey.care.ended is not None:
            self.care_leavers.extend(self.leavers.plan(journey))

    def _keep_early_help(self, episode: PlannedEarlyHelpEpisode) -> None:
        self.episodes.append(episode)
        self.diary.book(episode.child.person_id, episode.started, episode.ended)

    def referred_before(self, day: date) -> list[tuple[date, int]]:
        """(date, child) of the referrals in the 12 months before `day`, in date order: for re-referrals."""
        low = bisect.bisect_left(self._referred_on, re_referral_window_start(day))
        high = bisect.bisect_left(self._referred_on, day)
        return list(zip(self._referred_on[low:high], self._referred[low:high], strict=True))

    # The end of the reference day ----------------------------------------------------------------

    def finish(self) -> None:
        self._plan_missing()
        as_at, moment = self.as_at, clocks.end_of_day(self.as_at)
        leavers = [r for r in self.care_leavers if cut_care_leaver(r, as_at) and _since_2016(r.ended)]
        with_leavers = {id(r.journey) for r in leavers}
        kept = []
        for journey in self.journeys:
            cut_journey(journey, as_at)
            if _since_2016(journey.closed) or id(journey) in with_leavers:
                kept.append(journey)
        kept_ids = {id(j) for j in kept}
        for episode in self.episodes:
            cut_early_help(episode, as_at)
            if episode.stepped_down_from is not None and id(episode.stepped_down_from) not in kept_ids:
                episode.stepped_down_from = None
            if episode.stepped_up_to is not None and id(episode.stepped_up_to) not in kept_ids:
                episode.stepped_up_to = None
        self.journeys, self.care_leavers = kept, leavers
        self.episodes = [e for e in self.episodes if _since_2016(e.ended)]
        self.missing = [m for m in self.missing if cut_missing(m, moment)]
        for journey in self.journeys:
            self._visits(journey)
        self._open_work()

    def _visits(self, journey: Journey) -> None:
        """Statutory visits in the front door's year: child in need every four weeks or so, child
        protection every two, looked after every six (older visits are not kept: see docs)."""
        first, last = max(self.first_day, journey.referral_date), journey.closed or self.as_at
        born = journey.child.birthday
        spans: list[tuple[str, date, date | None, int, int]] = []
        spans += [(VisitKind.CHILD_IN_NEED, p.started, p.ended, 15, 22) for p in journey.cin_plans]
        spans += [(VisitKind.CHILD_PROTECTION, p.started, p.ended, 7, 11) for p in journey.cp_plans]
        if journey.care is not None:
            spans.append((VisitKind.LOOKED_AFTER, journey.care.started, journey.care.ended, 25, 32))
        for assessment in journey.assessments:
            if assessment.child_seen and assessment.child_seen >= first:
                journey.visits.append(self._visit(VisitKind.ASSESSMENT, assessment.child_seen, journey))
        for kind, start, end, low, high in spans:
            day = self.calendar.add(max(start, born), self.rng.randint(1, 5))
            while day <= min(end or last, last, self.as_at):
                if day >= first:
                    journey.visits.append(self._visit(kind, day, journey))
                day = self.calendar.add(day, self.rng.randint(low, high))

    def _visit(self, kind: str, day: date, journey: Journey) -> tuple[str, date, bool, bool]:
        rng = self.rng
        seen = rng.random() < 0.95
        return (kind, day, seen, seen and journey.child.age_on(day) >= 5 and rng.random() < 0.6)

    def _plan_missing(self) -> None:
        """Children missing from home or care each year (seeds: 847 in 2019/20, 255 of them in care)."""
        rng = self.rng
        cared = [
            (j.child, j.care.started, j.care.ended or FOREVER) for j in self.journeys if j.care is not None
        ]
        returned: dict[int, datetime] = {}
        year = cal.JOURNEYS_FROM.year
        while date(year, 4, 1) <= self.as_at:
            count = round(cal.MISSING_CHILDREN_PER_CHILD * self.children)
            for _ in range(count):
                day = date(year, 4, 1) + days(rng.randrange(365))
                child, until, in_care = self._missing_child(day, cared)
                if child is not None:
                    self._missing_episodes(child, day, until, in_care, returned)
            year += 1

    def _missing_child(
        self, day: date, cared: list[tuple[YoungPerson, date, date]]
    ) -> tuple[YoungPerson | None, date, bool]:
        """A looked-after child aged 11 or more (about 30%), or any child aged 10 to 17."""
        rng = self.rng
        if cared and rng.random() < cal.MISSING_FROM_CARE_SHARE:
            for _ in range(300):
                cared_for, start, end = rng.choice(cared)
                if start <= day <= end and cared_for.age_on(day) >= 11:
                    return cared_for, min(end, day + days(200)), True
        return self.people.pick(rng, day, youngest=10), day + days(200), False

    def _missing_episodes(
        self, child: YoungPerson, day: date, until: date, in_care: bool, returned: dict[int, datetime]
    ) -> None:
        rng = self.rng
        went = datetime.combine(day, time(rng.randint(12, 23), rng.randrange(60)), tzinfo=ENGLAND)
        for _ in range(rng.choice(cal.MISSING_EPISODES)):
            if went.date() > min(until, child.turns(18) - days(1)):
                return
            if went > returned.get(child.person_id, datetime.min.replace(tzinfo=ENGLAND)):
                back = went + timedelta(hours=rng.choice((2, 3, 5, 8, 12, 16, 20, 30, 44, 70)))
                returned[child.person_id] = back
                self.missing.append(self._missing(child, went, back, in_care))
            went += timedelta(days=rng.randint(3, 60), hours=rng.randint(-6, 6))

    def _missing(self, child: YoungPerson, went: datetime, back: datetime, in_care: bool) -> PlannedMissing:
        rng = self.rng
        kind = "A" if in_care and rng.random() < 0.3 else "M"
        interview = weighted(rng, cal.RETURN_INTERVIEW)
        held_at = back + timedelta(hours=rng.randint(8, 70)) if interview == "held" else None
        worker = rng.choice(self.referrals.workers)
        return PlannedMissing(child.person_id, kind, went, back, interview, held_at, worker)

    def _open_work(self) -> None:
        """Open work at the end of the reference day, with the kind of team that holds it."""
        forced = self.caseload_starts
        for journey in self.journeys:
            if journey.closed is None and journey.child.person_id not in forced:
                kind, started = _team_for(journey)
                self.allocated.append(Allocated(journey.child.person_id, kind, started))
        for episode in self.episodes:
            if episode.ended is None and episode.child.person_id not in forced:
                self.allocated.append(Allocated(episode.child.person_id, "early_help", episode.started))
        for record in self.care_leavers:
            if record.ended is None and record.child.person_id not in forced:
                self.allocated.append(Allocated(record.child.person_id, "leaving_care", record.started))


def _team_for(journey: Journey) -> tuple[str, date]:
    care = journey.care
    if care is not None and care.ended is None:
        return "children_in_care", care.started
    if journey.cp_plans and journey.cp_plans[-1].ended is None:
        return "child_protection", journey.cp_plans[-1].started
    if journey.cin_plans and journey.cin_plans[-1].ended is None:
        return "child_in_need", journey.cin_plans[-1].started
    return "assessment", journey.referral_date


def _since_2016(ended: date | None) -> bool:
    return ended is None or ended >= cal.JOURNEYS_FROM


def _months_after(start: date, first: int, until: date, then: int | None = None) -> list[date]:
    found, due = [], add_months(start, first)
    while due <= until:
        found.append(due)
        due = add_months(due, then or first)
    return found
