"""The synthetic front door: a year of contacts and what came of them, after the people are written."""

from __future__ import annotations

import random
import time
from collections.abc import Callable

from continuum.statutory.models import ThresholdFramework

from .agencies import COMMUNITY_TRUST, Agencies
from .contact_timeline import CheckedAgencies
from .contact_writer import ContactWriter, FrontDoorCounts
from .contacts import ContactPlanner
from .families import Family
from .front_door_staff import load_front_door_people
from .profiles import Profile

# Seeds: 9,934 referrals from 32,038 contacts.
REFERRALS_PER_CONTACT = 9934 / 32038


def families_share(profile: Profile) -> float:
    """How many of the area's households to keep notes on: enough for the year's contacts to spread."""
    return min(1.0, 1.5 * profile.contacts_per_year / max(1, profile.households))


def generate_front_door(
    seed: int, profile: Profile, agencies: Agencies, families: list[Family], progress: Callable[[str], None]
) -> FrontDoorCounts:
    if not families or not profile.contacts_per_year:
        return FrontDoorCounts()
    started = time.perf_counter()
    rng = random.Random(f"front door {seed}")
    people = load_front_door_people(agencies.police)
    checked = CheckedAgencies(agencies.police.pk, agencies.by_name[COMMUNITY_TRUST].pk)
    planner = ContactPlanner(rng, families, people, checked, profile.reference_date)
    history = planner.history(round(profile.contacts_per_year * REFERRALS_PER_CONTACT))
    # The extra open contacts are part of the year's count, so that a profile's year has its number.
    queue = min(profile.open_queue, profile.contacts_per_year)
    contacts = planner.year(profile.contacts_per_year - queue) + planner.queue(queue)
    if "tom" in people.personas:
        planner.give_work_to(contacts, people.personas["tom"], profile.persona_queue)
    progress(f"Front door: planned {len(contacts):,} contacts and {len(history):,} earlier referrals")
    levels = dict(ThresholdFramework.objects.in_force().levels.values_list("number", "pk"))
    writer = ContactWriter(levels)
    writer.write_history(history)
    writer.write(contacts)
    counts = writer.counts
    seconds = time.perf_counter() - started
    progress(
        f"Front door: {counts.contacts:,} contacts ({counts.open_contacts:,} open), "
        f"{counts.decisions:,} decisions, {counts.referrals:,} referrals in {seconds:.1f} seconds"
    )
    return counts
