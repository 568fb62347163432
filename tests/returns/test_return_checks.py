"""A check of a return runs off the page: queued, running, then done, unavailable or failed; kept.

Sam, a performance analyst, asks for checks. The runner is called here as the background thread
calls it, with the DfE's real validator on the small return of `test_return_pages` (one child
whose plan started after its conference: rule 2885).
"""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.db.models.signals import post_save
from django.utils import timezone

from continuum.access.audit import Actor, Channel
from continuum.access.models import AuditEntry, User
from continuum.people.models import ExternalIdentifier, Person
from continuum.returns import checks
from continuum.returns.collection import LEGACY_CHILD_ID, CollectionYear
from continuum.returns.models import CheckStatus, ReturnCheck, ReturnKind
from tests.returns import test_return_pages as pages

pytestmark = pytest.mark.django_db

YEAR = CollectionYear(2026)


@pytest.fixture
def in_the_2026_census() -> tuple[Person, Person]:
    return pages.children_in_the_2026_census()


@pytest.fixture
def sam(personas: dict[str, User]) -> User:
    return personas["sam"]


@pytest.fixture
def stages() -> Iterator[list[tuple[str, str]]]:
    """Each status and stage a check is saved with, in order."""
    seen: list[tuple[str, str]] = []

    def saved(instance: ReturnCheck, **kwargs: object) -> None:
        seen.append((instance.status, instance.stage))

    post_save.connect(saved, sender=ReturnCheck, dispatch_uid="test-stages")
    yield seen
    post_save.disconnect(sender=ReturnCheck, dispatch_uid="test-stages")


@pytest.fixture
def threads() -> Iterator[list[str]]:
    """The thread each save of a check is made on."""
    seen: list[str] = []

    def saved(instance: ReturnCheck, **kwargs: object) -> None:
        seen.append(threading.current_thread().name)

    post_save.connect(saved, sender=ReturnCheck, dispatch_uid="test-threads")
    yield seen
    post_save.disconnect(sender=ReturnCheck, dispatch_uid="test-threads")


def _asked(sam: User) -> ReturnCheck:
    return checks.request_check(sam, ReturnKind.CIN_CENSUS, YEAR)


def test_asking_queues_a_check_and_starts_it_once_saved(sam: User, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as started:
        check = _asked(sam)

    assert check.status == CheckStatus.QUEUED and check.requested_by == sam
    assert check.stage == "Waiting to start: one check runs at a time"
    assert check.started is None and check.result is None
    assert len(started) == 1  # the background thread, started when the record is committed


def test_a_check_writes_the_return_then_checks_it_and_keeps_what_the_rules_found(
    sam: User, in_the_2026_census: tuple[Person, Person], stages: list[tuple[str, str]]
):
    _, wrong = in_the_2026_census

    check = checks.run(_asked(sam).pk)

    assert stages[1:] == [
        ("running", "Writing the return"),
        ("running", "Checking 2 children with the DfE's rules for 2025/26"),
        ("done", stages[-1][1]),
    ]
    check.refresh_from_db()
    assert check.status == CheckStatus.DONE and check.children == 2
    assert check.started is not None and check.finished is not None and check.finished >= check.started
    validation = checks.validation_of(check)
    assert validation.ruleset == "cin2025_26" and validation.not_checked == []
    assert {(issue.rule, issue.child) for issue in validation.errors} == {("2885", str(wrong.pk))}
    assert check.people == {str(wrong.pk): wrong.pk}
    queries = len(validation.queries)
    said = f"{queries} quer{'y' if queries == 1 else 'ies'}"
    assert check.stage == f"Checked: {len(validation.errors)} errors, {said}"


def test_the_next_check_says_how_many_rules_and_how_long_the_last_one_took(
    sam: User, in_the_2026_census, stages: list[tuple[str, str]]
):
    first = checks.run(_asked(sam).pk)
    took = first.elapsed()
    assert took is not None
    stages.clear()

    second = _asked(sam)
    progress = checks.progress(second)
    checks.run(second.pk)

    assert first.pk != second.pk
    assert not progress.finished and progress.elapsed == "" and progress.estimate == checks.duration(took)
    assert ("running", "Checking 2 children with 109 rules") in stages


def test_a_check_without_the_validators_ends_unavailable_with_the_reason(
    sam: User, in_the_2026_census, settings, tmp_path
):
    settings.VALIDATORS_PYTHON = str(tmp_path / "missing" / "python")

    check = checks.run(_asked(sam).pk)

    check.refresh_from_db()
    assert check.status == CheckStatus.UNAVAILABLE and check.stage == "Could not be checked"
    assert "The DfE validators are not installed" in check.message and "make setup" in check.message
    assert check.result is None and check.finished is not None and check.children == 2


def test_a_check_that_breaks_ends_failed_rather_than_running_for_ever(
    sam: User, in_the_2026_census, settings
):
    # A "validator" that runs and prints something that is not the JSON expected of it.
    settings.VALIDATORS_PYTHON = shutil.which("echo")

    check = checks.run(_asked(sam).pk)

    check.refresh_from_db()
    assert check.status == CheckStatus.FAILED and check.stage == "Failed"
    assert check.message.startswith("JSONDecodeError") and check.result is None


def test_asking_again_while_a_check_is_under_way_gives_the_same_check(sam: User, personas):
    first = _asked(sam)

    again = checks.request_check(personas["sam"], ReturnKind.CIN_CENSUS, YEAR)
    other_year = checks.request_check(sam, ReturnKind.CIN_CENSUS, CollectionYear(2025))

    assert again.pk == first.pk and other_year.pk != first.pk
    assert ReturnCheck.objects.count() == 2


@pytest.mark.parametrize(
    ("status", "since", "abandoned"),
    [
        (CheckStatus.RUNNING, checks.ABANDONED_AFTER + timedelta(minutes=1), True),
        (CheckStatus.RUNNING, checks.ABANDONED_AFTER - timedelta(minutes=1), False),
        (CheckStatus.QUEUED, checks.NEVER_STARTED_AFTER + timedelta(minutes=1), True),
        (CheckStatus.QUEUED, checks.ABANDONED_AFTER + timedelta(minutes=1), False),  # behind others
    ],
)
def test_a_check_left_unfinished_by_a_restart_is_failed_and_a_new_one_starts(
    sam: User, status: str, since: timedelta, abandoned: bool
):
    earlier = _asked(sam)
    then = timezone.now() - since
    ReturnCheck.objects.filter(pk=earlier.pk).update(status=status, started=then, requested_at=then)

    asked = _asked(sam)

    earlier.refresh_from_db()
    if abandoned:
        assert asked.pk != earlier.pk and asked.status == CheckStatus.QUEUED
        assert earlier.status == CheckStatus.FAILED and "restarted" in earlier.message
    else:
        assert asked.pk == earlier.pk and earlier.status == status


def test_checks_are_kept(sam: User):
    check = _asked(sam)

    with pytest.raises(PermissionError):
        check.delete()
    with pytest.raises(PermissionError):
        ReturnCheck.objects.all().delete()
    assert ReturnCheck.objects.filter(pk=check.pk).exists()


def test_showing_the_results_audits_the_children_listed_as_viewed(
    sam: User, in_the_2026_census: tuple[Person, Person]
):
    _, wrong = in_the_2026_census
    check = checks.run(_asked(sam).pk)

    validation, found = checks.results(Actor(user=sam, channel=Channel.PAGE), check)

    assert [(child.identifier, child.person_id, child.has_errors) for child in found] == [
        (str(wrong.pk), wrong.pk, True)
    ]
    assert found[0].issues == validation.by_child()[str(wrong.pk)]
    viewed = AuditEntry.objects.filter(action="view", username="sam")
    assert list(viewed.values_list("person_id", "purpose")) == [
        (wrong.pk, "CIN census 2025/26 checked with the DfE's rules")
    ]


def test_a_migrated_child_is_found_by_the_identifier_their_old_system_gave_them(
    sam: User, in_the_2026_census: tuple[Person, Person]
):
    _, wrong = in_the_2026_census
    assert sam.agency is not None
    ExternalIdentifier.objects.create(
        person=wrong, agency=sam.agency, system=LEGACY_CHILD_ID, identifier="B70215"
    )

    check = checks.run(_asked(sam).pk)

    assert {issue.child for issue in checks.validation_of(check).errors} == {"B70215"}
    assert check.people == {"B70215": wrong.pk}


@pytest.mark.parametrize(
    ("seconds", "said"),
    [(0, "0 seconds"), (1, "1 second"), (45, "45 seconds"), (185, "3 minutes 5 seconds"),
     (240, "4 minutes"), (3720, "1 hour 2 minutes")],
)  # fmt: skip
def test_how_long_a_check_took_is_said_as_people_say_it(seconds: int, said: str):
    assert checks.duration(timedelta(seconds=seconds)) == said


@pytest.mark.django_db(transaction=True)
def test_the_check_runs_on_a_thread_of_its_own(
    personas: dict[str, User], threads: list[str], settings, tmp_path
):
    settings.VALIDATORS_PYTHON = str(tmp_path / "missing" / "python")  # fast: it ends unavailable
    pages.children_in_the_2026_census()

    check = checks.request_check(personas["sam"], ReturnKind.CIN_CENSUS, YEAR)
    waited = 0.0
    while not check.is_finished and waited < 60:
        time.sleep(0.2)
        waited += 0.2
        check.refresh_from_db()

    assert check.status == CheckStatus.UNAVAILABLE and check.children == 2
    assert f"return-check-{check.pk}" in threads


def test_a_check_is_run_once(sam: User, in_the_2026_census, stages: list[tuple[str, str]]):
    check = checks.run(_asked(sam).pk)
    stages.clear()

    again = checks.run(check.pk)

    assert stages == [] and again.status == CheckStatus.DONE and again.finished == check.finished
