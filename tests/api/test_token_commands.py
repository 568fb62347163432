"""Alex, the system administrator, issues Northbridge Police's system a token, then revokes it."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from continuum.access.models import Agency, AuditEntry, User
from continuum.api import tokens
from continuum.api.models import AgencyToken

pytestmark = pytest.mark.django_db


def _issue(*args: str) -> str:
    output = StringIO()
    call_command("issue_agency_token", *args, stdout=output)
    return output.getvalue()


def test_issuing_a_token_prints_the_key_once_and_stores_only_its_hash(
    police: Agency, personas: dict[str, User]
) -> None:
    output = _issue("--agency", "Northbridge Police", "--name", "Niche RMS", "--by", "alex")

    key = output.strip().splitlines()[-1]
    assert re.fullmatch(r"cnt_[0-9a-f]{8}_[A-Za-z0-9_-]{40,}", key)
    token = AgencyToken.objects.get()
    assert token.agency == police and token.name == "Niche RMS" and token.created_by == personas["alex"]
    assert token.key_hash == tokens.hash_key(key) and key not in token.key_hash
    assert token.prefix in output and key.startswith(f"cnt_{token.prefix}_")
    assert tokens.token_for_key(key) == token
    entry = AuditEntry.objects.get(object_type="api.AgencyToken")
    assert entry.channel == "command" and key not in str(entry.details) and entry.user == personas["alex"]


def test_the_token_acts_as_a_system_account_that_cannot_sign_in(police: Agency) -> None:
    _issue("--agency", "Northbridge Police")

    account = AgencyToken.objects.get().user
    assert account.agency == police and account.roles == {"partner_system"}
    assert not account.has_usable_password()
    assert account.username == "system-northbridge-police"


def test_a_second_token_for_the_agency_uses_the_same_system_account(police: Agency) -> None:
    _issue("--agency", "Northbridge Police", "--name", "Niche RMS")
    _issue("--agency", "Northbridge Police", "--name", "Replacement RMS")

    first, second = AgencyToken.objects.order_by("pk")
    assert first.user == second.user and first.prefix != second.prefix


def test_an_unknown_agency_is_refused_naming_the_agencies(police: Agency) -> None:
    expected = r"No agency is called 'Northbridge Polce'\. Agencies: .*Northbridge Police"
    with pytest.raises(CommandError, match=expected):
        _issue("--agency", "Northbridge Polce")
    assert not AgencyToken.objects.exists()


def test_revoking_a_token_stops_it_and_is_audited(police: Agency) -> None:
    key = _issue("--agency", "Northbridge Police").strip().splitlines()[-1]
    token = AgencyToken.objects.get()
    output = StringIO()

    call_command("revoke_agency_token", token.prefix, stdout=output)

    token.refresh_from_db()
    assert token.revoked_at is not None and f"API token {token.prefix}" in output.getvalue()
    assert AgencyToken.objects.in_use().count() == 0
    assert tokens.token_for_key(key) == token  # still known, so the API can say it was revoked
    assert AuditEntry.objects.filter(object_type="api.AgencyToken", action="update").count() == 1


def test_revoking_an_unknown_prefix_is_an_error(police: Agency) -> None:
    with pytest.raises(CommandError, match="No API token has the prefix 'deadbeef'"):
        call_command("revoke_agency_token", "deadbeef", stdout=StringIO())
