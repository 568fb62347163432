"""The team's work: Marcus, a team manager, sees what is due across his team, with each child's worker.

Assessment Team 1 (Marcus manages it; Nadia and Omar work in it) and Assessment Team 2 (Lena
manages it). The page is looked at on Thursday 24 December 2026 at 10:00.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from types import SimpleNamespace

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from continuum.access.models import AuditEntry, Team, User
from continuum.access.roles import Role
from continuum.journey import work_views
from continuum.people.models import Allocation, Person
from continuum.statutory.timescales import ENGLAND

from .test_clocks_records_are_valid import assessment, child, referral

pytestmark = pytest.mark.django_db

CHRISTMAS_EVE = date(2026, 12, 24)


@pytest.fixture(autouse=True)
def _on_christmas_eve(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = SimpleNamespace(
        localdate=lambda: CHRISTMAS_EVE, now=lambda: datetime(2026, 12, 24, 10, 0, tzinfo=ENGLAND)
    )
    monkeypatch.setattr(work_views, "timezone", clock)


def _worker(username: str, first_name: str, team: Team, role: Role) -> User:
    user = User.objects.create(
        username=username, first_name=first_name, last_name="Tester", agency=team.agency
    )
    user.teams.add(team)
    user.grant_role(role)
    return user


def _signed_in(client: Client, user: User) -> Client:
    client.force_login(user)
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="test", defaults={"confirmed": True})
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def _with_assessment(name: str) -> Person:
    person = child(name)
    # Referral on Monday 19 October 2026: the assessment was due on Monday 21 December 2026
    # (45 working days, worked out in test_my_work_lists_what_is_due), so it is overdue.
    assessment(referral(person, date(2026, 10, 19)), date(2026, 10, 20))
    return person


@dataclass(frozen=True)
class Teams:
    first: Team
    second: Team
    marcus: User
    omar: User


@pytest.fixture
def teams(personas: dict[str, User]) -> Teams:
    nadia = personas["nadia"]
    first = Team.objects.get(name="Assessment Team 1")
    assert nadia.agency is not None
    second = Team.objects.create(name="Assessment Team 2", agency=nadia.agency)
    marcus = _worker("marcus", "Marcus", first, Role.TEAM_MANAGER)
    first.manager = marcus
    first.save()
    lena = _worker("lena", "Lena", second, Role.TEAM_MANAGER)
    second.manager = lena
    second.save()
    omar = _worker("omar", "Omar", first, Role.SOCIAL_WORKER)
    ava, ben, cal, dan = (_with_assessment(name) for name in ("Ava", "Ben", "Cal", "Dan"))
    start = date(2026, 10, 19)
    Allocation.objects.create(person=ava, worker=nadia, team=first, started=start)
    Allocation.objects.create(person=ben, worker=omar, team=first, started=start)
    Allocation.objects.create(person=cal, team=first, started=start)
    Allocation.objects.create(person=dan, worker=lena, team=second, started=start)
    return Teams(first, second, marcus, omar)


def _url(team: Team) -> str:
    return f"/my-work/teams/{team.pk}/"


def test_marcus_sees_his_teams_children_with_their_workers_and_not_another_teams(
    client: Client, teams: Teams
) -> None:
    response = _signed_in(client, teams.marcus).get(_url(teams.first))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Ava Testchild" in html and "Nadia Begum" in html
    assert "Ben Testchild" in html and "Omar Tester" in html
    assert "Cal Testchild" in html and "Not allocated to a worker" in html
    assert "Dan Testchild" not in html
    assert "3 things due for 3 children" in html


def test_marcus_can_narrow_the_list_to_one_worker(client: Client, teams: Teams) -> None:
    html = _signed_in(client, teams.marcus).get(_url(teams.first), {"worker": teams.omar.pk}).content.decode()

    assert "Ben Testchild" in html
    assert "Ava Testchild" not in html
    assert "Cal Testchild" not in html
    assert "Show everyone's work" in html


def test_marcus_can_list_the_children_not_yet_allocated_to_a_worker(client: Client, teams: Teams) -> None:
    html = _signed_in(client, teams.marcus).get(_url(teams.first), {"worker": "none"}).content.decode()

    assert "Cal Testchild" in html
    assert "Ava Testchild" not in html and "Ben Testchild" not in html


def test_an_unknown_worker_in_the_filter_is_explained_and_everyone_is_shown(
    client: Client, teams: Teams
) -> None:
    html = _signed_in(client, teams.marcus).get(_url(teams.first), {"worker": "99999"}).content.decode()

    assert "govuk-error-summary" in html and "Choose a worker from the list" in html
    assert "Ava Testchild" in html and "Ben Testchild" in html


def test_marcus_is_refused_another_teams_work(client: Client, teams: Teams) -> None:
    response = _signed_in(client, teams.marcus).get(_url(teams.second))

    assert response.status_code == 403
    assert "Dan Testchild" not in response.content.decode()
    assert AuditEntry.objects.filter(user__username="marcus", action="access_refused").exists()


def test_a_social_worker_is_refused_the_teams_work(client: Client, teams: Teams) -> None:
    response = _signed_in(client, teams.omar).get(_url(teams.first))

    assert response.status_code == 403
    assert "You cannot see a team" in response.content.decode()


def test_a_partner_practitioner_is_refused_the_teams_work(
    signed_in: Callable[[str], Client], teams: Teams
) -> None:
    response = signed_in("priya").get(_url(teams.first))

    assert response.status_code == 403


def test_a_team_that_does_not_exist_is_not_found(client: Client, teams: Teams) -> None:
    assert _signed_in(client, teams.marcus).get("/my-work/teams/99999/").status_code == 404


def test_opening_the_teams_work_is_recorded_with_the_team_and_the_filter(
    client: Client, teams: Teams
) -> None:
    first = teams.first

    _signed_in(client, teams.marcus).get(_url(first), {"worker": "none"})

    entry = AuditEntry.objects.filter(user__username="marcus", action="view").latest("id")
    assert entry.object_type == "access.Team" and entry.object_id == str(first.pk)
    assert entry.purpose == "opened the team's work for Assessment Team 1"
    assert entry.details == {"children": 1, "due": 1, "worker": "none"}


def test_my_work_links_a_manager_to_each_of_their_teams(client: Client, teams: Teams) -> None:
    html = _signed_in(client, teams.marcus).get("/my-work/").content.decode()

    assert f'href="{_url(teams.first)}"' in html
    assert _url(teams.second) not in html
