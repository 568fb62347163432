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
from continuum.frontdoor.catalogue import REFERRAL_OUTCOMES, Outcome, Route, Status, referral_source_for
from continuum.frontdoor.decisions import needs_sign_off
from continuum.socialcare.referrals import re_referral_window_start
from continuum.statutory.calendar import is_working_day
from continuum.statutory.timescales import ENGLAND, england_date

from . import calibration as cal
from .calibration import SOURCE_GROUPS, SourceGroup
from .contact_details import ContactDetails, first_name_of, very_young
from .contact_plans import PlannedContact, PlannedReferral
from .contact_timeline import SCREENING, SIGN_OFF, TRIAGE, CheckedAgencies, Timeline
from .families import Family, FamilyChild
from .front_door_staff import FrontDoorPeople

# Days without a working day see fewer contacts: police notifications and calls to the out-of-hours team.
QUIET_DAY = 0.35
# The extra open contacts: how many are overdue, and the stage each is in.
QUEUE_OVERDUE = 0.25
QUEUE_STAGES = ((TRIAGE, 0.35), (SCREENING, 0.45), (SIGN_OFF, 0.2))

Eligible = tuple[FamilyChild, date | None, date | None]  # the child, born, due (as on the contact's day)


class ContactPlanner:
    def __init__(
        self,
        rng: random.Random,
        families: list[Family],
        people: FrontDoorPeople,
        agencies: CheckedAgencies,
        reference_date: date,
    ) -> None:
        self.rng = rng
        self.families = families
        self.people = people
        self.details = ContactDetails(rng, people)
        self.timeline = Timeline(rng, people, agencies, reference_date)
        self.reference_date = reference_date
        self.first_day = re_referral_window_start(reference_date) + timedelta(days=1)
        self.referred_on: list[date] = []  # each referral's date, in date order
        self.referred: list[tuple[int, int]] = []  # (family, person) of each referral, in the same order
        self.last_referred: dict[int, date] = {}
        self.contacted: list[int] = []
        self.serial = 0
        self._due: dict[date, datetime] = {}
        # Kinds of referrer the partnership has staff for (a small profile may lack some).
        self.groups = [
            group
            for group in SOURCE_GROUPS
            if not group.agency_types or any(people.referrers.get(kind) for kind in group.agency_types)
        ]

    # Last year's referrals -------------------------------------------------------------------------

    def history(self, count: int) -> list[tuple[int, PlannedReferral]]:
        """`count` referrals in the 12 months before the year, without contacts (migrated history)."""
        rng = self.rng
        start = re_referral_window_start(self.first_day)
        days = [start + timedelta(days=n) for n in range((self.first_day - start).days)]
        referrals = []
        for day in sorted(rng.choices(days, k=count)):
            index, family, focus = self._family_for(day, referral=True)
            eligible = [pair for pair in _eligible(family, day) if pair[1] is not None]
            if not eligible:
                continue
            child = next((pair for pair in eligible if pair[0].person_id == focus), rng.choice(eligible))[0]
            group = _groups(rng, self.groups, 1)[0]
            route = rng.choices([r for r, _ in group.routes], [w for _, w in group.routes])[0]
            source = referral_source_for(route, group.agency_types[0] if group.agency_types else None)
            closed = day + timedelta(days=rng.randint(20, 250))
            worker = rng.choice(self.people.workers)
            referrals.append(
                (
                    child.person_id,
                    PlannedReferral(day, source, worker, closed if closed <= self.reference_date else None),
                )
            )
            self._referred(index, child.person_id, day)
        return referrals

    # The year's contacts ---------------------------------------------------------------------------

    def year(self, count: int) -> list[PlannedContact]:
        arrivals = [
            (self._arrival(group), n, group) for n, group in enumerate(_groups(self.rng, self.groups, count))
        ]
        return [self._contact(at, group) for at, _, group in sorted(arrivals, key=lambda a: (a[0], a[1]))]

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

    def _contact(self, at: datetime, group: SourceGroup, stage: str = "") -> PlannedContact:
        rng, details = self.rng, self.details
        day = england_date(at)
        primary = rng.choices(cal.OUTCOME_ORDER, group.outcomes)[0]
        if stage == SIGN_OFF and needs_sign_off(Outcome.NO_FURTHER_ACTION):
            primary = Outcome.NO_FURTHER_ACTION
        index, family, focus = self._family_for(day, referral=primary in REFERRAL_OUTCOMES)
        chosen = self._children_on(group, _eligible(family, day), focus)
        route = rng.choices([r for r, _ in group.routes], [w for _, w in group.routes])[0]
        referrer = details.referrer(group, route, family, [child for child, _, _ in chosen])
        contact = PlannedContact(at, self._due_at(at), group.key, route, "", referrer)
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

    def _due_at(self, at: datetime) -> datetime:
        """`clocks.decision_due`, worked out once a day: it depends only on the day in England."""
        day = england_date(at)
        if day not in self._due:
            self._due[day] = clocks.decision_due(at)
        return self._due[day]

    # Which family, which children ------------------------------------------------------------------

    def _family_for(self, day: date, *, referral: bool) -> tuple[int, Family, int | None]:
        """A family with a child on `day`; for a referral, at the seeds' rate, one referred in 12 months."""
        rng = self.rng
        window = re_referral_window_start(day)
        for _ in range(100):
            focus = None
            if referral and rng.random() < cal.RE_REFERRAL:
                low, high = (
                    bisect.bisect_left(self.referred_on, window),
                    bisect.bisect_left(self.referred_on, day),
                )
                if low == high:
                    continue
                index, focus = self.referred[rng.randrange(low, high)]
            elif not referral and self.contacted and rng.random() < cal.REPEAT_CONTACT:
                index = rng.choice(self.contacted)
            else:
                index = rng.randrange(len(self.families))
                if referral and self.last_referred.get(index, date.min) >= window:
                    continue
            if _eligible(self.families[index], day):
                return index, self.families[index], focus
        return self._any_family(day, window if referral else date.min)

    def _any_family(self, day: date, not_referred_since: date) -> tuple[int, Family, int | None]:
        """When chance keeps missing (a small area), look through every family from a random start."""
        start = self.rng.randrange(len(self.families))
        order = [*range(start, len(self.families)), *range(start)]
        for index in order:
            recently_referred = self.last_referred.get(index, date.min) >= not_referred_since > date.min
            if not recently_referred and _eligible(self.families[index], day):
                return index, self.families[index], None
        index = next(n for n in order if _eligible(self.families[n], day))
        return index, self.families[index], None

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
