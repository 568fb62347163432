"""The platform's story in the browser.

Tom (front door) finds a child despite a misspelt surname and opens the record; Priya (a school
partner) cannot open it; Tom's view is in the child's access log; and when someone with database
rights changes that audit entry, the verify command reports it.
"""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django_otp.plugins.otp_totp.models import TOTPDevice

from continuum.access import triggers
from continuum.access.models import AuditEntry, User
from continuum.people.models import Address, Person, Residence
from tests.access.test_sign_in import current_code

from .conftest import AccessiblePage, sign_in

pytestmark = pytest.mark.browser
PASSWORD = "a-test-password-1"


@pytest.fixture
def jayden(personas: dict[str, User]) -> Person:
    child = Person.objects.create(
        given_name="Jayden",
        family_name="Smith",
        date_of_birth=date(2017, 6, 14),
        sex="M",
        ethnicity="WBRI",
        nhs_number="9434765919",
    )
    address = Address.objects.create(line_1="14 Moorside Road", town="Northbridge", postcode="BD5 9QT")
    Residence.objects.create(person=child, address=address, moved_in=date(2024, 7, 1))
    Person.objects.create(given_name="Jade", family_name="Smart", date_of_birth=date(2016, 2, 2))
    return child


def sign_in_with_code(site: AccessiblePage, user: User) -> None:
    sign_in(site, user.username, PASSWORD)
    device = TOTPDevice.objects.get(user=user)
    site.page.get_by_label("Security code").fill(current_code(device))
    site.page.get_by_role("button", name="Continue").click()
    site.assert_accessible()


def test_tom_finds_a_misspelt_child_priya_cannot_open_it_and_the_view_is_audited(
    site: AccessiblePage, personas: dict[str, User], jayden: Person
) -> None:
    page = site.page
    sign_in_with_code(site, personas["tom"])

    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Find a person").click()
    site.assert_accessible()
    page.get_by_label("Name").fill("Jayden Smtih")
    page.get_by_role("button", name="Search").click()
    site.assert_accessible()
    page.get_by_role("link", name="Jayden Smith").click()
    site.assert_accessible()
    assert page.get_by_role("heading", level=1).inner_text().strip().endswith("Jayden Smith")
    assert page.get_by_text("943 476 5919").is_visible()

    page.get_by_role("link", name="See who has viewed this record").click()
    site.assert_accessible()
    log = page.get_by_role("table")
    assert log.get_by_text("Tom Whitaker").first.is_visible()
    view = AuditEntry.objects.get(
        person_id=jayden.pk, action="view", username="tom", path=f"/people/{jayden.pk}/"
    )

    page.get_by_role("button", name="Sign out").click()
    site.assert_accessible()
    sign_in(site, "priya", PASSWORD)
    assert page.get_by_role("link", name="Find a person").count() == 0
    site.goto(f"/people/{jayden.pk}/")
    assert page.get_by_role("heading", name="You cannot open this record").is_visible()
    assert "Jayden" not in page.content()
    assert AuditEntry.objects.filter(person_id=jayden.pk, action="access_refused", username="priya").exists()

    call_command("verify_audit_trail", stdout=StringIO(), stderr=StringIO())  # intact so far
    with connection.cursor() as cursor:
        triggers.remove(connection)
        cursor.execute("UPDATE access_auditentry SET username = 'someone-else' WHERE id = %s", [view.pk])
    errors = StringIO()
    with pytest.raises(CommandError, match="Audit trail broken"):
        call_command("verify_audit_trail", stdout=StringIO(), stderr=errors)
    assert f"Entry {view.pk}: its content no longer matches its hash" in errors.getvalue()
