"""Signing in through the browser: the second factor, and lock-out after repeated failures."""

from __future__ import annotations

import pytest
from django.conf import settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from continuum.access.models import User
from tests.access.test_sign_in import current_code

from .conftest import AccessiblePage, sign_in

pytestmark = pytest.mark.browser
PASSWORD = "a-test-password-1"


def test_tom_sets_up_his_second_factor_and_reaches_the_people_search(
    site: AccessiblePage, personas: dict[str, User]
) -> None:
    sign_in(site, "tom", PASSWORD)
    page = site.page
    assert page.get_by_role("heading", name="Set up your authenticator app").is_visible()
    device = TOTPDevice.objects.get(user=personas["tom"])
    page.get_by_label("Security code").fill(current_code(device))
    page.get_by_role("button", name="Continue").click()
    site.assert_accessible()
    assert page.get_by_role("heading", name="Welcome, Tom").is_visible()
    assert page.get_by_test_id("signed-in-as").inner_text().startswith("Tom Whitaker")


def test_a_wrong_code_is_refused_with_an_error_summary(
    site: AccessiblePage, personas: dict[str, User]
) -> None:
    sign_in(site, "tom", PASSWORD)
    site.page.get_by_label("Security code").fill("12ab")
    site.page.get_by_role("button", name="Continue").click()
    site.assert_accessible()
    assert site.page.get_by_role("alert").get_by_text("Security code must be 6 digits").is_visible()


def test_the_account_locks_after_repeated_wrong_passwords(
    site: AccessiblePage, personas: dict[str, User]
) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(site, "tom", "not-his-password")
        assert site.page.get_by_text("Enter a correct username and password").first.is_visible()
    sign_in(site, "tom", "not-his-password")
    assert site.page.get_by_role("heading", name="Your account is locked").is_visible()
    sign_in(site, "tom", PASSWORD)  # the right password no longer gets in
    assert site.page.get_by_role("heading", name="Your account is locked").is_visible()
