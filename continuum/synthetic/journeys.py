"""A referral's journey through children's social care, planned whole from the day it is made.

Referral (8% close at once with no further action) -> assessment (started within days; about 75%
authorised within 45 working days) -> no further action, step down to early help, a child in
need plan, a strategy discussion, or care. A strategy discussion usually starts a section 47
enquiry; 31% of enquiries lead to an initial conference, most of which decide on a plan. A plan
is reviewed at three months and then six-monthly, and ends at a review (usually stepping down to
a child in need plan). The referral closes, with its DfE reason, when the work ends.

Each journey stops early when the child turns 18 or when the diary says the child is needed
later (another journey already planned for them): then the family "moves away" (RC5), which is
how the area loses sight of children in real life. `snapshot` then cuts it at the reference day.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import TypeVar

from continuum.socialcare.catalogue import (
    AssessmentOutcome,
    ConferenceKind,
    ConferenceOutcome,
    PlanEndReason,
    Section47Outcome,
    StrategyDecision,
)
from continuum.statutory.timescales import add_months

from . import journey_calibration as cal
from .journey_people import FOREVER, WorkingDays
from .journey_plans import (
    Journey,
    PlannedAssessment,
    PlannedCinPlan,
    PlannedConference,
    PlannedCpPlan,
    PlannedEnquiry,
    YoungPerson,
)

T = TypeVar("T")
# What happens next in a journey: a step's name and the day it starts.
Next = tuple[str, date]
CarePlanner = Callable[[Journey, date, date], date]  # (journey, starts, stop) -> the day care ended


def weighted(rng: random.Random, options: Sequence[tuple[T, float]]) -> T:
    return rng.choices([value for value, _ in options], [weight for _, weight in options])[0]


def days(count: int) -> timedelta:
    return timedelta(days=count)


class ReferralPlanner:
    def __init__(
        self,
        rng: random.Random,
        calendar: WorkingDays,
        workers: list[int],
        agencies: list[int],
        care: CarePlanner,
        changes: random.Random | None = None,
    ) -> None:
        self.rng = rng
        # Re-assessments when circumstances change draw on their own random numbers, so that the
        # rest of every journey is the same with or without them (they end within the plan).
        self.changes = changes or random.Random(0)
        self.calendar = calendar
        self.workers = workers
        self.agencies = agencies  # police first, then health and others, for strategy discussions
        self.care = care

    def plan(
        self,
        child: YoungPerson,
        referred: date,
        source: str,
        stop: date,
        *,
        strategy_first: bool | None = None,
    ) -> Journey:
        """The journey of a referral made on `referred`, over by `stop` (before the child is needed again)."""
        rng = self.rng
        stop = min(stop, child.turns(18) - days(1))
        journey = Journey(child, referred, source, rng.choice(self.workers))
        if rng.random() < cal.NFA_AT_REFERRAL:
            journey.no_further_action = True
            self._close(journey, min(referred + days(rng.randint(0, 10)), stop), "RC8")
            return journey
        journey.primary_need = weighted(rng, cal.PRIMARY_NEED)
        if strategy_first is None:
            strategy_first = rng.random() < cal.STRATEGY_FIRST
        step: Next = ("strategy", referred) if strategy_first else ("assess", referred)
        while step[0] != "closed":
            name, day = step
            if day > stop:
                self._cut(journey, stop)
                break
            step = self._step(journey, name, day, stop)
        return journey

    def _step(self, journey: Journey, name: str, day: date, stop: date) -> Next:
        if name == "assess":
            return self._assess(journey, day)
        if name == "strategy":
            return self._strategy(journey, day, stop)
        if name == "cin":
            return self._cin_plan(journey, day, stop)
        if name == "cp":
            return self._cp_plan(journey, day, stop)
        if name == "care":
            ended = self.care(journey, day, stop)
            return self._close(journey, ended, _closure_after_care(journey))
        if name == "cut":
            self._cut(journey, day)
            return ("closed", day)
        return self._close(journey, day, name)  # a closure reason

    # Assessment -----------------------------------------------------------------------------------

    def _assessment(self, journey: Journey, day: date, outcome: str) -> PlannedAssessment:
        """An assessment from about `day`, after any earlier one in the referral was authorised."""
        earlier = journey.assessments[-1].authorised if journey.assessments else None
        assessment = self._planned_assessment(journey, day, outcome, earlier, self.rng)
        journey.assessments.append(assessment)
        return assessment

    def _planned_assessment(
        self, journey: Journey, day: date, outcome: str, earlier: date | None, rng: random.Random
    ) -> PlannedAssessment:
        calendar = self.calendar
        started = calendar.add(day, rng.choice((0, 0, 1, 1, 2, 3)))
        if earlier is not None and started <= earlier:
            started = earlier + days(1)
        if rng.random() < cal.ASSESSMENT_IN_TIME:
            length = max(1, min(45, round(rng.triangular(4, 45, 34))))
        else:
            length = rng.randint(46, 80)
        authorised = calendar.add(started, length)
        completed = max(started, authorised - days(rng.choice((0, 0, 1, 2, 4))))
        seen = calendar.add(started, rng.randint(0, 5))
        born = journey.child.birthday
        assessment = PlannedAssessment(
            started, authorised, completed, seen if born <= seen <= completed else None
        )
        assessment.outcome = outcome
        assessment.factors = self._factors(outcome, rng)
        return assessment

    def _factors(self, outcome: str, rng: random.Random | None = None) -> list[str]:
        rng = rng or self.rng
        if outcome == AssessmentOutcome.NO_FURTHER_ACTION and rng.random() < cal.NO_FACTORS_WHEN_NFA:
            return ["21"]
        count = rng.choice((1, 1, 2, 2, 2, 3, 3, 4))
        chosen: list[str] = []
        while len(chosen) < count:
            factor = weighted(rng, cal.ASSESSMENT_FACTORS)
            if factor not in chosen:
                chosen.append(factor)
        return chosen

    def _assess(self, journey: Journey, day: date) -> Next:
        rng = self.rng
        outcome = weighted(rng, cal.ASSESSMENT_OUTCOMES)
        assessment = self._assessment(journey, day, outcome)
        assert assessment.authorised is not None
        after = assessment.authorised + days(rng.randint(0, 5))
        if outcome == AssessmentOutcome.NO_FURTHER_ACTION:
            return ("RC8", after)
        if outcome == AssessmentOutcome.EARLY_HELP:
            return ("RC9", after)
        if outcome == AssessmentOutcome.CHILD_IN_NEED_PLAN:
            return ("cin", after)
        if outcome == AssessmentOutcome.STRATEGY_DISCUSSION:
            return ("strategy", assessment.authorised)
        return ("care", max(assessment.authorised, journey.child.birthday))

    # Strategy discussion, section 47 and the initial conference ----------------------------------

    def _strategy(self, journey: Journey, day: date, stop: date) -> Next:
        rng, calendar = self.rng, self.calendar
        if not journey.assessments or not _open_at(journey.assessments[-1], day):
            # The enquiry is carried out alongside an assessment.
            self._assessment(journey, day, AssessmentOutcome.STRATEGY_DISCUSSION)
        held = calendar.add(day, rng.choice((0, 0, 1, 1, 2)))
        decision = weighted(rng, cal.STRATEGY_DECISIONS)
        if decision == StrategyDecision.FURTHER_DISCUSSION:
            journey.enquiries.append(PlannedEnquiry(held, decision, self._present()))
            held = calendar.add(held, rng.randint(2, 6))
            decision = StrategyDecision.SECTION_47
        enquiry = PlannedEnquiry(held, decision, self._present())
        journey.enquiries.append(enquiry)
        if decision == StrategyDecision.CHILD_IN_NEED:
            return ("cin", held + days(rng.randint(1, 10)))
        if decision == StrategyDecision.NO_FURTHER_ACTION:
            return ("RC8", max(held, self._last_authorised(journey)) + days(rng.randint(0, 5)))
        return self._section_47(journey, enquiry, stop)

    def _present(self) -> list[int]:
        """The police always; health and others often (Working Together: police, health and social care)."""
        rng = self.rng
        others = self.agencies[1:]
        return [self.agencies[0], *rng.sample(others, min(len(others), rng.randint(1, 3)))]

    def _section_47(self, journey: Journey, enquiry: PlannedEnquiry, stop: date) -> Next:
        rng, calendar = self.rng, self.calendar
        enquiry.started = enquiry.held_on + days(rng.choice((0, 0, 0, 1)))
        enquiry.outcome = weighted(rng, cal.SECTION_47_OUTCOMES)
        if enquiry.outcome != Section47Outcome.INITIAL_CONFERENCE:
            enquiry.completed = calendar.add(enquiry.started, rng.randint(3, 20))
            self._end_assessment_by(journey, enquiry.completed)
            if enquiry.outcome == Section47Outcome.NO_FURTHER_ACTION:
                return (
                    "RC8",
                    max(enquiry.completed, self._last_authorised(journey)) + days(rng.randint(0, 7)),
                )
            return ("cin", enquiry.completed + days(rng.randint(0, 10)))
        # Working Together: the initial conference within 15 working days of the strategy discussion.
        in_time = rng.random() < cal.ICPC_IN_TIME
        held = calendar.add(enquiry.held_on, rng.randint(8, 15) if in_time else rng.randint(16, 28))
        enquiry.completed = max(enquiry.started, held - days(rng.randint(0, 4)))
        self._end_assessment_by(journey, enquiry.completed)
        plan = rng.random() < cal.ICPC_PLAN
        enquiry.conference = PlannedConference(
            ConferenceKind.INITIAL, held, ConferenceOutcome.PLAN if plan else ConferenceOutcome.NO_PLAN
        )
        return ("cp", held) if plan else ("cin", held + days(rng.randint(0, 5)))

    def _end_assessment_by(self, journey: Journey, day: date) -> None:
        """An assessment alongside an enquiry is authorised by the time the enquiry ends (or soon after)."""
        assessment = journey.assessments[-1] if journey.assessments else None
        if assessment is None or assessment.authorised is None or assessment.authorised <= day:
            return
        if self.calendar.between(assessment.started, day) <= 45 and self.rng.random() < 0.7:
            assessment.authorised = max(assessment.started, day)
            assessment.completed = assessment.authorised

    def _last_authorised(self, journey: Journey) -> date:
        return max((a.authorised for a in journey.assessments if a.authorised), default=journey.referral_date)

    # Plans -----------------------------------------------------------------------------------------

    def _cin_plan(self, journey: Journey, day: date, stop: date) -> Next:
        rng = self.rng
        started = max(day, self._last_authorised(journey))
        ends = add_months(started, rng.choice(cal.CIN_PLAN_MONTHS)) + days(rng.randint(-10, 10))
        plan = PlannedCinPlan(started, min(ends, stop))
        plan.reviews = _every(started, min(ends, stop), 3, rng)
        journey.cin_plans.append(plan)
        self._reassess(journey, started, min(ends, stop), AssessmentOutcome.CHILD_IN_NEED_PLAN)
        if ends > stop:
            return ("cut", stop)
        how = weighted(rng, cal.CIN_PLAN_ENDS)
        if how == "early_help":
            return ("RC9", ends)
        if how == "strategy":
            return ("strategy", ends + days(1))
        if how == "looked_after" and journey.child.born and journey.child.born <= ends:
            return ("care", ends + days(1))
        return ("RC7", ends)

    def _cp_plan(self, journey: Journey, day: date, stop: date) -> Next:
        rng = self.rng
        enquiry = journey.enquiries[-1]
        category = weighted(rng, cal.CATEGORY_OF_ABUSE)
        latest = (
            weighted(rng, cal.CATEGORY_OF_ABUSE) if rng.random() < cal.LATEST_CATEGORY_CHANGES else category
        )
        plan = PlannedCpPlan(day, category, latest, None, enquiry=enquiry)
        journey.cp_plans.append(plan)
        review = day
        for number, ending in enumerate(cal.PLAN_ENDS_AT_REVIEW):
            review = self._review_date(review, 3 if number == 0 else 6)
            if review > stop:
                plan.ended, plan.end_reason = stop, PlanEndReason.MOVED_AWAY
                plan.core_groups = self._core_groups(day, stop)
                return ("cut", stop)
            ends = rng.random() < ending
            if not ends and rng.random() < cal.REASSESS_AT_REVIEW:
                self._assessment(
                    journey, review - days(rng.randint(20, 40)), AssessmentOutcome.STRATEGY_DISCUSSION
                )
            plan.reviews.append(
                PlannedConference(
                    ConferenceKind.REVIEW,
                    review,
                    ConferenceOutcome.END_PLAN if ends else ConferenceOutcome.CONTINUE,
                )
            )
            if ends:
                break
        plan.ended = review
        plan.core_groups = self._core_groups(day, review)
        return self._after_plan(journey, plan, review)

    def _after_plan(self, journey: Journey, plan: PlannedCpPlan, ended: date) -> Next:
        reason = weighted(self.rng, cal.PLAN_END_REASONS)
        if reason == "looked_after" and not (journey.child.born and journey.child.born <= ended):
            reason = "cin"
        plan.end_reason = reason
        if reason == PlanEndReason.CHILD_IN_NEED:
            if self.rng.random() < 0.5:
                self._assessment(journey, ended, AssessmentOutcome.CHILD_IN_NEED_PLAN)
            return ("cin", ended + days(1))
        if reason == PlanEndReason.LOOKED_AFTER:
            return ("care", ended)
        if reason == PlanEndReason.MOVED_AWAY:
            return ("RC5", ended)
        return ("RC7", ended)

    def _review_date(self, after: date, months: int) -> date:
        """A review conference due `months` after `after`: most on time, some a few weeks late."""
        due = add_months(after, months)
        if self.rng.random() < 0.9:
            return self.calendar.on_or_after(due - days(self.rng.randint(3, 20)))
        return self.calendar.on_or_after(due + days(self.rng.randint(1, 25)))

    def _core_groups(self, started: date, ended: date) -> list[date]:
        """The first within 10 working days of the conference, then every four to six weeks."""
        rng = self.rng
        meeting = self.calendar.add(
            started, rng.randint(5, 10) if rng.random() < 0.9 else rng.randint(11, 16)
        )
        meetings = []
        while meeting <= ended:
            meetings.append(meeting)
            meeting = self.calendar.on_or_after(meeting + days(rng.randint(28, 45)))
        return meetings

    def _reassess(self, journey: Journey, started: date, ended: date, outcome: str) -> None:
        """A fresh assessment each half year or so of long work, and one when the child's
        circumstances change, at the rates chosen to match the seeds."""
        rng = self.rng
        check = add_months(started, 3)
        while check < ended - days(70):
            if rng.random() < cal.REASSESS_EACH_HALF_YEAR:
                assessment = self._assessment(journey, check, outcome)
                if assessment.authorised is not None and assessment.authorised > ended:
                    assessment.authorised = max(assessment.started, ended)
                    assessment.completed = assessment.authorised
            check = add_months(check, 6)
        self._reassess_on_change(journey, started, ended, outcome)

    def _reassess_on_change(self, journey: Journey, started: date, ended: date, outcome: str) -> None:
        """An updated assessment during the plan when circumstances change (`REASSESS_ON_CHANGE`),
        between the assessments already planned and authorised by the next one (or the plan's end)."""
        rng = self.changes
        span = (ended - started).days
        if span < 21 + 56 or rng.random() >= cal.REASSESS_ON_CHANGE:
            return
        day = started + days(rng.randint(21, span - 56))
        before = [a for a in journey.assessments if a.started <= day]
        after = [a for a in journey.assessments if a.started > day]
        earlier = before[-1].authorised if before else None
        if before and (earlier is None or earlier >= day - days(14)):
            return  # an assessment is still open, or only just authorised
        limit = min([ended, *(a.started - days(1) for a in after)])
        assessment = self._planned_assessment(journey, day, outcome, earlier, rng)
        if assessment.started > limit:
            return
        if assessment.authorised is not None and assessment.authorised > limit:
            # Started earlier, whole weeks earlier, when the plan leaves room; otherwise cut short.
            back = days(7 * -(-(assessment.authorised - limit).days // 7))
            if assessment.started - back >= max(started + days(14), (earlier or started) + days(14)):
                assessment.started -= back
                assessment.authorised -= back
                assessment.completed = assessment.completed and assessment.completed - back
                assessment.child_seen = assessment.child_seen and assessment.child_seen - back
            else:
                assessment.authorised = assessment.completed = limit
                if assessment.child_seen is not None and assessment.child_seen > limit:
                    assessment.child_seen = None
        journey.assessments.insert(len(before), assessment)

    # Closing ---------------------------------------------------------------------------------------

    def _close(self, journey: Journey, day: date, reason: str) -> Next:
        journey.closed = max(day, self._last_authorised(journey), journey.referral_date)
        journey.closure_reason = reason
        return ("closed", journey.closed)

    def _cut(self, journey: Journey, stop: date) -> None:
        """The child turns 18 or moves away on `stop`: nothing after it happens, everything open ends then."""
        adult = stop >= journey.child.turns(18) - days(1)
        journey.assessments = [a for a in journey.assessments if a.started <= stop]
        for assessment in journey.assessments:
            if assessment.authorised is not None and assessment.authorised > stop:
                assessment.authorised = stop
                assessment.completed = min(assessment.completed or stop, stop)
        journey.enquiries = [e for e in journey.enquiries if e.held_on <= stop]
        for enquiry in journey.enquiries:
            _cut_enquiry(enquiry, stop)
        journey.cin_plans = [p for p in journey.cin_plans if p.started <= stop]
        for plan in journey.cin_plans:
            plan.ended = min(plan.ended or stop, stop)
            plan.reviews = [day for day in plan.reviews if day <= plan.ended]
        journey.cp_plans = [p for p in journey.cp_plans if p.started <= stop]
        self._close(journey, stop, ("RC6" if self.rng.random() < 0.15 else "RC7") if adult else "RC5")


def _cut_enquiry(enquiry: PlannedEnquiry, stop: date) -> None:
    if enquiry.started is not None and enquiry.started > stop:
        enquiry.decision = StrategyDecision.NO_FURTHER_ACTION
        enquiry.started = enquiry.completed = None
        enquiry.outcome = ""
    if enquiry.completed is not None and enquiry.completed > stop:
        enquiry.completed = stop
    if enquiry.conference is not None and enquiry.conference.held_on > stop:
        enquiry.conference = None


def _open_at(assessment: PlannedAssessment, day: date) -> bool:
    return assessment.authorised is None or assessment.authorised >= day


def _every(started: date, ended: date, months: int, rng: random.Random) -> list[date]:
    """Reviews every `months` months, a few days either side."""
    reviews, due = [], add_months(started, months)
    while due <= ended:
        reviews.append(min(ended, max(started, due + days(rng.randint(-7, 7)))))
        due = add_months(due, months)
    return reviews


def _closure_after_care(journey: Journey) -> str:
    """The referral's DfE closure reason from how the period of care ended."""
    care = journey.care
    ending = care.episodes[-1].reason_ended if care and care.episodes else ""
    if ending in ("E11", "E12"):
        return "RC1"
    if ending in ("E45", "E46", "E47", "E48"):
        return "RC4"
    if ending == "E41":
        return "RC3"
    if ending == "E3":
        return "RC5"
    return "RC7"


__all__ = ["FOREVER", "ReferralPlanner", "weighted"]
