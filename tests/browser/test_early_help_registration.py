"""Early help registered by a partner, in the browser.

Priya (a school's designated safeguarding lead) registers early help she will lead for Mia, with
her mother's consent. Erin, an early help practitioner, finds Mia in the people index and accepts
it: early help opens led by Priya, and Mia is allocated to Erin. Priya sees "Accepted". Every page
passes axe-core.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from continuum.access.models import User
from continuum.earlyhelp.models import EarlyHelpEpisode, EarlyHelpRegistration
from continuum.people.models import Allocation, Person, Service
from tests.earlyhelp.helpers import early_help_practitioner

from .conftest import AccessiblePage, sign_in
from .test_front_door_story import sign_in_again, sign_out
from .test_platform_story import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def mia(personas: dict[str, User]) -> Person:
    """Known to the index already."""
    return Person.objects.create(given_name="Mia", family_name="Fairweather", date_of_birth=date(2017, 3, 14))


def _fill_date(page: Page, legend: str, day: date) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def priya_registers(site: AccessiblePage, priya: User) -> EarlyHelpRegistration:
    page = site.page
    sign_in(site, priya.username, PASSWORD)
    site.goto("/early-help/my-registrations/")
    expect(page.get_by_text("You have not registered any early help yet.")).to_be_visible()
    page.get_by_role("button", name="Register early help").click()
    site.assert_accessible()

    page.get_by_role("button", name="Register early help").click()  # nothing filled in yet
    site.assert_accessible()
    expect(page.get_by_role("alert")).to_contain_text("Enter who gave consent")

    page.get_by_label("First name").fill("Mia")
    page.get_by_label("Last name").fill("Fairweather")
    _fill_date(page, "Date of birth", date(2017, 3, 14))
    page.get_by_label("Postcode (optional)").fill("bd5 9qt")
    page.get_by_label("Who gave consent?").fill("Jo Fairweather, her mother")
    page.get_by_label("What does the consent cover?").fill(
        "Early help for Mia and Jo; sharing with school and health"
    )
    page.get_by_label("What does the family want help with?").fill(
        "Morning routines and getting to school on time."
    )
    page.get_by_role("button", name="Register early help").click()
    site.assert_accessible()

    registration = EarlyHelpRegistration.objects.get(registered_by=priya)
    expect(page.locator(".govuk-panel")).to_contain_text(registration.reference)
    sign_out(site)
    return registration


def erin_accepts(site: AccessiblePage, erin: User, registration: EarlyHelpRegistration) -> None:
    page = site.page
    sign_in_again(site, erin)
    site.goto("/early-help/registrations/")
    row = page.get_by_role("row", name=re.compile(registration.reference))
    expect(row).to_contain_text("Priya Sharma")
    row.get_by_role("link", name=registration.reference).click()
    site.assert_accessible()

    page.get_by_role("button", name="Accept and open early help").click()  # nothing chosen yet
    site.assert_accessible()
    expect(page.get_by_role("alert")).to_contain_text("Choose the child's record")

    page.get_by_label(re.compile(r"Mia Fairweather, born 14 March 2017")).check()
    page.get_by_role("button", name="Accept and open early help").click()
    site.assert_accessible()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Early help is open for Mia Fairweather"
    )
    sign_out(site)


def test_priya_registers_early_help_erin_accepts_and_priya_sees_accepted(
    site: AccessiblePage, personas: dict[str, User], mia: Person
) -> None:
    priya, erin = personas["priya"], early_help_practitioner()
    registration = priya_registers(site, priya)
    erin_accepts(site, erin, registration)

    page = site.page
    sign_in(site, priya.username, PASSWORD)
    site.goto("/early-help/my-registrations/")
    row = page.get_by_role("row", name=re.compile(registration.reference))
    expect(row).to_contain_text("Accepted")
    expect(row).to_contain_text("you are its lead practitioner")

    episode = EarlyHelpEpisode.objects.get(person=mia)
    assert episode.lead_practitioner == priya and episode.is_open
    assert Allocation.objects.filter(person=mia, worker=erin, service=Service.EARLY_HELP).exists()
