"""The audit trail is append-only and hash-chained, so tampering shows."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from continuum.access import audit, triggers
from continuum.access.audit import Action, Actor
from continuum.access.models import AuditEntry, User
from continuum.people.models import Person


@pytest.fixture
def child(db: None) -> Person:
    return Person.objects.create(given_name="Jo", family_name="Example")


def test_each_entry_carries_the_hash_of_the_one_before(personas: dict[str, User], child: Person) -> None:
    actor = Actor(user=personas["tom"], channel=audit.Channel.PAGE, ip_address="10.1.2.3", path="/people/1/")
    first = audit.record(actor, Action.VIEW, child, purpose="front door check")
    second = audit.record(actor, Action.UPDATE, child, details={"fields": ["family_name"]})
    assert first.previous_hash == audit.GENESIS_HASH
    assert second.previous_hash == first.entry_hash
    assert second.person_id == child.pk
    assert list(audit.verify_chain()) == []


def test_an_entry_records_who_what_which_record_why_and_from_where(
    personas: dict[str, User], child: Person
) -> None:
    actor = Actor(user=personas["tom"], channel=audit.Channel.PAGE, ip_address="10.1.2.3", path="/people/1/")
    entry = audit.record(actor, Action.VIEW, child, purpose="front door check")
    entry.refresh_from_db()
    assert (entry.username, entry.action, entry.object_type, entry.object_id) == (
        "tom",
        "view",
        "people.Person",
        str(child.pk),
    )
    assert (entry.purpose, entry.ip_address, entry.channel) == ("front door check", "10.1.2.3", "page")


def test_the_model_refuses_to_change_or_delete_an_entry(personas: dict[str, User], child: Person) -> None:
    entry = audit.record(Actor.command("test"), Action.VIEW, child)
    entry.purpose = "rewritten"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()


@pytest.mark.django_db(transaction=True)
def test_the_database_refuses_to_change_or_delete_an_entry(child: Person) -> None:
    entry = audit.record(Actor.command("test"), Action.VIEW, child)
    for statement in (
        "UPDATE access_auditentry SET purpose = 'x' WHERE id = %s",
        "DELETE FROM access_auditentry WHERE id = %s",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement, [entry.pk])
    assert AuditEntry.objects.filter(pk=entry.pk, purpose="").exists()


def test_a_changed_entry_breaks_the_chain_at_that_entry(child: Person) -> None:
    entries = [audit.record(Actor.command("test"), Action.VIEW, child) for _ in range(3)]
    with connection.cursor() as cursor:
        _without_append_only_triggers(cursor)
        cursor.execute(
            "UPDATE access_auditentry SET username = 'someone-else' WHERE id = %s", [entries[1].pk]
        )
    breaks = list(audit.verify_chain())
    assert [b.entry_id for b in breaks] == [entries[1].pk]
    assert "changed" in breaks[0].problem


def test_a_removed_entry_breaks_the_chain_after_it(child: Person) -> None:
    entries = [audit.record(Actor.command("test"), Action.VIEW, child) for _ in range(3)]
    with connection.cursor() as cursor:
        _without_append_only_triggers(cursor)
        cursor.execute("DELETE FROM access_auditentry WHERE id = %s", [entries[1].pk])
    assert [b.entry_id for b in audit.verify_chain()] == [entries[2].pk]


def test_removing_the_newest_entries_is_detected(child: Person) -> None:
    entries = [audit.record(Actor.command("test"), Action.VIEW, child) for _ in range(3)]
    with connection.cursor() as cursor:
        _without_append_only_triggers(cursor)
        cursor.execute("DELETE FROM access_auditentry WHERE id = %s", [entries[2].pk])
    assert [b.entry_id for b in audit.verify_chain()] == [entries[2].pk]


def _without_append_only_triggers(cursor: object) -> None:
    """What someone with database administrator rights could do; the test transaction rolls it back."""
    triggers.remove(connection)


def test_entries_for_many_people_chain_as_single_entries_do(personas: dict[str, User], child: Person) -> None:
    actor = Actor(user=personas["sam"], channel=audit.Channel.EXPORT, path="/insight/")
    others = [Person.objects.create(given_name="Kit", family_name=f"Example{n}") for n in range(3)]
    audit.record(actor, Action.VIEW, child)
    written = audit.record_for_people(
        actor, Action.EXPORT, [o.pk for o in others] + [others[0].pk], purpose="a list"
    )
    audit.record(actor, Action.VIEW, child)
    assert written == 3  # each person once
    assert list(audit.verify_chain()) == []
    assert set(AuditEntry.objects.filter(action="export").values_list("person_id", flat=True)) == {
        o.pk for o in others
    }
