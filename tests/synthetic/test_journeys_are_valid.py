"""Every generated journey record is one the services could have entered, in order, with current codes.

The small profile (one area, generated once for the module) is checked: a deterministic sample of
every journey model's rows passes the model's own entry rules (`full_clean`), the database
constraints held because the bulk inserts succeeded, each step follows the one before it, ages
fit each step, and every DfE code is a current one.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from itertools import pairwise

import pytest
from django.db import models
from django.db.models import Q

from continuum.earlyhelp.models import EarlyHelpAssessment, EarlyHelpEpisode, TeamAroundFamilyMeeting
from continuum.people.models import Allocation, Person, Service
from continuum.socialcare.catalogue import ConferenceKind, ConferenceOutcome
from continuum.socialcare.models import (
    Assessment,
    CareEpisode,
    CareLeaver,
    CareLeaverContact,
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
from continuum.statutory import codes
from continuum.synthetic.generator import Summary
from continuum.synthetic.journey_calibration import CARE_EXPERIENCED_BORN

pytestmark = pytest.mark.django_db

JOURNEY_MODELS: tuple[type[models.Model], ...] = (
    Referral, Assessment, ChildInNeedPlan, ChildInNeedReview, StrategyDiscussion, Section47Enquiry,
    ChildProtectionPlan, ChildProtectionConference, CoreGroupMeeting, CareEpisode, LookedAfterReview,
    HealthCheck, PersonalEducationPlan, MissingEpisode, CareLeaver, PathwayPlan, CareLeaverContact,
    EarlyHelpEpisode, EarlyHelpAssessment, TeamAroundFamilyMeeting, Visit,
)  # fmt: skip
SAMPLE = 40

CODED_FIELDS: tuple[tuple[type[models.Model], str, codes.CodeSet], ...] = (
    (Referral, "referral_source", codes.REFERRAL_SOURCE),
    (Referral, "primary_need", codes.PRIMARY_NEED),
    (Referral, "closure_reason", codes.CLOSURE_REASON),
    (ChildProtectionPlan, "initial_category", codes.CATEGORY_OF_ABUSE),
    (ChildProtectionPlan, "latest_category", codes.CATEGORY_OF_ABUSE),
    (CareEpisode, "reason_new_episode", codes.REASON_NEW_EPISODE),
    (CareEpisode, "legal_status", codes.LEGAL_STATUS),
    (CareEpisode, "category_of_need", codes.CATEGORY_OF_NEED),
    (CareEpisode, "placement_type", codes.PLACEMENT_TYPE),
    (CareEpisode, "placement_provider", codes.PLACEMENT_PROVIDER),
    (CareEpisode, "reason_placement_changed", codes.REASON_PLACE_CHANGE),
    (CareEpisode, "reason_ended", codes.REASON_EPISODE_CEASED),
    (LookedAfterReview, "participation", codes.REVIEW_PARTICIPATION),
    (MissingEpisode, "kind", codes.MISSING_TYPE),
    (CareLeaverContact, "in_touch", codes.CARE_LEAVER_IN_TOUCH),
    (CareLeaverContact, "activity", codes.CARE_LEAVER_ACTIVITY),
    (CareLeaverContact, "accommodation", codes.CARE_LEAVER_ACCOMMODATION),
)


def _sample(model: type[models.Model]) -> list[models.Model]:
    """Every n-th row by id, so that the sample is the same each run and spread over the years."""
    ids = list(model._default_manager.order_by("pk").values_list("pk", flat=True))
    step = max(1, len(ids) // SAMPLE)
    return list(model._default_manager.filter(pk__in=ids[::step]))


def test_every_kind_of_journey_record_is_generated(small_partnership: Summary) -> None:
    empty = [model.__name__ for model in JOURNEY_MODELS if not model._default_manager.exists()]
    assert empty == []
    assert Referral.objects.filter(referral_date__lt=date(2016, 5, 1)).exists()


def test_a_sample_of_every_journey_model_passes_its_entry_rules(small_partnership: Summary) -> None:
    for model in JOURNEY_MODELS:
        for row in _sample(model):
            row.full_clean()  # raises ValidationError, naming the field and the rule


def test_dfe_codes_are_current_codes(small_partnership: Summary) -> None:
    for model, field, code_set in CODED_FIELDS:
        for value in model._default_manager.exclude(**{field: ""}).values_list(field, flat=True).distinct():
            code_set.validate(value)
    for factors in Assessment.objects.values_list("factors", flat=True):
        for factor in factors:
            codes.ASSESSMENT_FACTOR.validate(factor)


def test_a_child_never_has_two_referrals_at_once(small_partnership: Summary) -> None:
    by_child: dict[int, list[Referral]] = defaultdict(list)
    for referral in Referral.objects.order_by("referral_date", "pk"):
        by_child[referral.person_id].append(referral)
    for referrals in by_child.values():
        for earlier, later in pairwise(referrals):
            assert earlier.closed is not None and earlier.closed < later.referral_date, earlier


def test_each_step_follows_the_one_before(small_partnership: Summary) -> None:
    for assessment in Assessment.objects.select_related("referral"):
        referral = assessment.referral
        assert referral.referral_date <= assessment.started
        if referral.closed:
            assert assessment.authorised is not None and assessment.authorised <= referral.closed
    for enquiry in Section47Enquiry.objects.select_related("strategy_discussion", "referral"):
        assert enquiry.referral.referral_date <= enquiry.strategy_discussion.held_on <= enquiry.started
    for plan in ChildProtectionPlan.objects.select_related("referral"):
        initial = plan.conferences.get(kind=ConferenceKind.INITIAL)
        assert initial.held_on == plan.started and initial.outcome == ConferenceOutcome.PLAN
        assert initial.section_47 is not None and initial.section_47.started <= plan.started
        if plan.referral.closed:
            assert plan.ended is not None and plan.ended <= plan.referral.closed
        reviews = list(plan.conferences.filter(kind=ConferenceKind.REVIEW).order_by("held_on"))
        if plan.ended and reviews:
            assert reviews[-1].held_on <= plan.ended
    for episode in EarlyHelpEpisode.objects.exclude(stepped_up_to=None).select_related("stepped_up_to"):
        assert episode.ended is not None and episode.stepped_up_to is not None
        assert episode.ended < episode.stepped_up_to.referral_date


def test_periods_of_care_sit_inside_a_referral_and_end_by_the_18th_birthday(
    small_partnership: Summary,
) -> None:
    for episode in CareEpisode.objects.select_related("person"):
        referrals = Referral.objects.filter(person=episode.person, referral_date__lte=episode.started)
        covering = referrals.filter(Q(closed__isnull=True) | Q(closed__gte=episode.ended or episode.started))
        assert covering.exists(), episode
        born = episode.person.date_of_birth
        assert born is not None and born <= episode.started
        last_day = episode.ended or small_partnership.reference_date
        assert (last_day - born).days <= 18 * 366, episode


def test_care_leavers_are_16_to_25(small_partnership: Summary) -> None:
    for record in CareLeaver.objects.select_related("person"):
        born = record.person.date_of_birth
        assert born is not None
        assert (record.started - born).days >= 16 * 365
        assert ((record.ended or small_partnership.reference_date) - born).days <= 26 * 366


def test_care_experienced_young_adults_live_alone_and_were_in_care_until_18(
    small_partnership: Summary,
) -> None:
    first, last = CARE_EXPERIENCED_BORN
    on_their_own = Person.objects.filter(
        kind="adult", date_of_birth__range=(first, last), relationships_from=None, relationships_to=None
    )
    cohort = on_their_own.filter(care_episodes__isnull=False).distinct()
    assert cohort.count() >= 1
    for person in cohort:
        born = person.date_of_birth
        assert born is not None
        last_episode = CareEpisode.objects.filter(person=person).latest("started")
        assert last_episode.ended is not None and last_episode.ended.year == born.year + 18
        assert CareLeaver.objects.filter(person=person, category="former_relevant").exists()


def test_open_work_is_allocated_to_the_right_service(small_partnership: Summary) -> None:
    open_allocations = Allocation.objects.filter(ended__isnull=True)
    for person_id in Referral.objects.filter(closed__isnull=True).values_list("person_id", flat=True):
        assert open_allocations.filter(person_id=person_id, service=Service.SOCIAL_CARE).exists()
    for person_id in EarlyHelpEpisode.objects.filter(ended__isnull=True).values_list("person_id", flat=True):
        assert open_allocations.filter(person_id=person_id).exists()
    for person_id in CareLeaver.objects.filter(ended__isnull=True).values_list("person_id", flat=True):
        assert open_allocations.filter(person_id=person_id).exists()
