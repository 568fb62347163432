"""The journey pages: who may open and record on a child's journey, and that each look is audited."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from continuum.access.models import AuditEntry, User
from continuum.earlyhelp.models import EarlyHelpEpisode
from continuum.socialcare.models import Assessment, ChildProtectionPlan, StrategyDiscussion
from tests.people.factories import PersonFactory

from .helpers import allocated_child, referral

pytestmark = pytest.mark.django_db


def _date(prefix: str, day: date) -> dict[str, str]:
    return {f"{prefix}_day": str(day.day), f"{prefix}_month": str(day.month), f"{prefix}_year": str(day.year)}


def test_the_allocated_worker_opens_the_journey_and_the_look_is_audited(
    personas: dict[str, User], signed_in: Callable[[str], Client]
) -> None:
    nadia = personas["nadia"]
    child = allocated_child(nadia)
    referral(nadia, child)
    page = signed_in("nadia").get(reverse("socialcare:journey", args=[child.pk]))
    assert page.status_code == 200
    assert "Referral on 6 January 2025" in page.content.decode()
    assert "Record an assessment" in page.content.decode()
    assert AuditEntry.objects.filter(
        person_id=child.pk, user=nadia, purpose="opened the child's journey"
    ).exists()


@pytest.mark.parametrize("username", ["priya", "sam", "alex"])
def test_partners_analysts_and_administrators_are_refused(
    username: str, personas: dict[str, User], signed_in: Callable[[str], Client]
) -> None:
    child = allocated_child(personas["nadia"])
    page = signed_in(username).get(reverse("socialcare:journey", args=[child.pk]))
    assert page.status_code == 403
    assert AuditEntry.objects.filter(
        person_id=child.pk, user=personas[username], action="access_refused"
    ).exists()


def test_a_worker_does_not_see_a_child_not_allocated_to_them_or_their_team(
    personas: dict[str, User], signed_in: Callable[[str], Client]
) -> None:
    stranger = PersonFactory.create()
    page = signed_in("nadia").get(reverse("socialcare:journey", args=[stranger.pk]))
    assert page.status_code == 403


def test_the_front_door_may_read_the_journey_but_not_record_on_it(
    personas: dict[str, User], signed_in: Callable[[str], Client]
) -> None:
    child = allocated_child(personas["nadia"])
    opened = referral(personas["nadia"], child)
    tom = signed_in("tom")
    page = tom.get(reverse("socialcare:journey", args=[child.pk]))
    assert page.status_code == 200
    assert "Record an assessment" not in page.content.decode()
    recording = tom.get(reverse("socialcare:step", args=[child.pk, "assessment"]) + f"?referral={opened.pk}")
    assert recording.status_code == 403


def test_recording_an_assessment_from_its_page(
    personas: dict[str, User], signed_in: Callable[[str], Client]
) -> None:
    nadia = personas["nadia"]
    child = allocated_child(nadia)
    opened = referral(nadia, child)
    url = reverse("socialcare:step", args=[child.pk, "assessment"])
    client = signed_in("nadia")
    assert client.get(f"{url}?referral={opened.pk}").status_code == 200
    answer = client.post(
        url, {"referral": opened.pk, **_date("started", date(2025, 1, 8)), "factors": ["3B"]}
    )
    assert answer.status_code == 302
    assessment = Assessment.objects.get(referral=opened)
    assert (assessment.started, assessment.factors) == (date(2025, 1, 8), ["3B"])
    assert AuditEntry.objects.filter(
        person_id=child.pk, action="create", object_type="socialcare.Assessment"
    ).exists()


def test_a_wrong_date_is_explained_on_the_page(
    personas: dict[str, User], signed_in: Callable[[str], Client]
) -> None:
    nadia = personas["nadia"]
    child = allocated_child(nadia)
    opened = referral(nadia, child, on=date(2025, 3, 10))
    url = reverse("socialcare:step", args=[child.pk, "strategy-discussion"])
    answer = signed_in("nadia").post(
        url, {"referral": opened.pk, **_date("held_on", date(2025, 3, 7)), "decision": "s47"}
    )
    assert answer.status_code == 200
    assert (
        "The date must be on or after the referral (10 March 2025). Check both dates"
        in answer.content.decode()
    )
    assert not StrategyDiscussion.objects.exists()


def test_an_initial_conference_page_starts_the_plan(
    personas: dict[str, User], signed_in: Callable[[str], Client]
) -> None:
    nadia = personas["nadia"]
    child = allocated_child(nadia)
    opened = referral(nadia, child)
    client = signed_in("nadia")
    url = reverse("socialcare:step", args=[child.pk, "initial-conference"])
    answer = client.post(
        url,
        {
            "referral": opened.pk,
            **_date("held_on", date(2025, 1, 27)),
            "outcome": "plan",
            "initial_category": "NEG",
        },
    )
    assert answer.status_code == 302, answer.content.decode()
    plan = ChildProtectionPlan.objects.get(referral=opened)
    assert (plan.started, plan.initial_category) == (date(2025, 1, 27), "NEG")


def test_someone_elses_change_is_not_overwritten(
    personas: dict[str, User], signed_in: Callable[[str], Client]
) -> None:
    nadia = personas["nadia"]
    child = allocated_child(nadia)
    opened = referral(nadia, child)
    url = reverse("socialcare:step-change", args=[child.pk, "referral", opened.pk])
    stale = "2020-01-01T00:00:00+00:00"
    answer = signed_in("nadia").post(
        url,
        {
            "opened_at": stale,
            **_date("referral_date", date(2025, 1, 6)),
            "referral_source": "6",
            "primary_need": "N1",
        },
    )
    assert answer.status_code == 200
    assert "changed by someone else" in answer.content.decode()
    opened.refresh_from_db()
    assert opened.referral_source == "2A"


def test_stepping_down_and_up_from_the_journey_page(
    personas: dict[str, User], signed_in: Callable[[str], Client]
) -> None:
    nadia = personas["nadia"]
    child = allocated_child(nadia)
    opened = referral(nadia, child)
    client = signed_in("nadia")
    journey = reverse("socialcare:journey", args=[child.pk])

    assert client.post(reverse("socialcare:step-down", args=[child.pk])).status_code == 302
    opened.refresh_from_db()
    assert opened.closure_reason == "RC9"
    episode = EarlyHelpEpisode.objects.get(person=child, ended__isnull=True)
    assert episode.stepped_down_from == opened
    assert "Step up to children's social care" in client.get(journey).content.decode()

    assert client.post(reverse("socialcare:step-up", args=[child.pk])).status_code == 302
    episode.refresh_from_db()
    assert episode.outcome == "stepped_up" and episode.stepped_up_to is not None
    assert episode.stepped_up_to.referral_source == "5D"


def test_a_step_down_with_an_assessment_still_open_is_explained(
    personas: dict[str, User], signed_in: Callable[[str], Client]
) -> None:
    nadia = personas["nadia"]
    child = allocated_child(nadia)
    opened = referral(nadia, child)
    Assessment.objects.create(referral=opened, started=date(2025, 1, 7), created_by=nadia)
    client = signed_in("nadia")
    page = client.post(reverse("socialcare:step-down", args=[child.pk]), follow=True).content.decode()
    assert "The case still has an assessment open. Complete or end it first" in page
    assert not EarlyHelpEpisode.objects.filter(person=child).exists()
