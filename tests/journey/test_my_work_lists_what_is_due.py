"""My work: Nadia, a social worker, sees what is due for the children allocated to her, and only them.

The page is looked at on Thursday 24 December 2026 at 10:00. Friday 25 and Monday 28 December
2026 are bank holidays (Boxing Day's substitute), as is Friday 1 January 2027.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from pytest_django import DjangoAssertNumQueries

from continuum.access.models import AuditEntry, Team, User
from continuum.journey import work_views
from continuum.people.models import Allocation, Person
from continuum.statutory.timescales import ENGLAND

from .test_clocks_records_are_valid import (
    assessment,
    child,
    cin_plan,
    early_help,
    family_meeting,
    missing,
    referral,
)

pytestmark = pytest.mark.django_db

CHRISTMAS_EVE = date(2026, 12, 24)
MY_WORK = "/my-work/"


@pytest.fixture(autouse=True)
def _on_christmas_eve(monkeypatch: pytest.MonkeyPatch) -> None:
    """The page's idea of today; allocations and records are real."""
    clock = SimpleNamespace(
        localdate=lambda: CHRISTMAS_EVE, now=lambda: datetime(2026, 12, 24, 10, 0, tzinfo=ENGLAND)
    )
    monkeypatch.setattr(work_views, "timezone", clock)


def allocate(person: Person, worker: User, *, ended: date | None = None) -> Allocation:
    team = worker.teams.first()
    return Allocation.objects.create(
        person=person, worker=worker, team=team, started=date(2026, 1, 5), ended=ended
    )


def _with_review_on(name: str, review: date) -> Person:
    person = child(name)
    family_meeting(early_help(person, date(2026, 11, 2)), date(2026, 11, 12), next_review=review)
    return person


def _section(html: str, testid: str) -> str:
    start = html.index(f'data-testid="{testid}"')
    return html[start : html.index("</table>", start)]


@pytest.fixture
def nadias_children(personas: dict[str, User]) -> dict[str, Person]:
    nadia = personas["nadia"]
    ava = child("Ava")
    # Referral on Monday 19 October 2026, so the assessment is due 45 working days later.
    assessment(referral(ava, date(2026, 10, 19)), date(2026, 10, 20))
    ben = _with_review_on("Ben", CHRISTMAS_EVE)
    cal = _with_review_on("Cal", date(2027, 1, 5))
    dee = child("Dee")
    cin_plan(referral(dee, date(2026, 11, 20)), date(2026, 12, 1), visit_every=20)
    gus = child("Gus")
    # Returned at 14:00 GMT on Monday 21 December 2026: 72 hours on is 14:00 on Christmas Eve.
    missing(gus, datetime(2026, 12, 20, 9, tzinfo=ENGLAND), datetime(2026, 12, 21, 14, tzinfo=ENGLAND))
    for person in (ava, ben, cal, dee, gus):
        allocate(person, nadia)
    return {"ava": ava, "ben": ben, "cal": cal, "dee": dee, "gus": gus}


def test_nadia_sees_her_childrens_work_grouped_by_when_it_is_due(
    signed_in: Callable[[str], Client], nadias_children: dict[str, Person]
) -> None:
    response = signed_in("nadia").get(MY_WORK)

    assert response.status_code == 200
    html = response.content.decode()
    overdue, today = _section(html, "group-overdue"), _section(html, "group-today")
    soon, later = _section(html, "group-soon"), _section(html, "group-later")
    # From Monday 19 October 2026: 20-23 Oct (4), 26-30 (9), 2-6 Nov (14), 9-13 (19), 16-20 (24),
    # 23-27 (29), 30 Nov-4 Dec (34), 7-11 (39), 14-18 (44), Monday 21 December (45). By Christmas
    # Eve it is overdue by 22 (1), 23 (2) and 24 (3) December: 3 working days.
    assert "Ava Testchild" in overdue and "Assessment" in overdue
    assert "Monday 21 December 2026" in overdue
    assert "3 working days" in overdue
    # Ben's review was set for today; Gus's interview is due at 14:00 today, shown with its time.
    assert "Ben Testchild" in today and "Team around the family review" in today
    assert "Gus Testchild" in today and "Thursday 24 December 2026, 14:00" in today
    # Five working days from Christmas Eve: 29 (1), 30 (2), 31 (3), 4 Jan (4), Tuesday 5 January (5).
    assert "Cal Testchild" in soon and "Tuesday 5 January 2027" in soon
    # Dee's visit: 20 working days from Tuesday 1 December: 2-4 (3), 7-11 (8), 14-18 (13),
    # 21-24 (17), 29-31 (20): Thursday 31 December, 3 working days ahead.
    assert "Dee Testchild" in soon and "Thursday 31 December 2026" in soon
    # Dee's plan review: 1 December 2026 + 3 months is Monday 1 March 2027.
    assert "Dee Testchild" in later and "Monday 1 March 2027" in later


def test_the_tally_counts_each_group(
    signed_in: Callable[[str], Client], nadias_children: dict[str, Person]
) -> None:
    html = signed_in("nadia").get(MY_WORK).content.decode()

    counts = {
        state: html.split(f'data-testid="tally-{state}"')[1].split("</span>")[0].rsplit(">", 1)[1]
        for state in ("overdue", "today", "soon", "later")
    }
    assert counts == {"overdue": "1", "today": "2", "soon": "2", "later": "1"}
    assert "6 things due for 5 children" in html


def test_each_child_links_to_their_record(
    signed_in: Callable[[str], Client], nadias_children: dict[str, Person]
) -> None:
    html = signed_in("nadia").get(MY_WORK).content.decode()

    assert f'href="/people/{nadias_children["ava"].pk}/"' in html


def test_nadia_does_not_see_another_workers_child_or_one_no_longer_allocated_to_her(
    signed_in: Callable[[str], Client], personas: dict[str, User], nadias_children: dict[str, Person]
) -> None:
    omar = User.objects.create(username="omar", first_name="Omar", last_name="Ali")
    eli, fay = child("Eli"), child("Fay")
    for person in (eli, fay):
        assessment(referral(person, date(2026, 10, 19)), date(2026, 10, 20))
    Allocation.objects.create(person=eli, worker=omar, started=date(2026, 1, 5))
    allocate(fay, personas["nadia"], ended=date(2026, 6, 30))

    html = signed_in("nadia").get(MY_WORK).content.decode()

    assert "Ava Testchild" in html
    assert "Eli Testchild" not in html
    assert "Fay Testchild" not in html


def test_with_no_children_allocated_the_page_says_so(signed_in: Callable[[str], Client]) -> None:
    html = signed_in("nadia").get(MY_WORK).content.decode()

    assert 'data-testid="no-children"' in html
    assert "No children are allocated to you" in html


def test_with_children_but_nothing_open_the_page_says_nothing_is_due(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    allocate(child("Ava"), personas["nadia"])

    html = signed_in("nadia").get(MY_WORK).content.decode()

    assert 'data-testid="nothing-due"' in html


@pytest.mark.parametrize("username", ["priya", "tom", "sam"])
def test_people_without_a_caseload_are_refused_and_the_refusal_is_recorded(
    signed_in: Callable[[str], Client], username: str
) -> None:
    response = signed_in(username).get(MY_WORK)

    assert response.status_code == 403
    assert "You cannot see My work" in response.content.decode()
    assert AuditEntry.objects.filter(user__username=username, action="access_refused").exists()


def test_opening_my_work_is_recorded_in_the_audit_trail_with_its_purpose(
    signed_in: Callable[[str], Client], nadias_children: dict[str, Person]
) -> None:
    signed_in("nadia").get(MY_WORK)

    entry = AuditEntry.objects.filter(user__username="nadia", action="view").latest("id")
    assert entry.purpose.startswith("opened My work")
    assert entry.details == {"children": 5, "due": 6}


def test_a_team_manager_is_offered_their_teams_work(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    team = Team.objects.get(name="Integrated Front Door")

    html = signed_in("aisha").get(MY_WORK).content.decode()

    assert f'href="/my-work/teams/{team.pk}/"' in html


def test_the_number_of_queries_does_not_grow_with_the_number_of_children(
    signed_in: Callable[[str], Client],
    personas: dict[str, User],
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    client, nadia = signed_in("nadia"), personas["nadia"]
    for name in ("Ava", "Ben"):
        allocate(_with_review_on(name, date(2027, 1, 5)), nadia)
    client.get(MY_WORK)  # the session and the audit chain are set up once
    with CaptureQueriesContext(connection) as two_children:
        client.get(MY_WORK)
    for number in range(10):
        person = child(f"Child{number}")
        assessment(referral(person, date(2026, 10, 19)), date(2026, 10, 20))
        allocate(person, nadia)

    with django_assert_max_num_queries(len(two_children)):
        response = client.get(MY_WORK)
    assert "12 things due for 12 children" in response.content.decode()


def test_a_long_later_list_shows_the_soonest_and_says_how_many_more(
    signed_in: Callable[[str], Client],
    nadias_children: dict[str, Person],
    personas: dict[str, User],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(work_views, "LATER_SHOWN", 1)
    eve = child("Eve")
    # Plan from Friday 18 December 2026: its review is due on Thursday 18 March 2027 and its first
    # visit, 100 working days on (20 weeks and more), in May; both after Dee's review on 1 March,
    # so Dee's is the one shown.
    cin_plan(referral(eve, date(2026, 12, 1)), date(2026, 12, 18), visit_every=100)
    allocate(eve, personas["nadia"])

    html = signed_in("nadia").get(MY_WORK).content.decode()

    later = _section(html, "group-later")
    assert "Dee Testchild" in later and "Eve Testchild" not in later
    assert "Showing the 1 soonest of 3" in html
