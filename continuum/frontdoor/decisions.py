"""Decisions: the outcome for each child, manager sign-off, what follows, and telling the referrer."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from continuum.access import audit
from continuum.access.audit import Action, Actor
from continuum.access.models import User
from continuum.access.policy import Permission
from continuum.earlyhelp.models import EarlyHelpEpisode
from continuum.socialcare import services as socialcare
from continuum.statutory import codes
from continuum.statutory.models import NeedLevel, ThresholdFramework

from . import notifications
from .catalogue import (
    Outcome,
    Route,
    ScreeningView,
    Status,
)
from .consent import decision_consent_problem
from .models import (
    Contact,
    ContactChild,
    Decision,
    SentBackDecision,
)
from .steps import (
    require_front_door,
    require_open,
    user_of,
)

# --- Decisions ----------------------------------------------------------------------------------


def levels_in_force() -> list[NeedLevel]:
    return list(ThresholdFramework.objects.in_force().levels.all())


def needs_sign_off(outcome: str) -> bool:
    """Whether the partnership has asked for a manager to sign off this outcome (configuration)."""
    return outcome in settings.FRONT_DOOR_SIGN_OFF_OUTCOMES


def decide(
    actor: Actor,
    child: ContactChild,
    *,
    level: NeedLevel,
    outcome: str,
    rationale: str,
    no_further_action_reason: str = "",
) -> Decision:
    """Decide what happens for one child on a contact, and start what follows if no sign-off is needed."""
    user = user_of(actor)
    contact = child.contact
    require_front_door(actor, contact, Permission.DECIDE_CONTACT)
    require_open(contact)
    problems = decision_problems(child, level, outcome, rationale, no_further_action_reason)
    if problems:
        raise ValidationError(problems)
    decision = Decision(
        child=child,
        level=level,
        outcome=outcome,
        no_further_action_reason=no_further_action_reason if outcome == Outcome.NO_FURTHER_ACTION else "",
        rationale=rationale.strip(),
        decided_by=user,
        needs_sign_off=needs_sign_off(outcome),
    )
    with transaction.atomic():
        decision.save()
        audit.record(
            actor,
            Action.CREATE,
            decision,
            person_id=child.person_id,
            purpose="decided the front-door outcome",
            details={"outcome": outcome, "level": level.number},
        )
        if not decision.needs_sign_off:
            _complete(actor, decision)
        _update_contact_status(actor, contact)
    return decision


def decision_problems(
    child: ContactChild, level: NeedLevel, outcome: str, rationale: str, no_further_action_reason: str
) -> dict[str, str]:
    problems: dict[str, str] = {}
    contact = child.contact
    if hasattr(child, "decision"):
        problems["outcome"] = "This child already has a decision"
    if child.person_id is None:
        problems["person"] = (
            f"Link {child.name} to a record in the people index (or add a new one) before deciding"
        )
    if outcome not in Outcome.values:
        problems["outcome"] = "Select the outcome"
    elif outcome == Outcome.NO_FURTHER_ACTION and not no_further_action_reason:
        problems["no_further_action_reason"] = "Select why there is no further action"
    if not rationale.strip():
        problems["rationale"] = "Enter the reasons for the decision"
    if level.framework_id != ThresholdFramework.objects.in_force().pk:
        problems["level"] = "Select a level from the Continuum of Need in force"
    if outcome in Outcome.values and "outcome" not in problems:
        consent_problem = decision_consent_problem(level, outcome, contact.consent)
        if consent_problem:
            problems["outcome"] = consent_problem
    if contact.is_domestic_abuse_notification:
        missing = set(ScreeningView.values) - set(contact.screenings.values_list("view", flat=True))
        if missing:
            views = " and ".join(sorted(ScreeningView(v).label.lower() for v in missing))
            problems["screening"] = (
                f"A domestic-abuse notification needs joint screening: record the {views} screening"
            )
    return problems


def sign_off(actor: Actor, decision: Decision, *, agree: bool, note: str = "") -> Decision:
    """A manager agrees a decision (it takes effect) or sends it back to be made again."""
    user = user_of(actor)
    contact = decision.child.contact
    require_front_door(actor, contact, Permission.SIGN_OFF_DECISION)
    if not decision.needs_sign_off or decision.is_complete:
        raise ValidationError("This decision is not waiting for sign-off")
    if decision.decided_by_id == user.pk:
        raise ValidationError("A manager other than the person who decided must sign the decision off")
    if not agree and not note.strip():
        raise ValidationError({"note": "Say why the decision is sent back"})
    with transaction.atomic():
        if agree:
            decision.signed_off_by = user
            decision.signed_off_at = timezone.now()
            decision.sign_off_note = note.strip()
            decision.save()
            _complete(actor, decision)
        else:
            _keep_sent_back(decision, user, note.strip())
            decision.delete()
            _tell_decider_sent_back(decision, user, note.strip())
        audit.record(
            actor,
            Action.UPDATE,
            contact,
            person_id=decision.child.person_id,
            purpose="signed off a decision" if agree else "sent a decision back",
        )
        _update_contact_status(actor, contact)
    return decision


def _keep_sent_back(decision: Decision, manager: User, note: str) -> SentBackDecision:
    """Keep the decision as it was made before it is made again (nothing entered is lost)."""
    return SentBackDecision.objects.create(
        child=decision.child,
        level=decision.level,
        outcome=decision.outcome,
        no_further_action_reason=decision.no_further_action_reason,
        rationale=decision.rationale,
        decided_by=decision.decided_by,
        decided_at=decision.decided_at,
        sent_back_by=manager,
        note=note,
    )


def _tell_decider_sent_back(decision: Decision, manager: User, note: str) -> None:
    """The decision is to be made again, so its maker is e-mailed the manager's note to act on."""
    decider = decision.decided_by
    if not decider.email:
        return
    context = {"decision": decision, "contact": decision.child.contact, "manager": manager, "note": note}
    body = render_to_string("frontdoor/staff/email/sent_back.txt", context)
    send_mail(f"Decision sent back: {decision.child.contact.reference}", body, None, [decider.email])


def _complete(actor: Actor, decision: Decision) -> None:
    """The decision takes effect: open what follows it."""
    decision.completed_at = timezone.now()
    decision.save(update_fields=["completed_at"])
    child = decision.child
    contact = child.contact
    person = child.person
    assert person is not None and contact.received_at is not None
    if decision.outcome == Outcome.EARLY_HELP:
        if not EarlyHelpEpisode.objects.filter(person=person, ended__isnull=True).exists():
            episode = EarlyHelpEpisode(person=person, started=timezone.localdate(), contact_child=child)
            socialcare.record(actor, episode, "early help from the front door")
    elif decision.outcome in (Outcome.SOCIAL_WORK_ASSESSMENT, Outcome.STRATEGY_DISCUSSION):
        # A child with an open case is not referred again: the contact joins the open referral.
        source = contact.referral_source or codes.REFERRAL_SOURCE.codes[-1].code
        received = timezone.localtime(contact.received_at).date()
        socialcare.open_referral(actor, person, received, source, contact_child=child)


def _update_contact_status(actor: Actor, contact: Contact) -> None:
    children = list(contact.children.select_related("decision"))
    decisions = [getattr(child, "decision", None) for child in children]
    if all(d is not None and d.is_complete for d in decisions):
        contact.status = Status.DECIDED
        contact.decided_at = max(d.completed_at for d in decisions if d is not None and d.completed_at)
        contact.save(update_fields=["status", "decided_at", "updated_at"])
        tell_referrer(actor, contact)
    elif all(d is not None for d in decisions):
        contact.status = Status.AWAITING_SIGN_OFF
        contact.save(update_fields=["status", "updated_at"])
    else:
        contact.status = Status.IN_PROGRESS
        contact.save(update_fields=["status", "updated_at"])


def tell_referrer(actor: Actor, contact: Contact) -> bool:
    """E-mail the referrer the outcome for each child and record that they were told."""
    address = contact.referrer_email or (contact.submitted_by.email if contact.submitted_by else "")
    if contact.route == Route.ANONYMOUS or not address or contact.referrer_told_at is not None:
        return False
    notifications.outcome_to_referrer(contact, address)
    contact.referrer_told_at = timezone.now()
    contact.save(update_fields=["referrer_told_at"])
    audit.record(actor, Action.UPDATE, contact, purpose="told the referrer the outcome")
    return True
