"""Who the journeys can be about, what each child is already doing, and a quick working-day calendar.

`YoungPeople` keeps everyone who was a child at some time since the journeys began (today's
children, and today's young adults who were children then), as households are written: a
referral in 2016 may be about someone who is an adult now. `Diary` remembers when each child
already has a referral or early help open, so that no child has two at once (the models allow
one open referral and one open early help episode per child). `WorkingDays` answers the
journeys' many working-day sums from a table instead of walking the calendar day by day.
"""

from __future__ import annotations

import bisect
import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from continuum.statutory.calendar import is_working_day

from .journey_calibration import BURN_IN_FROM, CARE_EXPERIENCED_BORN, CARE_EXPERIENCED_PER_CHILD
from .journey_plans import YoungPerson
from .plans import PlannedHousehold

FOREVER = date.max
ADULT = 18
# Everyone born after this day was a child at some time since the burn-in began.
YOUNG_SINCE = date(BURN_IN_FROM.year - ADULT, BURN_IN_FROM.month, BURN_IN_FROM.day)


@dataclass
class YoungPeople:
    """Everyone who was 0-17 at some time since the burn-in began, sorted by date of birth when asked."""

    people: list[YoungPerson] = field(default_factory=list)
    by_id: dict[int, YoungPerson] = field(default_factory=dict)
    _born: list[int] = field(default_factory=list)  # ordinals of the born, sorted
    _sorted: list[YoungPerson] = field(default_factory=list)

    def add(self, household: PlannedHousehold, person_ids: list[int], number: int) -> None:
        # Staff families are left out: their records are restricted and the front door never sees them.
        if household.restricted:
            return
        for planned, person_id in zip(household.people, person_ids, strict=True):
            born, due = planned.date_of_birth, planned.expected_date_of_delivery
            if (born is not None and born > YOUNG_SINCE) or (born is None and due is not None):
                home = household.addresses[planned.residences[-1].address] if planned.residences else None
                young = YoungPerson(
                    person_id, born, due, number, home.postcode if home else "", planned.care_experienced
                )
                self.people.append(young)
                self.by_id[person_id] = young

    def sort(self) -> None:
        # The care-experienced young adults' journeys are planned whole (Journeys.plan_care_experienced).
        self._sorted = sorted(
            (p for p in self.people if p.born and not p.care_experienced), key=lambda p: (p.born, p.person_id)
        )
        self._born = [p.birthday.toordinal() for p in self._sorted]

    def care_experienced(self) -> list[YoungPerson]:
        return [p for p in self.people if p.care_experienced and p.born]

    def children_on(self, day: date) -> tuple[int, int]:
        """The (low, high) range of `sorted_born` who were born and under 18 on `day`."""
        eighteen_years_ago = _years_before(day, ADULT)
        low = bisect.bisect_right(self._born, eighteen_years_ago.toordinal())
        high = bisect.bisect_right(self._born, day.toordinal())
        return low, high

    def pick(self, rng: random.Random, day: date, youngest: int = 0) -> YoungPerson | None:
        """A child aged `youngest` to 17 on `day`: the age first (each as likely), then a child of that age.

        Choosing the age first keeps the early years' ages right even though the register holds
        fewer of the young adults who were teenagers then (they are today's young adults).
        """
        age = rng.randint(youngest, ADULT - 1)
        low = bisect.bisect_right(self._born, _years_before(day, age + 1).toordinal())
        high = bisect.bisect_right(self._born, _years_before(day, age).toordinal())
        if low >= high:
            low, high = self.children_on(day)
            if youngest:
                high = bisect.bisect_right(self._born, _years_before(day, youngest).toordinal())
        if low >= high:
            return None
        return self._sorted[rng.randrange(low, high)]


def care_experienced_births(rng: random.Random, children: int) -> list[date]:
    """Dates of birth of the area's care-experienced young adults (`CARE_EXPERIENCED_PER_CHILD`)."""
    first, last = (day.toordinal() for day in CARE_EXPERIENCED_BORN)
    count = round(CARE_EXPERIENCED_PER_CHILD * children)
    return [date.fromordinal(rng.randint(first, last)) for _ in range(count)]


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return date(day.year - years, 2, 28)


class Diary:
    """When each child has a referral or early help open: (first day, last day) spans, never overlapping."""

    def __init__(self) -> None:
        self.spans: dict[int, list[tuple[date, date]]] = {}

    def free(self, person_id: int, first: date, last: date) -> bool:
        return all(end < first or start > last for start, end in self.spans.get(person_id, ()))

    def next_busy(self, person_id: int, after: date) -> date:
        """The first day after `after` on which the child is already busy (FOREVER if none)."""
        starts = [start for start, _ in self.spans.get(person_id, ()) if start > after]
        return min(starts, default=FOREVER)

    def book(self, person_id: int, first: date, last: date | None) -> None:
        self.spans.setdefault(person_id, []).append((first, last or FOREVER))


class WorkingDays:
    """England's working days from a table: the same answers as `statutory.calendar`, much faster."""

    def __init__(self, first: date, last: date) -> None:
        day, days = first, []
        while day <= last:
            if is_working_day(day):
                days.append(day.toordinal())
            day += timedelta(days=1)
        self.days = days

    def add(self, start: date, count: int) -> date:
        """The `count`-th working day after `start` (`start` itself for 0), as `add_working_days`."""
        if count <= 0:
            return start
        index = bisect.bisect_right(self.days, start.toordinal()) + count - 1
        if index >= len(self.days):
            raise ValueError(f"{start} is beyond the working-day table; make the table longer")
        return date.fromordinal(self.days[index])

    def between(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end`, as `working_days_between`."""
        if end <= start:
            return 0
        return bisect.bisect_right(self.days, end.toordinal()) - bisect.bisect_right(
            self.days, start.toordinal()
        )

    def on_or_after(self, day: date) -> date:
        index = bisect.bisect_left(self.days, day.toordinal())
        if index >= len(self.days):
            raise ValueError(f"{day} is beyond the working-day table; make the table longer")
        return date.fromordinal(self.days[index])
