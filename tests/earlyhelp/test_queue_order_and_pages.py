"""Erin's queue: waiting registrations, oldest first, twenty a page; decided ones listed apart."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from continuum.access.models import User
from continuum.earlyhelp import registration as steps
from continuum.earlyhelp.models import EarlyHelpRegistration

from .helpers import actor, registered_by, signed_in

pytestmark = pytest.mark.django_db


def _registered_days_ago(priya: User, name: str, days: int) -> EarlyHelpRegistration:
    registration = registered_by(priya, given_name=name)
    EarlyHelpRegistration.objects.filter(pk=registration.pk).update(
        registered_at=timezone.now() - timedelta(days=days)
    )
    return registration


def test_the_oldest_waiting_comes_first_and_decided_ones_are_listed_apart(
    client: Client, priya: User, erin: User
) -> None:
    _registered_days_ago(priya, "Newer", 1)
    _registered_days_ago(priya, "Oldest", 9)
    decided = _registered_days_ago(priya, "Decided", 20)
    steps.decline(actor(erin), decided, "Already has help from the family hub")

    page = signed_in(client, erin).get("/early-help/registrations/").content.decode()

    waiting, _, recent = page.partition("Recently decided")
    assert "2 waiting" in waiting
    assert waiting.index("Oldest Fairweather") < waiting.index("Newer Fairweather")
    assert "Decided Fairweather" not in waiting and decided.reference in recent


def test_more_than_twenty_waiting_come_in_pages(client: Client, priya: User, erin: User) -> None:
    for number in range(21):
        _registered_days_ago(priya, f"Child{number:02d}", 40 - number)
    signed_in(client, erin)

    first = client.get("/early-help/registrations/").content.decode()
    second = client.get("/early-help/registrations/?page=2").content.decode()

    assert "21 waiting, page 1 of 2" in first and "Child00" in first and "Child20" not in first
    assert "Child20" in second and 'rel="prev"' in second


def test_an_empty_queue_says_so(client: Client, erin: User) -> None:
    page = signed_in(client, erin).get("/early-help/registrations/").content.decode()
    assert "No registrations are waiting." in page and "None yet." in page
