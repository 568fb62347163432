"""`manage.py verify_audit_trail` finds entries changed or removed behind the application's back.

The database refuses UPDATE and DELETE on audit entries, so each test first does what someone with
database administrator rights could: switch that refusal off. The test's transaction rolls it back.
"""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from continuum.access import audit
from continuum.access.audit import Action, Actor, Channel
from continuum.access.models import AuditEntry, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def trail(personas: dict[str, User]) -> list[AuditEntry]:
    """Tom views child 1042 three times, then signs out."""
    tom = Actor(personas["tom"], Channel.PAGE, "10.0.0.7")
    views = [audit.record(tom, Action.VIEW, person_id=1042, purpose="Front door decision") for _ in range(3)]
    return [*views, audit.record(tom, Action.SIGN_OUT)]


def _tamper(sql: str, params: list[int | str]) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER audit_entry_no_update")
            cursor.execute("DROP TRIGGER audit_entry_no_delete")
        elif connection.vendor == "postgresql":
            # Django defers foreign key checks to commit; PostgreSQL will not alter a table while any wait.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("ALTER TABLE access_auditentry DISABLE TRIGGER audit_entry_append_only")
        cursor.execute(sql, params)


def _verify(**options: object) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("verify_audit_trail", stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def _verify_expecting_failure() -> tuple[str, CommandError]:
    err = io.StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("verify_audit_trail", stdout=io.StringIO(), stderr=err)
    return err.getvalue(), failure.value


def test_an_intact_trail_is_reported_as_intact(trail: list[AuditEntry]) -> None:
    out, err = _verify()

    assert "Audit trail intact: 4 entries verified" in out
    assert err == ""


def test_an_empty_trail_is_intact(db: None) -> None:
    out, _ = _verify()

    assert "Audit trail intact: 0 entries verified" in out


def test_an_entry_changed_in_the_database_is_reported_with_its_id_and_status_1(
    trail: list[AuditEntry],
) -> None:
    changed = trail[1]
    _tamper("UPDATE access_auditentry SET purpose = %s WHERE id = %s", ["Routine check", changed.pk])

    err, failure = _verify_expecting_failure()

    assert f"Entry {changed.pk}: its content no longer matches its hash (the entry was changed)" in err
    assert failure.returncode == 1
    assert "Audit trail broken: 1 problem in 4 entries" in str(failure)


def test_a_deleted_entry_is_reported_at_the_entry_after_it(trail: list[AuditEntry]) -> None:
    removed, following = trail[1], trail[2]
    _tamper("DELETE FROM access_auditentry WHERE id = %s", [removed.pk])

    err, failure = _verify_expecting_failure()

    assert f"Entry {following.pk}: does not follow the entry before it" in err
    assert failure.returncode == 1


def test_deleting_the_newest_entries_is_reported_too(trail: list[AuditEntry]) -> None:
    newest = trail[-1]
    _tamper("DELETE FROM access_auditentry WHERE id = %s", [newest.pk])

    err, _ = _verify_expecting_failure()

    assert f"Entry {newest.pk}: the newest entries are missing (the chain was cut short)" in err


def test_progress_is_shown_batch_by_batch_on_long_trails(trail: list[AuditEntry]) -> None:
    out, _ = _verify(batch_size=2)

    assert "Checking 4 audit entries" in out
    assert "Checked 2 of 4 entries" in out and "Checked 4 of 4 entries" in out


def test_verifying_adds_nothing_to_the_trail(trail: list[AuditEntry]) -> None:
    _verify()

    assert AuditEntry.objects.count() == len(trail)
