"""The front door's story in the browser, from a MARF to two outcomes.

Priya (a school) refers two siblings; the older one is known to the front door under a
different spelling. Tom sees the referral in the queue with its clock, links the known child and
adds the younger one, and asks the police for a check. Dan (police) answers it. Tom decides a
strategy discussion for one child and early help for the other. Priya sees both outcomes. Each
step is in the audit trail, and every page passes axe-core.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from continuum.access.models import AuditEntry, User
from continuum.earlyhelp.models import EarlyHelpEpisode
from continuum.frontdoor.catalogue import Status
from continuum.frontdoor.models import Contact, PartnerCheck
from continuum.people.models import Person
from continuum.socialcare.models import Referral

from .conftest import AccessiblePage, sign_in
from .test_platform_story import PASSWORD, sign_in_with_code

pytestmark = pytest.mark.browser


@pytest.fixture
def jayden(personas: dict[str, User]) -> Person:
    """Known to the front door as Jayden Smith; Priya's school spells it Jaden."""
    return Person.objects.create(
        given_name="Jayden", family_name="Smith", date_of_birth=date(2016, 5, 4), sex="M"
    )


def _fill_date(page: Page, legend: str, day: date) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def _next(site: AccessiblePage, name: str = "Save and continue") -> None:
    site.page.get_by_role("button", name=name, exact=True).first.click()
    site.assert_accessible()


def _add_child(site: AccessiblePage, given: str, family: str, born: date) -> None:
    page = site.page
    page.get_by_label("Yes", exact=True).check()
    page.get_by_label("First name").fill(given)
    page.get_by_label("Last name").fill(family)
    _fill_date(page, "Date of birth", born)
    page.get_by_label("Male", exact=True).check()
    _next(site)


def priya_refers_two_siblings(site: AccessiblePage, priya: User) -> Contact:
    page = site.page
    sign_in(site, priya.username, PASSWORD)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="My referrals").click()
    site.assert_accessible()
    site.goto("/referrals/new/")
    page.get_by_role("button", name=re.compile("Start now|Make a referral|Start")).click()
    site.assert_accessible()
    expect(page.get_by_label("Your name")).to_have_value("Priya Sharma")
    _next(site)  # About you, filled from her account

    expect(page.get_by_role("heading", level=1)).to_have_text("Add a child")
    _add_child(site, "Jaden", "Smith", date(2016, 5, 4))
    page.get_by_role("button", name="Add another child").click()
    site.assert_accessible()
    _add_child(site, "Lily", "Smith", date(2020, 1, 9))
    page.get_by_role("button", name="Continue", exact=True).click()
    site.assert_accessible()

    page.get_by_role("button", name=re.compile("Add a person")).click()
    site.assert_accessible()
    page.get_by_label("Full name").fill("Kelly Smith")
    page.get_by_label("Relationship to the children").fill("Mother")
    for question in ("parental responsibility", "live with"):
        page.get_by_role("group", name=re.compile(question)).get_by_label("Yes", exact=True).check()
    _next(site)
    page.get_by_role("button", name="Continue", exact=True).click()
    site.assert_accessible()

    page.get_by_label("Neglect").check()
    page.get_by_label("Domestic abuse").check()
    page.get_by_label("Tell us what has happened").fill(
        "Jaden came to school with a bruise and said his mum's partner shouts at night."
    )
    _next(site)
    page.get_by_label("What has the child said?").fill("Jaden: 'I don't like going home when he's there.'")
    _next(site)
    page.get_by_label(re.compile("Level 3")).check()
    _next(site)
    page.get_by_label("Yes, informed consent was given").check()
    page.get_by_label("Who gave consent?").fill("Kelly Smith, their mother")
    page.get_by_label("Whom does the consent cover?").fill("Jaden, Lily and Kelly")
    _next(site)
    page.get_by_role("group", name=re.compile("phone call")).get_by_label("No", exact=True).check()
    page.get_by_label("Neither").check()
    _next(site)

    expect(page.get_by_role("heading", name=re.compile("Check your answers"))).to_be_visible()
    page.get_by_role("button", name="Send referral").click()
    site.assert_accessible()
    contact = Contact.objects.get(submitted_by=priya, status=Status.AWAITING_TRIAGE)
    expect(page.locator(".govuk-panel")).to_contain_text(contact.reference or "missing")
    return contact


def tom_screens_and_asks_the_police(site: AccessiblePage, tom: User, contact: Contact) -> None:
    page = site.page
    sign_in_with_code(site, tom)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Front door").click()
    site.assert_accessible()
    row = page.get_by_role("row", name=re.compile(contact.reference or "missing"))
    expect(row).to_contain_text(re.compile("Due (today|tomorrow|\\w+day)"))
    row.get_by_role("link", name=re.compile(contact.reference or "missing")).click()
    site.assert_accessible()

    page.get_by_role("button", name="Allocate to me").click()
    site.assert_accessible()

    jaden_card = (
        page.locator("section, .govuk-summary-card, div")
        .filter(has_text="Jaden Smith")
        .filter(has=page.get_by_role("button", name="This is the child"))
        .last
    )
    expect(jaden_card).to_contain_text("Jayden Smith")
    jaden_card.get_by_role("button", name="This is the child").first.click()
    site.assert_accessible()
    lily_card = (
        page.locator("section, .govuk-summary-card, div")
        .filter(has_text="Lily Smith")
        .filter(has=page.get_by_role("button", name="Add as a new person"))
        .last
    )
    lily_card.get_by_role("button", name="Add as a new person").click()
    site.assert_accessible()

    page.get_by_label("Agency", exact=True).select_option(label="Northbridge Police")
    page.get_by_label(re.compile("What do you want to know")).fill(
        "Any call-outs to the family's address in the last year?"
    )
    page.get_by_role("button", name="Send the question").click()
    site.assert_accessible()
    sign_out(site)


def dan_answers(site: AccessiblePage, dan: User) -> None:
    page = site.page
    sign_in_with_code(site, dan)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Partner checks").click()
    site.assert_accessible()
    page.get_by_role("link", name=re.compile("FD-")).first.click()
    site.assert_accessible()
    page.get_by_label("What does your agency know?").fill(
        "Two domestic incidents at the address this year; no arrests."
    )
    page.get_by_role("button", name="Send answer").click()
    site.assert_accessible()
    sign_out(site)


def tom_decides(site: AccessiblePage, tom: User, contact: Contact) -> None:
    page = site.page
    sign_in_again(site, tom)
    site.goto(f"/front-door/contacts/{contact.reference}/")
    expect(page.get_by_text("Two domestic incidents at the address this year")).to_be_visible()

    for name, level, outcome, rationale in (
        ("Jaden Smith", "Level 4", "Strategy discussion", "A bruise, a disclosure and police call-outs."),
        ("Lily Smith", "Level 3", "Early help", "Mum agrees to support; Lily is not at school yet."),
    ):
        page.get_by_role("link", name=f"Decide what happens for {name}").click()
        site.assert_accessible()
        page.get_by_label(re.compile(level)).check()
        page.get_by_label(outcome, exact=True).check()
        page.get_by_label("Reasons for the decision").fill(rationale)
        page.get_by_role("button", name="Save decision").click()
        site.assert_accessible()
    sign_out(site)


def sign_in_again(site: AccessiblePage, user: User) -> None:
    """Sign in with a fresh code. The story runs faster than the 30-second code window, and
    django-otp rightly refuses a code used before, so the device forgets its last time step."""
    TOTPDevice.objects.filter(user=user).update(last_t=-1)
    sign_in_with_code(site, user)


def sign_out(site: AccessiblePage) -> None:
    site.page.get_by_role("button", name="Sign out").click()
    site.assert_accessible()


def test_a_marf_for_two_siblings_from_priya_to_tom_to_dan_and_back(
    site: AccessiblePage, personas: dict[str, User], jayden: Person
) -> None:
    priya, tom, dan = personas["priya"], personas["tom"], personas["dan"]
    contact = priya_refers_two_siblings(site, priya)
    sign_out(site)
    tom_screens_and_asks_the_police(site, tom, contact)
    dan_answers(site, dan)
    tom_decides(site, tom, contact)

    page = site.page
    sign_in(site, priya.username, PASSWORD)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="My referrals").click()
    site.assert_accessible()
    row = page.get_by_role("row", name=re.compile(contact.reference or "missing"))
    expect(row).to_contain_text("Strategy discussion")
    expect(row).to_contain_text("Early help")
    row.get_by_role("link", name=re.compile(contact.reference or "missing")).click()
    site.assert_accessible()
    expect(page.get_by_text("Strategy discussion").first).to_be_visible()

    contact.refresh_from_db()
    jaden, lily = contact.children.order_by("pk")
    assert contact.status == Status.DECIDED and contact.referrer_told_at is not None
    assert jaden.person == jayden
    assert Referral.objects.filter(person=jayden, contact_child=jaden).exists()
    assert EarlyHelpEpisode.objects.filter(contact_child=lily).exists()
    assert PartnerCheck.objects.get(contact=contact).answered_by == dan

    trail = AuditEntry.objects.filter(user__in=[priya, tom, dan])
    purposes = " | ".join(trail.values_list("purpose", flat=True))
    steps = ("submitted a referral", "allocated", "linked a contact", "asked", "answered a partner check")
    for step in steps:
        assert step in purposes, f"no audit entry for {step!r}"
    assert trail.filter(user=tom, person_id=jayden.pk, action="view").exists()
    assert trail.filter(user=tom, person_id=jayden.pk, object_type="frontdoor.Decision").exists()
    assert trail.filter(user=priya, action="view", purpose__contains="referrer").exists()
