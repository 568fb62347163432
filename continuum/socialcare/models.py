"""Referrals to children's social care: the start of a child in need episode.

A referral here has the DfE meaning: a contact the front door accepted for a social work
response (an assessment or a strategy discussion). The front door creates it; assessments,
plans and the CIN census build on it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from continuum.statutory import codes


class Referral(models.Model):
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="referrals")
    referral_date = models.DateField(db_index=True)
    referral_source = models.CharField(max_length=3, choices=codes.REFERRAL_SOURCE.choices())
    closed = models.DateField(null=True, blank=True)
    contact_child = models.OneToOneField(
        "frontdoor.ContactChild", on_delete=models.PROTECT, null=True, blank=True, related_name="referral"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-referral_date", "-pk"]
        indexes = [models.Index(fields=["person", "referral_date"])]

    def __str__(self) -> str:
        return f"Referral of {self.person} on {self.referral_date:%d %B %Y}"

    @property
    def is_open(self) -> bool:
        return self.closed is None
