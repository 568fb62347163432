"""Entry rules that keep the looked-after return (SSDA903) valid at source."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError

from continuum.socialcare.models import CareEpisode, CareOutcomes
from continuum.socialcare.models.care import looked_after_all_year, sdq_applies
from tests.insight import builders

pytestmark = pytest.mark.django_db


def _child(born: date):
    child = builders.child()
    child.date_of_birth = born
    child.save()
    builders.referral(child, date(2024, 1, 8))
    return child


def _episode(child, **details) -> CareEpisode:
    values = {
        "person": child, "started": date(2025, 1, 6), "reason_new_episode": "S", "legal_status": "C2",
        "category_of_need": "N1", "placement_type": "U1", "placement_provider": "PR1",
        "created_by": builders.worker(),
        **details,
    }  # fmt: skip
    return CareEpisode(**values)


def _messages(record) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as raised:
        record.full_clean()
    return raised.value.message_dict


def test_police_protection_lasts_at_most_72_hours():
    child = _child(date(2015, 3, 3))
    long = _episode(child, legal_status="L1", ended=date(2025, 1, 10), reason_ended="E4A")
    short = _episode(child, legal_status="L1", ended=date(2025, 1, 9), reason_ended="E4A")

    assert "at most 72 hours" in _messages(long)["ended"][0]
    short.full_clean()


def test_accommodation_under_pace_lasts_at_most_21_days():
    child = _child(date(2009, 3, 3))
    long = _episode(child, legal_status="J2", ended=date(2025, 1, 28), reason_ended="E14")
    short = _episode(child, legal_status="J2", ended=date(2025, 1, 27), reason_ended="E14")

    assert "at most 21 days" in _messages(long)["ended"][0]
    short.full_clean()


def test_only_a_foster_placement_ends_with_the_former_foster_carers():
    child = _child(date(2015, 3, 3))
    home = _episode(
        child, placement_type="K2", placement_provider="PR4", ended=date(2025, 6, 2), reason_ended="E45"
    )

    assert "former foster carers" in _messages(home)["reason_ended"][0]
    _episode(child, ended=date(2025, 6, 2), reason_ended="E45").full_clean()


def test_outcomes_ask_what_the_childs_age_needs():
    seven, two, fifteen = _child(date(2018, 5, 1)), _child(date(2023, 9, 1)), _child(date(2010, 5, 1))
    worker = builders.worker()
    missing_sdq = CareOutcomes(
        person=seven,
        year_ending=date(2026, 3, 31),
        immunisations_up_to_date=True,
        substance_misuse=False,
        created_by=worker,
    )
    toddler = CareOutcomes(
        person=two,
        year_ending=date(2026, 3, 31),
        sdq_score=10,
        immunisations_up_to_date=True,
        substance_misuse=False,
        created_by=worker,
    )
    teenager = CareOutcomes(
        person=fifteen,
        year_ending=date(2026, 3, 31),
        sdq_reason="SDQ5",
        immunisations_up_to_date=True,
        substance_misuse=True,
        created_by=worker,
    )

    assert "SDQ score, or the reason" in _messages(missing_sdq)["sdq_score"][0]
    toddler_errors = _messages(toddler)
    assert "aged 4 to 16" in toddler_errors["sdq_score"][0]
    assert "development checks" in toddler_errors["health_surveillance_up_to_date"][0]
    teenager_errors = _messages(teenager)
    assert "convicted" in teenager_errors["convicted"][0]
    assert "received an intervention" in teenager_errors["intervention_received"][0]
    wrong_day = CareOutcomes(
        person=seven,
        year_ending=date(2026, 4, 30),
        sdq_score=5,
        immunisations_up_to_date=True,
        substance_misuse=False,
        created_by=worker,
    )
    assert "31 March" in _messages(wrong_day)["year_ending"][0]


def test_the_sdq_covers_a_child_aged_4_to_16_at_any_time_in_the_year():
    year_ending = date(2026, 3, 31)
    assert sdq_applies(date(2022, 3, 31), year_ending)  # 4 on the last day
    assert not sdq_applies(date(2022, 4, 1), year_ending)  # still 3 on 31 March
    assert sdq_applies(date(2008, 4, 2), year_ending)  # 16 on 1 April, 17 the next day
    assert sdq_applies(date(2008, 4, 1), year_ending)  # 17 on 1 April: 16 until that day
    assert not sdq_applies(date(2008, 3, 31), year_ending)  # 17 the day before the year began


def test_looked_after_all_year():
    def episode(started, ended=None, rne="S", rec="", ls="C2"):
        return SimpleNamespace(
            started=started, ended=ended, reason_new_episode=rne, reason_ended=rec, legal_status=ls
        )

    first, last = date(2025, 4, 1), date(2026, 3, 31)
    assert looked_after_all_year([episode(date(2025, 4, 1))], first, last)
    assert not looked_after_all_year([episode(date(2025, 4, 2))], first, last)
    assert looked_after_all_year(
        [episode(date(2024, 1, 1), date(2025, 8, 1), rec="X1"), episode(date(2025, 8, 1), rne="P")],
        first,
        last,
    )
    assert not looked_after_all_year([episode(date(2024, 1, 1), date(2026, 3, 30), rec="E4A")], first, last)
    assert not looked_after_all_year([episode(date(2024, 1, 1), ls="V3")], first, last)
