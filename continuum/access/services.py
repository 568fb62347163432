"""Workflows about access that touch several models: break-glass, opening a record."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction

from continuum.people.models import Person

from . import audit, policy
from .audit import Action, Actor
from .models import BreakGlassGrant, User


class AccessRefused(PermissionDenied):
    def __init__(self, decision: policy.Decision) -> None:
        super().__init__(decision.reason)
        self.reason = decision.reason


def open_person(
    actor: Actor, person: Person, purpose: str = "", permission: policy.Permission = policy.Permission.VIEW
) -> policy.Decision:
    """Check the actor may open `person`'s record for `permission`, audit it (or the refusal), say why.

    Every page that shows any of a person's record (to read it, change it or see its access
    log) opens it through here, so each look is in the audit trail.
    """
    assert actor.user is not None
    decision = policy.decide(actor.user, permission, person)
    action = Action.VIEW if decision else Action.ACCESS_REFUSED
    audit.record(
        actor, action, person, purpose=purpose or decision.reason, details={"basis": decision.reason}
    )
    if not decision:
        raise AccessRefused(decision)
    return decision


def break_glass(actor: Actor, person: Person, reason: str) -> BreakGlassGrant:
    """Grant time-limited emergency access, alert the user's manager and audit it."""
    user = actor.user
    assert user is not None
    decision = policy.decide(user, policy.Permission.BREAK_GLASS, person)
    if not decision:
        raise AccessRefused(decision)
    if len(reason.strip()) < 10:
        raise ValueError("Explain why you need access now, in at least 10 characters")
    with transaction.atomic():
        grant = BreakGlassGrant.objects.create(
            user=user,
            person=person,
            reason=reason.strip(),
            expires_at=policy.break_glass_expiry(),
            manager_alerted=user.manager,
        )
        audit.record(
            actor,
            Action.BREAK_GLASS,
            person,
            purpose=grant.reason,
            details={"expires_at": grant.expires_at.isoformat()},
        )
    _alert_manager(user, person, grant)
    return grant


def _alert_manager(user: User, person: Person, grant: BreakGlassGrant) -> None:
    manager = user.manager
    if manager is None or not manager.email:
        return
    # The alert names the record by number only: e-mail is not the place for a child's name.
    send_mail(
        subject=f"Emergency access used by {user.display_name}",
        message=(
            f"{user.display_name} used emergency (break-glass) access to person record {person.pk} "
            f"until {grant.expires_at:%d %B %Y %H:%M}.\n\nReason given: {grant.reason}\n\n"
            "Please review this in Continuum's audit trail."
        ),
        from_email=None,
        recipient_list=[manager.email],
    )
