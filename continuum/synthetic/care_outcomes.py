"""Outcomes after a year in care (SSDA903 OC2) for the children the generator keeps in care.

One record for each 31 March by which a child had been looked after for the whole year. The
shares are rounded from England's published figures for children looked after for 12 months
(DfE, "Outcomes for children in need, including children looked after"): most are immunised
and most 4 to 16-year-olds have an SDQ score, a few are convicted or misuse substances. Each
child's answers come from a generator of its own, so adding this moved no other random draw.
"""

from __future__ import annotations

import random
import zlib
from dataclasses import dataclass
from datetime import date

from continuum.socialcare.models.care import (
    CONVICTIONS_FROM,
    HEALTH_SURVEILLANCE_UNDER,
    looked_after_all_year,
    sdq_applies,
)

from .journey_plans import PlannedCare, YoungPerson

SDQ_SCORED_SHARE = 0.8
NO_SDQ_REASONS = ("SDQ2", "SDQ4", "SDQ5")
NO_SDQ_REASON_WEIGHTS = (2, 5, 3)
IMMUNISED_SHARE = 0.85
DEVELOPMENT_CHECKS_SHARE = 0.9
CONVICTED_SHARE = 0.03
SUBSTANCE_MISUSE_FROM = 11
SUBSTANCE_MISUSE_SHARE = 0.04
INTERVENTION_RECEIVED_SHARE = 0.55


@dataclass(frozen=True, slots=True)
class PlannedOutcomes:
    year_ending: date
    sdq_score: int | None
    sdq_reason: str
    convicted: bool | None
    health_surveillance_up_to_date: bool | None
    immunisations_up_to_date: bool
    substance_misuse: bool
    intervention_received: bool | None
    intervention_offered: bool | None


def outcomes_for(child: YoungPerson, care: PlannedCare, today: date) -> list[PlannedOutcomes]:
    """The child's outcomes for each 31 March, up to `today`, after a whole year in care."""
    rng = random.Random(zlib.crc32(f"{child.person_id}|{care.started}".encode()))
    found = []
    for year in range(care.started.year + 1, today.year + 1):
        year_ending = date(year, 3, 31)
        if year_ending > today or not looked_after_all_year(care.episodes, date(year - 1, 4, 1), year_ending):
            continue
        found.append(
            _outcomes(rng, child.age_on(year_ending), year_ending, sdq_applies(child.birthday, year_ending))
        )
    return found


def _outcomes(rng: random.Random, age: int, year_ending: date, with_sdq: bool) -> PlannedOutcomes:
    score, reason = None, ""
    if with_sdq:
        if rng.random() < SDQ_SCORED_SHARE:
            score = max(0, min(40, round(rng.gauss(14, 6))))
        else:
            reason = rng.choices(NO_SDQ_REASONS, NO_SDQ_REASON_WEIGHTS)[0]
    misuse = age >= SUBSTANCE_MISUSE_FROM and rng.random() < SUBSTANCE_MISUSE_SHARE
    received = (rng.random() < INTERVENTION_RECEIVED_SHARE) if misuse else None
    return PlannedOutcomes(
        year_ending=year_ending,
        sdq_score=score,
        sdq_reason=reason,
        convicted=(rng.random() < CONVICTED_SHARE) if age >= CONVICTIONS_FROM else None,
        health_surveillance_up_to_date=(
            rng.random() < DEVELOPMENT_CHECKS_SHARE if age < HEALTH_SURVEILLANCE_UNDER else None
        ),
        immunisations_up_to_date=rng.random() < IMMUNISED_SHARE,
        substance_misuse=misuse,
        intervention_received=received,
        intervention_offered=(rng.random() < 0.5) if received is False else None,
    )
