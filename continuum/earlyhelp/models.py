"""Early help episodes: a family's time with early help, from the front door's decision to closure.

This issue's front door opens them; the early help assessment and team around the family build
on this record.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class EarlyHelpEpisode(models.Model):
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="early_help_episodes")
    started = models.DateField(default=timezone.localdate)
    ended = models.DateField(null=True, blank=True)
    # The front-door decision that opened the episode, when there was one.
    contact_child = models.OneToOneField(
        "frontdoor.ContactChild", on_delete=models.PROTECT, null=True, blank=True, related_name="early_help"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-started", "-pk"]

    def __str__(self) -> str:
        return f"Early help for {self.person} from {self.started:%d %B %Y}"

    @property
    def is_open(self) -> bool:
        return self.ended is None
