"""No further action takes effect only when a manager other than its maker signs it off.

By default (`CONTINUUM_SIGN_OFF_OUTCOMES=nfa`) only "no further action" needs sign-off.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core import mail
from django.test import Client

from continuum.access.models import User
from continuum.frontdoor import services
from continuum.frontdoor.catalogue import NoFurtherActionReason, Outcome, Status
from continuum.frontdoor.models import Contact, ContactChild, Decision, SentBackDecision

from .helpers import actor, level
from .staff_pages import contact_url, linked_contact

pytestmark = pytest.mark.django_db

NFA = {
    "outcome": Outcome.NO_FURTHER_ACTION,
    "no_further_action_reason": NoFurtherActionReason.BELOW_THRESHOLD,
    "rationale": "Universal services are meeting Ava's needs.",
}


def _nfa_by(client: Client, contact: Contact, child: ContactChild) -> str:
    answers = {**NFA, "level": level(2).pk}
    response = client.post(contact_url(contact, f"children/{child.pk}/decision/"), answers, follow=True)
    return str(response.content.decode())


def test_toms_no_further_action_waits_for_aisha_who_signs_it_off(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    contact, child = linked_contact(personas["tom"], referrer_email="sam.caller@example.org")

    page = _nfa_by(signed_in("tom"), contact, child)
    contact.refresh_from_db()
    assert "waiting for a front door manager to sign it off" in page
    assert contact.status == Status.AWAITING_SIGN_OFF and contact.referrer_told_at is None

    decision = Decision.objects.get()
    aisha = signed_in("aisha")
    listed = aisha.get("/front-door/sign-off/").content.decode()
    assert "Ava Testchild" in listed and "Universal services are meeting Ava" in listed

    done = aisha.post(
        f"/front-door/sign-off/{decision.pk}/", {f"decision-{decision.pk}-verdict": "agree"}, follow=True
    )

    decision.refresh_from_db()
    contact.refresh_from_db()
    assert decision.signed_off_by == personas["aisha"] and decision.is_complete
    assert contact.status == Status.DECIDED and contact.referrer_told_at is not None
    assert "has been signed off" in done.content.decode()
    assert "No decisions are waiting for sign-off" in done.content.decode()


def test_tom_cannot_sign_off_his_own_or_anyone_elses_decision(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    contact, child = linked_contact(personas["tom"])
    client = signed_in("tom")
    _nfa_by(client, contact, child)
    decision = Decision.objects.get()

    listing = client.get("/front-door/sign-off/")
    agree = client.post(f"/front-door/sign-off/{decision.pk}/", {f"decision-{decision.pk}-verdict": "agree"})

    assert listing.status_code == 403 and agree.status_code == 403
    decision.refresh_from_db()
    assert not decision.is_complete


def test_aisha_cannot_sign_off_a_decision_she_made(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    contact, child = linked_contact(personas["tom"])
    client = signed_in("aisha")
    _nfa_by(client, contact, child)
    decision = Decision.objects.get()

    listed = client.get("/front-door/sign-off/").content.decode()
    refused = client.post(
        f"/front-door/sign-off/{decision.pk}/", {f"decision-{decision.pk}-verdict": "agree"}
    ).content.decode()

    assert "You made this decision" in listed
    assert "A manager other than the person who decided must sign the decision off" in refused
    decision.refresh_from_db()
    assert not decision.is_complete


def test_a_decision_sent_back_needs_a_note_which_reaches_its_maker(
    signed_in: Callable[[str], Client], personas: dict[str, User]
) -> None:
    contact, child = linked_contact(personas["tom"])
    _nfa_by(signed_in("tom"), contact, child)
    decision = Decision.objects.get()
    aisha = signed_in("aisha")
    url, verdict = f"/front-door/sign-off/{decision.pk}/", f"decision-{decision.pk}-verdict"

    no_note = aisha.post(url, {verdict: "send_back"}).content.decode()
    sent_back = aisha.post(
        url, {verdict: "send_back", f"decision-{decision.pk}-note": "Ask the school first."}
    )

    assert "Say why the decision is sent back" in no_note
    assert sent_back.status_code == 302 and not Decision.objects.exists()
    contact.refresh_from_db()
    assert contact.status == Status.IN_PROGRESS
    [message] = [m for m in mail.outbox if m.subject.startswith("Decision sent back")]
    assert message.to == [personas["tom"].email] and "Ask the school first." in message.body
    # Nothing entered is lost: the decision is kept as it was, with who sent it back and why.
    kept = SentBackDecision.objects.get(child=child)
    assert (kept.outcome, kept.rationale, kept.decided_by) == (
        decision.outcome,
        decision.rationale,
        personas["tom"],
    )
    assert (kept.sent_back_by, kept.note) == (personas["aisha"], "Ask the school first.")
    page = signed_in("tom").get(f"/front-door/contacts/{contact.reference}/").content.decode()
    assert "Sent back by Aisha Khan" in page and "Ask the school first." in page


def test_outcomes_that_need_no_sign_off_take_effect_at_once(personas: dict[str, User]) -> None:
    tom = personas["tom"]
    _contact, child = linked_contact(tom)

    decision = services.decide(
        actor(tom), child, level=level(3), outcome=Outcome.EARLY_HELP, rationale="Support."
    )

    assert not decision.needs_sign_off and decision.is_complete


def test_the_partnership_can_ask_for_sign_off_of_other_outcomes(
    personas: dict[str, User], settings: object
) -> None:
    settings.FRONT_DOOR_SIGN_OFF_OUTCOMES = frozenset({"nfa", "advice"})  # type: ignore[attr-defined]
    tom = personas["tom"]
    _contact, child = linked_contact(tom)

    decision = services.decide(
        actor(tom), child, level=level(2), outcome=Outcome.ADVICE, rationale="Leaflets."
    )

    assert decision.needs_sign_off and not decision.is_complete
