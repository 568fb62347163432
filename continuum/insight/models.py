"""What analysts enter for the figures: the child population, comparators and the report's words.

Nothing entered is overwritten: a correction is a new row, and the latest row for a year (and
indicator, group or section) is the one in force. Earlier rows stay as the history of who
entered what, and when.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import OuterRef, QuerySet

FIRST_YEAR, LAST_YEAR = 2000, 2100


def _year_field(help_text: str) -> models.PositiveSmallIntegerField:  # type: ignore[type-arg]
    return models.PositiveSmallIntegerField(
        validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)], help_text=help_text
    )


class Entered(models.Model):
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    entered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


def latest_per(queryset: QuerySet[models.Model], *keys: str) -> QuerySet[models.Model]:
    """The latest row for each combination of `keys` (the one in force)."""
    newer = queryset.model._default_manager.filter(
        **{key: OuterRef(key) for key in keys}, entered_at__gt=OuterRef("entered_at")
    )
    same_time_later = queryset.model._default_manager.filter(
        **{key: OuterRef(key) for key in keys}, entered_at=OuterRef("entered_at"), pk__gt=OuterRef("pk")
    )
    return queryset.exclude(models.Exists(newer)).exclude(models.Exists(same_time_later))


class ChildPopulation(Entered):
    """The area's children aged 0 to 17: the ONS mid-year estimate that rates per 10,000 divide by."""

    year = _year_field(
        "The financial year the estimate is used for: 2019 for 2019/20 (the mid-2019 estimate)."
    )
    children = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    source = models.CharField(max_length=200, blank=True, help_text="For example, ONS mid-2019 estimate")

    class Meta:
        ordering = ["-year", "-entered_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.children:,} children in {self.year}"


def children_for_year(year: int) -> ChildPopulation | None:
    """The estimate in force for a year, or the latest year's before it when it is not entered yet.

    ONS publishes its mid-year estimates a year or so late, so the figures for this year divide by
    last year's estimate until this year's is entered (the page says which year it used).
    """
    return ChildPopulation.objects.filter(year__lte=year).order_by("-year", "-entered_at", "-pk").first()


class ComparatorGroup(models.TextChoices):
    STATISTICAL_NEIGHBOURS = "neighbours", "Statistical neighbours"
    REGION = "region", "Region"
    ENGLAND = "england", "England"


class Comparator(Entered):
    """A published figure for another area, entered per year by an analyst (from the DfE's tables)."""

    indicator = models.CharField(max_length=60)
    year = _year_field("The financial year the figure is for: 2019 for 2019/20.")
    group = models.CharField(max_length=20, choices=ComparatorGroup.choices)
    value = models.DecimalField(max_digits=12, decimal_places=2)

    class Meta:
        ordering = ["indicator", "-year", "group", "-entered_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_group_display()} {self.indicator} {self.year}: {self.value}"


def comparators_for(year: int, indicator: str | None = None) -> dict[tuple[str, str], float]:
    """{(indicator, group): value} in force for a year."""
    rows = Comparator.objects.filter(year=year)
    if indicator is not None:
        rows = rows.filter(indicator=indicator)
    latest = latest_per(rows, "indicator", "year", "group")
    return {(row.indicator, row.group): float(row.value) for row in latest}  # type: ignore[attr-defined]


class NarrativeEntry(Entered):
    """The partnership's own words for a section of a year's annual report."""

    year = _year_field("The financial year the report is for: 2019 for 2019/20.")
    section = models.CharField(max_length=40)
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["-year", "section", "-entered_at", "-pk"]
        verbose_name_plural = "narrative entries"

    def __str__(self) -> str:
        return f"{self.year} {self.section}"


def narrative_for(year: int) -> dict[str, NarrativeEntry]:
    latest = latest_per(NarrativeEntry.objects.filter(year=year), "year", "section")
    return {entry.section: entry for entry in latest}  # type: ignore[attr-defined, misc]
