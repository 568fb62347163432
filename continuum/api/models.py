"""Tokens that partner agencies' systems use to call the API, and the requests they have made.

A token's key is shown once, when it is issued; only its SHA-256 hash is kept, so a copy of
the database does not hand out working keys. Each token acts as its agency's system account
(a user with the partner-system role and no password), so the access policy and the audit
trail treat a system like any other referrer. See docs/api.md and docs/decisions/0002.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

USER = settings.AUTH_USER_MODEL


class AgencyTokenQuerySet(models.QuerySet["AgencyToken"]):
    def in_use(self) -> AgencyTokenQuerySet:
        """Tokens not revoked. Whether a token is still used is `last_used_at`, not this."""
        return self.filter(revoked_at__isnull=True)


class AgencyToken(models.Model):
    agency = models.ForeignKey("access.Agency", on_delete=models.PROTECT, related_name="api_tokens")
    # The agency's system account the token acts as: it is who the audit trail names.
    user = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="api_tokens")
    name = models.CharField(max_length=200, help_text="Which system uses it, for example 'Niche RMS'.")
    description = models.TextField(blank=True)
    # Shown in lists and logs to tell tokens apart; it is the start of the key, not a secret.
    prefix = models.CharField(max_length=16, unique=True)
    key_hash = models.CharField("SHA-256 of the key", max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = AgencyTokenQuerySet.as_manager()

    class Meta:
        ordering = ["agency__name", "created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.agency}, {self.prefix})"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


class IdempotencyKey(models.Model):
    """A POST already answered: a retry with the same key gets the same answer, and nothing new.

    Written in the same transaction as the contact it created, so there is never one without
    the other; the unique constraint stops two concurrent copies of a request both creating one.
    """

    token = models.ForeignKey(AgencyToken, on_delete=models.PROTECT, related_name="idempotency_keys")
    key = models.CharField(max_length=255)
    # SHA-256 of the request's method, path and canonical JSON body: the same key with another
    # request is refused rather than answered with the first request's response.
    fingerprint = models.CharField(max_length=64)
    response_status = models.PositiveSmallIntegerField()
    response_body = models.JSONField(default=dict)
    contact = models.ForeignKey(
        "frontdoor.Contact", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["token", "key"], name="idempotency_key_once_per_token")
        ]

    def __str__(self) -> str:
        return f"Idempotency key {self.key!r} of {self.token.prefix}"
