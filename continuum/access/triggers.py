"""Database triggers that make the audit table append-only, for SQLite and PostgreSQL.

The model refuses changes too, but a trigger also stops raw SQL and other programs. A database
administrator can still remove the triggers: the hash chain is what makes that detectable.
"""

from django.db.backends.base.base import BaseDatabaseWrapper

INSTALL = {
    "sqlite": [
        """CREATE TRIGGER IF NOT EXISTS audit_entry_no_update BEFORE UPDATE ON access_auditentry
           BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END""",
        """CREATE TRIGGER IF NOT EXISTS audit_entry_no_delete BEFORE DELETE ON access_auditentry
           BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END""",
    ],
    "postgresql": [
        """CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger AS $$
           BEGIN RAISE EXCEPTION 'audit entries are append-only'; END; $$ LANGUAGE plpgsql""",
        """CREATE OR REPLACE TRIGGER audit_entry_append_only
           BEFORE UPDATE OR DELETE OR TRUNCATE ON access_auditentry
           FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only()""",
    ],
}
REMOVE = {
    "sqlite": [
        "DROP TRIGGER IF EXISTS audit_entry_no_update",
        "DROP TRIGGER IF EXISTS audit_entry_no_delete",
    ],
    "postgresql": ["DROP TRIGGER IF EXISTS audit_entry_append_only ON access_auditentry"],
}


def install(connection: BaseDatabaseWrapper) -> None:
    _run(connection, INSTALL)


def remove(connection: BaseDatabaseWrapper) -> None:
    _run(connection, REMOVE)


def _run(connection: BaseDatabaseWrapper, statements: dict[str, list[str]]) -> None:
    with connection.cursor() as cursor:
        for statement in statements.get(connection.vendor, []):
            cursor.execute(statement)
