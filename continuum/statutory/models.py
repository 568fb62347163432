"""The local Continuum of Need: the partnership's threshold levels, as versioned configuration.

Each partnership names and counts its levels differently, so the levels, their guidance and
their indicators are rows, not code. A new version of the guidance is a new framework; records
keep pointing at the level that applied when they were decided.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class ThresholdFrameworkQuerySet(models.QuerySet["ThresholdFramework"]):
    def in_force(self) -> ThresholdFramework:
        """The framework in force today: the latest one that has started."""
        framework = self.filter(in_force_from__lte=timezone.localdate()).order_by("-in_force_from").first()
        if framework is None:
            raise ThresholdFramework.DoesNotExist(
                "No Continuum of Need is in force: add one in configuration"
            )
        return framework


class ThresholdFramework(models.Model):
    name = models.CharField(max_length=200)
    version = models.CharField(max_length=40)
    in_force_from = models.DateField()
    source = models.CharField(max_length=300, blank=True)

    objects = ThresholdFrameworkQuerySet.as_manager()

    class Meta:
        unique_together = [("name", "version")]
        ordering = ["-in_force_from"]

    def __str__(self) -> str:
        return f"{self.name} ({self.version})"


class NeedLevel(models.Model):
    framework = models.ForeignKey(ThresholdFramework, on_delete=models.PROTECT, related_name="levels")
    number = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=100)
    summary = models.TextField(help_text="One or two sentences on who this level is for.")
    indicators = models.TextField(blank=True, help_text="Examples of need at this level, one per line.")
    response = models.TextField(blank=True, help_text="Who responds at this level, and how.")
    # Below the child-protection threshold, help and information sharing need informed consent;
    # at it, information is shared without consent and the reason is recorded.
    is_child_protection = models.BooleanField(default=False)

    class Meta:
        unique_together = [("framework", "number")]
        ordering = ["framework", "number"]

    def __str__(self) -> str:
        return f"Level {self.number}: {self.name}"

    @property
    def indicator_list(self) -> list[str]:
        return [line.strip() for line in self.indicators.splitlines() if line.strip()]

    @property
    def needs_consent(self) -> bool:
        return not self.is_child_protection


class CalendarDay(models.Model):
    """One day of England's working-day calendar, so that the database can count working days.

    `working_day_number` is how many working days there have been from the calendar's first day
    up to and including this one. The working days after one day up to and including another
    (`calendar.working_days_between`) are the difference of their numbers. Filled by the
    migration and refreshed with `manage.py refresh_calendar` when bank holidays are announced.
    """

    day = models.DateField(primary_key=True)
    working_day_number = models.PositiveIntegerField()

    class Meta:
        ordering = ["day"]
        # Counting working days looks a day's number up for every record counted: with the number
        # in the index, the lookup reads only the index.
        indexes = [models.Index(fields=["day", "working_day_number"], name="calendar_day_number_idx")]

    def __str__(self) -> str:
        return f"{self.day}: working day {self.working_day_number}"
