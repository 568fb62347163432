"""The insight benchmark's region: every record the catalogue counts, copied inside the database.

Robin's history (the chronology benchmark's: every kind of record) is copied twice more with
`multiply(3)`; every count, numerator and denominator in the catalogue is then three times what
it was, so the region's timings are of a region that really is that many times the size.
"""

from __future__ import annotations

from datetime import date

import pytest

from bench.chronology_bench import build_history
from bench.insight_bench import multiply
from continuum.access.models import User
from continuum.frontdoor.models import Contact
from continuum.insight.figures import catalogue_figures
from continuum.people.models import Person
from continuum.statutory.periods import Period
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db

WHOLE_HISTORY = Period(date(2008, 4, 1), date(2026, 3, 31))


def _counted() -> dict[str, tuple[int | None, int | None]]:
    return {
        key: (figure.numerator, figure.denominator)
        for key, figure in catalogue_figures(WHOLE_HISTORY).items()
    }


def test_multiplying_copies_every_counted_record(personas: dict[str, User]) -> None:
    robin = PersonFactory.create(
        given_name="Robin", family_name="Copied", date_of_birth=date(2007, 3, 10), nhs_number="9434765919"
    )
    build_history(robin, personas["nadia"])
    before, contacts = _counted(), Contact.objects.count()

    multiply(3)

    assert _counted() == {
        key: tuple(None if n is None else 3 * n for n in counts) for key, counts in before.items()
    }
    counted = ["contacts", "referrals", "assessments_completed", "s47_enquiries", "icpcs", "cp_plans_started"]
    counted += ["children_missing", "early_help_episodes_started", "care_leavers_in_touch_pct"]
    assert all(before[key][0] for key in counted)
    # Unique columns stay unique: NHS numbers, contact references and public ids.
    numbers = list(Person.objects.exclude(nhs_number="").values_list("nhs_number", flat=True))
    assert len(numbers) == len(set(numbers)) == 3
    for column in ("reference", "public_id"):
        values = list(Contact.objects.values_list(column, flat=True))
        assert len(values) == len(set(values)) == 3 * contacts
