"""The chronology of a child with a long history reads in a fixed, small number of queries.

Robin has about 500 events across every kind of record (the benchmark's history): the chronology
and its page must not make a query per event, so a long history costs no more round trips than a
short one.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date

import pytest
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.chronology_bench import build_history
from continuum.access.models import User
from continuum.journey.chronology import SOURCES, EventKind, chronology_of
from continuum.people.models import Person
from continuum.socialcare import models as socialcare
from tests.people.factories import AllocationFactory, PersonFactory

pytestmark = pytest.mark.django_db

AssertMaxQueries = Callable[[int], AbstractContextManager[CaptureQueriesContext]]

# One query per source, and no more, however many events.
CHRONOLOGY_QUERIES = len(SOURCES)
# The page adds the session, the user and their second factor, the record, the access policy's
# checks and the audit entry (with its chain head): a fixed number, whatever the history.
PAGE_QUERIES = CHRONOLOGY_QUERIES + 16


@pytest.fixture
def robin(personas: dict[str, User]) -> Person:
    child = PersonFactory.create(
        given_name="Robin", family_name="Longhistory", date_of_birth=date(2007, 3, 10)
    )
    AllocationFactory.create(person=child, worker=personas["nadia"])
    build_history(child, personas["nadia"])
    return child


def test_robin_has_about_500_events_of_every_type(robin: Person) -> None:
    events = chronology_of(robin.pk)

    assert 450 <= len(events) <= 550
    assert {event.kind for event in events} == set(EventKind)


def test_the_chronology_takes_one_query_per_source_however_long_the_history(
    robin: Person, django_assert_max_num_queries: AssertMaxQueries
) -> None:
    with django_assert_max_num_queries(CHRONOLOGY_QUERIES):
        chronology_of(robin.pk)


def test_the_page_of_a_long_history_takes_no_more_queries_than_a_short_one(
    signed_in: Callable[[str], Client],
    personas: dict[str, User],
    robin: Person,
    django_assert_max_num_queries: AssertMaxQueries,
) -> None:
    nadia = signed_in("nadia")
    short = PersonFactory.create()
    AllocationFactory.create(person=short, worker=personas["nadia"])
    socialcare.Visit.objects.create(
        person=short, kind="cin", visited_on=date(2025, 1, 9), created_by=personas["nadia"]
    )
    nadia.get(f"/people/{short.pk}/chronology/")  # the session and second factor are now warm

    with django_assert_max_num_queries(PAGE_QUERIES) as long_history:
        response = nadia.get(f"/people/{robin.pk}/chronology/")
    with django_assert_max_num_queries(PAGE_QUERIES) as short_history:
        nadia.get(f"/people/{short.pk}/chronology/")

    assert response.status_code == 200
    assert len(long_history.captured_queries) == len(short_history.captured_queries)
