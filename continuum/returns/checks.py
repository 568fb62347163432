"""Checking a return with the DfE's rules in the background, with its progress on the page.

A Bradford-size year takes minutes to check, longer than a page should wait. So `request_check`
records a `ReturnCheck`, `start` runs it on a daemon thread once that record is saved (see
decision 0005), and the page shows its stage until it is done. `run` is a plain function, the
same for every kind of return: it writes the return to a temporary folder, checks it with the
validator and keeps what the validator found on the record, saying at each stage what it is doing.

A kind of return is checked once it is registered here (`register`): how to write it into a
folder, and how to check what was written.
"""

from __future__ import annotations

import dataclasses
import logging
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from django.db import connections, transaction
from django.db.models import Max
from django.utils import timezone

from continuum.access.audit import Action, Actor, record_for_people
from continuum.access.models import User

from . import cin_census, ssda903
from .collection import CollectionYear, child_identifier, legacy_child_ids
from .models import CheckStatus, ReturnCheck, ReturnKind
from .validation import (
    TIMEOUT_SECONDS,
    Issue,
    NotChecked,
    Validation,
    ValidatorUnavailable,
    validate_cin_census,
    validate_ssda903,
)

logger = logging.getLogger(__name__)

# A check still running this long after it started was stopped with its process (a restart): no
# check takes longer than writing the return and the validator's own time limit. One waiting this
# long to start was never going to: checks wait for each other one at a time, but not for hours.
ABANDONED_AFTER = timedelta(seconds=2 * TIMEOUT_SECONDS)
NEVER_STARTED_AFTER = timedelta(hours=2)
WRITING = "Writing the return"
WAITING = "Waiting to start: one check runs at a time"


@dataclass(frozen=True)
class Checkable:
    """A return the page can check with the DfE's rules."""

    kind: ReturnKind
    name: str  # as the page says it: "CIN census"
    slug: str  # in the page's address: /returns/cin-census/2026/check/
    # Writes the return into the folder; gives what to check (a file or the folder) and the people in it.
    write: Callable[[CollectionYear, Path], tuple[Path, list[int]]]
    validate: Callable[[Path, CollectionYear], Validation]

    def title(self, year: CollectionYear) -> str:
        return f"{self.name} {year.label}"


RETURNS: dict[str, Checkable] = {}


def register(checkable: Checkable) -> None:
    RETURNS[checkable.kind] = checkable


def checkable_at(slug: str) -> Checkable | None:
    return next((each for each in RETURNS.values() if each.slug == slug), None)


def _write_cin_census(year: CollectionYear, folder: Path) -> tuple[Path, list[int]]:
    path = folder / f"cin-census-{year.ends}.xml"
    return path, cin_census.write(year, path)


def _write_ssda903(year: CollectionYear, folder: Path) -> tuple[Path, list[int]]:
    files, people = ssda903.render(year)
    for name, content in files.items():
        (folder / name).write_bytes(content)
    return folder, people


register(Checkable(ReturnKind.CIN_CENSUS, "CIN census", "cin-census", _write_cin_census, validate_cin_census))
register(Checkable(ReturnKind.SSDA903, "SSDA903", "ssda903", _write_ssda903, validate_ssda903))


# --- Asking for a check, and running it -------------------------------------------------------------


def request_check(user: User, kind: str, year: CollectionYear) -> ReturnCheck:
    """A new check of this return, started in the background; or the one already under way.

    A second analyst asking while a check of the same return runs is shown that one: checking
    takes minutes of the server's time, and the return is the same.
    """
    now = timezone.now()
    with transaction.atomic():
        for check in ReturnCheck.objects.of(kind, year.ends).unfinished().select_for_update():
            if not _settled_if_abandoned(check, now):
                return check
        check = ReturnCheck.objects.create(
            kind=kind, collection_year=year.ends, requested_by=user, requested_at=now, stage=WAITING
        )
        start(check)
    return check


def start(check: ReturnCheck) -> None:
    """Run the check on a daemon thread once its record is saved (the thread reads it)."""
    thread = threading.Thread(
        target=_run_in_background, args=(check.pk,), name=f"return-check-{check.pk}", daemon=True
    )
    transaction.on_commit(thread.start)


# One check at a time in a process: each runs the validator, which keeps a core busy for minutes.
_ONE_AT_A_TIME = threading.Lock()


def _run_in_background(check_id: int) -> None:
    try:
        with _ONE_AT_A_TIME:
            run(check_id)
    finally:
        connections.close_all()  # this thread's own connections


def run(check_id: int) -> ReturnCheck:
    """Write the return, check it with the DfE's rules and keep what they found. Ends done,
    unavailable (the validators could not run: nothing was checked) or failed.

    Only a check waiting to start is run, so a check is never run twice (a second call finds it
    running, or finished, and leaves it).
    """
    with transaction.atomic():  # the row locked (PostgreSQL) or the database (SQLite, IMMEDIATE)
        check = ReturnCheck.objects.select_for_update().get(pk=check_id)
        if check.status != CheckStatus.QUEUED:
            return check
        _move(check, status=CheckStatus.RUNNING, started=timezone.now(), stage=WRITING)
    checkable = RETURNS[check.kind]
    year = CollectionYear(check.collection_year)
    try:
        with tempfile.TemporaryDirectory(prefix="continuum-check-") as folder:
            written, people = checkable.write(year, Path(folder))
            _move(check, children=len(people), stage=checking_stage(check, len(people)))
            validation = checkable.validate(written, year)
    except ValidatorUnavailable as error:
        return _finish(check, CheckStatus.UNAVAILABLE, message=str(error))
    except Exception as error:  # a check that breaks says so on its page, rather than "running" for ever
        logger.exception("Check %s of %s failed", check.pk, checkable.title(year))
        return _finish(check, CheckStatus.FAILED, message=f"{type(error).__name__}: {error}")
    named = _people_named(validation, people)
    return _finish(check, CheckStatus.DONE, result=validation_to_json(validation), people=named)


def checking_stage(check: ReturnCheck, count: int) -> str:
    """What a check says while the validator runs: "Checking 16,331 children with 109 rules", the
    rules as counted by the last check of the same year (the validator counts them only as it runs)."""
    children = f"{count:,} child{'' if count == 1 else 'ren'}"
    last = ReturnCheck.objects.last_done(check.kind, check.collection_year)
    if last is not None and last.collection_year == check.collection_year:
        rules = ReturnCheck.objects.filter(pk=last.pk).values_list("result__rules", flat=True).get()
        return f"Checking {children} with {rules} rules"
    return f"Checking {children} with the DfE's rules for {CollectionYear(check.collection_year).label}"


def _people_named(validation: Validation, people: list[int]) -> dict[str, int]:
    """The record of each child the rules name: their identifier in the return is not always their
    record's id (a migrated child keeps their previous system's)."""
    legacy = legacy_child_ids(people)
    records = {child_identifier(person_id, legacy): person_id for person_id in people}
    return {issue.child: records[issue.child] for issue in validation.issues if issue.child in records}


def _move(check: ReturnCheck, **changes: Any) -> None:
    for name, value in changes.items():
        setattr(check, name, value)
    check.save(update_fields=[*changes])


def _finish(check: ReturnCheck, status: CheckStatus, **changes: Any) -> ReturnCheck:
    stage = status.label if status != CheckStatus.DONE else _found(changes["result"])
    _move(check, status=status, finished=timezone.now(), stage=stage, **changes)
    return check


def _found(result: dict[str, Any]) -> str:
    errors = sum(1 for issue in result["issues"] if issue["kind"] == "error")
    queries = len(result["issues"]) - errors
    errors_said = f"{errors:,} error{'' if errors == 1 else 's'}"
    return f"Checked: {errors_said}, {queries:,} quer{'y' if queries == 1 else 'ies'}"


def _settled_if_abandoned(check: ReturnCheck, now: datetime) -> bool:
    if not check.is_abandoned(now, ABANDONED_AFTER, NEVER_STARTED_AFTER):
        return False
    message = "Continuum stopped before this check finished (it was restarted). Check the return again."
    _move(check, status=CheckStatus.FAILED, finished=now, stage=CheckStatus.FAILED.label, message=message)
    return True


def latest_checks() -> dict[tuple[str, int], ReturnCheck]:
    """The newest check of each return (kind and collection year)."""
    newest = ReturnCheck.objects.values("kind", "collection_year").annotate(newest=Max("pk")).values("newest")
    found = ReturnCheck.objects.filter(pk__in=newest).defer("result", "people")
    return {(check.kind, check.collection_year): check for check in found}


def refreshed(check: ReturnCheck) -> ReturnCheck:
    """The check, failed if it was left unfinished by a process that stopped."""
    _settled_if_abandoned(check, timezone.now())
    return check


# --- Progress and results ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    """What a check is doing, for the page and its polling script."""

    stage: str
    finished: bool
    elapsed: str  # "2 minutes 5 seconds", or "" before it starts
    estimate: str  # how long the last check of this return took, or "" if there was none

    def as_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def progress(check: ReturnCheck, now: datetime | None = None) -> Progress:
    elapsed = check.elapsed(now)
    last = ReturnCheck.objects.last_done(check.kind, check.collection_year)
    took = last.elapsed() if last is not None and last.pk != check.pk else None
    return Progress(
        stage=check.stage or check.get_status_display(),
        finished=check.is_finished,
        elapsed=duration(elapsed) if elapsed is not None else "",
        estimate=duration(took) if took is not None else "",
    )


def duration(length: timedelta) -> str:
    """A length of time as people say it: "45 seconds", "3 minutes 5 seconds", "1 hour 2 minutes"."""
    seconds = max(0, round(length.total_seconds()))
    hours, minutes = seconds // 3600, seconds % 3600 // 60
    parts = (
        [(hours, "hour"), (minutes, "minute")] if hours else [(minutes, "minute"), (seconds % 60, "second")]
    )
    said = [f"{count} {unit}{'' if count == 1 else 's'}" for count, unit in parts if count]
    return " ".join(said) or "0 seconds"


@dataclass(frozen=True)
class ChildFound:
    """What the rules found about one child: their identifier in the return, their record, the issues."""

    identifier: str
    person_id: int | None
    issues: list[Issue]

    @property
    def has_errors(self) -> bool:
        return any(issue.is_error for issue in self.issues)


def results(actor: Actor, check: ReturnCheck) -> tuple[Validation, list[ChildFound]]:
    """What a finished check found, child by child with errors first; the children listed are
    audited as viewed by whoever is looking."""
    validation = validation_of(check)
    found = [
        ChildFound(identifier, check.people.get(identifier), issues)
        for identifier, issues in validation.by_child().items()
    ]
    found.sort(key=lambda child: (not child.has_errors, child.person_id or 0, child.identifier))
    year = CollectionYear(check.collection_year)
    purpose = f"{RETURNS[check.kind].title(year)} checked with the DfE's rules"
    record_for_people(actor, Action.VIEW, [c.person_id for c in found if c.person_id], purpose=purpose)
    return validation, found


def validation_of(check: ReturnCheck) -> Validation:
    """What the validator found, as it was kept on a check that is done."""
    assert check.result is not None, "only a check that is done has results"
    return validation_from_json(check.result)


def validation_to_json(validation: Validation) -> dict[str, Any]:
    return dataclasses.asdict(validation)


def validation_from_json(stored: dict[str, Any]) -> Validation:
    return Validation(
        validator=stored["validator"],
        ruleset=stored["ruleset"],
        rules=stored["rules"],
        issues=[Issue(**issue) for issue in stored["issues"]],
        return_issues=[Issue(**issue) for issue in stored["return_issues"]],
        not_checked=[NotChecked(**each) for each in stored["not_checked"]],
    )
