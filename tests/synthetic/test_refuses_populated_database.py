"""Generating into a database that already holds people is refused unless asked for with --force."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from continuum.people.models import Person


def test_it_refuses_to_add_people_to_a_database_that_has_some(db: None) -> None:
    Person.objects.create(given_name="Real", family_name="Person")
    with pytest.raises(CommandError, match=r"already holds 1 people.*--force"):
        call_command("generate_partnership", "--profile", "tiny", "--seed", "1", stdout=StringIO())
    assert Person.objects.count() == 1


def test_with_force_it_adds_a_second_population_without_reusing_nhs_numbers(db: None) -> None:
    call_command("generate_partnership", "--profile", "tiny", "--seed", "1", stdout=StringIO())
    first = Person.objects.count()
    call_command("generate_partnership", "--profile", "tiny", "--seed", "1", "--force", stdout=StringIO())
    assert Person.objects.count() == 2 * first
    numbers = list(Person.objects.exclude(nhs_number="").values_list("nhs_number", flat=True))
    assert len(numbers) == len(set(numbers))


def test_it_shows_progress_and_a_summary(db: None) -> None:
    out = StringIO()
    call_command("generate_partnership", "--profile", "tiny", "--seed", "1", stdout=out)
    text = out.getvalue()
    assert "Households: 40 of 40 (100%)" in text
    assert "(50%)" in text
    for line in ("agencies", "staff", "households", "children", "adults", "aliases", "moves"):
        assert line in text
