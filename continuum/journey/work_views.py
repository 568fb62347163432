"""My work and the team's work: what is due, and overdue, for the children a worker or team holds.

Thin on purpose: the policy says whose children these are, `clocks` says what is due, and the
page groups it by how urgent it is. Every view is audited, as every look at children's details is.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from continuum.access import audit, policy
from continuum.access.audit import Action
from continuum.access.models import Team, User
from continuum.access.policy import Permission
from continuum.people.models import Allocation, Person
from continuum.web.forms import GovukForm
from continuum.web.guards import actor, refused, requires, user_of

from .clocks import Due, DueState, due_for, group_by_state

# Everything overdue, due today or due this week is shown; "Later" is capped, because what is due
# in two months is not today's work and a long list would bury what is.
LATER_SHOWN = 50
NOT_ALLOCATED = "none"

GROUP_TITLES = {
    DueState.OVERDUE: "Overdue",
    DueState.TODAY: "Due today",
    DueState.SOON: "Due in the next 5 working days",
    DueState.LATER: "Due later",
}


@dataclass(frozen=True)
class WorkRow:
    due: Due
    child: Person
    working_days_overdue: int
    workers: tuple[str, ...] = ()


@dataclass(frozen=True)
class WorkGroup:
    state: DueState
    title: str
    rows: list[WorkRow]
    total: int

    @property
    def hidden(self) -> int:
        return self.total - len(self.rows)


@dataclass(frozen=True)
class Work:
    groups: list[WorkGroup]
    children: int

    @property
    def total(self) -> int:
        return sum(group.total for group in self.groups)


def work_for(
    children: Mapping[int, Person],
    today: date,
    now: datetime,
    workers: Mapping[int, tuple[str, ...]] | None = None,
) -> Work:
    """What is due for these children, grouped overdue / today / soon / later."""
    workers = workers or {}
    by_state = group_by_state(due_for(children, today), today, now)
    groups = []
    for state, items in by_state.items():
        shown = items[:LATER_SHOWN] if state is DueState.LATER else items
        rows = [
            WorkRow(
                item,
                children[item.person_id],
                item.working_days_overdue(today),
                workers.get(item.person_id, ()),
            )
            for item in shown
        ]
        groups.append(WorkGroup(state, GROUP_TITLES[state], rows, len(items)))
    return Work(groups, len(children))


@requires(Permission.SEE_OWN_WORK, "You cannot see My work")
def my_work(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    today, now = timezone.localdate(), timezone.now()
    children = {child.pk: child for child in policy.caseload_of(user).order_by("family_name", "given_name")}
    work = work_for(children, today, now)
    audit.record(
        actor(request),
        Action.VIEW,
        purpose="opened My work: what is due for the children allocated to me",
        details={"children": work.children, "due": work.total},
    )
    context = {"work": work, "today": today, "teams": list(policy.teams_whose_work_is_seen_by(user))}
    return render(request, "journey/my_work.html", context)


class WorkerFilterForm(GovukForm):
    worker = forms.ChoiceField(
        label="Allocated worker",
        required=False,
        error_messages={"invalid_choice": "Choose a worker from the list"},
    )

    def __init__(self, *args: Any, workers: Iterable[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        worker_field = self.fields["worker"]
        assert isinstance(worker_field, forms.ChoiceField)
        worker_field.choices = [
            ("", "Everyone in the team"),
            *((str(worker.pk), worker.display_name) for worker in workers),
            (NOT_ALLOCATED, "Not allocated to a worker"),
        ]

    def chosen(self) -> str:
        """The worker's id, NOT_ALLOCATED, or "" for everyone (also when the choice is not valid)."""
        return str(self.cleaned_data.get("worker") or "") if self.is_valid() else ""


@requires(Permission.SEE_TEAM_WORK, "You cannot see a team's work")
def team_work(request: HttpRequest, team_id: int) -> HttpResponse:
    user = user_of(request)
    team = get_object_or_404(Team.objects.select_related("agency"), pk=team_id)
    teams = list(policy.teams_whose_work_is_seen_by(user))
    if team not in teams:
        reason = "you do not manage this team or belong to it"
        audit.record(actor(request), Action.ACCESS_REFUSED, team, purpose=f"team's work: {reason}")
        return refused(request, reason, "You cannot see this team's work")
    today, now = timezone.localdate(), timezone.now()
    children = {child.pk: child for child in policy.team_caseload(user, team)}
    allocated = _allocated_workers(team, children, today)
    form = WorkerFilterForm(request.GET or None, workers=_distinct_workers(allocated))
    chosen = form.chosen()
    if chosen:
        children = {pk: child for pk, child in children.items() if _matches(allocated.get(pk, []), chosen)}
    names = {pk: tuple(worker.display_name for worker in allocated.get(pk, [])) for pk in children}
    work = work_for(children, today, now, names)
    audit.record(
        actor(request),
        Action.VIEW,
        team,
        purpose=f"opened the team's work for {team.name}",
        details={"children": work.children, "due": work.total, "worker": chosen},
    )
    context = {
        "work": work,
        "today": today,
        "team": team,
        "teams": teams,
        "form": form,
        "filtered": bool(chosen),
    }
    return render(request, "journey/team_work.html", context)


def _allocated_workers(team: Team, children: Mapping[int, Person], today: date) -> dict[int, list[User]]:
    """Each child's workers through this team's open allocations (empty when allocated to the team only)."""
    allocations = (
        Allocation.objects.filter(team=team, person_id__in=children, worker__isnull=False)
        .exclude(ended__lt=today)
        .select_related("worker")
        .order_by("worker__last_name", "worker__first_name")
    )
    found: dict[int, list[User]] = defaultdict(list)
    for allocation in allocations:
        assert allocation.worker is not None
        if allocation.worker not in found[allocation.person_id]:
            found[allocation.person_id].append(allocation.worker)
    return found


def _distinct_workers(allocated: Mapping[int, list[User]]) -> list[User]:
    workers = {worker.pk: worker for people in allocated.values() for worker in people}
    return sorted(workers.values(), key=lambda worker: (worker.last_name, worker.first_name, worker.pk))


def _matches(workers: list[User], chosen: str) -> bool:
    if chosen == NOT_ALLOCATED:
        return not workers
    return any(str(worker.pk) == chosen for worker in workers)
