"""My referrals lists Priya's drafts to continue or delete, and says so when there are none."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from continuum.access.models import AuditEntry, User
from continuum.frontdoor import services
from continuum.frontdoor.models import Contact

from .helpers import actor, child

pytestmark = pytest.mark.django_db


def test_with_no_referrals_the_page_says_so(signed_in: Callable[[str], Client]) -> None:
    html = signed_in("priya").get("/referrals/").content.decode()

    assert "You have not made any referrals yet." in html
    assert 'href="/referrals/new/"' in html


def test_priya_deletes_a_draft_she_no_longer_needs(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    priya = personas["priya"]
    draft = services.start_referral(actor(priya))
    services.save_child(actor(priya), draft, **child("Ava"))
    client = signed_in("priya")
    assert "Ava" in client.get("/referrals/").content.decode()

    confirm = client.get(f"/referrals/{draft.public_id}/delete/").content.decode()
    response = client.post(f"/referrals/{draft.public_id}/delete/")

    assert "Are you sure you want to delete this draft referral?" in confirm
    assert response["Location"] == "/referrals/"
    assert not Contact.objects.filter(pk=draft.pk).exists()
    assert AuditEntry.objects.filter(
        object_type="frontdoor.Contact", object_id=str(draft.pk), purpose="deleted a draft referral"
    ).exists()
    assert "You have not made any referrals yet." in client.get("/referrals/").content.decode()


def test_only_people_who_refer_have_my_referrals(signed_in: Callable[[str], Client]) -> None:
    response = signed_in("sam").get("/referrals/")

    assert response.status_code == 403
    assert "your role does not refer children to the front door" in response.content.decode()
