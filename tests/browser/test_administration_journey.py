"""Alex, the administrator, manages accounts and searches the audit trail, and sees no child."""

from __future__ import annotations

from datetime import date

import pytest
from django.conf import settings
from django.test import Client

from continuum.access.models import AuditEntry, User
from continuum.people.models import Person

from .conftest import AccessiblePage, sign_in
from .test_platform_story import PASSWORD, sign_in_with_code

pytestmark = pytest.mark.browser


def lock_out(username: str) -> None:
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/sign-in/", {"username": username, "password": "wrong"})


def test_alex_unlocks_toms_account_and_finds_it_in_the_audit_trail(
    site: AccessiblePage, personas: dict[str, User]
) -> None:
    child = Person.objects.create(given_name="Mia", family_name="Example", date_of_birth=date(2016, 1, 1))
    lock_out("tom")
    page = site.page
    sign_in_with_code(site, personas["alex"])

    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Users").click()
    site.assert_accessible()
    page.get_by_label("Name, username or email").fill("whitaker")
    page.get_by_role("button", name="Apply filters").click()
    site.assert_accessible()
    page.get_by_role("link", name="Tom Whitaker").click()
    site.assert_accessible()
    page.get_by_role("button", name="Unlock account").click()
    site.assert_accessible()

    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Audit trail").click()
    site.assert_accessible()
    page.get_by_label("Username contains").fill("alex")
    page.get_by_role("button", name="Apply filters").click()
    site.assert_accessible()
    assert page.get_by_role("table").get_by_text(f"User {personas['tom'].pk}", exact=True).count() >= 1
    assert AuditEntry.objects.filter(username="alex", action="user_changed").exists()

    site.goto(f"/people/{child.pk}/")  # the administrator cannot open a child's record
    assert page.get_by_role("heading", name="You cannot open this record").is_visible()
    assert "Mia" not in page.content()

    page.get_by_role("button", name="Sign out").click()
    site.assert_accessible()
    sign_in(site, "tom", PASSWORD)  # unlocked: the password works again
    assert page.get_by_role("heading", name="Set up your authenticator app").is_visible()
