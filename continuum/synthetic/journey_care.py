"""Periods of care, as the SSDA903 records them, and the care leavers they make.

A period starts with an episode whose reason is S; each later change of legal status or
placement closes the episode that day with X1 and opens the next with L (legal status only), P
(placement and carers), T (placement, same carers: a foster placement made long-term) or B
(legal status, placement and carers). The episode that closes because the placement changed says
why (REASON_PLACE_CHANGE; 903 rule 225). Providers follow the placement (blank for temporary and
other placements, 903 rule 178; PR0 for a child placed with parents). Nobody is looked after
past their 18th birthday. Reviews follow the statutory cadence (20 working days, three months,
then six-monthly: Care Planning, Placement and Case Review Regulations 2010), mostly on time.
"""

from __future__ import annotations

import random
from datetime import date

from continuum.socialcare.catalogue import CareLeaverCategory, HealthCheckKind
from continuum.socialcare.models.care import FOSTER_PLACEMENTS, PACE, PACE_DAYS, POLICE_PROTECTION_DAYS
from continuum.statutory.timescales import add_months

from . import journey_calibration as cal
from . import postcodes
from .journey_people import WorkingDays
from .journey_plans import Journey, PlannedCare, PlannedCareLeaver, PlannedEpisode, YoungPerson
from .journeys import days, weighted

ADOPTED = ("E11", "E12")
PERMANENCE = ("E11", "E12", "E41", "E45", "E46", "E47", "E48", "E4A")
CARE_ORDERS = ("C1", "C2", "E1")
REMANDED = "J1"
# A special guardianship order to the former foster carers, or else to other carers like them.
FORMER_FOSTER_CARER_SGO = {"E45": "E47", "E46": "E48"}
# Places an area's children are placed outside it (postal areas near Bradford).
OUT_OF_AREA = ("LS", "HX", "HD", "WF", "HG", "OL", "BB")
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
PARTICIPATION = (("PN1", 40), ("PN2", 5), ("PN3", 4), ("PN4", 10), ("PN5", 10), ("PN6", 21), ("PN7", 10))

PLACEMENTS_BY_AGE: tuple[tuple[int, tuple[tuple[str, float], ...]], ...] = (
    (1, (("U6", 60), ("U3", 18), ("U5", 10), ("R3", 6), ("P1", 6))),
    (10, (("U6", 60), ("U3", 24), ("U4", 6), ("U1", 4), ("P1", 6))),
    (16, (("U6", 45), ("U3", 14), ("K2", 22), ("U4", 9), ("P1", 5), ("R1", 2), ("S1", 3))),
    (18, (("U6", 28), ("K3", 36), ("K2", 20), ("U3", 10), ("P1", 6))),
)
PROVIDERS: dict[str, tuple[tuple[str, float], ...]] = {
    "U1": (("PR1", 1),), "U2": (("PR1", 1),), "U3": (("PR1", 1),),
    "U4": (("PR1", 6), ("PR4", 4)), "U5": (("PR1", 6), ("PR4", 4)), "U6": (("PR1", 6), ("PR4", 4)),
    "K2": (("PR1", 3), ("PR4", 6), ("PR5", 1)), "K3": (("PR4", 7), ("PR5", 3)),
    "R1": (("PR3", 5), ("PR4", 5)),
    "R3": (("PR4", 6), ("PR5", 4)), "S1": (("PR4", 6), ("PR5", 4)), "P1": (("PR0", 1),),
    "A5": (("PR1", 7), ("PR5", 3)), "A6": (("PR1", 7), ("PR5", 3)),
}  # fmt: skip
# Homes and schools Ofsted registers have a URN of their own (made up here). R1 care homes are
# registered with the CQC instead, so they have none (903 rule 222); the draw is kept so that
# no later random draw moves.
OFSTED_REGISTERED = frozenset({"K2", "K3", "R1", "S1"})
NOT_OFSTED = frozenset({"R1"})
# Foster and adoptive placements are arranged by an agency Ofsted registers (rule 218): the
# council's own fostering service, an independent agency, or the regional adoption agency,
# which the return writes as XXXXXXX (rule 242). The URNs are made up.
COUNCIL_FOSTERING_SERVICE = "SC380001"
INDEPENDENT_FOSTERING_AGENCIES = ("SC412874", "SC433190", "SC451026", "SC470338", "SC488915")
REGIONAL_ADOPTION_AGENCY = "XXXXXXX"
# Family centres and mother-and-baby units are registered too (rule 218).
FAMILY_CENTRES = ("SC521904", "SC533672")
IN_AREA_PLACEMENTS = frozenset({"K3"})
AT_EIGHTEEN = (("E5", 0.45), ("E17", 0.25), ("E6", 0.1), ("E13", 0.1), ("E8", 0.1))


class CarePlanner:
    def __init__(self, rng: random.Random, calendar: WorkingDays) -> None:
        self.rng = rng
        self.calendar = calendar

    def __call__(self, journey: Journey, starts: date, stop: date, *, stay: bool = False) -> date:
        """Plans the journey's period of care from `starts`; returns the day it ended.

        `stay` keeps the child looked after until their 18th birthday (a child on a caseload now).
        """
        child = journey.child
        start = max(starts, child.birthday)
        if start > stop:  # not born before the family moved away
            return stop
        if stay:
            end, reason = child.turns(18), weighted(self.rng, AT_EIGHTEEN)
        else:
            end, reason = self._ending(child, start, stop)
        care = PlannedCare()
        need = journey.primary_need if journey.primary_need in {f"N{n}" for n in range(1, 9)} else "N1"
        first = self._episode(child, start, "S", self._first_legal_status(child.age_on(start)), need)
        if first.legal_status == PACE and (end - start).days > PACE_DAYS:
            first.legal_status = REMANDED  # held longer than PACE allows: remanded to the council (rule 364)
        care.episodes.append(first)
        for day, changes in self._changes(child, first, end, reason):
            self._change(care, child, day, changes)
        last = care.episodes[-1]
        last.ended, last.reason_ended = end, reason
        if reason in FORMER_FOSTER_CARER_SGO and last.placement_type not in FOSTER_PLACEMENTS:
            # Only a foster placement's carers are "former foster carers" (903 rule 516).
            last.reason_ended = FORMER_FOSTER_CARER_SGO[reason]
        care.reviews = self._reviews(child, start, end)
        care.health_checks = self._health_checks(child, start, end)
        care.education_plans = self._education_plans(child, start, end)
        journey.care = care
        return end

    def _ending(self, child: YoungPerson, start: date, stop: date) -> tuple[date, str]:
        rng = self.rng
        age = child.age_on(start)
        eighteen = child.turns(18)
        reason, low, high = self._exit(age)
        end = (
            eighteen
            if reason == "stay"
            else add_months(start, rng.randint(low, high)) + days(rng.randint(0, 20))
        )
        if age >= 12 and reason != "stay" and rng.random() < 0.05:
            reason, end = "E14", add_months(start, rng.randint(1, 4))
        if end > stop and stop < eighteen - days(1):
            return max(start, stop), "E3"  # moved away before the child's next journey here
        if end >= eighteen:
            return eighteen, weighted(rng, AT_EIGHTEEN)
        return max(end, start + days(1)), reason

    def _exit(self, age: int) -> tuple[str, int, int]:
        rng = self.rng
        for _ in range(20):
            reason, _share, low, high = rng.choices(cal.CARE_EXITS, [e[1] for e in cal.CARE_EXITS])[0]
            if reason in ADOPTED and age >= 6:
                continue
            return reason, low, high
        return "E4A", 3, 20

    def _first_legal_status(self, age: int) -> str:
        while True:
            status = weighted(self.rng, cal.LEGAL_STATUS_AT_START)
            if status not in ("J1", "J2") or age >= 12:
                return status

    # Episodes --------------------------------------------------------------------------------------

    def _episode(self, child: YoungPerson, day: date, reason: str, status: str, need: str) -> PlannedEpisode:
        placement = self._placement(child.age_on(day), status)
        return self._placed(child, day, reason, status, need, placement)

    def _placed(
        self, child: YoungPerson, day: date, reason: str, status: str, need: str, placement: str
    ) -> PlannedEpisode:
        rng = self.rng
        provider = weighted(rng, PROVIDERS.get(placement, (("PR1", 1),)))
        postcode = (
            child.postcode if placement == "P1" else self._placement_postcode(child, placement, provider)
        )
        urn = f"SC9{rng.randint(10000, 99999)}" if placement in OFSTED_REGISTERED else ""
        urn = "" if placement in NOT_OFSTED else urn or agency_urn(placement, provider, postcode)
        return PlannedEpisode(day, reason, status, need, placement, provider, postcode, child.postcode, urn)

    def _placement_postcode(self, child: YoungPerson, placement: str, provider: str) -> str:
        invented = self._postcode()
        postcode = postcodes.real(invented, child.postcode)
        in_area = provider == "PR1" or placement in IN_AREA_PLACEMENTS
        if in_area and postcode.split()[0] not in postcodes.COUNCIL_DISTRICTS:
            # The council's own carers and homes are in its own area (903 rule 1015), and so is
            # the supported accommodation it registers (rule 241).
            postcode = postcodes.in_the_council(invented, child.postcode)
        return postcode

    def _placement(self, age: int, status: str) -> str:
        options = next(choices for below, choices in PLACEMENTS_BY_AGE if age < below)
        placement = weighted(self.rng, options)
        # Placed with parents only under a care order (section 20 accommodation is away from them).
        return "U6" if placement == "P1" and status not in CARE_ORDERS else placement

    def _postcode(self) -> str:
        rng = self.rng
        outward = (
            f"BD{rng.randint(1, 22)}"
            if rng.random() < 0.78
            else f"{rng.choice(OUT_OF_AREA)}{rng.randint(1, 12)}"
        )
        return f"{outward} {rng.randint(1, 9)}{rng.choice(INWARD_LETTERS)}{rng.choice(INWARD_LETTERS)}"

    def _changes(
        self, child: YoungPerson, first: PlannedEpisode, end: date, reason: str
    ) -> list[tuple[date, set[str]]]:
        """Days on which the legal status or the placement changed, with what changed."""
        rng = self.rng
        start, found = first.started, dict[date, set[str]]()

        def add(day: date, what: str) -> None:
            if start < day < end:
                found.setdefault(day, set()).add(what)

        status = first.legal_status
        if status in ("L1", "L2"):
            after = rng.randint(1, 8)
            # Police protection lasts at most 72 hours (903 rule 361); an order can run for eight days.
            add(start + days(min(after, POLICE_PROTECTION_DAYS) if status == "L1" else after), "legal")
        if status == "C1" or (status == "V2" and rng.random() < 0.15):
            add(add_months(start, rng.randint(4, 12)), "legal")
        if reason in ADOPTED:
            add(start + (end - start) * 2 // 5, "legal")  # placement order
            add(start + (end - start) * 3 // 5, "adoption")
        moved = start
        while True:
            moved = add_months(moved, rng.randint(*cal.PLACEMENT_MOVE_MONTHS))
            if moved >= end:
                break
            add(moved, "placement" if rng.random() < 0.8 else "long_term")
        return sorted(found.items())

    def _change(self, care: PlannedCare, child: YoungPerson, day: date, changes: set[str]) -> None:
        rng = self.rng
        current = care.episodes[-1]
        status, placement, reason = current.legal_status, current.placement_type, "P"
        if "legal" in changes:
            status = _next_status(status, rng)
        if "adoption" in changes:
            status, placement = "E1", rng.choice(("A5", "A6"))
        elif "placement" in changes:
            placement = self._placement(child.age_on(day), status)
        elif "long_term" in changes and placement in ("U3", "U6"):
            placement, reason = {"U3": "U1", "U6": "U4"}[placement], "T"
        if placement == "P1" and status not in CARE_ORDERS:
            placement = "U6"
        moved = placement != current.placement_type or "placement" in changes or "adoption" in changes
        if not moved and status == current.legal_status:
            return
        if moved and status != current.legal_status:
            reason = "B" if reason == "P" else "U"
        elif not moved:
            reason = "L"
        current.ended, current.reason_ended = day, "X1"
        if moved:
            current.reason_placement_changed = (
                "PLACE"
                if reason == "T"
                else "CARPL"
                if "adoption" in changes
                else weighted(rng, cal.PLACEMENT_CHANGE_REASONS)
            )
        if moved and reason != "T":
            episode = self._placed(child, day, reason, status, current.category_of_need, placement)
        else:
            episode = PlannedEpisode(
                day, reason, status, current.category_of_need, placement, current.placement_provider,
                current.placement_postcode, current.home_postcode, current.provider_urn,
            )  # fmt: skip
        care.episodes.append(episode)

    # Reviews, health and education ----------------------------------------------------------------

    def _reviews(self, child: YoungPerson, start: date, end: date) -> list[tuple[date, str]]:
        rng, calendar = self.rng, self.calendar
        reviews: list[tuple[date, str]] = []
        due = calendar.add(start, 20)
        number = 0
        while True:
            on_time = rng.random() < cal.REVIEWS_ON_TIME
            held = due - days(rng.randint(0, 10)) if on_time else due + days(rng.randint(3, 30))
            held = calendar.on_or_after(max(held, start + days(1)))
            if held > end:
                return reviews
            age = child.age_on(held)
            reviews.append((held, "PN0" if age < 4 else weighted(rng, PARTICIPATION)))
            number += 1
            due = add_months(held, 3 if number == 1 else 6)

    def _health_checks(self, child: YoungPerson, start: date, end: date) -> list[tuple[str, date]]:
        rng, calendar = self.rng, self.calendar
        checks: list[tuple[str, date]] = []
        if rng.random() < cal.HEALTH_CHECK_DONE:
            checks.append(
                (
                    HealthCheckKind.INITIAL,
                    calendar.add(start, rng.randint(8, 20) if rng.random() < 0.7 else rng.randint(21, 45)),
                )
            )
        review = start
        while True:
            review = add_months(review, 6 if child.age_on(review) < 5 else 12) + days(rng.randint(-20, 20))
            if review > end:
                break
            if rng.random() < cal.HEALTH_CHECK_DONE:
                checks.append((HealthCheckKind.REVIEW, review))
            if child.age_on(review) >= 1 and rng.random() < 0.85:
                checks.append((HealthCheckKind.DENTAL, review + days(rng.randint(5, 60))))
        return [(kind, day) for kind, day in checks if day <= end]

    def _education_plans(self, child: YoungPerson, start: date, end: date) -> list[date]:
        """Termly from the age of three (the virtual school's personal education plans)."""
        rng = self.rng
        plans = []
        meeting = self.calendar.add(max(start, child.turns(3)), rng.randint(10, 25))
        while meeting <= end:
            plans.append(meeting)
            meeting = self.calendar.on_or_after(meeting + days(rng.randint(100, 130)))
        return plans


def _next_status(status: str, rng: random.Random) -> str:
    if status in ("L1", "L2"):
        return "C1" if rng.random() < 0.7 else "V2"
    if status in ("C1", "V2"):
        return "C2" if status == "C1" else "C1"
    if status == "C2":
        return "E1"
    return status


class CareLeaverPlanner:
    """Care leavers: eligible at 16 while looked after, relevant if they leave care at 16 or 17,
    former relevant from 18 to 21 (to 25 for some): Children (Leaving Care) Act 2000."""

    def __init__(self, rng: random.Random, advisers: list[int]) -> None:
        self.rng = rng
        self.advisers = advisers

    def plan(self, journey: Journey) -> list[PlannedCareLeaver]:
        care = journey.care
        if care is None or care.ended is None:
            return []
        child, start, end = journey.child, care.started, care.ended
        sixteen, eighteen = child.turns(16), child.turns(18)
        eligible_from = max(sixteen, start + days(91))
        if eligible_from >= end or start >= eighteen:
            return []
        adviser = self.rng.choice(self.advisers)
        spans: list[tuple[str, date, date]] = [
            (CareLeaverCategory.ELIGIBLE, eligible_from, min(end, eighteen))
        ]
        left = care.episodes[-1].reason_ended
        if end < eighteen and left not in PERMANENCE:
            spans.append((CareLeaverCategory.RELEVANT, end, eighteen))
        if end < eighteen and left in PERMANENCE:
            return self._records(journey, adviser, spans)
        years = 25 if self.rng.random() < cal.SUPPORTED_PAST_21 else 21
        spans.append((CareLeaverCategory.FORMER_RELEVANT, eighteen, child.turns(years)))
        return self._records(journey, adviser, spans)

    def _records(
        self, journey: Journey, adviser: int, spans: list[tuple[str, date, date]]
    ) -> list[PlannedCareLeaver]:
        records = [
            PlannedCareLeaver(journey.child, category, started, ended, adviser, journey)
            for category, started, ended in spans
            if ended > started
        ]
        if records and self.rng.random() < cal.WITH_PATHWAY_PLAN:
            self._pathway_plans(records)
        self._contacts(records)
        return records

    def _pathway_plans(self, records: list[PlannedCareLeaver]) -> None:
        rng = self.rng
        held, first = records[0].started + days(rng.randint(5, 60)), True
        while True:
            record = _open_on(records, held)
            if record is None:
                return
            record.pathway_plans.append((held, not first))
            first = False
            held = add_months(held, 6) + days(rng.randint(-15, 10))

    def _contacts(self, records: list[PlannedCareLeaver]) -> None:
        """The personal adviser's contact about every eight weeks, one of them around each birthday
        from the 17th to the 21st (what SSDA903 OC3 reports)."""
        rng = self.rng
        child = records[0].child
        day = records[0].started + days(rng.randint(7, 40))
        birthdays = [child.turns(age) for age in range(17, 22)]
        while (record := _open_on(records, day)) is not None:
            near = next((b for b in birthdays if abs((b - day).days) <= 28), None)
            contact_on = near + days(rng.randint(-10, 10)) if near is not None else day
            if record.started <= contact_on and (record.ended is None or contact_on < record.ended):
                record.contacts.append((contact_on, *self._contact(child.age_on(contact_on))))
            day = max(day, contact_on) + days(rng.randint(45, 65))

    def _contact(self, age: int) -> tuple[str, str, str]:
        rng = self.rng
        in_touch = weighted(rng, cal.IN_TOUCH)
        if in_touch != "YES":
            return in_touch, "0", "0"
        eet = rng.random() < cal.IN_EDUCATION_EMPLOYMENT_OR_TRAINING
        activity = weighted(rng, cal.EET_ACTIVITIES if eet else cal.NEET_ACTIVITIES)
        homes = cal.SUITABLE_HOMES if rng.random() < cal.SUITABLY_ACCOMMODATED else cal.UNSUITABLE_HOMES
        home = weighted(rng, homes)
        if age == 17 and home.startswith("Z"):  # 903 rule 3001: not with former foster carers at 17
            home = "D1"
        return in_touch, activity, home


def _open_on(records: list[PlannedCareLeaver], day: date) -> PlannedCareLeaver | None:
    for record in records:
        if record.started <= day and (record.ended is None or day < record.ended):
            return record
    return None


def agency_urn(placement: str, provider: str, postcode: str) -> str:
    """The URN of the agency that arranged a foster or adoptive placement (no random draw)."""
    if placement.startswith("A"):
        return REGIONAL_ADOPTION_AGENCY
    if placement == "R3":
        return FAMILY_CENTRES[sum(map(ord, postcode)) % len(FAMILY_CENTRES)]
    if not placement.startswith("U"):
        return ""
    if provider == "PR1":
        return COUNCIL_FOSTERING_SERVICE
    agencies = INDEPENDENT_FOSTERING_AGENCIES
    return agencies[sum(map(ord, postcode)) % len(agencies)]
