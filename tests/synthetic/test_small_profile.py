"""The small (demo) profile: quick to generate, with Nadia's caseload and restricted staff families."""

from __future__ import annotations

import time
from io import StringIO

import pytest
from django.core.management import call_command

from continuum.access.models import AuditEntry, RecordRestriction, User
from continuum.people.models import Allocation, Person, RestrictionLevel
from continuum.synthetic.generator import describe, generate_partnership
from continuum.synthetic.profiles import get_profile


def test_the_small_profile_is_generated_and_its_time_is_printed(
    db: None, capsys: pytest.CaptureFixture[str]
) -> None:
    started = time.perf_counter()
    summary = generate_partnership(get_profile("small"), seed=2026)
    elapsed = time.perf_counter() - started
    with capsys.disabled():
        print(f"\nsmall profile generated in {elapsed:.2f} seconds")
        print("\n".join(describe(summary)))
    assert 250 <= summary.counts.households <= 350
    assert 400 <= summary.counts.children <= 800


def test_nadia_holds_about_ten_children_and_her_team_about_forty(db: None) -> None:
    generate_partnership(get_profile("small"), seed=2026)
    nadia = User.objects.get(username="nadia")
    assert 8 <= Allocation.objects.filter(worker=nadia).count() <= 13
    assert 35 <= Allocation.objects.filter(team__name="Assessment Team 1").count() <= 50


def test_restricted_records_name_who_may_open_them(db: None) -> None:
    generate_partnership(get_profile("small"), seed=2026)
    restricted = Person.objects.filter(restriction=RestrictionLevel.RESTRICTED)
    assert 3 <= restricted.count() <= 40
    for person in restricted:
        assert RecordRestriction.objects.filter(person=person, user__username="aisha").exists()


def test_a_generation_run_is_written_to_the_audit_trail(db: None) -> None:
    call_command("generate_partnership", profile="tiny", seed=3, stdout=StringIO())
    entry = AuditEntry.objects.get(action="create", channel="command")
    assert entry.path == "manage.py generate_partnership"
    assert entry.details["profile"] == "tiny" and entry.details["seed"] == 3
    assert entry.details["children"] > 0
