"""The years before the front door's have their contacts, as a migrated case system holds them.

Every referral and early help episode from April 2016 came from a contact (received on the day
of the referral, naming the child), except a referral that followed early help and early help
that followed social care, as in the front door's year; each year has about the profile's
contacts, all of them decided. Their validity (consent, sign-off, screening, the referrer told)
is checked with the front door's year in test_contacts_are_valid.py.
"""

from __future__ import annotations

from datetime import date

import pytest

from continuum.earlyhelp.models import EarlyHelpEpisode
from continuum.frontdoor.catalogue import Outcome, Status
from continuum.frontdoor.models import Contact, PartnerCheck
from continuum.socialcare.models import Referral
from continuum.statutory.periods import Period
from continuum.statutory.timescales import england_date
from continuum.synthetic.generator import Summary
from continuum.synthetic.journey_calibration import CONTACT_YEAR_FACTOR, JOURNEYS_FROM
from continuum.synthetic.profiles import get_profile

pytestmark = pytest.mark.django_db

FRONT_DOOR_YEAR = date(2025, 4, 1)  # the small profile's front door year starts the day after 31 March 2025


def _earlier(summary: Summary) -> Period:
    assert summary.reference_date == date(2026, 3, 31)
    return Period(JOURNEYS_FROM, date(2025, 3, 31))


def test_every_earlier_referral_has_the_contact_that_led_to_it(small_partnership: Summary) -> None:
    period = _earlier(small_partnership)
    referrals = Referral.objects.filter(referral_date__range=(period.start, period.end))
    assert referrals.count() > 200
    without = referrals.filter(contact_child__isnull=True)
    # Only a step-up from early help has none, as in the front door's year.
    assert without.filter(stepped_up_from__isnull=True).count() == 0
    linked = referrals.filter(contact_child__isnull=False).select_related("contact_child__contact")
    assert linked.count() > 0.8 * referrals.count()
    for referral in linked:
        child = referral.contact_child
        assert child is not None and child.person_id == referral.person_id
        contact = child.contact
        assert contact.received_at is not None and england_date(contact.received_at) == referral.referral_date
        assert contact.referral_source == referral.referral_source
        assert contact.status == Status.DECIDED
        assert child.decision.outcome in (Outcome.SOCIAL_WORK_ASSESSMENT, Outcome.STRATEGY_DISCUSSION)


def test_every_earlier_early_help_episode_has_its_contact_but_step_downs(small_partnership: Summary) -> None:
    period = _earlier(small_partnership)
    episodes = EarlyHelpEpisode.objects.filter(started__range=(period.start, period.end))
    assert episodes.count() > 100
    assert episodes.filter(contact_child__isnull=True, stepped_down_from__isnull=True).count() == 0
    for episode in episodes.filter(contact_child__isnull=False).select_related("contact_child__decision"):
        assert episode.contact_child is not None and episode.contact_child.person_id == episode.person_id
        assert episode.contact_child.decision.outcome == Outcome.EARLY_HELP


def test_each_earlier_year_has_about_the_profiles_contacts_all_decided(small_partnership: Summary) -> None:
    per_year = get_profile("small").contacts_per_year
    for year in range(JOURNEYS_FROM.year, FRONT_DOOR_YEAR.year):
        received = Contact.objects.filter(
            received_at__gte=Period.financial_year(year).starts_at,
            received_at__lt=Period.financial_year(year).ends_before,
        )
        wanted = per_year * CONTACT_YEAR_FACTOR.get(year, 1.0)
        assert abs(received.count() - wanted) <= 0.05 * wanted, (year, received.count(), wanted)
        assert not received.exclude(status=Status.DECIDED).exists()
        assert not PartnerCheck.objects.filter(contact__in=received).exists()
        outcomes = set(received.values_list("children__decision__outcome", flat=True))
        assert {Outcome.NO_FURTHER_ACTION, Outcome.ADVICE, Outcome.EARLY_HELP} <= outcomes


def test_the_front_door_bench_keeps_its_contacts_in_its_one_year() -> None:
    assert get_profile("small").contacts_before_the_year == get_profile("small").contacts_per_year
    assert get_profile("bradford-2019-20").contacts_before_the_year == 32_038
    assert get_profile("front-door-bench").contacts_before_the_year == 0
