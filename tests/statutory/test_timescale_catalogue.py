"""The timescale catalogue: each statutory timescale defined once, with its source."""

from datetime import date

import pytest

from continuum.statutory import timescales
from continuum.statutory.timescales import TIMESCALES, Unit, deadline


@pytest.mark.parametrize(
    ("timescale_id", "amount", "unit"),
    [
        ("front_door_decision", 1, Unit.WORKING_DAYS),
        ("assessment", 45, Unit.WORKING_DAYS),
        ("initial_conference", 15, Unit.WORKING_DAYS),
        ("core_group_first", 10, Unit.WORKING_DAYS),
        ("cp_review_first", 3, Unit.MONTHS),
        ("cp_review_subsequent", 6, Unit.MONTHS),
        ("cla_review_first", 20, Unit.WORKING_DAYS),
        ("cla_review_second", 3, Unit.MONTHS),
        ("cla_review_subsequent", 6, Unit.MONTHS),
        ("return_home_interview", 72, Unit.HOURS),
        ("pathway_plan_review", 6, Unit.MONTHS),
        ("initial_health_assessment", 20, Unit.WORKING_DAYS),
        ("lado_report", 1, Unit.WORKING_DAYS),
        ("serious_incident_notification", 5, Unit.WORKING_DAYS),
        ("rapid_review", 15, Unit.WORKING_DAYS),
        ("cla_visit_first_year", 42, Unit.DAYS),
        ("child_death_review", 12, Unit.MONTHS),
    ],
)
def test_the_statutory_timescales_have_their_statutory_lengths(
    timescale_id: str, amount: int, unit: Unit
) -> None:
    timescale = timescales.get(timescale_id)

    assert (timescale.amount, timescale.unit) == (amount, unit)


def test_every_timescale_says_what_starts_it_and_where_it_comes_from() -> None:
    for timescale_id, timescale in TIMESCALES.items():
        assert timescale.id == timescale_id
        assert timescale.name
        assert timescale.starts_from
        assert timescale.source
        assert timescale.amount > 0


def test_working_together_timescales_cite_working_together() -> None:
    for timescale_id in ("front_door_decision", "assessment", "initial_conference", "rapid_review"):
        assert "Working Together" in timescales.get(timescale_id).source


def test_a_timescale_reads_as_a_sentence() -> None:
    assert str(timescales.get("assessment")) == "45 working days from the referral"


def test_asking_for_an_unknown_timescale_names_the_known_ones() -> None:
    with pytest.raises(KeyError, match="assessment"):
        timescales.get("asessment")


def test_deadline_is_the_timescale_due_date() -> None:
    start = date(2026, 3, 2)

    assert deadline("assessment", start) == timescales.get("assessment").due(start)
