"""Which children social care and early help are working with, and who holds each case.

Brothers and sisters are allocated together to one worker, as they usually are. Households are
picked at random through the run (at a rate that fills every caseload before the end), so the
allocated children are a fair sample of the area, not its first few streets.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from .plans import PlannedAllocation, PlannedHousehold
from .staff import CaseworkSlot

AVERAGE_CHILDREN_PER_HOUSEHOLD = 2.0


class Caseloads:
    def __init__(
        self, rng: random.Random, slots: list[CaseworkSlot], households: int, reference_date: date
    ) -> None:
        self.rng = rng
        self.slots = slots
        self.remaining = [slot.capacity for slot in slots]
        self.open_places = sum(self.remaining)
        self.today = reference_date
        needed = sum(self.remaining) / AVERAGE_CHILDREN_PER_HOUSEHOLD
        self.rate = min(1.0, 1.6 * needed / max(1, households))
        self.turn = 0

    def allocate(self, household: PlannedHousehold) -> None:
        if household.restricted or self.open_places <= 0 or self.rng.random() >= self.rate:
            return
        eligible_by_kind: dict[str, list[int]] = {}
        for _ in range(len(self.slots)):
            slot = self.turn % len(self.slots)
            self.turn += 1
            if self.remaining[slot] <= 0:
                continue
            kind = self.slots[slot].kind
            if kind not in eligible_by_kind:
                eligible_by_kind[kind] = self._eligible(household, kind)
            eligible = eligible_by_kind[kind]
            # Skip a caseload the family would overfill by more than a child or two.
            if eligible and len(eligible) <= self.remaining[slot] + 2:
                self._assign(household, eligible, slot)
                return

    def _eligible(self, household: PlannedHousehold, kind: str) -> list[int]:
        sons_and_daughters = {link.relative for link in household.relationships if link.kind == "parent"}
        eligible = []
        for index in sorted(sons_and_daughters):
            person = household.people[index]
            age = person.age_on(self.today)
            if kind == "leaving_care":
                keep = age is not None and 16 <= age <= 21
            elif kind == "children_in_care":
                keep = person.kind == "child"
            else:
                # Not unborn children: their journeys begin at the front door, before birth or after.
                keep = person.kind == "child"
            if keep:
                eligible.append(index)
        return eligible

    def _assign(self, household: PlannedHousehold, eligible: list[int], slot: int) -> None:
        started = self.today - timedelta(days=self.rng.randint(7, 540))
        for index in eligible:
            born = household.people[index].date_of_birth
            household.allocations.append(PlannedAllocation(index, slot, max(started, born or started)))
        self.remaining[slot] -= len(eligible)
        self.open_places -= len(eligible)
