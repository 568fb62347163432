"""Recompute the audit trail's hash chain and report every place it has been changed or cut.

Run it on a schedule (nightly) and after any database restore. It only reads: nothing is changed,
and the run is not itself written to the trail (a check that adds entries would change what it checks).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from continuum.access.audit import ChainBreak, verify_chain
from continuum.access.models import AuditEntry

BATCH_SIZE = 5000


class Command(BaseCommand):
    help = "Check that no audit entry has been changed, removed or reordered (exit status 1 if any has)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--batch-size", type=int, default=BATCH_SIZE, help="Entries read from the database at a time."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        batch_size: int = options["batch_size"]
        total = AuditEntry.objects.count()
        self.stdout.write(f"Checking {total:,} audit entries")
        progress = _Progress(total, batch_size, self.stdout.write)
        breaks: list[ChainBreak] = []
        with connection.execute_wrapper(progress):
            for chain_break in verify_chain(batch_size=batch_size):
                breaks.append(chain_break)
                self.stderr.write(f"Entry {chain_break.entry_id}: {chain_break.problem}")
        if breaks:
            problems = f"{len(breaks)} problem{'s' if len(breaks) != 1 else ''}"
            raise CommandError(
                f"Audit trail broken: {problems} in {total:,} entries. See docs/administration.md"
            )
        self.stdout.write(self.style.SUCCESS(f"Audit trail intact: {total:,} entries verified"))


class _Progress:
    """Reports entries checked, batch by batch, for trails of millions of entries.

    verify_chain() yields only breaks, so progress is read from its queries: each batch it reads
    after the first means a whole batch has been checked. (A progress callback on verify_chain
    would be simpler; until then this watches the queries without changing them.)
    """

    def __init__(self, total: int, batch_size: int, write: Callable[[str], None]) -> None:
        self.total, self.batch_size, self.write = total, batch_size, write
        self.batches_read = 0

    def __call__(self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        if (
            sql.lstrip().upper().startswith("SELECT")
            and AuditEntry._meta.db_table in sql
            and "ORDER BY" in sql
        ):
            if self.batches_read and self.total > self.batch_size:
                checked = min(self.batches_read * self.batch_size, self.total)
                self.write(f"Checked {checked:,} of {self.total:,} entries")
            self.batches_read += 1
        return execute(sql, params, many, context)
