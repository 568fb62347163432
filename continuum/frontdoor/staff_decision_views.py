"""Deciding what happens for each child on a contact, and a manager's sign-off.

Which outcomes need sign-off is configuration (`CONTINUUM_SIGN_OFF_OUTCOMES`), asked through
`services.needs_sign_off`; the rules for an outcome (consent, joint screening, a linked record)
are `services.decision_problems`, shown against the fields they are about.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from continuum.access import audit
from continuum.access.audit import Action
from continuum.access.policy import Permission
from continuum.web.guards import actor, posted, requires, user_of
from continuum.web.pagination import paginate

from . import queue, services
from .catalogue import Outcome
from .consent import OUTCOMES_NEEDING_CONSENT
from .models import ContactChild, Decision
from .staff_common import back_to_contact, contact_or_404, open_contact
from .staff_forms import AGREE, DecisionForm, SignOffForm, add_service_errors, level_hints, levels_queryset

SIGN_OFF_PAGE_SIZE = 25


@dataclass(frozen=True)
class SignOffRow:
    decision: Decision
    form: SignOffForm
    is_own: bool


@requires(Permission.DECIDE_CONTACT, "You cannot decide what happens for a child")
def decision_page(request: HttpRequest, reference: str, child_id: int) -> HttpResponse:
    contact = contact_or_404(reference)
    child = get_object_or_404(contact.children.select_related("person"), pk=child_id)
    existing: Decision | None = getattr(child, "decision", None)
    form = DecisionForm(
        request.POST if request.method == "POST" and existing is None else None,
        initial={"level": contact.referrer_level_id},
    )
    if form.is_bound and form.is_valid():
        try:
            decision = services.decide(actor(request), child, **form.decision_details())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _decided_message(child, decision))
            return back_to_contact(contact, f"child-{child.pk}")
    open_contact(request, contact, "deciding the outcome for a child")
    return render(request, "frontdoor/staff/decision.html", _decision_context(contact, child, existing, form))


@requires(Permission.SIGN_OFF_DECISION, "You cannot sign off decisions")
def sign_off_list(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    pages = paginate(queue.decisions_awaiting_sign_off(user), SIGN_OFF_PAGE_SIZE, request.GET.get("page"))
    rows = [
        SignOffRow(decision, SignOffForm(prefix=f"decision-{decision.pk}"), decision.decided_by_id == user.pk)
        for decision in pages["page"]
    ]
    audit.record(actor(request), Action.VIEW, purpose="opened the decisions waiting for sign-off")
    return render(request, "frontdoor/staff/sign_off.html", {**pages, "rows": rows})


@requires(Permission.SIGN_OFF_DECISION, "You cannot sign off decisions")
def sign_off_decision(request: HttpRequest, decision_id: int) -> HttpResponse:
    decision = get_object_or_404(
        Decision.objects.select_related("child__contact", "level", "decided_by"), pk=decision_id
    )
    child, contact = decision.child, decision.child.contact
    if decision.is_complete or not decision.needs_sign_off:
        messages.info(request, f"The decision for {child.name} is not waiting for sign-off")
        return redirect("frontdoor:sign-off")
    form = SignOffForm(posted(request), prefix=f"decision-{decision.pk}")
    if form.is_bound and form.is_valid():
        agree = form.cleaned_data["verdict"] == AGREE
        try:
            services.sign_off(actor(request), decision, agree=agree, note=form.cleaned_data["note"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            done = "signed off" if agree else f"sent back to {decision.decided_by.display_name}"
            messages.success(request, f"The decision for {child.name} ({contact.reference}) has been {done}")
            return redirect("frontdoor:sign-off")
    open_contact(request, contact, "signing off a decision")
    is_own = decision.decided_by_id == user_of(request).pk
    context = {"decision": decision, "contact": contact, "form": form, "is_own": is_own}
    return render(request, "frontdoor/staff/sign_off_decision.html", context)


def _decision_context(
    contact: Any, child: ContactChild, existing: Decision | None, form: DecisionForm
) -> dict[str, Any]:
    levels = levels_queryset()
    return {
        "contact": contact,
        "child": child,
        "existing": existing,
        "form": form,
        "levels": levels,
        "level_options": form.radio_options("level", level_hints(levels)),
        "outcome_options": form.radio_options("outcome", _outcome_hints()),
        "sign_off_outcomes": [outcome.label for outcome in Outcome if services.needs_sign_off(outcome)],
    }


def _outcome_hints() -> dict[str, str]:
    hints: dict[str, str] = {}
    for outcome in Outcome:
        parts = []
        if outcome in OUTCOMES_NEEDING_CONSENT:
            parts.append("Below level 4, needs the family's informed consent.")
        if services.needs_sign_off(outcome):
            parts.append("A front door manager must sign this off before it takes effect.")
        hints[outcome.value] = " ".join(parts)
    return hints


def _decided_message(child: ContactChild, decision: Decision) -> str:
    if decision.needs_sign_off:
        return (
            f"{decision.get_outcome_display()} is recorded for {child.name}. "
            "It is waiting for a front door manager to sign it off"
        )
    return f"{decision.get_outcome_display()} is decided for {child.name}"
