"""The chronology page passes axe-core's WCAG 2.2 AA checks: full, filtered, empty and refused."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django.test import Client

from bench.chronology_bench import build_history
from continuum.access.models import User
from tests.people.factories import AllocationFactory, PersonFactory
from tests.people.test_pages_are_accessible import _violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def test_the_chronology_pages_have_no_accessibility_violations(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    robin = PersonFactory.create(
        given_name="Robin", family_name="Longhistory", date_of_birth=date(2007, 3, 10)
    )
    empty = PersonFactory.create(given_name="Ada", family_name="Newchild")
    for child in (robin, empty):
        AllocationFactory.create(person=child, worker=personas["nadia"])
    build_history(robin, personas["nadia"])
    nadia = signed_in("nadia")
    pages = {
        "every event": f"/people/{robin.pk}/chronology/",
        "filtered": f"/people/{robin.pk}/chronology/?kind=looked_after&kind=missing&significance=key",
        "nothing matches": f"/people/{robin.pk}/chronology/?kind=gossip",
        "nothing recorded": f"/people/{empty.pk}/chronology/",
    }
    html = {name: nadia.get(path).content.decode() for name, path in pages.items()}
    html["refused"] = signed_in("priya").get(pages["every event"]).content.decode()

    assert _violations(html) == {}
