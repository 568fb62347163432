"""Casework after the people are written: journeys from April 2016, and the front door's year within them.

The journeys are planned first for the children already on caseloads and for every year before
the front door's; the front door's contacts then ask for a journey for each referral and early
help decision, so the year's referrals are part of the same journeys (never a second open
referral for a child). Everything is cut at the end of the reference day, then written in bulk.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass

from continuum.access.models import User
from continuum.statutory.models import ThresholdFramework

from .agencies import COMMUNITY_TRUST, Agencies
from .contact_history import EarlierContacts
from .contact_plans import PlannedContact
from .contact_timeline import CheckedAgencies
from .contact_writer import ContactWriter, FrontDoorCounts
from .contacts import ContactPlanner
from .families import Family
from .front_door_staff import FrontDoorPeople, load_front_door_people
from .journey_stage import Journeys, JourneyStaff
from .journey_writer import JourneyCounts, JourneyWriter
from .profiles import Profile
from .staff import CaseworkSlot
from .writer import HouseholdWriter

Progress = Callable[[str], None]


@dataclass
class CaseworkCounts:
    front_door: FrontDoorCounts
    journeys: JourneyCounts


def families_share(profile: Profile) -> float:
    """How many of the area's households to keep notes on: enough for the year's contacts to spread."""
    return min(1.0, 1.5 * profile.contacts_per_year / max(1, profile.households))


def generate_casework(
    seed: int,
    profile: Profile,
    agencies: Agencies,
    households: HouseholdWriter,
    slots: list[CaseworkSlot],
    personas: dict[str, User],
    progress: Progress,
) -> CaseworkCounts:
    started = time.perf_counter()
    households.young.sort()
    staff = journey_staff(slots, agencies)
    journeys = Journeys(seed, profile.reference_date, households.young, staff, households.counts.children)
    journeys.plan_caseloads(households.caseloads)
    journeys.plan_care_experienced()
    journeys.plan_years()
    progress(
        f"Journeys: planned {len(journeys.journeys):,} referrals and {len(journeys.episodes):,} early help "
        f"episodes before the front door's year in {time.perf_counter() - started:.1f} seconds"
    )
    families = households.families.families if households.families else []
    people = load_front_door_people(agencies.police) if families and profile.contacts_per_year else None
    checked = CheckedAgencies(agencies.police.pk, agencies.by_name[COMMUNITY_TRUST].pk)
    front_door = _front_door(seed, profile, families, people, checked, journeys, progress)
    journeys.finish()
    levels = dict(ThresholdFramework.objects.in_force().levels.values_list("number", "pk"))
    earlier = ContactWriter(levels)
    every_family = households.families.by_household if households.families else {}
    if people is not None and every_family and profile.contacts_before_the_year:
        started_earlier = time.perf_counter()
        planner = EarlierContacts(seed, every_family, people, checked, journeys)
        earlier.write(planner.plan(profile.contacts_before_the_year))
        progress(
            f"Front door: {earlier.counts.contacts:,} contacts since April 2016 before the year "
            f"({planner.referrals:,} for referrals, {planner.early_help:,} for early help) "
            f"in {time.perf_counter() - started_earlier:.1f} seconds"
        )
    writer = ContactWriter(levels)
    writer.write(front_door.contacts if front_door else [])
    writer.counts.earlier_referrals = sum(not j.from_contact for j in journeys.journeys)
    writer.counts.earlier_contacts = earlier.counts.contacts
    writer.counts.earlier_contact_referrals = earlier.counts.referrals
    writer.counts.earlier_contact_early_help = earlier.counts.early_help
    journey_writer = JourneyWriter(profile.reference_date)
    journey_writer.write(journeys.journeys, journeys.episodes, journeys.care_leavers, journeys.missing)
    persona_ids = {user.pk for user in personas.values()}
    journey_writer.write_allocations(journeys.allocated, slots, journeys.caseload_starts, persona_ids)
    counts = journey_writer.counts
    progress(
        f"Journeys: {counts.referrals:,} referrals, {counts.assessments:,} assessments, "
        f"{counts.child_protection_plans:,} child protection plans, {counts.care_episodes:,} care episodes, "
        f"{counts.early_help:,} early help episodes in {time.perf_counter() - started:.1f} seconds"
    )
    return CaseworkCounts(writer.counts, counts)


@dataclass
class _FrontDoorYear:
    contacts: list[PlannedContact]


def _front_door(
    seed: int,
    profile: Profile,
    families: list[Family],
    people: FrontDoorPeople | None,
    checked: CheckedAgencies,
    journeys: Journeys,
    progress: Progress,
) -> _FrontDoorYear | None:
    if people is None:
        return None
    rng = random.Random(f"front door {seed}")
    planner = ContactPlanner(rng, families, people, checked, profile.reference_date, journeys)
    planner.remember_earlier_referrals()
    # The extra open contacts are part of the year's count, so that a profile's year has its number.
    queue = min(profile.open_queue, profile.contacts_per_year)
    booked = journeys.bookings.wanted()
    contacts = planner.year(profile.contacts_per_year - queue, booked) + planner.queue(queue)
    if "tom" in people.personas:
        planner.give_work_to(contacts, people.personas["tom"], profile.persona_queue)
    progress(
        f"Front door: planned {len(contacts):,} contacts ({len(booked):,} for children now on caseloads)"
    )
    return _FrontDoorYear(contacts)


def journey_staff(slots: list[CaseworkSlot], agencies: Agencies) -> JourneyStaff:
    workers: dict[str, list[int]] = {}
    for slot in slots:
        if slot.worker is not None and slot.worker.pk not in workers.setdefault(slot.kind, []):
            workers[slot.kind].append(slot.worker.pk)
    health = [agency.pk for name, agency in sorted(agencies.by_name.items()) if "NHS" in name]
    schools = [school.agency.pk for school in (agencies.primary + agencies.secondary)[:20]]
    return JourneyStaff(workers, [agencies.police.pk, *health, *schools])
