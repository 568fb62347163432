"""`totp_code` prints a demo account's current code, and only on a demo."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from continuum.access.models import User
from continuum.synthetic.demo import ensure_demo_accounts


def test_the_printed_code_is_accepted_by_toms_authenticator(personas: dict[str, User]) -> None:
    ensure_demo_accounts()
    out = StringIO()
    call_command("totp_code", "tom", "--demo", stdout=out, stderr=StringIO())
    code = out.getvalue().strip()
    assert len(code) == 6 and code.isdigit()
    assert TOTPDevice.objects.get(user=personas["tom"]).verify_token(code)


def test_it_refuses_outside_debug_without_demo(personas: dict[str, User]) -> None:
    ensure_demo_accounts()
    with pytest.raises(CommandError, match="for demos only"):
        call_command("totp_code", "tom", stdout=StringIO())


def test_it_explains_when_the_user_has_no_authenticator(personas: dict[str, User]) -> None:
    with pytest.raises(CommandError, match="no confirmed authenticator"):
        call_command("totp_code", "tom", "--demo", stdout=StringIO())
    with pytest.raises(CommandError, match="password alone"):
        call_command("totp_code", "priya", "--demo", stdout=StringIO())
