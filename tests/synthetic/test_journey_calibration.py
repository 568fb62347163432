"""The small profile's 2019/20, counted by the indicator catalogue, lands near the seeds' (Bradford 2019/20).

The small area has about 520 children, so a year holds about 38 referrals, 16 section 47
enquiries and 4 children on a plan: chance alone moves such counts by a third or more. Each
figure must be within three standard deviations of the target (a Poisson count, or a binomial
share of the year's referrals, assessments or enquiries), plus a quarter of the target for the
model's own approximations. That catches a broken generator (a rate out by half or double), not
fine tuning: `python -m bench.calibration` compares the Bradford-size profile, figure by figure,
with the same catalogue.
"""

from __future__ import annotations

import math

import pytest

from continuum.frontdoor import clocks
from continuum.insight.figures import catalogue_figures
from continuum.insight.indicators import Context, Figure
from continuum.insight.models import ChildPopulation, children_for_year
from continuum.people.models import Person, PersonKind
from continuum.statutory.periods import Period
from continuum.synthetic.generator import ANALYST, Summary
from continuum.synthetic.journey_calibration import CALIBRATED_YEAR, CONTACT_YEAR_FACTOR, TARGET_BY_KEY
from continuum.synthetic.profiles import get_profile

pytestmark = pytest.mark.django_db

MODEL_SLACK = 0.25
# Rates per 10,000 children (catalogue ids, by target), checked as the counts they divide.
RATES = ("referral_rate", "section_47_rate", "icpc_rate", "cp_rate", "looked_after_rate")
COUNTS = ("assessments", "children_in_need")
# Shares, and the count (a target key) each is a share of.
SHARES = {
    "further_action": "referrals",
    "re_referrals": "referrals",
    "assessments_in_time": "assessments",
    "section_47_to_icpc": "section_47",
}


def _close_to_count(observed: float, expected: float) -> bool:
    return abs(observed - expected) <= 3 * math.sqrt(expected) + MODEL_SLACK * expected


def _figures(summary: Summary) -> dict[str, Figure]:
    context = Context(as_at=clocks.end_of_day(summary.reference_date))
    return catalogue_figures(Period.financial_year(CALIBRATED_YEAR), context)


def _figure(found: dict[str, Figure], key: str) -> Figure:
    return found[TARGET_BY_KEY[key].indicator]


def test_the_child_population_is_entered_for_every_year_of_the_journeys(small_partnership: Summary) -> None:
    children = Person.objects.filter(kind=PersonKind.CHILD).count()
    rows = ChildPopulation.objects.order_by("year")
    assert [row.year for row in rows] == list(range(2016, 2026))
    assert {row.children for row in rows} == {children}
    assert {row.entered_by.username for row in rows} == {ANALYST}
    assert all(row.source.startswith("Synthetic") for row in rows)


def test_the_rates_per_10000_children_are_near_the_seeds(small_partnership: Summary) -> None:
    found = _figures(small_partnership)
    population = children_for_year(CALIBRATED_YEAR)
    assert population is not None
    for key in RATES:
        rate = _figure(found, key)
        assert rate.population == population and rate.numerator is not None and rate.value is not None
        assert rate.value == round(rate.numerator * 10_000 / population.children, 1)
        expected = TARGET_BY_KEY[key].value * population.children / 10_000
        assert _close_to_count(rate.numerator, expected), (key, rate.value, rate.numerator, expected)
    for key in COUNTS:
        count, expected = _figure(found, key).value, TARGET_BY_KEY[key].scaled(population.children)
        assert count is not None and _close_to_count(count, expected), (key, count, expected)


def test_the_shares_are_near_the_seeds(small_partnership: Summary) -> None:
    found = _figures(small_partnership)
    for key, of in SHARES.items():
        target, share = TARGET_BY_KEY[key].value, _figure(found, key)
        count = _figure(found, of).value or 0
        spread = 100 * math.sqrt(target / 100 * (1 - target / 100) / max(1, count))
        assert share.value is not None, key
        assert abs(share.value - target) <= 3 * spread + MODEL_SLACK * target, (
            key,
            share.value,
            target,
            count,
        )


def test_the_year_has_its_contacts_and_about_a_tenth_of_them_become_referrals(
    small_partnership: Summary,
) -> None:
    """The small profile's 400 contacts a year are richer than its referrals (about 38 a year)."""
    found = _figures(small_partnership)
    wanted = get_profile("small").contacts_per_year * CONTACT_YEAR_FACTOR[CALIBRATED_YEAR]
    contacts, referrals = found["contacts"].value or 0, found["referrals"].value or 0
    assert abs(contacts - wanted) <= 0.05 * wanted
    assert 0.03 <= referrals / contacts <= 0.25
    timely = found["contacts_decided_within_1wd_pct"].value
    assert timely is not None and 70 <= timely <= 95  # seeds: 84% within 24 hours
