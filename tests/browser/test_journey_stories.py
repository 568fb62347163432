"""Two children's journeys through the pages, with each deadline checked against hand-worked dates.

Kai comes through the front door in January 2026 and goes from assessment to a child protection
plan; Robyn comes into care, moves placement, goes missing and leaves care at 18. Nadia records
every step from the journey page, "My work" shows what is due and overdue, and every page passes
axe-core. The dates are fixed in the past, so every deadline is worked out by hand below.
"""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from continuum.access.models import AuditEntry, User
from continuum.frontdoor import services as frontdoor
from continuum.frontdoor.catalogue import Outcome
from continuum.people.models import Person, Service
from continuum.socialcare import services as socialcare
from continuum.socialcare.models import CareEpisode, CareLeaver, ChildProtectionPlan, MissingEpisode, Referral
from tests.frontdoor.helpers import actor, child, level, phone_contact

from .conftest import AccessiblePage
from .test_front_door_story import sign_in_again, sign_out

pytestmark = pytest.mark.browser


def _fill_date(page: Page, legend: str, day: date) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def _save(site: AccessiblePage) -> None:
    site.page.get_by_role("button", name="Save", exact=True).click()
    site.assert_accessible()
    expect(site.page.locator(".govuk-error-summary")).to_have_count(0)


def _record(site: AccessiblePage, link: str) -> None:
    site.page.get_by_role("link", name=link).first.click()
    site.assert_accessible()


def _due_row(page: Page, what: str) -> str:
    return page.get_by_role("row", name=re.compile(what)).first.inner_text()


def kai_referred_by_the_front_door(tom: User, nadia: User) -> Person:
    """Tom decides a phone contact of Monday 5 January 2026 for a social work assessment."""
    received = timezone.make_aware(datetime(2026, 1, 5, 10, 0))
    contact = phone_contact(
        tom, children=[child("Kai", "Journeytest", date(2017, 4, 9))], received_at=received
    )
    frontdoor.allocate(actor(tom), contact, tom)
    kai_on_contact = contact.children.get()
    frontdoor.add_child_to_index(actor(tom), kai_on_contact)
    frontdoor.decide(
        actor(tom),
        kai_on_contact,
        level=level(4),
        outcome=Outcome.SOCIAL_WORK_ASSESSMENT,
        rationale="Neglect.",
    )
    kai_on_contact.refresh_from_db()
    kai = kai_on_contact.person
    assert kai is not None
    socialcare.allocate(actor(nadia), kai, Service.SOCIAL_CARE, nadia, nadia.teams.get(), date(2026, 1, 5))
    return kai


def test_kai_from_a_front_door_referral_to_a_child_protection_plan(
    site: AccessiblePage, personas: dict[str, User]
) -> None:
    tom, nadia = personas["tom"], personas["nadia"]
    kai = kai_referred_by_the_front_door(tom, nadia)
    referral = Referral.objects.get(person=kai)
    assert referral.referral_date == date(2026, 1, 5)
    page = site.page
    sign_in_again(site, nadia)

    # My work: the assessment is due 45 working days from the referral on Monday 5 January 2026.
    # Working days from 6 January: 6-9 Jan (4), 12-16 (9), 19-23 (14), 26-30 (19), 2-6 Feb (24),
    # 9-13 (29), 16-20 (34), 23-27 (39), 2-6 Mar (44), Monday 9 March (45). No bank holiday.
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="My work").click()
    site.assert_accessible()
    assert "Monday 9 March 2026" in _due_row(page, "Kai Journeytest")

    site.goto(f"/people/{kai.pk}/journey/")
    _record(site, "Record an assessment")
    _fill_date(page, "Date the assessment started", date(2026, 1, 6))
    _fill_date(page, "Date the child was seen", date(2026, 1, 7))
    page.get_by_label("Domestic abuse: parent or carer").check()
    page.get_by_label("Neglect", exact=True).check()
    _save(site)
    expect(page.get_by_role("row", name=re.compile("Assessment"))).to_contain_text("9 March 2026")

    # Strategy discussion on Thursday 8 January 2026; the initial conference is due 15 working days
    # later: 9 Jan (1), 12-16 (6), 19-23 (11), 26-29 (15): Thursday 29 January 2026.
    _record(site, "Record a strategy discussion")
    _fill_date(page, "Date of the strategy discussion", date(2026, 1, 8))
    page.get_by_label(re.compile("Northbridge Police")).check()
    page.get_by_label("Start a section 47 enquiry").check()
    _save(site)
    _record(site, "Record a section 47 enquiry")
    page.get_by_label("Strategy discussion").select_option(index=1)
    _fill_date(page, "Date the enquiry started", date(2026, 1, 8))
    _save(site)
    expect(page.get_by_role("row", name=re.compile("Initial child protection conference"))).to_contain_text(
        "29 January 2026"
    )

    # The conference on Tuesday 27 January decides on a plan; the enquiry ends that day.
    _record(site, "Record an initial child protection conference")
    page.get_by_label("Section 47").select_option(index=1)
    _fill_date(page, "Date of the conference", date(2026, 1, 27))
    page.get_by_label("Child protection plan", exact=True).check()
    page.get_by_label("Category of abuse for the plan").select_option("NEG")
    _save(site)
    plan = ChildProtectionPlan.objects.get(referral=referral)
    assert (plan.started, plan.initial_category) == (date(2026, 1, 27), "NEG")

    # First core group: 10 working days from 27 January: 28-30 Jan (3), 2-6 Feb (8), 9-10 Feb (10):
    # Tuesday 10 February 2026. First review conference: 3 months: 27 April 2026.
    expect(page.get_by_role("row", name=re.compile("First core group"))).to_contain_text("10 February 2026")
    expect(page.get_by_role("row", name=re.compile("review conference", re.I)).first).to_contain_text(
        "27 April 2026"
    )
    _record(site, "Record a core group")
    _fill_date(page, "Date of the core group meeting", date(2026, 2, 5))
    _save(site)
    expect(page.get_by_role("row", name=re.compile("First core group"))).to_have_count(0)

    # My work: the review conference of 27 April 2026 is overdue (today is later than that).
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="My work").click()
    site.assert_accessible()
    overdue = page.get_by_test_id("group-overdue")
    expect(overdue).to_contain_text("Monday 27 April 2026")
    expect(overdue).not_to_contain_text("First core group")
    sign_out(site)

    trail = AuditEntry.objects.filter(user=nadia, person_id=kai.pk)
    for record in ("Assessment", "StrategyDiscussion", "Section47Enquiry", "ChildProtectionConference"):
        assert trail.filter(action="create", object_type=f"socialcare.{record}").exists(), record


def robyn_in_need(nadia: User) -> Person:
    robyn = Person.objects.create(given_name="Robyn", family_name="Caretest", date_of_birth=date(2008, 3, 25))
    socialcare.allocate(actor(nadia), robyn, Service.SOCIAL_CARE, nadia, nadia.teams.get(), date(2026, 1, 12))
    socialcare.open_referral(actor(nadia), robyn, date(2026, 1, 12), "6")
    return robyn


def test_robyn_into_care_a_placement_move_a_missing_episode_and_leaving_care(
    site: AccessiblePage, personas: dict[str, User]
) -> None:
    nadia = personas["nadia"]
    robyn = robyn_in_need(nadia)
    page = site.page
    sign_in_again(site, nadia)
    site.goto(f"/people/{robyn.pk}/journey/")

    # Looked after from Monday 2 February 2026 under an interim care order, in foster care.
    _record(site, "Record that the child became looked after")
    _fill_date(page, "Date the episode started", date(2026, 2, 2))
    page.get_by_label("Legal status").select_option("C1")
    page.get_by_role("group", name="Category of need").get_by_label("Abuse or neglect").check()
    page.get_by_label("Placement type").select_option("U6")
    page.get_by_label("Own local authority provision, including a regional adoption agency it hosts").check()
    page.get_by_label("Placement postcode").fill("BD5 0AA")
    _save(site)
    # First review 20 working days on: 3-6 Feb (4), 9-13 (9), 16-20 (14), 23-27 (19), Mon 2 Mar (20).
    expect(page.get_by_role("row", name=re.compile("First looked-after review"))).to_contain_text(
        "2 March 2026"
    )

    # A move to a children's home on Monday 16 March 2026, because the carer asked.
    _record(site, "Record a change of placement")
    _fill_date(page, "Date of the move", date(2026, 3, 16))
    page.get_by_label("Change of placement and carers only").check()
    page.get_by_label("New placement type").select_option("K2")
    page.get_by_label("Placement provider").select_option("PR4")
    page.get_by_label("Why the placement changed").select_option("CREQB")
    _save(site)
    first, second = CareEpisode.objects.filter(person=robyn).order_by("started")
    assert (first.ended, first.reason_ended, second.reason_new_episode) == (date(2026, 3, 16), "X1", "P")
    assert (second.legal_status, second.placement_type) == ("C1", "K2")

    # Missing from 22:00 on Friday 20 March, back at 09:30 on Saturday 21 March: the return home
    # interview is due 72 hours after the return, at 09:30 on Tuesday 24 March 2026.
    _record(site, "Record a missing episode")
    page.get_by_label("Missing: whereabouts not known").check()
    page.get_by_label("When the child went missing").fill("2026-03-20T22:00")
    page.get_by_label("When the child returned").fill("2026-03-21T09:30")
    _save(site)
    expect(page.get_by_role("row", name=re.compile("Return home interview"))).to_contain_text(
        "24 March 2026 09:30"
    )
    page.get_by_role("link", name=re.compile("Change the missing episode")).click()
    site.assert_accessible()
    page.get_by_label("Held", exact=True).check()
    page.get_by_label("When the return interview was held").fill("2026-03-23T15:00")
    _save(site)
    expect(page.get_by_role("row", name=re.compile("Return home interview"))).to_have_count(0)
    assert MissingEpisode.objects.get(person=robyn).return_interview == "held"

    # Robyn is 18 on 25 March 2026 and moves to supported independent living; leaving care starts.
    _record(site, "Record that the child stopped being looked after")
    _fill_date(page, "Date the child stopped being looked after", date(2026, 3, 25))
    page.get_by_label("Why the child stopped being looked after").select_option("E5")
    _save(site)
    _record(site, "Record leaving care support")
    page.get_by_label("Former relevant: aged 18 to 25").check()
    page.get_by_label("Personal adviser").select_option(value=str(nadia.pk))
    _fill_date(page, "Date leaving care support started", date(2026, 3, 25))
    _save(site)
    leaver = CareLeaver.objects.get(person=robyn)
    _record(site, "Record a pathway plan or review")
    _fill_date(page, "Date of the plan or review", date(2026, 3, 30))
    _save(site)
    # The pathway plan is reviewed 6 months on: 30 September 2026.
    expect(page.get_by_role("row", name=re.compile("Pathway plan review"))).to_contain_text(
        "30 September 2026"
    )
    assert leaver.pathway_plans.count() == 1
    assert not CareEpisode.objects.filter(person=robyn, ended__isnull=True).exists()
    sign_out(site)
