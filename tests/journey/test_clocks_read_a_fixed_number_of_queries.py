"""Working out what is due reads each kind of record once for all the children, not once per child."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from continuum.journey.clocks import due_for
from continuum.people.models import Person
from continuum.socialcare.catalogue import HealthCheckKind, VisitKind
from continuum.statutory.timescales import ENGLAND

from .test_clocks_records_are_valid import (
    TODAY,
    assessment,
    care_episode,
    care_leaver,
    child,
    cin_plan,
    cp_plan,
    early_help,
    education_plan,
    family_meeting,
    health_check,
    looked_after_review,
    missing,
    pathway_plan,
    referral,
    section_47,
    strategy_discussion,
    visit,
)

pytestmark = pytest.mark.django_db


def _child_with_every_clock_running(name: str) -> Person:
    person = child(name)
    open_referral = referral(person, date(2026, 1, 5))
    assessment(open_referral, date(2026, 1, 6))
    section_47(strategy_discussion(open_referral, date(2026, 9, 1)), date(2026, 9, 2))
    cp_plan(open_referral, date(2026, 3, 2))
    cin_plan(open_referral, date(2026, 2, 2))
    visit(person, VisitKind.CHILD_PROTECTION, date(2026, 3, 10))
    care_episode(person, date(2026, 6, 1))
    looked_after_review(person, date(2026, 6, 25))
    visit(person, VisitKind.LOOKED_AFTER, date(2026, 6, 5))
    health_check(person, HealthCheckKind.INITIAL, date(2026, 6, 20))
    education_plan(person, date(2026, 6, 22))
    returned = datetime(2026, 11, 20, 18, tzinfo=ENGLAND)
    missing(person, datetime(2026, 11, 20, 9, tzinfo=ENGLAND), returned)
    pathway_plan(care_leaver(person, date(2026, 6, 1)), date(2026, 7, 1))
    family_meeting(early_help(person, date(2026, 1, 5)), date(2026, 1, 20))
    return person


def _queries_for(people: list[Person]) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        items = due_for([person.pk for person in people], TODAY)
    return len(queries), len(items)


def test_every_clock_runs_for_a_child_with_every_step_open() -> None:
    person = _child_with_every_clock_running("Ava")

    whats = {item.what for item in due_for([person.pk], TODAY)}

    assert whats == {
        "Assessment",
        "Initial child protection conference",
        "First core group meeting",
        "First child protection review conference",
        "Child protection visit",
        "Child in need plan review",
        "Child in need visit",
        "Second looked-after review",
        "Social worker visit in the first year of a placement",
        "Health review",
        "Dental check for a looked-after child",
        "Personal education plan review",
        "Return home interview",
        "Pathway plan review",
        "Team around the family review",
    }


def test_the_number_of_queries_does_not_grow_with_the_number_of_children() -> None:
    one = _queries_for([_child_with_every_clock_running("Ava")])
    eight = _queries_for([_child_with_every_clock_running(f"Child{number}") for number in range(8)])

    assert eight[1] == 8 * one[1]
    assert eight[0] == one[0]
    assert one[0] <= 20


def test_no_children_means_no_queries() -> None:
    assert _queries_for([]) == (0, 0)
