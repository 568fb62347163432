"""The rules at entry: dates in order, one open episode of each kind, codes from the catalogues.

Each rule is checked through `services.record` (what pages, the API and imports call), and each
message must say what is wrong and how to put it right.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from continuum.access.models import User
from continuum.socialcare import services
from continuum.socialcare.catalogue import (
    AssessmentOutcome,
    ConferenceOutcome,
    MissingReturnInterview,
    Section47Outcome,
    StrategyDecision,
)
from continuum.socialcare.models import (
    Assessment,
    CareEpisode,
    ChildProtectionConference,
    ChildProtectionPlan,
    MissingEpisode,
    Referral,
    Section47Enquiry,
    StrategyDiscussion,
)

from .helpers import actor, allocated_child, referral

pytestmark = pytest.mark.django_db


def problems(error: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return error.value.message_dict


def _discussion(worker: User, opened: Referral, held_on: date) -> StrategyDiscussion:
    """A strategy discussion that decided on a section 47 enquiry."""
    discussion = StrategyDiscussion(referral=opened, held_on=held_on, decision=StrategyDecision.SECTION_47)
    return services.record(actor(worker), discussion, "test")


def test_an_assessment_cannot_start_before_the_referral(personas: dict[str, User]) -> None:
    nadia = personas["nadia"]
    opened = referral(nadia, allocated_child(nadia), on=date(2025, 3, 10))
    with pytest.raises(ValidationError) as error:
        services.record(actor(nadia), Assessment(referral=opened, started=date(2025, 3, 7)), "test")
    assert problems(error)["started"] == [
        "The date must be on or after the referral (10 March 2025). Check both dates"
    ]


def test_an_assessment_is_authorised_only_with_an_outcome_and_factors(personas: dict[str, User]) -> None:
    nadia = personas["nadia"]
    opened = referral(nadia, allocated_child(nadia))
    assessment = Assessment(referral=opened, started=date(2025, 1, 7), authorised=date(2025, 2, 3))
    with pytest.raises(ValidationError) as error:
        services.record(actor(nadia), assessment, "test")
    assert problems(error)["outcome"] == ["Choose what the assessment decided before authorising it"]
    assert "No factors identified" in problems(error)["factors"][0]


def test_no_factors_identified_stands_alone_and_unknown_codes_are_named(personas: dict[str, User]) -> None:
    nadia = personas["nadia"]
    opened = referral(nadia, allocated_child(nadia))
    assessment = Assessment(referral=opened, started=date(2025, 1, 7), factors=["21", "3B", "99Z"])
    with pytest.raises(ValidationError) as error:
        services.record(actor(nadia), assessment, "test")
    messages = problems(error)["factors"]
    assert any(message.startswith('"99Z" is not an assessment factor code') for message in messages)
    assert '"No factors identified" cannot be chosen with other factors. Untick one or the other' in messages


def test_a_child_has_one_open_referral_and_a_second_joins_it(personas: dict[str, User]) -> None:
    nadia = personas["nadia"]
    child = allocated_child(nadia)
    first = referral(nadia, child, on=date(2025, 1, 6))
    assert referral(nadia, child, on=date(2025, 2, 6)) == first
    with pytest.raises(ValidationError) as error:
        services.record(
            actor(nadia), Referral(person=child, referral_date=date(2025, 2, 6), referral_source="6"), "test"
        )
    assert problems(error)["referral_date"] == [
        "There is already an open referral for this child (from 6 January 2025). Close it first"
    ]


def test_a_case_closes_with_a_reason_and_nothing_left_open(personas: dict[str, User]) -> None:
    nadia = personas["nadia"]
    opened = referral(nadia, allocated_child(nadia))
    services.record(actor(nadia), Assessment(referral=opened, started=date(2025, 1, 7)), "test")
    with pytest.raises(ValidationError) as error:
        services.close_referral(actor(nadia), opened, date(2025, 2, 1), "RC8")
    assert problems(error)["closed"] == ["The case still has an assessment open. Complete or end it first"]
    with pytest.raises(ValidationError) as error:
        services.close_referral(actor(nadia), Referral.objects.get(pk=opened.pk), date(2025, 2, 1), "")
    assert problems(error)["closure_reason"] == ["Choose the reason the case closed"]


def test_a_section_47_follows_its_strategy_discussion(personas: dict[str, User]) -> None:
    nadia = personas["nadia"]
    opened = referral(nadia, allocated_child(nadia))
    discussion = _discussion(nadia, opened, date(2025, 1, 9))
    enquiry = Section47Enquiry(referral=opened, strategy_discussion=discussion, started=date(2025, 1, 8))
    with pytest.raises(ValidationError) as error:
        services.record(actor(nadia), enquiry, "test")
    assert problems(error)["started"] == [
        "The date must be on or after the strategy discussion (9 January 2025). Check both dates"
    ]


def test_no_plan_before_its_conference(personas: dict[str, User]) -> None:
    nadia = personas["nadia"]
    opened = referral(nadia, allocated_child(nadia))
    plan = ChildProtectionPlan(
        referral=opened, started=date(2025, 1, 20), initial_category="NEG", latest_category="NEG"
    )
    with pytest.raises(ValidationError) as error:
        services.record(actor(nadia), plan, "test")
    assert problems(error)["started"] == [
        "A plan starts on the date of the initial conference that decided it. "
        "Record the initial conference first, or correct the date"
    ]


def test_an_initial_conference_deciding_a_plan_starts_it_that_day(personas: dict[str, User]) -> None:
    nadia = personas["nadia"]
    opened = referral(nadia, allocated_child(nadia))
    discussion = _discussion(nadia, opened, date(2025, 1, 9))
    enquiry = services.record(
        actor(nadia),
        Section47Enquiry(
            referral=opened,
            strategy_discussion=discussion,
            started=date(2025, 1, 9),
            completed=date(2025, 1, 24),
            outcome=Section47Outcome.INITIAL_CONFERENCE,
        ),
        "test",
    )
    conference = ChildProtectionConference(
        referral=opened, section_47=enquiry, held_on=date(2025, 1, 30), outcome=ConferenceOutcome.PLAN
    )
    services.record_initial_conference(actor(nadia), conference, "EMO")
    plan = ChildProtectionPlan.objects.get(referral=opened)
    assert (plan.started, plan.initial_category, plan.latest_category) == (date(2025, 1, 30), "EMO", "EMO")
    assert conference.plan == plan


def test_a_looked_after_episode_needs_a_referral_first(personas: dict[str, User]) -> None:
    nadia = personas["nadia"]
    child = allocated_child(nadia)
    referral(nadia, child, on=date(2025, 5, 1))
    episode = CareEpisode(
        person=child,
        started=date(2025, 4, 30),
        legal_status="V2",
        category_of_need="N1",
        placement_type="U6",
        placement_provider="PR1",
    )
    with pytest.raises(ValidationError) as error:
        services.start_looked_after(actor(nadia), episode)
    assert "Record the referral first" in problems(error)["started"][0]


def test_a_placement_move_ends_the_episode_and_carries_the_rest_over(personas: dict[str, User]) -> None:
    nadia = personas["nadia"]
    child = allocated_child(nadia)
    referral(nadia, child, on=date(2025, 5, 1))
    first = services.start_looked_after(
        actor(nadia),
        CareEpisode(
            person=child,
            started=date(2025, 5, 2),
            legal_status="C1",
            category_of_need="N1",
            placement_type="U6",
            placement_provider="PR1",
            home_postcode="BD1 1AA",
        ),
    )
    moved = services.change_episode(
        actor(nadia), child, date(2025, 7, 14), "P", placement_type="K2", placement_provider="PR4",
        reason_placement_changed="CREQB",
    )  # fmt: skip
    first.refresh_from_db()
    assert (first.ended, first.reason_ended) == (date(2025, 7, 14), "X1")
    assert (moved.started, moved.reason_new_episode, moved.legal_status, moved.home_postcode) == (
        date(2025, 7, 14),
        "P",
        "C1",
        "BD1 1AA",
    )
    with pytest.raises(ValidationError) as error:
        services.record(
            actor(nadia),
            CareEpisode(
                person=child, started=date(2025, 8, 1), reason_new_episode="P", legal_status="C2",
                category_of_need="N1", placement_type="U6", placement_provider="PR1",
            ),
            "test",
        )  # fmt: skip
    assert problems(error)["started"] == [
        "There is already an open looked-after episode (from 14 July 2025). Close it first"
    ]


def test_a_temporary_placement_has_no_provider(personas: dict[str, User]) -> None:
    nadia = personas["nadia"]
    child = allocated_child(nadia)
    referral(nadia, child, on=date(2025, 5, 1))
    episode = CareEpisode(
        person=child, started=date(2025, 5, 2), legal_status="V2", category_of_need="N4",
        placement_type="T1", placement_provider="PR1",
    )  # fmt: skip
    with pytest.raises(ValidationError) as error:
        services.start_looked_after(actor(nadia), episode)
    assert problems(error)["placement_provider"] == [
        "A temporary or other placement has no provider. Leave the provider empty"
    ]


def test_a_return_interview_follows_the_return(personas: dict[str, User]) -> None:
    nadia = personas["nadia"]
    child = allocated_child(nadia)
    gone = timezone.make_aware(datetime(2025, 9, 5, 22, 0))
    back = timezone.make_aware(datetime(2025, 9, 6, 9, 30))
    episode = MissingEpisode(
        person=child, kind="M", went_missing=gone, returned=back,
        return_interview=MissingReturnInterview.HELD, return_interview_at=gone,
    )  # fmt: skip
    with pytest.raises(ValidationError) as error:
        services.record(actor(nadia), episode, "test")
    assert problems(error)["return_interview_at"] == [
        "The return interview must be after the child returned. Check both dates and times"
    ]


def test_codes_come_from_the_catalogue(personas: dict[str, User]) -> None:
    nadia = personas["nadia"]
    child = allocated_child(nadia)
    with pytest.raises(ValidationError) as error:
        services.record(
            actor(nadia),
            Referral(person=child, referral_date=date(2025, 1, 6), referral_source="2A", primary_need="N10"),
            "test",
        )
    assert "primary_need" in problems(error)


def test_dates_cannot_be_in_the_future(personas: dict[str, User]) -> None:
    nadia = personas["nadia"]
    opened = referral(nadia, allocated_child(nadia))
    tomorrow = timezone.localdate().replace(year=timezone.localdate().year + 1)
    with pytest.raises(ValidationError) as error:
        services.record(
            actor(nadia),
            Assessment(referral=opened, started=tomorrow, outcome=AssessmentOutcome.CHILD_IN_NEED_PLAN),
            "test",
        )
    assert problems(error)["started"] == ["The date must be today or in the past"]


def test_rc8_and_rc9_are_only_for_a_case_closed_at_its_assessment(personas: dict[str, User]) -> None:
    # CIN census rule 2990: no section 47 enquiry, plan or conference in an episode closed RC8 or RC9.
    nadia = personas["nadia"]
    opened = referral(nadia, allocated_child(nadia))
    discussion = _discussion(nadia, opened, date(2025, 1, 9))
    enquiry = Section47Enquiry(referral=opened, strategy_discussion=discussion, started=date(2025, 1, 9))
    services.record(actor(nadia), enquiry, "test")
    enquiry.completed, enquiry.outcome = date(2025, 1, 20), Section47Outcome.NO_FURTHER_ACTION
    services.amend(actor(nadia), enquiry, enquiry.updated_at, "test")
    with pytest.raises(ValidationError) as error:
        services.close_referral(actor(nadia), opened, date(2025, 2, 1), "RC8")
    assert problems(error)["closure_reason"] == [
        "RC8 is for a case closed straight after its assessment. This case had a section 47 enquiry "
        "or a plan: choose RC7 (services ceased for any other reason)"
    ]
    services.close_referral(actor(nadia), Referral.objects.get(pk=opened.pk), date(2025, 2, 1), "RC7")
    assert Referral.objects.get(pk=opened.pk).closure_reason == "RC7"
