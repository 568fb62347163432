"""Early help episodes: an assessment within weeks, team around the family meetings every six to
eight weeks, and an outcome (needs met, stepped up to social care, universal services...)."""

from __future__ import annotations

import random
from datetime import date

from continuum.earlyhelp.models import EarlyHelpOutcome
from continuum.statutory.timescales import add_months

from . import journey_calibration as cal
from .journey_people import WorkingDays
from .journey_plans import PlannedEarlyHelpEpisode, YoungPerson
from .journeys import days, weighted

CONSENT_FROM = (
    "Mother",
    "Mother",
    "Father",
    "Both parents",
    "Grandmother (special guardian)",
    "Young person and mother",
)


class EarlyHelpPlanner:
    def __init__(
        self, rng: random.Random, calendar: WorkingDays, practitioners: list[int], agencies: list[int]
    ) -> None:
        self.rng = rng
        self.calendar = calendar
        self.practitioners = practitioners
        self.agencies = agencies

    def plan(
        self, child: YoungPerson, started: date, stop: date, *, stay_open: bool = False
    ) -> PlannedEarlyHelpEpisode:
        """An episode from `started`; it ends by `stop` ("moved away" if cut short), or stays open."""
        rng = self.rng
        stop = min(stop, child.turns(18) - days(1))
        outcome = weighted(rng, cal.EARLY_HELP_OUTCOMES)
        ended: date | None = add_months(started, rng.choice(cal.EARLY_HELP_MONTHS)) + days(
            rng.randint(-10, 10)
        )
        if outcome in (EarlyHelpOutcome.CONSENT_WITHDRAWN, EarlyHelpOutcome.MOVED_AWAY):
            ended = started + days(rng.randint(14, 90))
        assert ended is not None
        if ended > stop:
            ended, outcome = max(started, stop), EarlyHelpOutcome.MOVED_AWAY
        if stay_open:
            ended, outcome = None, ""
        episode = PlannedEarlyHelpEpisode(
            child, started, ended, outcome, rng.choice(self.practitioners), rng.choice(CONSENT_FROM)
        )
        self._work(episode)
        return episode

    def _work(self, episode: PlannedEarlyHelpEpisode) -> None:
        rng, calendar = self.rng, self.calendar
        last = episode.ended or date.max
        assessed = calendar.add(episode.started, rng.randint(2, 12))
        if assessed > last:
            return
        completed = calendar.add(assessed, rng.randint(5, 25))
        episode.assessment = (assessed, completed if completed <= last else None)
        episode.agencies = rng.sample(self.agencies, min(len(self.agencies), rng.randint(1, 3)))
        meeting = calendar.add(completed, rng.randint(3, 15))
        while meeting <= last and meeting <= episode.started + days(800):
            following = calendar.on_or_after(meeting + days(rng.randint(40, 56)))
            episode.meetings.append((meeting, following))
            meeting = following
        if episode.meetings and episode.ended is not None:
            held, _ = episode.meetings[-1]
            episode.meetings[-1] = (held, None)  # the last meeting closed the plan
