"""`manage.py indicators` prints the whole catalogue."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from continuum.insight.catalogue import CATALOGUE

pytestmark = pytest.mark.django_db

REQUIRED_IDS = [
    "contacts",
    "referrals",
    "referral_rate_per_10k",
    "referrals_further_action_pct",
    "re_referrals_pct",
    "assessments_completed",
    "assessments_within_45wd_pct",
    "assessments_within_45wd_of_referral_pct",
    "s47_enquiries",
    "s47_rate_per_10k",
    "s47_to_icpc_pct",
    "icpcs",
    "icpc_children",
    "icpc_rate_per_10k",
    "icpc_within_15wd_pct",
    "cp_plans_started",
    "cp_plans_at_end",
    "cp_plan_rate_per_10k",
    "cp_plans_second_or_subsequent_pct",
    "cp_plans_ended_2yrs_plus_pct",
    "cp_plans_open_1_2yrs",
    "cp_plans_open_2yrs_plus",
    "cin_at_end",
    "cin_rate_per_10k",
    "cla_at_end",
    "cla_rate_per_10k",
    "children_missing",
    "contacts_decided_within_1wd_pct",
    "referrer_feedback_pct",
    "early_help_episodes_started",
    "care_leavers_in_touch_pct",
    "care_leavers_eet_pct",
    "care_leavers_suitable_accommodation_pct",
    "care_leavers_pathway_plan_pct",
]


def run(*args: str) -> str:
    out = StringIO()
    call_command("indicators", *args, stdout=out)
    return out.getvalue()


def test_json_has_the_whole_catalogue_with_every_indicator_the_issue_names():
    printed = json.loads(run("--from", "2019-04-01", "--to", "2020-03-31", "--format", "json"))
    assert list(printed) == [indicator.id for indicator in CATALOGUE]
    assert set(REQUIRED_IDS) <= set(printed)


def test_an_empty_area_has_zero_counts_and_no_percentages():
    printed = json.loads(run("--from", "2019-04-01", "--to", "2020-03-31", "--format", "json"))
    assert printed["referrals"] == 0
    assert printed["re_referrals_pct"] is None  # a percentage of nothing is not 0%
    assert printed["referral_rate_per_10k"] is None  # no population entered


def test_every_indicator_is_defined_in_words():
    for indicator in CATALOGUE:
        assert len(indicator.definition) > 40, indicator.id
        assert indicator.follows, indicator.id


def test_the_table_is_for_people():
    printed = run("--from", "2019-04-01", "--to", "2020-03-31")
    assert "Referrals to children's social care" in printed
    assert "No data" in printed


def test_bad_dates_get_a_specific_error():
    with pytest.raises(CommandError, match="not a date"):
        run("--from", "2019-13-01", "--to", "2020-03-31")
    with pytest.raises(CommandError, match="before --from"):
        run("--from", "2020-04-01", "--to", "2020-03-31")
