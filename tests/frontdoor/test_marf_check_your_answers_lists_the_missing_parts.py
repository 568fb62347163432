"""Checking her answers, Priya sees what is still missing, each linked to the page that asks it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from continuum.access.models import User
from continuum.frontdoor import services
from continuum.frontdoor.catalogue import Status, Worry

from .helpers import actor, child, level

pytestmark = pytest.mark.django_db


def test_the_missing_parts_are_listed_with_links_to_fix_them(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    priya = personas["priya"]
    draft = services.start_referral(actor(priya))
    services.save_child(actor(priya), draft, **child())
    services.save_draft(
        actor(priya), draft, worries=[Worry.NEGLECT], referrer_level=level(4), consent="refused"
    )
    base = f"/referrals/{draft.public_id}"

    html = signed_in("priya").get(f"{base}/check/").content.decode()

    assert "You need to finish your referral before you send it" in html
    for link, message in [
        (f"{base}/worry/?next=check#id_worry_details", "Describe what you are worried about"),
        (f"{base}/voice/?next=check#id_child_voice", "Enter what the child has said"),
        (f"{base}/consent/?next=check#id_refused_reason", "Enter why consent is not needed"),
        (f"{base}/follow-up/?next=check#id_follows_phone_call_0", "Select whether this follows a phone call"),
    ]:
        assert f'<a href="{link}">{message}' in html
    assert "Add at least one child" not in html and "Select at least one thing" not in html
    assert "Ava Testchild" in html and f'href="{base}/worry/?next=check#id_worries_0">Change' in html


def test_sending_an_unfinished_referral_keeps_it_as_a_draft(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    draft = services.start_referral(actor(personas["priya"]))

    response = signed_in("priya").post(f"/referrals/{draft.public_id}/check/")

    assert response.status_code == 200
    assert "Add at least one child or unborn baby" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT and draft.reference is None


def test_a_change_from_the_check_page_goes_back_to_it(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    draft = services.start_referral(actor(personas["priya"]))
    base = f"/referrals/{draft.public_id}"

    response = signed_in("priya").post(
        f"{base}/voice/?next=check", {"child_voice": "Ava said she is hungry."}
    )

    assert response["Location"] == f"{base}/check/"
