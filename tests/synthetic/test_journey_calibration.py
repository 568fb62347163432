"""The small profile's 2019/20 lands near the seeds' rates (Bradford 2019/20, per 10,000 children).

The small area has about 520 children, so a year holds about 38 referrals, 16 section 47
enquiries and 4 children on a plan: chance alone moves such counts by a third or more. Each
figure must be within three standard deviations of the target (a Poisson count, or a binomial
share of the year's referrals, assessments or enquiries), plus a quarter of the target for the
model's own approximations. That catches a broken generator (a rate out by half or double), not
fine tuning: `python -m bench.calibration` compares the Bradford-size profile, figure by figure.
"""

from __future__ import annotations

import math

import pytest

from continuum.synthetic.generator import Summary
from continuum.synthetic.journey_calibration import TARGET_BY_KEY
from continuum.synthetic.journey_figures import children_in_area, year_figures

pytestmark = pytest.mark.django_db

MODEL_SLACK = 0.25
# Rates per 10,000 children, checked as the counts they come from.
RATES = {
    "referral_rate": "referrals",
    "section_47_rate": "section_47",
    "cp_rate": "cp_plans",
    "looked_after_rate": "looked_after",
}
COUNTS_AT_31_MARCH = ("children_in_need",)
# Shares, and the count each is a share of.
SHARES = {
    "further_action": "referrals",
    "re_referrals": "referrals",
    "assessments_in_time": "assessments",
    "section_47_to_icpc": "section_47",
}


def _close_to_count(observed: float, expected: float) -> bool:
    return abs(observed - expected) <= 3 * math.sqrt(expected) + MODEL_SLACK * expected


def test_the_rates_per_10000_children_are_near_the_seeds(small_partnership: Summary) -> None:
    children = children_in_area()
    found = year_figures(2019, children)
    for rate_key, count_key in RATES.items():
        expected = TARGET_BY_KEY[rate_key].value * children / 10_000
        assert _close_to_count(found[count_key], expected), (
            rate_key,
            found[rate_key],
            found[count_key],
            expected,
        )
    for key in COUNTS_AT_31_MARCH:
        expected = TARGET_BY_KEY[key].scaled(children)
        assert _close_to_count(found[key], expected), (key, found[key], expected)


def test_the_shares_are_near_the_seeds(small_partnership: Summary) -> None:
    found = year_figures(2019, children_in_area())
    for key, of in SHARES.items():
        target, count = TARGET_BY_KEY[key].value, found[of]
        spread = 100 * math.sqrt(target / 100 * (1 - target / 100) / max(1, count))
        assert abs(found[key] - target) <= 3 * spread + MODEL_SLACK * target, (key, found[key], target, count)
