"""The chronology page of one child with about 500 events across every kind of record.

Nadia (a social worker) has the child allocated to her and opens the chronology as it comes
(every event, newest first) and filtered (key events of looked after and missing). Each request
goes through the whole Django stack, the audited opening of the record included. The history is
synthetic: a child known to the front door from infancy, early help twice, a child in need plan,
a child protection plan, eight years in care with moves and missing episodes, then leaving care.
`build_history` is also what the tests use to check the query count stays bounded.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time as time_module
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from bench.client import get, signed_in_client
from bench.timing import peak_memory_mb, time_calls
from continuum.access.models import Team, User
from continuum.earlyhelp.models import EarlyHelpAssessment, EarlyHelpEpisode, TeamAroundFamilyMeeting
from continuum.frontdoor.catalogue import Outcome, Route, Status, Worry
from continuum.frontdoor.models import Contact, ContactChild, Decision
from continuum.journey.chronology import chronology_of
from continuum.people.models import Allocation, Person
from continuum.socialcare import models as socialcare
from continuum.statutory.models import ThresholdFramework
from continuum.statutory.timescales import ENGLAND
from continuum.synthetic.personas import create_personas

REPEATS = 60
GIVEN_NAME, FAMILY_NAME, BORN = "Robin", "Benchmark", date(2007, 3, 10)
FILTERED = {"kind": ["looked_after", "missing"], "significance": "key"}


def run() -> None:
    call_command("migrate", verbosity=0)
    create_personas()
    child = _the_child()
    if child is None:
        _build_in_a_child_process()
        child = _the_child()
        assert child is not None
    events = chronology_of(child.pk)
    key = sum(1 for event in events if event.is_key)
    print(f"\nChronology: one child with {len(events)} events ({key} key), record {child.pk}")
    nadia = signed_in_client("nadia")
    page = reverse("journey:chronology", args=[child.pk])
    timings = [
        time_calls("chronology_of (no page)", [lambda: chronology_of(child.pk) for _ in range(REPEATS)]),
        time_calls("chronology page: every event", [get(nadia, page) for _ in range(REPEATS)]),
        time_calls(
            "chronology page: key, looked after and missing",
            [get(nadia, page, FILTERED) for _ in range(REPEATS)],
        ),
        # The same child's journey page and the worker's My work read the same records.
        time_calls(
            "journey page (clocks and every episode)",
            [get(nadia, reverse("socialcare:journey", args=[child.pk])) for _ in range(REPEATS)],
        ),
        time_calls("My work", [get(nadia, reverse("journey:my-work")) for _ in range(REPEATS)]),
    ]
    for timing in timings:
        print(timing.line())
    print(f"Peak memory (this process): {peak_memory_mb():.0f} MB")


def build() -> None:
    """The child and their history, in the database the environment names (run in a child process)."""
    started = time_module.perf_counter()
    nadia = create_personas()["nadia"]
    build_history(_child_allocated_to(nadia), nadia)
    print(
        f"Built the child's history in {time_module.perf_counter() - started:.1f} s (kept for the next run)"
    )


def _build_in_a_child_process() -> None:
    # As the other suites do, so that building is not counted in this process's peak memory.
    script = "import django; django.setup(); from bench.chronology_bench import build; build()"
    subprocess.run([sys.executable, "-c", script], check=True, cwd=settings.BASE_DIR, env=dict(os.environ))


def _the_child() -> Person | None:
    return Person.objects.filter(given_name=GIVEN_NAME, family_name=FAMILY_NAME).first()


def _child_allocated_to(worker: User) -> Person:
    child = Person.objects.create(given_name=GIVEN_NAME, family_name=FAMILY_NAME, date_of_birth=BORN, sex="F")
    team = Team.objects.get(name="Assessment Team 1")
    Allocation.objects.create(person=child, worker=worker, team=team, started=date(2016, 9, 1))
    return child


@transaction.atomic
def build_history(child: Person, worker: User) -> None:
    """About 500 events for `child`, every kind of record, in a valid order, recorded by `worker`."""
    _front_door(child, worker)
    _early_help(child, worker)
    _child_in_need(child, worker)
    _child_protection(child, worker)
    _looked_after(child, worker)
    _missing(child, worker)
    _leaving_care(child, worker)


def _every(start: date, end: date, days: int) -> Iterator[date]:
    on = start
    while on <= end:
        yield on
        on += timedelta(days=days)


def _at(on: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(on, time(hour, minute), tzinfo=ENGLAND)


def _front_door(child: Person, worker: User) -> None:
    """47 contacts over 15 years, each decided the next morning: 94 events."""
    levels = ThresholdFramework.objects.in_force().levels.order_by("number")
    outcomes = [Outcome.NO_FURTHER_ACTION, Outcome.ADVICE, Outcome.EARLY_HELP, Outcome.SOCIAL_WORK_ASSESSMENT]
    routes = [Route.MARF, Route.PHONE, Route.POLICE_NOTIFICATION, Route.EMAIL]
    worries = [Worry.NEGLECT, Worry.DOMESTIC_ABUSE, Worry.GOING_MISSING, Worry.ATTENDANCE]
    for number, on in enumerate(_every(date(2009, 1, 5), date(2024, 6, 1), 120)):
        received = _at(on, 9 + number % 8, 15)
        contact = Contact.objects.create(
            reference=f"FD-{9_000_000 + child.pk * 100 + number}",
            status=Status.DECIDED,
            route=routes[number % len(routes)],
            received_at=received,
            referrer_organisation="Moorside Primary School",
            worries=[worries[number % len(worries)]],
            decided_at=received + timedelta(hours=20),
        )
        named = ContactChild.objects.create(
            contact=contact, person=child, given_name=child.given_name, family_name=child.family_name
        )
        Decision.objects.create(
            child=named,
            level=levels[number % 4],
            outcome=outcomes[number % len(outcomes)],
            no_further_action_reason="below_threshold" if number % 4 == 0 else "",
            rationale="Synthetic decision for the benchmark.",
            decided_by=worker,
            decided_at=received + timedelta(hours=20),
            completed_at=received + timedelta(hours=20),
        )


def _early_help(child: Person, worker: User) -> None:
    """Two episodes with an assessment and team around the family meetings: 24 events."""
    for started, ended in ((date(2010, 1, 11), date(2010, 12, 13)), (date(2012, 2, 6), date(2012, 11, 26))):
        episode = EarlyHelpEpisode.objects.create(
            person=child,
            started=started,
            ended=ended,
            outcome="needs_met",
            lead_practitioner=worker,
            consent_given_by="Their mother",
            created_by=worker,
        )
        EarlyHelpAssessment.objects.create(
            episode=episode, started=started, completed=started + timedelta(days=28), created_by=worker
        )
        TeamAroundFamilyMeeting.objects.bulk_create(
            TeamAroundFamilyMeeting(
                episode=episode,
                held_on=on,
                plan="Agreed outcomes.",
                next_review=on + timedelta(days=42),
                created_by=worker,
            )
            for on in _every(started + timedelta(days=35), ended, 42)
        )


def _child_in_need(child: Person, worker: User) -> None:
    """A referral, its assessment, a child in need plan with reviews and visits, then closure."""
    referral = socialcare.Referral.objects.create(
        person=child,
        referral_date=date(2013, 3, 1),
        referral_source="2A",
        primary_need="N4",
        closed=date(2014, 5, 1),
        closure_reason="RC7",
        created_by=worker,
    )
    socialcare.Assessment.objects.create(
        referral=referral,
        started=date(2013, 3, 4),
        child_seen=date(2013, 3, 6),
        factors=["3A", "4A"],
        completed=date(2013, 4, 15),
        authorised=date(2013, 4, 20),
        outcome="cin_plan",
        created_by=worker,
    )
    plan = socialcare.ChildInNeedPlan.objects.create(
        referral=referral, started=date(2013, 4, 25), ended=date(2014, 4, 20), created_by=worker
    )
    socialcare.ChildInNeedReview.objects.bulk_create(
        socialcare.ChildInNeedReview(plan=plan, held_on=on, created_by=worker)
        for on in _every(date(2013, 7, 25), date(2014, 4, 20), 91)
    )
    _visits(child, worker, "cin", date(2013, 5, 2), date(2014, 4, 17), 28)


def _child_protection(child: Person, worker: User) -> None:
    """Strategy, section 47, conferences, a plan with core groups and visits: about 60 events."""
    referral = socialcare.Referral.objects.create(
        person=child,
        referral_date=date(2015, 6, 1),
        referral_source="6",
        primary_need="N1",
        created_by=worker,
    )
    socialcare.Assessment.objects.create(
        referral=referral,
        started=date(2015, 6, 1),
        child_seen=date(2015, 6, 1),
        factors=["2B", "3B", "4B", "16A"],
        completed=date(2015, 7, 15),
        authorised=date(2015, 7, 20),
        outcome="strategy",
        created_by=worker,
    )
    discussion = socialcare.StrategyDiscussion.objects.create(
        referral=referral, held_on=date(2015, 6, 2), decision="s47", created_by=worker
    )
    enquiry = socialcare.Section47Enquiry.objects.create(
        referral=referral,
        strategy_discussion=discussion,
        started=date(2015, 6, 2),
        completed=date(2015, 6, 20),
        outcome="icpc",
        created_by=worker,
    )
    plan = socialcare.ChildProtectionPlan.objects.create(
        referral=referral,
        started=date(2015, 6, 25),
        initial_category="NEG",
        latest_category="EMO",
        ended=date(2016, 9, 1),
        end_reason="looked_after",
        created_by=worker,
    )
    conferences = [("initial", date(2015, 6, 25), "plan"), ("review", date(2015, 9, 20), "continue")]
    conferences += [("review", date(2016, 3, 20), "continue"), ("review", date(2016, 9, 1), "end_plan")]
    for kind, held_on, outcome in conferences:
        socialcare.ChildProtectionConference.objects.create(
            referral=referral,
            kind=kind,
            held_on=held_on,
            section_47=enquiry if kind == "initial" else None,
            plan=plan if kind == "review" else None,
            outcome=outcome,
            created_by=worker,
        )
    socialcare.CoreGroupMeeting.objects.bulk_create(
        socialcare.CoreGroupMeeting(plan=plan, held_on=on, created_by=worker)
        for on in _every(date(2015, 7, 6), date(2016, 8, 29), 42)
    )
    _visits(child, worker, "cp", date(2015, 7, 1), date(2016, 8, 31), 10)


def _looked_after(child: Person, worker: User) -> None:
    """Eight years in care: legal status changes, moves, reviews, health, education and visits."""
    # (started, reason new episode, legal status, placement, provider, reason the placement ended)
    episodes = [
        (date(2016, 9, 1), "S", "C1", "U6", "PR1", ""),
        (date(2017, 2, 1), "L", "C2", "U6", "PR1", "CREQB"),
        (date(2018, 5, 1), "P", "C2", "U4", "PR1", "CHILD"),
        (date(2019, 8, 1), "P", "C2", "K2", "PR4", ""),
        (date(2020, 3, 1), "T", "C2", "K2", "PR4", "STAND"),
        (date(2021, 6, 1), "P", "C2", "U6", "PR4", "CARPL"),
        (date(2023, 9, 1), "P", "C2", "H5", "PR4", ""),
    ]
    ceased = date(2025, 3, 10)
    for index, (started, reason, legal, placement, provider, moved_because) in enumerate(episodes):
        last = index == len(episodes) - 1
        socialcare.CareEpisode.objects.create(
            person=child,
            started=started,
            reason_new_episode=reason,
            legal_status=legal,
            category_of_need="N1",
            placement_type=placement,
            placement_provider=provider,
            reason_placement_changed=moved_because,
            ended=ceased if last else episodes[index + 1][0],
            reason_ended="E17" if last else "X1",
            created_by=worker,
        )
    socialcare.LookedAfterReview.objects.bulk_create(
        socialcare.LookedAfterReview(person=child, held_on=on, participation="PN1", created_by=worker)
        for on in [date(2016, 9, 29), *_every(date(2016, 12, 1), ceased, 182)]
    )
    socialcare.HealthCheck.objects.bulk_create(
        socialcare.HealthCheck(person=child, kind=kind, held_on=on, created_by=worker)
        for kind, first in (("review", date(2016, 10, 20)), ("dental", date(2017, 1, 16)))
        for on in _every(first, ceased, 182)
    )
    socialcare.PersonalEducationPlan.objects.bulk_create(
        socialcare.PersonalEducationPlan(person=child, held_on=on, created_by=worker)
        for on in _every(date(2016, 10, 10), date(2023, 7, 10), 121)
    )
    _visits(child, worker, "looked_after", date(2016, 9, 8), ceased, 28)


def _missing(child: Person, worker: User) -> None:
    """25 missing episodes, each with a return and a return interview: 75 events."""
    for on in list(_every(date(2019, 9, 6), date(2024, 9, 1), 73))[:25]:
        went = _at(on, 21, 30)
        returned = went + timedelta(hours=14)
        socialcare.MissingEpisode.objects.create(
            person=child,
            kind="M" if on.month % 2 else "A",
            went_missing=went,
            returned=returned,
            return_interview="held",
            return_interview_at=returned + timedelta(hours=40),
            created_by=worker,
        )


def _leaving_care(child: Person, worker: User) -> None:
    leaver = socialcare.CareLeaver.objects.create(
        person=child,
        category="former_relevant",
        personal_adviser=worker,
        started=date(2025, 3, 10),
        created_by=worker,
    )
    socialcare.PathwayPlan.objects.bulk_create(
        socialcare.PathwayPlan(
            care_leaver=leaver, held_on=on, is_review=on > date(2025, 3, 10), created_by=worker
        )
        for on in _every(date(2025, 3, 10), date(2026, 9, 30), 182)
    )
    socialcare.CareLeaverContact.objects.bulk_create(
        socialcare.CareLeaverContact(
            care_leaver=leaver,
            contact_on=on,
            in_touch="YES",
            activity="F2",
            accommodation="Z1",
            created_by=worker,
        )
        for on in _every(date(2025, 4, 7), date(2026, 10, 31), 56)
    )


def _visits(child: Person, worker: User, kind: str, start: date, end: date, days: int) -> None:
    socialcare.Visit.objects.bulk_create(
        socialcare.Visit(
            person=child,
            kind=kind,
            visited_on=on,
            child_seen=True,
            seen_alone=number % 3 != 0,
            visitor=worker,
            created_by=worker,
        )
        for number, on in enumerate(_every(start, end, days))
    )
