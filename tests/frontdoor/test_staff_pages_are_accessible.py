"""Every front-door team page passes axe-core's WCAG 2.2 AA checks: with rows, empty, and with errors."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django.test import Client

from continuum.access.models import User
from continuum.frontdoor import services
from continuum.frontdoor.catalogue import NoFurtherActionReason, Outcome
from continuum.socialcare.models import Referral
from tests.people.test_pages_are_accessible import _violations

from .helpers import actor, child, level, phone_contact
from .staff_pages import contact_url, known_child, linked_contact, police_notification

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def test_the_front_door_pages_have_no_accessibility_violations(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    tom, aisha, dan = personas["tom"], personas["aisha"], personas["dan"]
    html: dict[str, str] = {}

    def get(username: str, url: str) -> None:
        html[f"{username} GET {url}"] = signed_in(username).get(url).content.decode()

    def post(username: str, url: str, data: dict[str, object]) -> None:
        html[f"{username} POST {url} {sorted(data)}"] = signed_in(username).post(url, data).content.decode()

    # Empty states.
    get("tom", "/front-door/")
    get("aisha", "/front-door/sign-off/")
    get("dan", "/front-door/checks/")

    # A contact to match, a known child who was referred before, a police notification.
    known_child("Ava", "Testchild", date(2016, 5, 4))
    unmatched = phone_contact(
        tom, children=[child("Ava", "Testchild"), child("Ben", "Testchild", date(2018, 1, 1))]
    )
    person = known_child("Cal", "Testchild", date(2015, 2, 2))
    Referral.objects.create(
        person=person, referral_date=date.today().replace(day=1), referral_source="2A", created_by=tom
    )
    linked, linked_child = linked_contact(tom, person)
    notification = police_notification(dan)
    police = dan.agency
    assert police is not None
    check = services.ask_partner_check(actor(tom), linked, police, "Any call-outs to this address?")
    answered = services.ask_partner_check(actor(tom), notification, police, "Anything known?")
    services.answer_partner_check(actor(dan), answered, "Nothing known.")
    services.record_screening(actor(dan), notification, "No previous incidents.")
    _other, other_child = linked_contact(tom)
    waiting = services.decide(
        actor(tom), other_child, level=level(2), outcome=Outcome.NO_FURTHER_ACTION,
        no_further_action_reason=NoFurtherActionReason.BELOW_THRESHOLD, rationale="Universal services.",
    )  # fmt: skip
    _own, own_child = linked_contact(tom)
    services.decide(
        actor(aisha), own_child, level=level(2), outcome=Outcome.NO_FURTHER_ACTION,
        no_further_action_reason=NoFurtherActionReason.INFORMATION_ONLY, rationale="For the record.",
    )  # fmt: skip

    get("tom", "/front-door/")
    get("tom", "/front-door/?allocated_to=me&overdue_only=on")
    get("tom", "/front-door/?level=seven")
    get("tom", "/front-door/contacts/new/")
    post("tom", "/front-door/contacts/new/", {"route": "phone", "received_time": "99:99", "born": "unborn"})
    get("tom", contact_url(unmatched))
    get("tom", contact_url(linked))
    get("tom", contact_url(notification))
    get("dan", contact_url(notification))
    unmatched_child = unmatched.children.order_by("pk").first()
    assert unmatched_child is not None
    decision_url = contact_url(unmatched, f"children/{unmatched_child.pk}/decision/")
    get("tom", decision_url)
    post("tom", decision_url, {"outcome": Outcome.NO_FURTHER_ACTION})
    post("tom", decision_url, {"outcome": Outcome.EARLY_HELP, "level": level(3).pk, "rationale": "Help."})
    post("tom", contact_url(linked, "consent/"), {"consent": "obtained"})
    post("tom", contact_url(linked, "children/new/"), {"born": "born", "date_of_birth_day": "40"})
    post("tom", contact_url(linked, "allocate/"), {})
    post("tom", contact_url(linked, "checks/new/"), {"question": ""})
    post("tom", contact_url(notification, "screening/"), {"notes": ""})
    post("tom", contact_url(linked, f"children/{linked_child.pk}/school/"), {})
    get("aisha", "/front-door/sign-off/")
    post("aisha", f"/front-door/sign-off/{waiting.pk}/", {f"decision-{waiting.pk}-verdict": "send_back"})
    get("dan", "/front-door/checks/")
    get("dan", f"/front-door/checks/{check.pk}/")
    post("dan", f"/front-door/checks/{check.pk}/", {"answer": ""})
    get("dan", f"/front-door/checks/{answered.pk}/")
    get("nadia", "/front-door/")

    with_errors = [name for name, page in html.items() if "POST" in name or "seven" in name]
    assert [name for name in with_errors if "There is a problem" not in html[name]] == []
    assert _violations(html) == {}
