"""A check of a return with the DfE's rules: asked for on a page, run in the background, kept.

Checking a Bradford-size year takes minutes, longer than a web request should wait, so each check
is a record that the page shows while it runs and afterwards. Checks are never deleted: they are
the history of what the DfE's rules said about each return, and how long checking took (the next
check's estimate).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone


class ReturnKind(models.TextChoices):
    CIN_CENSUS = "cin", "Children in need census"
    SSDA903 = "903", "SSDA903: children looked after"


class CheckStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Checking"
    DONE = "done", "Checked"
    FAILED = "failed", "Failed"
    UNAVAILABLE = "unavailable", "Could not be checked"


FINISHED = (CheckStatus.DONE, CheckStatus.FAILED, CheckStatus.UNAVAILABLE)


class ReturnCheckQuerySet(models.QuerySet["ReturnCheck"]):
    def of(self, kind: str, collection_year: int) -> ReturnCheckQuerySet:
        return self.filter(kind=kind, collection_year=collection_year)

    def unfinished(self) -> ReturnCheckQuerySet:
        """Waiting to start or running (including one whose process has gone: see `is_abandoned`)."""
        return self.exclude(status__in=FINISHED)

    def last_done(self, kind: str, collection_year: int) -> ReturnCheck | None:
        """The newest finished check of this return, for an estimate of how long the next will take.

        The same collection year if it has been checked (its rules and its size), else any year's.
        """
        done = self.filter(kind=kind, status=CheckStatus.DONE, started__isnull=False, finished__isnull=False)
        done = done.defer("result", "people")  # a large return's results run to megabytes
        newest = ("-finished", "-pk")
        return (
            done.filter(collection_year=collection_year).order_by(*newest).first()
            or done.order_by(*newest).first()
        )

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("Checks of returns are kept: they cannot be deleted.")


class ReturnCheck(models.Model):
    """One check of one return (a kind of return for a collection year) with the DfE's rules."""

    kind = models.CharField(max_length=10, choices=ReturnKind.choices)
    collection_year = models.PositiveSmallIntegerField(help_text="The year the collection ends on 31 March.")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=12, choices=CheckStatus.choices, default=CheckStatus.QUEUED)
    stage = models.CharField(max_length=200, blank=True, help_text="What the check is doing now, in words.")
    started = models.DateTimeField(null=True, blank=True)
    finished = models.DateTimeField(null=True, blank=True)
    children = models.PositiveIntegerField(
        null=True, blank=True, help_text="How many children the return has."
    )
    result = models.JSONField(null=True, blank=True, help_text="What the validator found (a Validation).")
    people = models.JSONField(
        default=dict, blank=True, help_text="The record of each child the rules name, by their identifier."
    )
    message = models.TextField(blank=True, help_text="Why the check could not run, or failed.")

    objects = ReturnCheckQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-pk"]
        indexes = [models.Index(fields=["kind", "collection_year", "status"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.collection_year}: {self.get_status_display()}"

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED

    def elapsed(self, now: datetime | None = None) -> timedelta | None:
        """How long it has been running, or how long it took."""
        if self.started is None:
            return None
        return (self.finished or now or timezone.now()) - self.started

    def is_abandoned(self, now: datetime, running: timedelta, waiting: timedelta) -> bool:
        """Running for longer than any check takes, or waiting to start for longer than a queue of
        checks could take: the process that was to run it stopped (a restart)."""
        if self.status == CheckStatus.RUNNING:
            return self.started is None or now - self.started > running
        return self.status == CheckStatus.QUEUED and now - self.requested_at > waiting

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("Checks of returns are kept: they cannot be deleted.")
