"""The queue sorts by due or received time in SQL, says so to screen readers, and pages by 25."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from continuum.access.models import User
from continuum.frontdoor.models import Contact

from .helpers import phone_contact

pytestmark = pytest.mark.django_db


def _references(html: str) -> list[str]:
    return re.findall(r'href="/front-door/contacts/(FD-\d+)/"', html)


def _contacts(worker: User, count: int) -> list[Contact]:
    start = timezone.now() - timedelta(days=count)
    return [phone_contact(worker, received_at=start + timedelta(days=day)) for day in range(count)]


def test_soonest_due_comes_first_and_newest_received_on_request(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    oldest, middle, newest = _contacts(personas["tom"], 3)
    client = signed_in("tom")

    by_due = client.get("/front-door/").content.decode()
    by_received = client.get("/front-door/?sort=-received").content.decode()

    assert _references(by_due) == [oldest.reference, middle.reference, newest.reference]
    assert _references(by_received) == [newest.reference, middle.reference, oldest.reference]
    assert 'aria-sort="ascending"' in by_due and 'href="?sort=-due"' in by_due
    assert 'aria-sort="descending"' in by_received


def test_the_queue_shows_25_a_page(signed_in: Callable[[str], Client], personas: dict[str, User]) -> None:
    contacts = _contacts(personas["tom"], 27)
    client = signed_in("tom")

    first = client.get("/front-door/").content.decode()
    second = client.get("/front-door/?page=2").content.decode()

    assert len(_references(first)) == 25 and "27 open contacts" in first
    assert _references(second) == [contact.reference for contact in contacts[25:]]
    assert 'aria-label="Queue pages"' in first


def test_the_number_of_queries_does_not_grow_with_the_queue(
    signed_in: Callable[[str], Client],
    personas: dict[str, User],
    django_assert_max_num_queries: Callable[[int], object],
) -> None:
    _contacts(personas["tom"], 30)
    client = signed_in("tom")
    client.get("/front-door/")  # warm the session and role caches

    # A first page of 25 rows: a query per row would go far past this.
    with django_assert_max_num_queries(22):  # type: ignore[attr-defined]
        client.get("/front-door/?sort=-received")
