"""The figures page passes axe-core's WCAG 2.2 AA checks: with figures, with errors, and refused."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from continuum.access.models import User
from tests.people.test_pages_are_accessible import _violations

from .test_figures_hand_worked import C1, C2, C3, C5, C8, make_contact

pytestmark = [pytest.mark.browser, pytest.mark.django_db]
URL = "/front-door/figures/"


def test_the_figures_pages_have_no_accessibility_violations(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    for facts in (C1, C2, C3, C5, C8):
        make_contact(facts, personas["tom"])
    tom = signed_in("tom").get(URL).content.decode()  # refused
    aisha = signed_in("aisha")
    custom = {"period": "custom", "start_day": "1", "start_month": "4", "start_year": "2025"}
    custom |= {"end_day": "31", "end_month": "3", "end_year": "2026"}
    wrong = {**custom, "end_month": "13"}
    pages = {
        "aisha default": aisha.get(URL).content.decode(),
        "aisha 2025 to 2026": aisha.get(URL, custom).content.decode(),
        "aisha wrong dates": aisha.get(URL, wrong).content.decode(),
        "tom refused": tom,
    }
    assert "Contacts by referral source" in pages["aisha 2025 to 2026"]
    assert "There is a problem" in pages["aisha wrong dates"]

    assert _violations(pages) == {}
