"""The contacts of the years before the front door's, as a case system migrated into Continuum holds them.

Every referral and early help episode from 1 April 2016 to the day before the front door's year
gets the contact that led to it (received on the referral's day; on the episode's first day),
and each year gets its other contacts (no further action, information only, advice) until it has
the profile's contacts a year times `CONTACT_YEAR_FACTOR`. The kinds of referrer, routes, words,
levels, consent and decisions follow the front door's year (`calibration.py`), the proportions
of the other contacts' outcomes included. They are simpler than the front door's year: every
one is closed and decided (mostly within the working-day clock, the referrer told where they can
be), with a joint screening for a police notification but no partner checks and no household
written. Referrals that followed early help (a step-up) and early help that followed social care
(a step-down) had no contact, as in the front door's year.

They draw on their own random numbers, after the journeys are planned, so the people, the
journeys and the front door's year are the same with or without them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from continuum.frontdoor.catalogue import Outcome, Route
from continuum.statutory.calendar import is_working_day
from continuum.statutory.timescales import ENGLAND, england_date

from . import calibration as cal
from .calibration import SOURCE_GROUPS, SourceGroup
from .contact_details import ContactDetails, first_name_of, very_young
from .contact_plans import PlannedContact
from .contact_timeline import CheckedAgencies, Timeline, minutes
from .contacts import decision_due
from .families import Family, FamilyChild
from .front_door_staff import FrontDoorPeople
from .journey_calibration import CONTACT_YEAR_FACTOR, JOURNEYS_FROM
from .journey_plans import Journey, PlannedEarlyHelpEpisode
from .journey_stage import Journeys

QUIET_DAY = 0.35  # as the front door's year: fewer contacts on days without a working day
SCHOOL_GROUPS = frozenset({"school", "education"})  # about a child of school age
SCHOOL_AGE = 4
ADULT = 18
# Police notifications of these years are numbered from here, apart from the front door's year's.
POLICE_SERIAL_FROM = 500_000
OTHER_OUTCOMES = (Outcome.NO_FURTHER_ACTION, Outcome.ADVICE)  # the first two of OUTCOME_ORDER

Link = Journey | PlannedEarlyHelpEpisode
Eligible = tuple[FamilyChild, date | None, date | None]


@dataclass(frozen=True)
class _Arrival:
    at: datetime
    order: int
    group: SourceGroup
    outcome: str
    link: Link | None  # the referral or early help episode that followed, for a linked contact


class EarlierTimeline(Timeline):
    """A contact of the years before: allocated, linked, screened (a police notification), decided,
    signed off where the partnership asks, the referrer told; no partner checks."""

    def work_earlier(
        self, contact: PlannedContact, decided: list[tuple[str, int, str]], link: Link | None
    ) -> None:
        rng = self.rng
        contact.allocated_at = self._work_starts(contact.received_at) + minutes(rng.randint(5, 90))
        earliest = contact.allocated_at
        for child in contact.children:
            child.linked_at = contact.allocated_at + minutes(rng.randint(2, 20))
            earliest = max(earliest, child.linked_at)
        if contact.route == Route.POLICE_NOTIFICATION:
            serious = cal.OUTCOME_ORDER.index(decided[0][0]) >= cal.OUTCOME_ORDER.index(Outcome.EARLY_HELP)
            earliest = max(earliest, self._screenings(contact, serious))
        self._decisions(contact, decided, earliest, "")
        self._follow_ons(contact)
        self._encompass(contact)
        self.snapshot(contact)
        _link(contact, link)


class EarlierContacts:
    def __init__(
        self,
        seed: int,
        families: dict[int, Family],
        people: FrontDoorPeople,
        agencies: CheckedAgencies,
        journeys: Journeys,
    ) -> None:
        rng = self.rng = random.Random(f"earlier contacts {seed}")
        self.families = families
        self.family_list = list(families.values())
        self.people = people
        self.journeys = journeys
        self.details = ContactDetails(rng, people)
        self.timeline = EarlierTimeline(rng, people, agencies, journeys.as_at, journeys)
        self.serial = POLICE_SERIAL_FROM
        self.groups = [
            group
            for group in SOURCE_GROUPS
            if not group.agency_types or any(people.referrers.get(kind) for kind in group.agency_types)
        ]
        self.referrals = self.early_help = 0  # how many were linked

    def plan(self, per_year: int) -> list[PlannedContact]:
        """The contacts from `JOURNEYS_FROM` to the day before the front door's year, in time order."""
        linked = self._linked()
        last_day = self.journeys.first_day - timedelta(days=1)
        arrivals = [self._linked_arrival(day, link, n) for n, (day, link) in enumerate(linked)]
        year = JOURNEYS_FROM.year
        while date(year, 4, 1) <= last_day:
            first, last = date(year, 4, 1), min(date(year + 1, 3, 31), last_day)
            share = ((last - first).days + 1) / (date(year + 1, 4, 1) - first).days  # of the whole year
            wanted = round(per_year * CONTACT_YEAR_FACTOR.get(year, 1.0) * share)
            already = sum(first <= day <= last for day, _ in linked)
            for _ in range(max(0, wanted - already)):
                arrivals.append(self._other_arrival(first, last, len(arrivals)))
            year += 1
        planned = []
        for arrival in sorted(arrivals, key=lambda a: (a.at, a.order)):
            contact = self._contact(arrival)
            if contact is not None:
                planned.append(contact)
        return planned

    # Which contacts ---------------------------------------------------------------------------------

    def _linked(self) -> list[tuple[date, Link]]:
        """Each referral and early help episode of the years that came through the front door."""
        first_day, families = self.journeys.first_day, self.families
        stepped_up = {id(e.stepped_up_to) for e in self.journeys.episodes if e.stepped_up_to is not None}
        found: list[tuple[date, Link]] = [
            (journey.referral_date, journey)
            for journey in self.journeys.journeys
            if JOURNEYS_FROM <= journey.referral_date < first_day
            and not journey.from_contact
            and id(journey) not in stepped_up
            and journey.child.household in families
        ]
        found += [
            (episode.started, episode)
            for episode in self.journeys.episodes
            if JOURNEYS_FROM <= episode.started < first_day
            and not episode.from_contact
            and episode.stepped_down_from is None
            and episode.child.household in families
        ]
        return found

    def _linked_arrival(self, day: date, link: Link, order: int) -> _Arrival:
        rng = self.rng
        if isinstance(link, Journey):
            outcome = (
                Outcome.STRATEGY_DISCUSSION if _starts_with_strategy(link) else Outcome.SOCIAL_WORK_ASSESSMENT
            )
        else:
            outcome = Outcome.EARLY_HELP
        index = cal.OUTCOME_ORDER.index(outcome)
        working = is_working_day(day)
        school_age = link.child.born is not None and link.child.age_on(day) >= SCHOOL_AGE
        groups = [
            g
            for g in self.groups
            if (working or not g.office_hours) and (school_age or g.key not in SCHOOL_GROUPS)
        ]
        group = rng.choices(groups, [g.share * g.outcomes[index] for g in groups])[0]
        return _Arrival(self._time_on(day, group), order, group, outcome, link)

    def _other_arrival(self, first: date, last: date, order: int) -> _Arrival:
        """A contact that led to neither: no further action or advice, as the front door's year decides."""
        rng = self.rng
        group = rng.choices(self.groups, [g.share * (g.outcomes[0] + g.outcomes[1]) for g in self.groups])[0]
        outcome = rng.choices(OTHER_OUTCOMES, group.outcomes[:2])[0]
        span = (last - first).days + 1
        day = first
        for _ in range(100):  # a span of a day or two may hold no working day
            day = first + timedelta(days=rng.randrange(span))
            if is_working_day(day) or (not group.office_hours and rng.random() < QUIET_DAY):
                break
        return _Arrival(self._time_on(day, group), order, group, outcome, None)

    def _time_on(self, day: date, group: SourceGroup) -> datetime:
        rng = self.rng
        if group.office_hours and is_working_day(day):
            minute = rng.randint(8 * 60 + 30, 17 * 60 + 30)
        else:
            minute = rng.randrange(24 * 60)
        return datetime.combine(day, time(minute // 60, minute % 60), tzinfo=ENGLAND)

    # What each says and what became of it ---------------------------------------------------------

    def _contact(self, arrival: _Arrival) -> PlannedContact | None:
        rng, details, group = self.rng, self.details, arrival.group
        day = england_date(arrival.at)
        found = self._children(arrival, day)
        if found is None:
            return None
        family, chosen = found
        route = rng.choices([r for r, _ in group.routes], [w for _, w in group.routes])[0]
        referrer = details.referrer(group, route, family, [child for child, _, _ in chosen])
        contact = PlannedContact(arrival.at, decision_due(arrival.at), group.key, route, "", referrer)
        contact.worker_id = rng.choice(self.people.workers)
        details.fill_referrer(contact, contact.worker_id)
        contact.children = [details.child_as_written(group, family, *child) for child in chosen]
        for written, (_, born, _) in zip(contact.children, chosen, strict=True):
            if born is None or _age(born, day) < SCHOOL_AGE:
                written.school_id = None  # not at school then
        decided = details.outcomes(group, arrival.outcome, len(chosen))
        details.words(contact, group, first_name_of(contact.children[0]), very_young(chosen[0][1], day))
        if route == Route.POLICE_NOTIFICATION:
            self.serial += 1
            details.police_details(contact, self.serial)
        details.referrer_level(contact, max(level for _, level, _ in decided))
        details.consent(contact, decided)
        self.timeline.work_earlier(contact, decided, arrival.link)
        if isinstance(arrival.link, Journey):
            self.referrals += 1
        elif arrival.link is not None:
            self.early_help += 1
        return contact

    def _children(self, arrival: _Arrival, day: date) -> tuple[Family, list[Eligible]] | None:
        """The child a linked contact was about; for another contact, a family's child (or all of them)."""
        rng = self.rng
        if arrival.link is not None:
            young = arrival.link.child
            family = self.families[young.household]
            child = next((c for c in family.children if c.person_id == young.person_id), None)
            known = child.on(day) if child is not None else None
            return (family, [(child, *known)]) if child is not None and known is not None else None
        for _ in range(50):
            family = rng.choice(self.family_list)
            eligible = [(c, *known) for c in family.children if (known := c.on(day)) is not None]
            eligible = [e for e in eligible if e[1] is None or _age(e[1], day) < ADULT]
            if not eligible:
                continue
            first = rng.choice(eligible)
            if arrival.group.key in SCHOOL_GROUPS:
                at_school = [e for e in eligible if e[1] is not None and _age(e[1], day) >= SCHOOL_AGE]
                first = rng.choice(at_school) if at_school else first
            if rng.random() < arrival.group.names_every_child:
                return family, [first, *(e for e in eligible if e is not first)]
            return family, [first]
        return None


def _age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _starts_with_strategy(journey: Journey) -> bool:
    """The front door asked for a strategy discussion when one came before any assessment."""
    if not journey.enquiries:
        return False
    first_assessment = min((a.started for a in journey.assessments), default=date.max)
    return journey.enquiries[0].held_on <= first_assessment


def _link(contact: PlannedContact, link: Link | None) -> None:
    """The referral or early help episode the first child's decision opened: the planned one."""
    if link is None:
        return
    child = contact.children[0]
    if isinstance(link, Journey) and child.referral is not None:
        child.referral.journey = link
        link.from_contact, link.referral_source = True, child.referral.referral_source
    elif isinstance(link, PlannedEarlyHelpEpisode) and child.early_help is not None:
        child.early_help.started, child.early_help.episode = link.started, link
        link.from_contact = True
