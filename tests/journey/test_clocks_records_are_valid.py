"""Building the records the clock tests need (synthetic data only), and proof that they are valid.

The builders below are shared by the clock and My work tests. They create records directly, so a
test can date them wherever the hand-worked case needs; the test at the end checks that a whole
journey built with them passes the models' own entry rules, so the clocks are tested against
records a worker could really have entered.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from continuum.access.models import User
from continuum.earlyhelp.models import EarlyHelpEpisode, TeamAroundFamilyMeeting
from continuum.people.models import Person
from continuum.socialcare.catalogue import (
    AssessmentOutcome,
    CareLeaverCategory,
    ConferenceKind,
    ConferenceOutcome,
    HealthCheckKind,
    Section47Outcome,
    StrategyDecision,
    VisitKind,
)
from continuum.socialcare.models import (
    Assessment,
    CareEpisode,
    CareLeaver,
    ChildInNeedPlan,
    ChildInNeedReview,
    ChildProtectionConference,
    ChildProtectionPlan,
    CoreGroupMeeting,
    HealthCheck,
    LookedAfterReview,
    MissingEpisode,
    PathwayPlan,
    PersonalEducationPlan,
    Referral,
    Section47Enquiry,
    StrategyDiscussion,
    Visit,
)
from tests.people.factories import PersonFactory


def rita() -> User:
    """Rita, a social worker who records the steps (every record says who recorded it)."""
    user, _ = User.objects.get_or_create(
        username="rita", defaults={"first_name": "Rita", "last_name": "Osei"}
    )
    return user


def child(given_name: str = "Ava", born: date = date(2016, 5, 4)) -> Person:
    return PersonFactory.create(given_name=given_name, family_name="Testchild", date_of_birth=born)


def referral(person: Person, on: date) -> Referral:
    return Referral.objects.create(person=person, referral_date=on, referral_source="1A", created_by=rita())


def assessment(referral: Referral, started: date, authorised: date | None = None) -> Assessment:
    outcome = AssessmentOutcome.CHILD_IN_NEED_PLAN if authorised else ""
    return Assessment.objects.create(
        referral=referral,
        started=started,
        completed=authorised,
        authorised=authorised,
        outcome=outcome,
        factors=["2A"] if authorised else [],
        created_by=rita(),
    )


def strategy_discussion(referral: Referral, on: date) -> StrategyDiscussion:
    return StrategyDiscussion.objects.create(
        referral=referral, held_on=on, decision=StrategyDecision.SECTION_47, created_by=rita()
    )


def section_47(
    discussion: StrategyDiscussion, started: date, completed: date | None = None, outcome: str = ""
) -> Section47Enquiry:
    return Section47Enquiry.objects.create(
        referral=discussion.referral,
        strategy_discussion=discussion,
        started=started,
        completed=completed,
        outcome=outcome,
        created_by=rita(),
    )


def initial_conference(
    enquiry: Section47Enquiry, on: date, outcome: str = ConferenceOutcome.PLAN
) -> ChildProtectionConference:
    return ChildProtectionConference.objects.create(
        referral=enquiry.referral,
        kind=ConferenceKind.INITIAL,
        held_on=on,
        section_47=enquiry,
        outcome=outcome,
        created_by=rita(),
    )


def cp_plan(referral: Referral, started: date, visit_every: int = 10) -> ChildProtectionPlan:
    """A plan that started at an initial conference the same day (as CIN census rule 2885 requires)."""
    discussion = strategy_discussion(referral, started)
    enquiry = section_47(discussion, started, started, Section47Outcome.INITIAL_CONFERENCE)
    initial_conference(enquiry, started)
    return ChildProtectionPlan.objects.create(
        referral=referral,
        started=started,
        initial_category="NEG",
        latest_category="NEG",
        visit_every_working_days=visit_every,
        created_by=rita(),
    )


def review_conference(plan: ChildProtectionPlan, on: date) -> ChildProtectionConference:
    return ChildProtectionConference.objects.create(
        referral=plan.referral,
        kind=ConferenceKind.REVIEW,
        held_on=on,
        plan=plan,
        outcome=ConferenceOutcome.CONTINUE,
        created_by=rita(),
    )


def core_group(plan: ChildProtectionPlan, on: date) -> CoreGroupMeeting:
    return CoreGroupMeeting.objects.create(plan=plan, held_on=on, created_by=rita())


def cin_plan(referral: Referral, started: date, visit_every: int = 20) -> ChildInNeedPlan:
    return ChildInNeedPlan.objects.create(
        referral=referral, started=started, visit_every_working_days=visit_every, created_by=rita()
    )


def cin_review(plan: ChildInNeedPlan, on: date) -> ChildInNeedReview:
    return ChildInNeedReview.objects.create(plan=plan, held_on=on, created_by=rita())


def visit(person: Person, kind: VisitKind, on: date, *, seen: bool = True) -> Visit:
    return Visit.objects.create(
        person=person, kind=kind, visited_on=on, child_seen=seen, seen_alone=seen, created_by=rita()
    )


def care_episode(
    person: Person,
    started: date,
    reason: str = "S",
    *,
    ended: date | None = None,
    reason_ended: str = "",
    placement_type: str = "U6",
) -> CareEpisode:
    return CareEpisode.objects.create(
        person=person,
        started=started,
        reason_new_episode=reason,
        legal_status="C2",
        category_of_need="N1",
        placement_type=placement_type,
        placement_provider="PR1",
        ended=ended,
        reason_ended=reason_ended,
        created_by=rita(),
    )


def looked_after_review(person: Person, on: date) -> LookedAfterReview:
    return LookedAfterReview.objects.create(person=person, held_on=on, participation="PN1", created_by=rita())


def health_check(person: Person, kind: HealthCheckKind, on: date) -> HealthCheck:
    return HealthCheck.objects.create(person=person, kind=kind, held_on=on, created_by=rita())


def education_plan(person: Person, on: date) -> PersonalEducationPlan:
    return PersonalEducationPlan.objects.create(person=person, held_on=on, created_by=rita())


def missing(
    person: Person, went_missing: datetime, returned: datetime | None, interview: str = ""
) -> MissingEpisode:
    return MissingEpisode.objects.create(
        person=person,
        kind="M",
        went_missing=went_missing,
        returned=returned,
        return_interview=interview,
        created_by=rita(),
    )


def care_leaver(person: Person, started: date, ended: date | None = None) -> CareLeaver:
    return CareLeaver.objects.create(
        person=person,
        category=CareLeaverCategory.FORMER_RELEVANT,
        started=started,
        ended=ended,
        created_by=rita(),
    )


def pathway_plan(leaver: CareLeaver, on: date, *, review: bool = False) -> PathwayPlan:
    return PathwayPlan.objects.create(care_leaver=leaver, held_on=on, is_review=review, created_by=rita())


def early_help(person: Person, started: date, ended: date | None = None) -> EarlyHelpEpisode:
    outcome = "needs_met" if ended else ""
    return EarlyHelpEpisode.objects.create(
        person=person, started=started, ended=ended, outcome=outcome, created_by=rita()
    )


def family_meeting(
    episode: EarlyHelpEpisode, on: date, next_review: date | None = None
) -> TeamAroundFamilyMeeting:
    return TeamAroundFamilyMeeting.objects.create(
        episode=episode,
        held_on=on,
        plan="Ava's attendance to improve.",
        next_review=next_review,
        created_by=rita(),
    )


@pytest.mark.django_db
def test_a_journey_built_for_the_clock_tests_passes_the_records_own_entry_rules() -> None:
    ava = child()
    open_referral = referral(ava, date(2025, 12, 1))
    records = [
        open_referral,
        assessment(open_referral, date(2025, 12, 2), authorised=date(2026, 1, 20)),
        (plan := cp_plan(open_referral, date(2026, 3, 30))),
        review_conference(plan, date(2026, 6, 29)),
        core_group(plan, date(2026, 4, 14)),
        visit(ava, VisitKind.CHILD_PROTECTION, date(2026, 4, 8)),
        care_episode(ava, date(2026, 7, 1)),
        looked_after_review(ava, date(2026, 7, 28)),
        health_check(ava, HealthCheckKind.INITIAL, date(2026, 7, 20)),
        education_plan(ava, date(2026, 7, 21)),
        missing(
            ava,
            datetime.fromisoformat("2026-08-01T18:00+01:00"),
            datetime.fromisoformat("2026-08-02T09:00+01:00"),
        ),
    ]
    leaver = child("Cal", date(2006, 1, 9))
    referral(leaver, date(2022, 1, 4))
    care_episode(leaver, date(2022, 1, 5), ended=date(2024, 1, 9), reason_ended="E8")
    records += [(support := care_leaver(leaver, date(2024, 1, 9))), pathway_plan(support, date(2024, 2, 1))]
    family = early_help(child("Dee"), date(2026, 2, 2))
    records += [family, family_meeting(family, date(2026, 3, 10), date(2026, 4, 21))]

    for record in records:
        record.full_clean()


# The day the clock tests look from, unless a test says otherwise.
TODAY = date(2026, 11, 22)


def due_dates(person: Person, today: date = TODAY) -> dict[str, date | datetime]:
    """What is due for one child, by what is due: each clock gives at most one item per child here."""
    from continuum.journey.clocks import due_for

    items = due_for([person.pk], today)
    dates = {item.what: item.due for item in items}
    assert len(dates) == len(items), f"two items share a name: {[item.what for item in items]}"
    return dates
