"""Steps that change several records at once, and every step's page rendering for a real child."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from continuum.access.models import User
from continuum.earlyhelp.models import EarlyHelpEpisode, EarlyHelpOutcome
from continuum.people.models import Allocation, Service
from continuum.socialcare import services
from continuum.socialcare.catalogue import ConferenceOutcome, StrategyDecision
from continuum.socialcare.models import (
    CareEpisode,
    CareLeaver,
    ChildInNeedPlan,
    ChildProtectionConference,
    ChildProtectionPlan,
    Referral,
    StrategyDiscussion,
)
from continuum.socialcare.steps import STEPS

from .helpers import actor, allocated_child, referral

pytestmark = pytest.mark.django_db


def test_a_review_conference_that_ends_the_plan_ends_it_that_day(personas: dict[str, User]) -> None:
    nadia = personas["nadia"]
    opened = referral(nadia, allocated_child(nadia))
    services.record_initial_conference(
        actor(nadia),
        ChildProtectionConference(referral=opened, held_on=date(2025, 1, 27), outcome=ConferenceOutcome.PLAN),
        "NEG",
    )
    plan = ChildProtectionPlan.objects.get(referral=opened)
    services.record_review_conference(
        actor(nadia),
        ChildProtectionConference(plan=plan, held_on=date(2025, 4, 24), outcome=ConferenceOutcome.END_PLAN),
        "PHY",
    )
    plan.refresh_from_db()
    assert (plan.ended, plan.latest_category, plan.initial_category) == (date(2025, 4, 24), "PHY", "NEG")


def test_stepping_up_closes_early_help_and_refers_the_same_day(personas: dict[str, User]) -> None:
    nadia = personas["nadia"]
    child = allocated_child(nadia)
    episode = services.record(actor(nadia), EarlyHelpEpisode(person=child, started=date(2025, 2, 3)), "test")
    opened = services.step_up(actor(nadia), episode, date(2025, 5, 12))
    episode.refresh_from_db()
    assert (episode.ended, episode.outcome, episode.stepped_up_to) == (
        date(2025, 5, 12),
        EarlyHelpOutcome.STEPPED_UP,
        opened,
    )
    assert (opened.referral_date, opened.referral_source) == (date(2025, 5, 12), "5D")


def test_stepping_down_closes_the_case_with_rc9_and_opens_early_help(personas: dict[str, User]) -> None:
    nadia = personas["nadia"]
    opened = referral(nadia, allocated_child(nadia))
    episode = services.step_down(actor(nadia), opened, date(2025, 3, 3))
    opened.refresh_from_db()
    assert (opened.closed, opened.closure_reason) == (date(2025, 3, 3), "RC9")
    assert (episode.started, episode.stepped_down_from) == (date(2025, 3, 3), opened)
    assert not Allocation.objects.filter(
        person=opened.person, service=Service.SOCIAL_CARE, ended__isnull=True
    )


def test_allocating_again_ends_the_earlier_allocation_for_that_service(personas: dict[str, User]) -> None:
    nadia, aisha = personas["nadia"], personas["aisha"]
    child = allocated_child(nadia)
    team = nadia.teams.get()
    services.allocate(actor(aisha), child, Service.SOCIAL_CARE, aisha, team, date(2025, 6, 2))
    allocations = Allocation.objects.filter(person=child, service=Service.SOCIAL_CARE).order_by("started")
    assert [(a.worker, a.ended) for a in allocations] == [(nadia, date(2025, 6, 2)), (aisha, None)]


def test_every_step_page_renders_for_a_child_on_every_path(
    personas: dict[str, User], signed_in: Callable[[str], Client]
) -> None:
    nadia = personas["nadia"]
    child = allocated_child(nadia, born=date(2008, 2, 1))
    opened = referral(nadia, child)
    plan = services.record(actor(nadia), ChildInNeedPlan(referral=opened, started=date(2025, 2, 1)), "test")
    services.record(
        actor(nadia),
        StrategyDiscussion(referral=opened, held_on=date(2025, 2, 3), decision=StrategyDecision.SECTION_47),
        "test",
    )
    services.record_initial_conference(
        actor(nadia),
        ChildProtectionConference(referral=opened, held_on=date(2025, 2, 20), outcome=ConferenceOutcome.PLAN),
        "NEG",
    )
    cp_plan = ChildProtectionPlan.objects.get()
    services.start_looked_after(
        actor(nadia),
        CareEpisode(
            person=child, started=date(2025, 3, 1), legal_status="C1", category_of_need="N1",
            placement_type="U6", placement_provider="PR1",
        ),
    )  # fmt: skip
    leaver = services.record(
        actor(nadia), CareLeaver(person=child, category="eligible", started=date(2025, 3, 1)), "test"
    )
    finished = EarlyHelpEpisode(
        person=child, started=date(2024, 6, 1), ended=date(2024, 12, 1), outcome="needs_met"
    )
    episode = services.record(actor(nadia), finished, "test")
    parents = {"referral": opened.pk, "plan": None, "care_leaver": leaver.pk, "episode": episode.pk}
    client = signed_in("nadia")
    for slug, step in STEPS.items():
        if not step.new:
            continue
        query = ""
        if step.parent.field == "plan":
            query = f"?plan={(plan if step.parent.model is ChildInNeedPlan else cp_plan).pk}"
        elif step.parent.field != "person":
            query = f"?{step.parent.field}={parents[step.parent.field]}"
        page = client.get(reverse("socialcare:step", args=[child.pk, slug]) + query)
        assert page.status_code == 200, slug
        assert f"Record {step.noun}" in page.content.decode(), slug
    for name in ("placement", "legal-status", "cease", "close"):
        assert client.get(reverse(f"socialcare:{name}", args=[child.pk])).status_code == 200, name
    journey = client.get(reverse("socialcare:journey", args=[child.pk]))
    assert journey.status_code == 200
    assert "Record a change of placement" in journey.content.decode()


def test_stepping_down_after_a_plan_closes_the_case_with_rc7(personas: dict[str, User]) -> None:
    nadia = personas["nadia"]
    opened = referral(nadia, allocated_child(nadia))
    plan = services.record(actor(nadia), ChildInNeedPlan(referral=opened, started=date(2025, 1, 20)), "test")
    plan.ended = date(2025, 3, 3)
    services.amend(actor(nadia), plan, plan.updated_at, "test")
    services.step_down(actor(nadia), Referral.objects.get(pk=opened.pk), date(2025, 3, 3))
    assert Referral.objects.get(pk=opened.pk).closure_reason == "RC7"
