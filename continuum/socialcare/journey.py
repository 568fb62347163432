"""What the child's journey page shows: each episode with its steps, read in a fixed number of queries."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch

from continuum.earlyhelp.models import EarlyHelpEpisode
from continuum.people.models import Allocation, Person

from .models import (
    CareEpisode,
    CareLeaver,
    ChildProtectionConference,
    ChildProtectionPlan,
    HealthCheck,
    LookedAfterReview,
    MissingEpisode,
    PersonalEducationPlan,
    Referral,
    Visit,
)

RECENT = 10  # visits, reviews and checks: the latest few; the chronology has them all


def summary(person: Person) -> dict[str, Any]:
    referrals = Referral.objects.filter(person=person).prefetch_related(
        "assessments",
        "cin_plans__reviews",
        Prefetch("strategy_discussions__agencies_present"),
        "section_47_enquiries__strategy_discussion",
        Prefetch(
            "cp_plans",
            queryset=ChildProtectionPlan.objects.prefetch_related(
                "core_groups",
                Prefetch("conferences", queryset=ChildProtectionConference.objects.order_by("held_on")),
            ),
        ),
        Prefetch("conferences", queryset=ChildProtectionConference.objects.filter(kind="initial")),
    )
    care_episodes = list(CareEpisode.objects.filter(person=person).order_by("started", "pk"))
    return {
        "allocations": Allocation.objects.filter(person=person, ended__isnull=True).select_related(
            "worker", "team"
        ),
        "referrals": list(referrals),
        "open_referral": next((r for r in referrals if r.is_open), None),
        "early_help": list(
            EarlyHelpEpisode.objects.filter(person=person).prefetch_related("assessments", "meetings")
        ),
        "care_episodes": list(reversed(care_episodes)),
        "looked_after_now": bool(care_episodes and care_episodes[-1].is_open),
        "reviews": LookedAfterReview.objects.filter(person=person)[:RECENT],
        "health_checks": HealthCheck.objects.filter(person=person)[:RECENT],
        "education_plans": PersonalEducationPlan.objects.filter(person=person)[:RECENT],
        "missing_episodes": MissingEpisode.objects.filter(person=person)[:RECENT],
        "visits": Visit.objects.filter(person=person)[:RECENT],
        "care_leaver": CareLeaver.objects.filter(person=person)
        .select_related("personal_adviser")
        .prefetch_related("pathway_plans", "contacts")
        .first(),
    }
