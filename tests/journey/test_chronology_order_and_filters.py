"""The chronology reads newest first, a day's events in the order the journey takes them, and filters.

Jo is referred by the front door the day a police notification arrives; the chronology must show
the contact, the decision and the referral in that order within the day, and let Nadia narrow it
to the types and the key events she is looking for.
"""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from continuum.access.models import User
from continuum.frontdoor.catalogue import Outcome, Route, Status
from continuum.frontdoor.models import Contact, ContactChild, Decision
from continuum.journey.chronology import Event, EventKind, Significance, chronology_of, select
from continuum.people.models import Person
from continuum.socialcare import models as socialcare
from continuum.statutory.models import ThresholdFramework
from continuum.statutory.timescales import ENGLAND
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db

REFERRED = date(2025, 3, 3)


@pytest.fixture
def jo(personas: dict[str, User]) -> Person:
    """Referred the day a contact arrived, then visited, then missing for a night."""
    tom, nadia = personas["tom"], personas["nadia"]
    child = PersonFactory.create(given_name="Jo", family_name="Testchild")
    received = datetime.combine(REFERRED, time(9, 30), tzinfo=ENGLAND)
    contact = Contact.objects.create(
        reference="FD-0000007", status=Status.DECIDED, route=Route.PHONE, received_at=received
    )
    named = ContactChild.objects.create(contact=contact, person=child, given_name="Jo")
    Decision.objects.create(
        child=named,
        level=ThresholdFramework.objects.in_force().levels.get(number=4),
        outcome=Outcome.SOCIAL_WORK_ASSESSMENT,
        rationale="Needs a social work assessment.",
        decided_by=tom,
        decided_at=received.replace(hour=14),
        completed_at=received.replace(hour=14),
    )
    socialcare.Referral.objects.create(
        person=child, referral_date=REFERRED, referral_source="6", contact_child=named, created_by=nadia
    )
    socialcare.Visit.objects.create(
        person=child, kind="assessment", visited_on=date(2025, 3, 10), created_by=nadia
    )
    socialcare.MissingEpisode.objects.create(
        person=child,
        kind="M",
        went_missing=datetime(2025, 4, 1, 22, tzinfo=ENGLAND),
        returned=datetime(2025, 4, 2, 7, tzinfo=ENGLAND),
        created_by=nadia,
    )
    return child


def titles(events: list[Event]) -> list[str]:
    return [event.title for event in events]


def test_the_newest_event_comes_first_and_a_days_events_follow_the_journey(jo: Person) -> None:
    assert titles(chronology_of(jo.pk)) == [
        "Returned",
        "Went missing",
        "Assessment visit",
        "Referral to children's social care",
        "Front door decision: Referral for a social work assessment",
        "Contact received: Phone call",
    ]


def test_events_on_the_same_day_with_times_are_in_time_order(jo: Person, personas: dict[str, User]) -> None:
    socialcare.MissingEpisode.objects.filter(person=jo).update(
        returned=datetime(2025, 4, 1, 23, tzinfo=ENGLAND)
    )
    socialcare.MissingEpisode.objects.create(
        person=jo,
        kind="A",
        went_missing=datetime(2025, 4, 1, 6, tzinfo=ENGLAND),
        created_by=personas["nadia"],
    )

    missing = chronology_of(jo.pk, kinds=[EventKind.MISSING])

    assert [(event.title, event.time_of_day) for event in missing] == [
        ("Returned", time(23)),
        ("Went missing", time(22)),
        ("Away from placement without authorisation", time(6)),
    ]


def test_filtering_by_type_keeps_only_those_types(jo: Person) -> None:
    chosen = chronology_of(jo.pk, kinds=[EventKind.FRONT_DOOR, EventKind.VISIT])

    assert titles(chosen) == [
        "Assessment visit",
        "Front door decision: Referral for a social work assessment",
        "Contact received: Phone call",
    ]


def test_key_only_leaves_out_routine_events(jo: Person) -> None:
    key = chronology_of(jo.pk, significance=Significance.KEY)

    assert "Assessment visit" not in titles(key)
    assert len(key) == 5 and all(event.is_key for event in key)


def test_type_and_significance_filters_combine(jo: Person) -> None:
    assert chronology_of(jo.pk, kinds=[EventKind.VISIT], significance=Significance.KEY) == []


def test_no_types_chosen_means_every_type(jo: Person) -> None:
    assert chronology_of(jo.pk, kinds=[]) == chronology_of(jo.pk)


def test_select_filters_events_already_read_keeping_their_order(jo: Person) -> None:
    everything = chronology_of(jo.pk)

    assert select(everything, [EventKind.MISSING], None) == everything[:2]
    assert select(everything) == everything


def test_a_filtered_chronology_reads_only_the_sources_of_the_chosen_types(jo: Person) -> None:
    with CaptureQueriesContext(connection) as visits_only:
        chronology_of(jo.pk, kinds=[EventKind.VISIT])
    with CaptureQueriesContext(connection) as everything:
        chronology_of(jo.pk)

    assert len(visits_only) == 1
    assert len(everything) > len(visits_only)


def test_a_second_contact_the_same_day_comes_after_the_first_ones_decision(jo: Person) -> None:
    later = Contact.objects.create(
        reference="FD-0000008",
        status=Status.AWAITING_TRIAGE,
        route=Route.MARF,
        received_at=datetime.combine(REFERRED, time(16), tzinfo=ENGLAND),
    )
    ContactChild.objects.create(contact=later, person=jo, given_name="Jo")

    front_door = chronology_of(jo.pk, kinds=[EventKind.FRONT_DOOR])

    assert [(event.title, event.time_of_day) for event in front_door] == [
        ("Contact received: Multi-agency referral form (online)", time(16)),
        ("Front door decision: Referral for a social work assessment", time(14, 30)),
        ("Contact received: Phone call", time(9, 30)),
    ]
