"""A contact's working life, planned whole and then cut at the end of the reference day.

From arrival: allocation (in working hours), linking each child to the people index, checks with
partner agencies, joint screening of a domestic-abuse notification, each child's decision (and a
manager's sign-off where the partnership asks for one), what follows (a referral, early help),
Operation Encompass, and telling the referrer. `snapshot` then keeps only what had happened by
the end of the reference day, and sets the status as `frontdoor.decisions` would.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from continuum.frontdoor import clocks
from continuum.frontdoor.catalogue import REFERRAL_OUTCOMES, Outcome, Route, ScreeningView, Status
from continuum.frontdoor.decisions import needs_sign_off
from continuum.frontdoor.steps import CHECK_TURNAROUND
from continuum.statutory.calendar import add_working_days, is_working_day, next_working_day
from continuum.statutory.timescales import ENGLAND, england_date

from . import calibration as cal
from . import contact_texts as texts
from .contact_plans import (
    PlannedCheck,
    PlannedContact,
    PlannedContactChild,
    PlannedDecision,
    PlannedEarlyHelp,
    PlannedEncompass,
    PlannedReferral,
    PlannedScreening,
)
from .families import Family
from .front_door_staff import FrontDoorPeople
from .journey_stage import Journeys

OFFICE_OPENS, OFFICE_CLOSES = time(8, 30), time(17, 30)
TRIAGE, SCREENING, SIGN_OFF = Status.AWAITING_TRIAGE, Status.IN_PROGRESS, Status.AWAITING_SIGN_OFF


def minutes(count: int) -> timedelta:
    return timedelta(minutes=count)


@dataclass(frozen=True)
class CheckedAgencies:
    """Agencies the front door asks about every family, whoever the family is."""

    police: int
    health_visiting: int


class Timeline:
    def __init__(
        self,
        rng: random.Random,
        people: FrontDoorPeople,
        agencies: CheckedAgencies,
        reference_date: date,
        journeys: Journeys,
    ) -> None:
        self.rng = rng
        self.people = people
        self.agencies = agencies
        self.journeys = journeys
        self.reference_date = reference_date
        self.as_at = clocks.end_of_day(reference_date)

    def work(
        self, contact: PlannedContact, family: Family, decided: list[tuple[str, int, str]], stage: str = ""
    ) -> None:
        """Plan every step; `stage` keeps a contact open at the reference moment in that stage."""
        rng = self.rng
        start = self._work_starts(contact.received_at)
        contact.allocated_at = start + minutes(rng.randint(5, 90))
        if stage == TRIAGE:
            contact.allocated_at = self.as_at + minutes(rng.randint(10, 180))
        elif stage and contact.allocated_at >= self.as_at - minutes(30):
            contact.allocated_at = max(contact.received_at, self.as_at - minutes(60)) + minutes(5)
        earliest = contact.allocated_at
        for child in contact.children:
            child.linked_at = contact.allocated_at + minutes(rng.randint(2, 20))
            earliest = max(earliest, child.linked_at)
        self._checks(contact, family, decided[0][0])
        # Checks are asked while the contact is open (answers may come after the decision).
        earliest = max([earliest, *(check.asked_at for check in contact.checks)])
        if contact.route == Route.POLICE_NOTIFICATION:
            serious = cal.OUTCOME_ORDER.index(decided[0][0]) >= cal.OUTCOME_ORDER.index(Outcome.EARLY_HELP)
            earliest = max(earliest, self._screenings(contact, serious))
        self._decisions(contact, decided, earliest, stage)
        self._follow_ons(contact)
        self._encompass(contact)
        self.snapshot(contact)
        self._journeys(contact)

    # When the work happens -----------------------------------------------------------------------

    def _work_starts(self, received_at: datetime) -> datetime:
        """Work starts on arrival in office hours, otherwise when the office next opens."""
        local = received_at.astimezone(ENGLAND)
        day = local.date()
        if is_working_day(day) and OFFICE_OPENS <= local.time() < OFFICE_CLOSES:
            return received_at
        if not (is_working_day(day) and local.time() < OFFICE_OPENS):
            day = next_working_day(day)
        return datetime.combine(day, time(9), tzinfo=ENGLAND) + minutes(self.rng.randint(0, 60))

    def _completion(self, earliest: datetime, due_at: datetime) -> datetime:
        """When the last decision takes effect: in time for most (the seeds' 84%), late for the rest."""
        rng = self.rng
        latest = due_at - minutes(15)
        if rng.random() < cal.DECIDED_IN_TIME and earliest + minutes(10) < latest:
            spare = (latest - earliest - minutes(10)).total_seconds()
            done = earliest + minutes(10) + timedelta(seconds=spare * rng.random() ** 1.6)
            local = done.astimezone(ENGLAND)
            if not (is_working_day(local.date()) and OFFICE_OPENS <= local.time() <= time(18)):
                moved = self._work_starts(done) + minutes(rng.randint(10, 120))
                done = moved if moved < latest else done
            return done
        days_late = rng.choices(range(1, len(cal.DAYS_LATE) + 1), cal.DAYS_LATE)[0]
        day = add_working_days(clocks.due_day(due_at), days_late)
        late = datetime.combine(day, time(9), tzinfo=ENGLAND) + minutes(rng.randint(0, 510))
        return max(late, earliest + minutes(10))

    # Checks and screening ------------------------------------------------------------------------

    def _checks(self, contact: PlannedContact, family: Family, primary: str) -> None:
        rng = self.rng
        if rng.random() >= cal.CHECKS_BY_OUTCOME[primary]:
            return
        candidates = [(self.agencies.health_visiting, "health_trust")]
        if contact.group not in ("police", "police_notification"):
            candidates.append((self.agencies.police, "police"))
        if family.practice_id is not None:
            candidates.append((family.practice_id, "gp_practice"))
        school = next((child.school_id for child in family.children if child.school_id), None)
        if school is not None:
            candidates.append((school, "school"))
        assert contact.allocated_at is not None
        for agency, kind in rng.sample(candidates, rng.randint(1, min(3, len(candidates)))):
            asked = contact.allocated_at + minutes(rng.randint(10, 60))
            check = PlannedCheck(
                agency,
                rng.choice(texts.CHECK_QUESTIONS[kind]),
                asked,
                _check_due(contact, asked),
                "",
                None,
                None,
            )
            answerers = self.people.answerers.get(agency)
            if answerers and rng.random() < cal.CHECK_ANSWERED:
                check.answered_by_id = rng.choice(answerers)
                check.answered_at = asked + minutes(rng.randint(20, 300))
                check.answer = rng.choice(texts.CHECK_ANSWERS)
            contact.checks.append(check)

    def _screenings(self, contact: PlannedContact, serious: bool) -> datetime:
        """A police officer and a social worker each screen a domestic-abuse notification."""
        rng = self.rng
        assert contact.allocated_at is not None
        officer = rng.choice(self.people.police_screeners)
        views = (
            (ScreeningView.POLICE, officer, 10, 90),
            (ScreeningView.SOCIAL_WORK, contact.worker_id, 20, 120),
        )
        for view, who, soonest, latest in views:
            at = contact.allocated_at + minutes(rng.randint(soonest, latest))
            notes = texts.SCREENING_NOTES[view][serious]
            contact.screenings.append(PlannedScreening(view, who, at, notes))
        return max(screening.screened_at for screening in contact.screenings)

    # Decisions and what follows ------------------------------------------------------------------

    def _decisions(
        self, contact: PlannedContact, decided: list[tuple[str, int, str]], earliest: datetime, stage: str
    ) -> None:
        rng = self.rng
        if stage == SIGN_OFF:
            decide_by = max(earliest + minutes(5), self.as_at - minutes(rng.randint(30, 300)))
            done = self.as_at + minutes(rng.randint(30, 20 * 60))
        elif stage:
            decide_by = done = self.as_at + minutes(rng.randint(60, 30 * 60))
        else:
            done = self._completion(earliest, contact.due_at)
            decide_by = done
        managers = [pk for pk in self.people.managers if pk != contact.worker_id] or self.people.managers
        for index, (child, (outcome, level, reason)) in enumerate(
            zip(contact.children, decided, strict=True)
        ):
            finished = done if index == 0 else max(earliest + minutes(5), done - minutes(rng.randint(0, 30)))
            signed = needs_sign_off(outcome)
            decided_at = finished
            if signed:
                decided_at = max(earliest, min(decide_by, finished) - minutes(rng.randint(20, 240)))
            child.decision = PlannedDecision(
                outcome=outcome,
                level=level,
                no_further_action_reason=reason,
                rationale=rng.choice(texts.RATIONALE[outcome]),
                decided_by_id=contact.worker_id,
                decided_at=decided_at,
                needs_sign_off=signed,
                signed_off_by_id=rng.choice(managers) if signed else None,
                signed_off_at=max(finished, decided_at + minutes(5)) if signed else None,
            )

    def _follow_ons(self, contact: PlannedContact) -> None:
        for child in contact.children:
            decision = child.decision
            if decision is None or decision.completed_at is None:
                continue
            by = decision.signed_off_by_id or decision.decided_by_id
            if decision.outcome in REFERRAL_OUTCOMES:
                child.referral = PlannedReferral(
                    england_date(contact.received_at), contact.referral_source, by
                )
            elif decision.outcome == Outcome.EARLY_HELP:
                child.early_help = PlannedEarlyHelp(england_date(decision.completed_at), by)

    def _journeys(self, contact: PlannedContact) -> None:
        """What followed each referral and early help decision that took effect by the reference day."""
        for child in contact.children:
            referral, decision = child.referral, child.decision
            if referral is not None and decision is not None:
                strategy = decision.outcome == Outcome.STRATEGY_DISCUSSION
                referral.journey = self.journeys.referral_from_front_door(
                    child.person_id, referral.referral_date, referral.referral_source, strategy
                )
            if child.early_help is not None:
                child.early_help.episode = self.journeys.early_help_from_front_door(
                    child.person_id, child.early_help.started
                )

    def _encompass(self, contact: PlannedContact) -> None:
        """Operation Encompass: the school hears of the incident, sent as the notification arrives."""
        if contact.route != Route.POLICE_NOTIFICATION or contact.incident_at is None:
            return
        for child in contact.children:
            if child.school_id is None or child.is_unborn:
                continue
            child.encompass = PlannedEncompass(
                child.school_id,
                contact.incident_at,
                clocks.encompass_due(contact.incident_at),
                contact.received_at + minutes(self.rng.randint(1, 20)),
                self.people.addresses.get(child.school_id, []),
            )

    # The moment the database shows ---------------------------------------------------------------

    def snapshot(self, contact: PlannedContact) -> None:
        """Keep what had happened by the end of the reference day; the status follows, as in the services."""
        as_at = self.as_at
        assert contact.allocated_at is not None
        if contact.allocated_at > as_at:
            _nothing_done(contact)
            return
        contact.checks = [check for check in contact.checks if check.asked_at <= as_at]
        for check in contact.checks:
            if check.answered_at is not None and check.answered_at > as_at:
                check.answered_at, check.answered_by_id, check.answer = None, None, ""
        contact.screenings = [screening for screening in contact.screenings if screening.screened_at <= as_at]
        for child in contact.children:
            if child.linked_at is not None and child.linked_at > as_at:
                child.linked_at = None
            _cut_decision(child, as_at)
        decisions = [child.decision for child in contact.children]
        completed = [d.completed_at for d in decisions if d is not None and d.completed_at is not None]
        if len(completed) == len(decisions):
            contact.status = Status.DECIDED
            contact.decided_at = max(completed)
            if contact.route != Route.ANONYMOUS and (
                contact.referrer.email or contact.referrer.has_account_email
            ):
                contact.referrer_told_at = contact.decided_at + timedelta(seconds=2)
        elif all(decision is not None for decision in decisions):
            contact.status = Status.AWAITING_SIGN_OFF
        else:
            contact.status = Status.IN_PROGRESS


def _check_due(contact: PlannedContact, asked: datetime) -> datetime:
    """As `frontdoor.triage.check_due`: the turnaround, or the contact's deadline if that is sooner."""
    due = asked + CHECK_TURNAROUND
    return contact.due_at if asked < contact.due_at < due else due


def _nothing_done(contact: PlannedContact) -> None:
    contact.status = Status.AWAITING_TRIAGE
    contact.allocated_at = None
    contact.checks, contact.screenings = [], []
    for child in contact.children:
        child.linked_at, child.decision, child.referral, child.early_help = None, None, None, None


def _cut_decision(child: PlannedContactChild, as_at: datetime) -> None:
    decision = child.decision
    if decision is not None and decision.decided_at > as_at:
        child.decision = decision = None
    elif decision is not None and decision.signed_off_at is not None and decision.signed_off_at > as_at:
        decision.signed_off_at, decision.signed_off_by_id = None, None
    if decision is None or decision.completed_at is None:
        child.referral, child.early_help = None, None
