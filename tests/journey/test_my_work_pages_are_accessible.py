"""My work and the team's work pass axe-core's WCAG 2.2 AA checks: with rows, empty, and with an error."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import pytest
from django.test import Client

from continuum.access.models import Team, User
from continuum.people.models import Allocation
from continuum.statutory.timescales import ENGLAND
from tests.people.test_pages_are_accessible import _violations

from .test_clocks_records_are_valid import assessment, child, cin_plan, missing, referral

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def test_the_work_pages_have_no_accessibility_violations(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    html: dict[str, str] = {}

    def get(username: str, url: str, query: dict[str, str] | None = None) -> None:
        response = signed_in(username).get(url, query or {})
        html[f"{username} GET {url} {query or ''}"] = response.content.decode()

    team = Team.objects.get(name="Integrated Front Door")
    get("nadia", "/my-work/")
    get("aisha", f"/my-work/teams/{team.pk}/")

    overdue, planned, returned = child("Ava"), child("Ben"), child("Cal")
    assessment(referral(overdue, date(2025, 1, 6)), date(2025, 1, 7))
    cin_plan(referral(planned, date(2026, 11, 2)), date(2026, 11, 16))
    missing(returned, datetime(2026, 11, 1, 9, tzinfo=ENGLAND), datetime(2026, 11, 2, 14, tzinfo=ENGLAND))
    for person in (overdue, planned, returned):
        Allocation.objects.create(
            person=person, worker=personas["nadia"], team=team, started=date(2025, 1, 6)
        )

    get("nadia", "/my-work/")
    get("aisha", "/my-work/")
    get("aisha", f"/my-work/teams/{team.pk}/")
    get("aisha", f"/my-work/teams/{team.pk}/", {"worker": "not-a-worker"})
    get("priya", "/my-work/")

    assert _violations(html) == {}
