"""The register form follows the GOV.UK error pattern: a summary linking to each field that needs fixing."""

from __future__ import annotations

import pytest
from django.test import Client

from continuum.access.models import User
from continuum.earlyhelp.models import EarlyHelpRegistration

from .helpers import signed_in

pytestmark = pytest.mark.django_db


def test_an_empty_form_names_every_missing_answer_and_saves_nothing(client: Client, priya: User) -> None:
    response = signed_in(client, priya).post("/early-help/register/", {})

    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Register early help" in page
    for link, message in (
        ("#id_given_name", "Enter the child&#x27;s first name"),
        ("#id_date_of_birth_0", "Enter date of birth"),
        ("#id_consent_given_by", "Enter who gave consent."),
        ("#id_help_wanted", "Enter what the family wants help with"),
    ):
        assert f'<a href="{link}">{message}' in page
    assert not EarlyHelpRegistration.objects.exists()


def test_a_wrong_postcode_and_a_date_in_the_future_say_how_to_fix_them(client: Client, priya: User) -> None:
    form = {
        "given_name": "Mia",
        "family_name": "Fairweather",
        "date_of_birth_day": "14",
        "date_of_birth_month": "3",
        "date_of_birth_year": "2017",
        "postcode": "QQ1",
        "consent_given_by": "Jo Fairweather, her mother",
        "consent_covers": "Early help for Mia",
        "help_wanted": "Routines",
        "assessment_started_day": "1",
        "assessment_started_month": "1",
        "assessment_started_year": "2999",
    }
    page = signed_in(client, priya).post("/early-help/register/", form).content.decode()

    assert "Enter a real postcode, like LS1 4AP" in page
    assert "Date the early help assessment started must be today or in the past" in page
    assert 'value="Jo Fairweather, her mother"' in page  # what was typed is kept
    assert not EarlyHelpRegistration.objects.exists()
