"""Issuing, revoking and checking the tokens partner agencies' systems call the API with.

A key is `cnt_<prefix>_<secret>`: the prefix finds the token and tells tokens apart in lists
and logs; the secret is 256 random bits. Only the SHA-256 hash of the whole key is stored. A
slow password hash is not needed here: a 256-bit random secret cannot be guessed from its hash.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from continuum.access import audit
from continuum.access.audit import Action, Actor
from continuum.access.models import Agency, User
from continuum.access.roles import Role

from .models import AgencyToken

KEY_START = "cnt_"
PREFIX_BYTES = 4  # 8 hex characters
SECRET_BYTES = 32
LAST_USED_RESOLUTION = timedelta(minutes=1)


@dataclass(frozen=True)
class IssuedToken:
    token: AgencyToken
    # The only time the key exists outside the partner's system: show it once, never store it.
    key: str


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def prefix_of(key: str) -> str | None:
    """The prefix part of a key in the right shape, or None for anything else."""
    if not key.startswith(KEY_START):
        return None
    prefix, separator, secret = key[len(KEY_START) :].partition("_")
    if not separator or not secret or len(prefix) != PREFIX_BYTES * 2:
        return None
    return prefix


def token_for_key(key: str) -> AgencyToken | None:
    """The token this key belongs to (revoked or not), or None if it is no key of ours."""
    prefix = prefix_of(key)
    if prefix is None:
        return None
    token = AgencyToken.objects.select_related("agency", "user").filter(prefix=prefix).first()
    if token is None or not hmac.compare_digest(token.key_hash, hash_key(key)):
        return None
    return token


def system_account_for(agency: Agency) -> User:
    """The agency's system account, created the first time one of its systems is given a token.

    It holds only the partner-system role and has no usable password, so it cannot sign in to
    pages; what it does through the API is in the audit trail under its name.
    """
    existing = (
        User.objects.filter(agency=agency, role_assignments__role=Role.PARTNER_SYSTEM).order_by("pk").first()
    )
    if existing is not None:
        return existing
    base = f"system-{slugify(agency.name)}"[:140] or "system"
    username, number = base, 1
    while User.objects.filter(username=username).exists():
        number += 1
        username = f"{base}-{number}"
    user = User(username=username, agency=agency, job_title=Role.PARTNER_SYSTEM.label)
    user.set_unusable_password()
    user.save()
    user.grant_role(Role.PARTNER_SYSTEM)
    return user


def issue_token(actor: Actor, agency: Agency, *, name: str, description: str = "") -> IssuedToken:
    """A new token for one of `agency`'s systems, audited; the key is in the result and nowhere else."""
    if not agency.is_active:
        raise ValidationError({"agency": f"{agency} is no longer an active partner agency"})
    if not name.strip():
        raise ValidationError({"name": "Enter the name of the system that will use the token"})
    prefix = secrets.token_hex(PREFIX_BYTES)
    while AgencyToken.objects.filter(prefix=prefix).exists():
        prefix = secrets.token_hex(PREFIX_BYTES)
    key = f"{KEY_START}{prefix}_{secrets.token_urlsafe(SECRET_BYTES)}"
    with transaction.atomic():
        user = system_account_for(agency)
        token = AgencyToken.objects.create(
            agency=agency,
            user=user,
            name=name.strip(),
            description=description.strip(),
            prefix=prefix,
            key_hash=hash_key(key),
            created_by=actor.user,
        )
        audit.record(
            actor,
            Action.CREATE,
            token,
            purpose=f"issued an API token for {agency}",
            details={"prefix": prefix, "system_account": user.username},
        )
    return IssuedToken(token=token, key=key)


def revoke_token(actor: Actor, prefix: str) -> AgencyToken:
    """Stop a token working at once. Revoking a revoked token changes nothing."""
    token = AgencyToken.objects.select_related("agency").filter(prefix=prefix.strip()).first()
    if token is None:
        raise ValidationError({"prefix": f"No API token has the prefix {prefix!r}"})
    if token.revoked_at is not None:
        return token
    with transaction.atomic():
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.record(
            actor,
            Action.UPDATE,
            token,
            purpose=f"revoked an API token of {token.agency}",
            details={"prefix": prefix},
        )
    return token


def note_use(token: AgencyToken) -> None:
    """Record when the token was last used, to a minute: enough to find tokens nobody uses."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        AgencyToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
