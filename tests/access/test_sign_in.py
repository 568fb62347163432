"""Signing in: strong hashing, a second factor for staff, lock-out, idle time-out, password reset."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from continuum.access.models import AuditEntry, User

if TYPE_CHECKING:  # the stubs name the test client's response type; Django itself does not
    from django.test.client import _MonkeyPatchedWSGIResponse

PASSWORD = "a-test-password-1"


def current_code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def sign_in(client: Client, username: str, password: str = PASSWORD) -> _MonkeyPatchedWSGIResponse:
    return client.post("/sign-in/", {"username": username, "password": password})


def test_passwords_are_stored_with_argon2(personas: dict[str, User]) -> None:
    assert personas["tom"].password.startswith("argon2")


def test_priya_a_partner_signs_in_with_a_password_alone(client: Client, personas: dict[str, User]) -> None:
    response = sign_in(client, "priya")
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    assert AuditEntry.objects.filter(username="priya", action="sign_in").exists()


def test_tom_must_set_up_a_second_factor_before_seeing_anything(
    client: Client, personas: dict[str, User]
) -> None:
    sign_in(client, "tom")
    response = client.get("/people/")
    assert response.status_code == 302 and response["Location"].startswith("/two-factor/")
    page = client.get("/two-factor/").content.decode()
    assert "Set up your authenticator app" in page and "data:image/svg+xml" in page


def test_tom_gets_in_with_the_right_code_and_not_with_a_wrong_one(
    client: Client, personas: dict[str, User]
) -> None:
    sign_in(client, "tom")
    client.get("/two-factor/")
    device = TOTPDevice.objects.get(user=personas["tom"])
    wrong = client.post("/two-factor/", {"code": "000000" if current_code(device) != "000000" else "111111"})
    assert "The security code is not right" in wrong.content.decode()
    device.refresh_from_db()
    device.throttling_failure_count = 0  # the device throttles repeated failures; start afresh
    device.throttling_failure_timestamp = None
    device.save()
    right = client.post("/two-factor/?next=/people/", {"code": current_code(device)})
    assert right.status_code == 302 and right["Location"] == "/people/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/").status_code == 200


def test_a_code_that_is_not_six_digits_gets_a_specific_error(
    client: Client, personas: dict[str, User]
) -> None:
    sign_in(client, "tom")
    page = client.post("/two-factor/", {"code": "12ab"}).content.decode()
    assert "Security code must be 6 digits" in page


def test_an_account_locks_after_repeated_failures(client: Client, personas: dict[str, User]) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "tom", "wrong-password")
    locked = sign_in(client, "tom")  # even the right password is refused now
    assert locked.status_code == 429
    assert "Your account is locked" in locked.content.decode()


def test_failures_below_the_limit_show_a_clear_error(client: Client, personas: dict[str, User]) -> None:
    page = sign_in(client, "tom", "wrong-password").content.decode()
    assert "Enter a correct username and password" in page


def test_sessions_end_after_a_period_without_activity() -> None:
    # Each request renews the session, so it expires only after idleness, not after sign-in.
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert settings.SESSION_COOKIE_AGE == 30 * 60


def test_an_idle_session_is_signed_out(client: Client, personas: dict[str, User]) -> None:
    sign_in(client, "priya")
    session = client.session
    session.set_expiry(-1)  # as if the idle period had passed
    session.save()
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/sign-in/")


def test_signing_out_needs_a_post_and_ends_the_session(client: Client, personas: dict[str, User]) -> None:
    sign_in(client, "priya")
    assert client.get("/sign-out/").status_code == 405
    client.post("/sign-out/")
    assert client.get("/").status_code == 302


def test_a_forgotten_password_is_reset_through_an_emailed_link(
    client: Client, personas: dict[str, User]
) -> None:
    client.post("/password-reset/", {"email": personas["priya"].email})
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/password-reset/\S+/)", str(mail.outbox[0].body))
    assert link is not None
    form_page = client.get(link.group(1), follow=True)
    new_password = "a-much-longer-new-password-42"
    client.post(
        form_page.request["PATH_INFO"], {"new_password1": new_password, "new_password2": new_password}
    )
    assert sign_in(client, "priya", new_password).status_code == 302


def test_reset_for_an_unknown_address_says_the_same_and_sends_nothing(client: Client, db: None) -> None:
    response = client.post("/password-reset/", {"email": "nobody@example.com"}, follow=True)
    assert "Check your email" in response.content.decode()
    assert mail.outbox == []


@pytest.mark.parametrize("path", ["/", "/people/", "/access/users/"])
def test_pages_need_sign_in(client: Client, db: None, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 302 and response["Location"].startswith("/sign-in/")
