"""The access policy as a table: role x record x action -> allowed?

Each row is one persona, one kind of record and one action, with the answer a safeguarding
manager would give. `people_visible_to` must agree with `decide` on every VIEW row, so that a
list page can never show a record its detail page would refuse.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from continuum.access import policy
from continuum.access.models import BreakGlassGrant, RecordRestriction, Team, User
from continuum.access.policy import Permission
from continuum.people.models import Allocation, Person, RestrictionLevel

ALLOWED, REFUSED = True, False

# record kinds: "unallocated" child; "allocated_to_nadia"; "allocated_to_team" (Nadia's team,
# another worker); "ended_allocation" (Nadia's, ended last month); "restricted" (Aisha named on it).
TABLE = [
    # persona, record, permission, expected
    ("tom", "unallocated", Permission.VIEW, ALLOWED),
    ("tom", "unallocated", Permission.EDIT, ALLOWED),
    ("tom", "unallocated", Permission.VIEW_ACCESS_LOG, ALLOWED),
    ("tom", "restricted", Permission.VIEW, REFUSED),
    ("aisha", "restricted", Permission.VIEW, ALLOWED),
    ("aisha", "unallocated", Permission.VIEW_ACCESS_LOG, ALLOWED),
    ("dan", "unallocated", Permission.VIEW, ALLOWED),
    ("dan", "unallocated", Permission.VIEW_ACCESS_LOG, REFUSED),
    ("nadia", "unallocated", Permission.VIEW, REFUSED),
    ("nadia", "allocated_to_nadia", Permission.VIEW, ALLOWED),
    ("nadia", "allocated_to_nadia", Permission.EDIT, ALLOWED),
    ("nadia", "allocated_to_nadia", Permission.VIEW_ACCESS_LOG, ALLOWED),
    ("nadia", "allocated_to_team", Permission.VIEW, ALLOWED),
    ("nadia", "ended_allocation", Permission.VIEW, REFUSED),
    ("nadia", "restricted", Permission.VIEW, REFUSED),
    ("nadia", "unallocated", Permission.BREAK_GLASS, ALLOWED),
    ("priya", "unallocated", Permission.VIEW, REFUSED),
    ("priya", "allocated_to_nadia", Permission.VIEW, REFUSED),
    ("priya", "unallocated", Permission.BREAK_GLASS, REFUSED),
    ("grace", "unallocated", Permission.VIEW, REFUSED),
    ("sam", "unallocated", Permission.VIEW, REFUSED),
    ("sam", "allocated_to_nadia", Permission.VIEW, REFUSED),
    ("alex", "unallocated", Permission.VIEW, REFUSED),
    ("alex", "restricted", Permission.VIEW, REFUSED),
    ("alex", "unallocated", Permission.BREAK_GLASS, REFUSED),
    # Recording on the child's journey: their practitioners only, never the front door.
    ("nadia", "allocated_to_nadia", Permission.RECORD_WORK, ALLOWED),
    ("nadia", "allocated_to_team", Permission.RECORD_WORK, ALLOWED),
    ("nadia", "ended_allocation", Permission.RECORD_WORK, REFUSED),
    ("nadia", "unallocated", Permission.RECORD_WORK, REFUSED),
    ("tom", "unallocated", Permission.RECORD_WORK, REFUSED),
    ("dan", "unallocated", Permission.RECORD_WORK, REFUSED),
    ("priya", "allocated_to_nadia", Permission.RECORD_WORK, REFUSED),
    ("sam", "allocated_to_nadia", Permission.RECORD_WORK, REFUSED),
]


@pytest.fixture
def records(personas: dict[str, User]) -> dict[str, Person]:
    nadia = personas["nadia"]
    colleague = User.objects.create(username="colleague")
    team = Team.objects.get(name="Assessment Team 1")

    def child(name: str, **fields: object) -> Person:
        return Person.objects.create(
            given_name=name, family_name="Example", date_of_birth=date(2015, 5, 1), **fields
        )

    made = {
        "unallocated": child("Una"),
        "allocated_to_nadia": child("Ada"),
        "allocated_to_team": child("Tia"),
        "ended_allocation": child("Eda"),
        "restricted": child("Ria", restriction=RestrictionLevel.RESTRICTED),
    }
    Allocation.objects.create(person=made["allocated_to_nadia"], worker=nadia)
    Allocation.objects.create(person=made["allocated_to_team"], worker=colleague, team=team)
    Allocation.objects.create(
        person=made["ended_allocation"],
        worker=nadia,
        started=date(2024, 1, 1),
        ended=timezone.localdate() - timedelta(days=30),
    )
    RecordRestriction.objects.create(person=made["restricted"], user=personas["aisha"])
    return made


@pytest.mark.parametrize(("persona", "record", "permission", "expected"), TABLE)
def test_the_policy_answers_each_row_of_the_table(
    personas: dict[str, User],
    records: dict[str, Person],
    persona: str,
    record: str,
    permission: Permission,
    expected: bool,
) -> None:
    decision = policy.decide(personas[persona], permission, records[record])
    assert decision.allowed is expected, decision.reason
    assert decision.reason  # every answer says why


@pytest.mark.parametrize("persona", ["tom", "aisha", "dan", "nadia", "priya", "grace", "sam", "alex"])
def test_the_visible_queryset_agrees_with_each_decision(
    personas: dict[str, User], records: dict[str, Person], persona: str
) -> None:
    user = personas[persona]
    visible = set(policy.people_visible_to(user).values_list("pk", flat=True))
    for person in records.values():
        assert (person.pk in visible) is policy.decide(user, Permission.VIEW, person).allowed, (
            person.given_name
        )


def test_break_glass_opens_a_record_for_a_limited_time_and_read_only(
    personas: dict[str, User], records: dict[str, Person]
) -> None:
    nadia, child = personas["nadia"], records["unallocated"]
    grant = BreakGlassGrant.objects.create(
        user=nadia,
        person=child,
        reason="Police called about the child tonight",
        expires_at=policy.break_glass_expiry(),
    )
    decision = policy.decide(nadia, Permission.VIEW, child)
    assert decision.allowed and "emergency access" in decision.reason
    assert not policy.decide(nadia, Permission.EDIT, child).allowed
    assert child in policy.people_visible_to(nadia)

    BreakGlassGrant.objects.filter(pk=grant.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert not policy.decide(nadia, Permission.VIEW, child).allowed
    assert child not in policy.people_visible_to(nadia)


def test_break_glass_reaches_a_restricted_record(
    personas: dict[str, User], records: dict[str, Person]
) -> None:
    tom, child = personas["tom"], records["restricted"]
    BreakGlassGrant.objects.create(
        user=tom,
        person=child,
        reason="Strategy discussion needs the history",
        expires_at=policy.break_glass_expiry(),
    )
    assert policy.decide(tom, Permission.VIEW, child).allowed


def test_search_is_for_front_door_and_casework_roles_only(personas: dict[str, User]) -> None:
    allowed = {name for name, user in personas.items() if policy.can(user, Permission.SEARCH)}
    assert allowed == {"tom", "aisha", "dan", "nadia"}


def test_restricted_records_are_hidden_from_search_for_people_not_named(
    personas: dict[str, User], records: dict[str, Person]
) -> None:
    assert records["restricted"] not in policy.searchable_people(personas["tom"])
    assert records["restricted"] in policy.searchable_people(personas["aisha"])
    assert not policy.searchable_people(personas["priya"]).exists()


def test_only_the_administrator_manages_users(personas: dict[str, User]) -> None:
    managers = {name for name, user in personas.items() if policy.can(user, Permission.MANAGE_USERS)}
    assert managers == {"alex"}


def test_an_inactive_account_is_refused_everything(
    personas: dict[str, User], records: dict[str, Person]
) -> None:
    tom = personas["tom"]
    tom.is_active = False
    assert not policy.decide(tom, Permission.VIEW, records["unallocated"]).allowed
    assert not policy.people_visible_to(tom).exists()
