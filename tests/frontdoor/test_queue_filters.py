"""The queue shows open contacts with their clocks, and narrows them by the worker's filters."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from continuum.access.models import Agency, User
from continuum.frontdoor import queue, services
from continuum.frontdoor.catalogue import Outcome
from continuum.frontdoor.queue import QueueFilters

from .helpers import actor, child, level, phone_contact
from .staff_pages import linked_contact

pytestmark = pytest.mark.django_db


def test_tom_sees_each_open_contact_with_its_clock_children_and_referrer(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    tom = personas["tom"]
    contact = phone_contact(tom, children=[child("Ava", "Testchild"), child("Ben", "Testchild")])

    page = signed_in("tom").get("/front-door/").content.decode()

    assert str(contact.reference) in page
    assert "Ava Testchild" in page and "Ben Testchild" in page
    assert "Phone call" in page and "Level 3" in page and "Nobody yet" in page
    assert "govuk-tag--" in page and ("Due tomorrow" in page or "Due " in page)
    assert 'href="/front-door/contacts/new/"' in page


def test_an_overdue_contact_says_by_how_long_and_the_filter_shows_only_those(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    tom = personas["tom"]
    late = phone_contact(tom, received_at=timezone.now() - timedelta(days=10))
    on_time = phone_contact(tom)

    page = signed_in("tom").get("/front-door/?overdue_only=on").content.decode()

    assert str(late.reference) in page and "Overdue by" in page
    assert str(on_time.reference) not in page


def test_the_allocated_to_filter_finds_mine_nobodys_and_a_named_workers(personas: dict[str, User]) -> None:
    tom, aisha = personas["tom"], personas["aisha"]
    toms, aishas, nobodys = phone_contact(tom), phone_contact(tom), phone_contact(tom)
    services.allocate(actor(tom), toms, tom)
    services.allocate(actor(aisha), aishas, aisha)

    def found(allocated_to: str) -> set[str | None]:
        filters = QueueFilters(allocated_to=allocated_to)
        return {contact.reference for contact in queue.contacts_in_queue(tom, filters)}

    assert found(queue.ME) == {toms.reference}
    assert found(queue.UNALLOCATED) == {nobodys.reference}
    assert found(str(aisha.pk)) == {aishas.reference}
    assert found(queue.ANYONE) == {toms.reference, aishas.reference, nobodys.reference}
    assert found("not-a-number") == set()


def test_the_source_agency_and_level_filters_narrow_the_queue(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    tom = personas["tom"]
    school = Agency.objects.get(name="Moorside Primary School")
    from_school = phone_contact(tom, referrer_agency=school, level_number=2)
    from_caller = phone_contact(tom, level_number=3)
    client = signed_in("tom")

    by_agency = client.get("/front-door/?agency_type=school").content.decode()
    by_source = client.get("/front-door/?referral_source=2A").content.decode()
    by_level = client.get("/front-door/?level=3").content.decode()

    assert str(from_school.reference) in by_agency and str(from_caller.reference) not in by_agency
    assert str(from_school.reference) in by_source and str(from_caller.reference) not in by_source
    assert str(from_caller.reference) in by_level and str(from_school.reference) not in by_level


def test_decided_contacts_leave_the_queue(personas: dict[str, User]) -> None:
    tom = personas["tom"]
    contact, contact_child = linked_contact(tom)
    services.decide(
        actor(tom), contact_child, level=level(3), outcome=Outcome.EARLY_HELP, rationale="Support for mum."
    )

    assert not queue.contacts_in_queue(tom).filter(pk=contact.pk).exists()


def test_a_queue_with_nothing_to_show_says_so(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    client = signed_in("tom")
    assert "There are no open contacts" in client.get("/front-door/").content.decode()
    phone_contact(personas["tom"])
    filtered = client.get("/front-door/?allocated_to=me").content.decode()
    assert "No open contacts match your filters" in filtered and "Clear filters" in filtered
