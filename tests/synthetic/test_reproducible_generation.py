"""The same profile and seed give the same people; a different seed gives different people."""

from __future__ import annotations

from django.db import models, transaction

from continuum.earlyhelp.models import EarlyHelpAssessment, EarlyHelpEpisode, TeamAroundFamilyMeeting
from continuum.frontdoor.models import Contact, Decision, EncompassNotification
from continuum.people.models import Person
from continuum.socialcare import models as socialcare
from continuum.synthetic.generator import generate_partnership
from continuum.synthetic.journey_writer import JourneyCounts
from continuum.synthetic.profiles import get_profile

from .conftest import contacts_digest, journeys_digest, people_digest

# Deleted in this order: each before the records it points to.
GENERATED: tuple[type[models.Model], ...] = (
    socialcare.Visit, socialcare.CoreGroupMeeting, socialcare.ChildProtectionConference,
    socialcare.ChildProtectionPlan, socialcare.Section47Enquiry, socialcare.StrategyDiscussion,
    socialcare.ChildInNeedReview, socialcare.ChildInNeedPlan, socialcare.Assessment,
    socialcare.CareLeaverContact, socialcare.PathwayPlan, socialcare.CareLeaver, socialcare.MissingEpisode,
    socialcare.PersonalEducationPlan, socialcare.CareOutcomes, socialcare.HealthCheck,
    socialcare.LookedAfterReview,
    socialcare.CareEpisode, TeamAroundFamilyMeeting, EarlyHelpAssessment, EarlyHelpEpisode,
    EncompassNotification, socialcare.Referral, Decision, Contact, Person,
)  # fmt: skip


def _generate_afresh(seed: int) -> str:
    for model in GENERATED:
        model._default_manager.all().delete()
    generate_partnership(get_profile("small"), seed=seed)
    return people_digest()


def test_the_same_seed_gives_identical_people(db: None) -> None:
    first = _generate_afresh(7)
    assert Person.objects.count() > 1000
    assert _generate_afresh(7) == first


def test_a_different_seed_gives_different_people(db: None) -> None:
    assert _generate_afresh(7) != _generate_afresh(8)


def _contacts_in_an_empty_database(seed: int) -> str:
    """Contacts name the staff in the database, so each run starts from nothing (rolled back after)."""
    with transaction.atomic():
        generate_partnership(get_profile("tiny"), seed=seed)
        assert Contact.objects.count() > 50
        digest = contacts_digest()
        transaction.set_rollback(True)
    return digest


def test_the_same_seed_gives_identical_contacts_and_decisions(db: None) -> None:
    first = _contacts_in_an_empty_database(7)
    assert _contacts_in_an_empty_database(7) == first
    assert _contacts_in_an_empty_database(8) != first


def _journeys_in_an_empty_database(seed: int) -> tuple[str, JourneyCounts]:
    with transaction.atomic():
        summary = generate_partnership(get_profile("tiny"), seed=seed)
        digest = journeys_digest()
        transaction.set_rollback(True)
    return digest, summary.journeys


def test_the_same_seed_gives_identical_journeys(db: None) -> None:
    first, counts = _journeys_in_an_empty_database(7)
    assert counts.referrals > 30 and counts.assessments > 30
    assert _journeys_in_an_empty_database(7) == (first, counts)
    assert _journeys_in_an_empty_database(8)[0] != first
