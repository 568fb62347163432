"""A year of contacts to the front door, up to the end of the reference day, and last year's referrals.

Contacts arrive through the year (professionals in working hours, police notifications and
anonymous calls at any hour), each about a family from the people register. Families come back:
a referral goes, at the seeds' re-referral rate, to a child referred in the 12 months before, and
otherwise to a family not referred in that time. The year before is there as referrals only, as a
case system migrated into Continuum would hold it, so that re-referrals early in the year are
counted as they would be in a real one. A few extra contacts can be kept open at the end (the
demo's queue), some of them overdue; Tom's share of the open work is made his.
"""

from __future__ import annotations

import bisect
import random
from datetime import date, datetime, time, timedelta

from continuum.frontdoor import clocks
from continuum.frontdoor.catalogue import REFERRAL_OUTCOMES, Outcome, Route, Status
from continuum.frontdoor.decisions import needs_sign_off
from continuum.socialcare.referrals import re_referral_window_start
from continuum.statutory.calendar import is_working_day
from continuum.statutory.timescales import ENGLAND, england_date

from . import calibration as cal
from .calibration import SOURCE_GROUPS, SourceGroup
from .contact_details import ContactDetails, first_name_of, very_young
from .contact_plans import PlannedContact
from .contact_timeline import SCREENING, SIGN_OFF, TRIAGE, CheckedAgencies, Timeline
from .families import Family, FamilyChild
from .front_door_staff import FrontDoorPeople
from .journey_stage import Journeys

# Days without a working day see fewer contacts: police notifications and calls to the out-of-hours team.
QUIET_DAY = 0.35
# The extra open contacts: how many are overdue, and the stage each is in.
QUEUE_OVERDUE = 0.25
QUEUE_STAGES = ((TRIAGE, 0.35), (SCREENING, 0.45), (SIGN_OFF, 0.2))

Eligible = tuple[FamilyChild, date | None, date | None]  # the child, born, due (as on the contact's day)
Booking = tuple[date, int, str]  # a caseload child's referral: the day, the child, the outcome
# Outcomes that open a referral or early help: a child with one already open cannot have another.
SERIOUS = frozenset({Outcome.EARLY_HELP, *REFERRAL_OUTCOMES})
# Seeds: 0.31 referrals a contact; a contact booked for a caseload child is one, other contacts 0.3.
REFERRAL_SHARE, SPARE_PER_BOOKING = 0.3, 0.7


class ContactPlanner:
    def __init__(
        self,
        rng: random.Random,
        families: list[Family],
        people: FrontDoorPeople,
        agencies: CheckedAgencies,
        reference_date: date,
        journeys: Journeys,
    ) -> None:
        self.rng = rng
        self.families = families
        self.people = people
        self.journeys = journeys
        self.details = ContactDetails(rng, people)
        self.timeline = Timeline(rng, people, agencies, reference_date, journeys)
        self.reference_date = reference_date
        self.first_day = re_referral_window_start(reference_date) + timedelta(days=1)
        self.referred_on: list[date] = []  # each referral's date, in date order
        self.referred: list[tuple[int, int]] = []  # (family, person) of each referral, in the same order
        self.last_referred: dict[int, date] = {}
        self.contacted: list[int] = []
        self.spare_referrals = 0.0  # the chance a referral decision gives way to a booked one
        self.serial = 0
        # Kinds of referrer the partnership has staff for (a small profile may lack some).
        self.groups = [
            group
            for group in SOURCE_GROUPS
            if not group.agency_types or any(people.referrers.get(kind) for kind in group.agency_types)
        ]

    # Referrals before the year ------------------------------------------------------------------

    def remember_earlier_referrals(self) -> int:
        """The journeys' referrals in the 12 months before the year, so that re-referrals count."""
        family_of = {
            child.person_id: n for n, family in enumerate(self.families) for child in family.children
        }
        earlier = self.journeys.referred_before(self.first_day)
        for day, person_id in earlier:
            if person_id in family_of:
                self._referred(family_of[person_id], person_id, day)
        self.family_of = family_of
        return len(earlier)

    # The year's contacts ---------------------------------------------------------------------------

    def year(self, count: int, bookings: list[Booking] = []) -> list[PlannedContact]:  # noqa: B006
        """`count` contacts through the year; a contact on the day of each booked referral is one of them."""
        booked = [(day, person, outcome) for day, person, outcome in bookings if person in self.family_of]
        # The booked referrals take the place of others: about 70% of the contacts they replace
        # would not have been referrals, so as many referral decisions become advice instead.
        self.spare_referrals = (
            SPARE_PER_BOOKING * len(booked) / max(1, REFERRAL_SHARE * (count - len(booked)))
        )
        arrivals: list[tuple[datetime, int, SourceGroup, Booking | None]] = [
            (self._arrival(group), n, group, None)
            for n, group in enumerate(_groups(self.rng, self.groups, max(0, count - len(booked))))
        ]
        professional = [group for group in self.groups if group.agency_types and group.office_hours]
        for n, booking in enumerate(booked, start=len(arrivals)):
            at = _at(booking[0], self.rng.randint(9 * 60, 15 * 60))
            arrivals.append((at, n, self.rng.choice(professional), booking))
        return [
            self._contact(at, group, booking=booking)
            for at, _, group, booking in sorted(arrivals, key=lambda a: a[:2])
        ]

    def queue(self, count: int) -> list[PlannedContact]:
        """Extra contacts still open at the end of the reference day: the demo's queue."""
        rng = self.rng
        recent = _working_days_back(self.reference_date, 0, 1)
        overdue = _working_days_back(self.reference_date, 2, 5)
        planned = []
        for n, group in enumerate(_groups(rng, self.groups, count)):
            day = rng.choice(overdue if rng.random() < QUEUE_OVERDUE else recent)
            at = _at(day, rng.randint(8 * 60 + 30, 16 * 60 + 30))
            stage = rng.choices([s for s, _ in QUEUE_STAGES], [w for _, w in QUEUE_STAGES])[0]
            planned.append((at, n, group, stage))
        return [
            self._contact(at, group, stage) for at, _, group, stage in sorted(planned, key=lambda p: p[:2])
        ]

    def _arrival(self, group: SourceGroup) -> datetime:
        rng = self.rng
        days = (self.reference_date - self.first_day).days + 1
        while True:
            day = self.first_day + timedelta(days=rng.randrange(days))
            working = is_working_day(day)
            if working or (not group.office_hours and rng.random() < QUIET_DAY):
                break
        minute = rng.randint(8 * 60 + 30, 17 * 60 + 30) if group.office_hours else rng.randrange(24 * 60)
        return _at(day, minute)

    def _contact(
        self, at: datetime, group: SourceGroup, stage: str = "", booking: Booking | None = None
    ) -> PlannedContact:
        rng, details = self.rng, self.details
        day = england_date(at)
        primary: str = rng.choices(cal.OUTCOME_ORDER, group.outcomes)[0]
        focus: int | None
        if stage == SIGN_OFF and needs_sign_off(Outcome.NO_FURTHER_ACTION):
            primary = Outcome.NO_FURTHER_ACTION
        if booking is None and primary in REFERRAL_OUTCOMES and rng.random() < self.spare_referrals:
            primary = Outcome.ADVICE
        if booking is not None:
            primary, focus = booking[2], booking[1]
            index = self.family_of[focus]
            family = self.families[index]
        else:
            found = self._family_for(day, primary)
            if found is None:  # everyone is already open to early help or social care: advice, then
                primary = Outcome.ADVICE
                found = self._family_for(day, primary)
                assert found is not None
            index, family, focus = found
        chosen = self._children_on(group, self._eligible_for(family, day, primary, focus), focus)
        route = rng.choices([r for r, _ in group.routes], [w for _, w in group.routes])[0]
        referrer = details.referrer(group, route, family, [child for child, _, _ in chosen])
        contact = PlannedContact(at, decision_due(at), group.key, route, "", referrer)
        contact.worker_id = rng.choice(self.people.workers)
        details.fill_referrer(contact, contact.worker_id)
        contact.children = [details.child_as_written(group, family, *child) for child in chosen]
        contact.household = details.household(group, family)
        decided = details.outcomes(group, primary, len(chosen))
        details.words(contact, group, first_name_of(contact.children[0]), very_young(chosen[0][1], day))
        if route == Route.POLICE_NOTIFICATION:
            self.serial += 1
            details.police_details(contact, self.serial)
        details.referrer_level(contact, max(level for _, level, _ in decided))
        details.consent(contact, decided)
        self.timeline.work(contact, family, decided, stage)
        self._remember(index, contact, day)
        return contact

    # Which family, which children ------------------------------------------------------------------

    def _family_for(self, day: date, primary: str) -> tuple[int, Family, int | None] | None:
        """A family with a child on `day`; for a referral, at the seeds' rate, one referred in 12 months."""
        rng = self.rng
        referral = primary in REFERRAL_OUTCOMES
        window = re_referral_window_start(day)
        for _ in range(100):
            focus = None
            if referral and rng.random() < cal.RE_REFERRAL:
                again = self._referred_again(day, window, primary)
                if again is not None:
                    return again
                continue
            elif not referral and self.contacted and rng.random() < cal.REPEAT_CONTACT:
                index = rng.choice(self.contacted)
            else:
                index = rng.randrange(len(self.families))
                if referral and self.last_referred.get(index, date.min) >= window:
                    continue
            eligible = self._eligible_for(self.families[index], day, primary, focus)
            if eligible and (focus is None or eligible[0][0].person_id == focus):
                return index, self.families[index], focus
        return self._any_family(day, window if referral else date.min, primary)

    def _referred_again(self, day: date, window: date, primary: str) -> tuple[int, Family, int] | None:
        """A child referred in the 12 months before `day` whose referral has closed since, if one is found."""
        rng = self.rng
        low, high = bisect.bisect_left(self.referred_on, window), bisect.bisect_left(self.referred_on, day)
        for _ in range(15 if high > low else 0):
            index, focus = self.referred[rng.randrange(low, high)]
            eligible = self._eligible_for(self.families[index], day, primary, focus)
            if eligible and eligible[0][0].person_id == focus:
                return index, self.families[index], focus
        return None

    def _any_family(
        self, day: date, not_referred_since: date, primary: str
    ) -> tuple[int, Family, int | None] | None:
        """When chance keeps missing (a small area), look through every family from a random start."""
        start = self.rng.randrange(len(self.families))
        order = [*range(start, len(self.families)), *range(start)]
        for index in order:
            recently_referred = self.last_referred.get(index, date.min) >= not_referred_since > date.min
            if not recently_referred and self._eligible_for(self.families[index], day, primary, None):
                return index, self.families[index], None
        index = next((n for n in order if self._eligible_for(self.families[n], day, primary, None)), -1)
        return (index, self.families[index], None) if index >= 0 else None

    def _eligible_for(self, family: Family, day: date, primary: str, focus: int | None) -> list[Eligible]:
        """The family's children on `day`; for early help or a referral, only those with neither open
        (the child of concern first, when it is one of them)."""
        eligible = _eligible(family, day)
        if primary in SERIOUS:
            free = self.journeys.is_free
            eligible = [c for c in eligible if c[0].person_id == focus or free(c[0].person_id, day)]
            if focus is not None and not free(focus, day) and not self._booked(focus, day):
                eligible = [c for c in eligible if c[0].person_id != focus]
        return sorted(eligible, key=lambda c: c[0].person_id != focus)

    def _booked(self, person_id: int, day: date) -> bool:
        return (person_id, day) in self.journeys.bookings.by_person_day

    def _children_on(self, group: SourceGroup, eligible: list[Eligible], focus: int | None) -> list[Eligible]:
        """Every child in the family, or one; the child of concern (`focus`) comes first."""
        rng = self.rng
        first = next((child for child in eligible if child[0].person_id == focus), None)
        if first is None and group.key == "school":
            at_school = [child for child in eligible if child[0].school_id]
            first = rng.choice(at_school) if at_school else None
        first = first or rng.choice(eligible)
        if focus is not None or rng.random() < group.names_every_child:
            return [first, *(child for child in eligible if child is not first)]
        return [first]

    def _remember(self, index: int, contact: PlannedContact, day: date) -> None:
        self.contacted.append(index)
        for child in contact.children:
            if child.referral is not None:
                self._referred(index, child.person_id, day)

    def _referred(self, index: int, person_id: int, day: date) -> None:
        position = bisect.bisect_right(self.referred_on, day)
        self.referred_on.insert(position, day)
        self.referred.insert(position, (index, person_id))
        self.last_referred[index] = max(day, self.last_referred.get(index, date.min))

    # Tom's share of the open work ----------------------------------------------------------------

    def give_work_to(self, contacts: list[PlannedContact], worker_id: int, open_contacts: int) -> None:
        """Make `worker_id` the worker on the latest contacts being screened, and one waiting for sign-off."""
        screening = [contact for contact in reversed(contacts) if contact.status == Status.IN_PROGRESS]
        signing = [contact for contact in reversed(contacts) if contact.status == Status.AWAITING_SIGN_OFF]
        for contact in screening[:open_contacts] + signing[:1]:
            _reassign(contact, worker_id, self.people.managers)


def _reassign(contact: PlannedContact, worker_id: int, managers: list[int]) -> None:
    contact.worker_id = worker_id
    for screening in contact.screenings:
        if screening.view == "social_work":
            screening.screened_by_id = worker_id
    for child in contact.children:
        if child.decision is not None:
            child.decision.decided_by_id = worker_id


def _eligible(family: Family, day: date) -> list[Eligible]:
    found = []
    for child in family.children:
        known = child.on(day)
        if known is not None:
            found.append((child, *known))
    return found


def _groups(rng: random.Random, groups: list[SourceGroup], count: int) -> list[SourceGroup]:
    return rng.choices(groups, [group.share for group in groups], k=count)


def _at(day: date, minute: int) -> datetime:
    return datetime.combine(day, time(minute // 60, minute % 60), tzinfo=ENGLAND)


def _working_days_back(day: date, nearest: int, furthest: int) -> list[date]:
    """Working days from `nearest` to `furthest` working days before `day` (0: `day`, if it is one)."""
    days = []
    cursor = day
    while not is_working_day(cursor):
        cursor -= timedelta(days=1)
    back = 0
    while back <= furthest:
        if back >= nearest:
            days.append(cursor)
        cursor -= timedelta(days=1)
        while not is_working_day(cursor):
            cursor -= timedelta(days=1)
        back += 1
    return days


_DUE: dict[date, datetime] = {}


def decision_due(at: datetime) -> datetime:
    """`clocks.decision_due`, worked out once a day: it depends only on the day in England."""
    day = england_date(at)
    if day not in _DUE:
        _DUE[day] = clocks.decision_due(at)
    return _DUE[day]
