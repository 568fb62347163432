"""Care leavers: eligibility, personal adviser, pathway plans and contact (SSDA903 OC3; Annex A list 9)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from continuum.statutory import codes

from ..catalogue import CareLeaverCategory
from .base import JourneyRecord, day, not_before, not_in_future, only_one_open, raise_if
from .care import CareEpisode


class CareLeaver(JourneyRecord):
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="care_leaver_records")
    category = models.CharField("Eligibility category", max_length=20, choices=CareLeaverCategory.choices)
    personal_adviser = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="care_leavers"
    )
    started = models.DateField("Date leaving care support started")
    ended = models.DateField("Date leaving care support ended", null=True, blank=True)

    class Meta:
        ordering = ["-started", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(ended__isnull=True),
                name="one_open_care_leaver_record_per_person",
            ),
        ]

    def __str__(self) -> str:
        return f"Care leaver ({self.get_category_display()}) from {day(self.started)}"

    @property
    def is_open(self) -> bool:
        return self.ended is None

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        not_in_future(errors, "started", self.started)
        not_before(errors, "ended", self.ended, self.started, "support started")
        if self.person_id and self.started:
            first = CareEpisode.objects.filter(person_id=self.person_id).order_by("started").first()
            if first is None:
                errors.setdefault("started", []).append(
                    "Only a young person who has been looked after can be a care leaver. "
                    "Record their time in care first"
                )
            else:
                not_before(errors, "started", self.started, first.started, "they first became looked after")
        if self.ended is None and self.person_id:
            others = CareLeaver.objects.filter(person_id=self.person_id, ended__isnull=True).exclude(
                pk=self.pk
            )
            only_one_open(errors, "started", others, "care leaver record")
        raise_if(errors)


class PathwayPlan(JourneyRecord):
    """A pathway plan, or a review of it."""

    care_leaver = models.ForeignKey(CareLeaver, on_delete=models.PROTECT, related_name="pathway_plans")
    held_on = models.DateField("Date of the plan or review")
    is_review = models.BooleanField("Is this a review of the plan?", default=False)

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"Pathway plan {'review ' if self.is_review else ''}on {day(self.held_on)}"

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        not_in_future(errors, "held_on", self.held_on)
        raise_if(errors)


class CareLeaverContact(JourneyRecord):
    """What the personal adviser knows at a contact: in touch, activity, accommodation and its suitability."""

    care_leaver = models.ForeignKey(CareLeaver, on_delete=models.PROTECT, related_name="contacts")
    contact_on = models.DateField("Date of the contact")
    in_touch = models.CharField(max_length=4, choices=codes.CARE_LEAVER_IN_TOUCH.choices())
    activity = models.CharField(max_length=2, choices=codes.CARE_LEAVER_ACTIVITY.choices())
    accommodation = models.CharField(
        "Accommodation and its suitability", max_length=2, choices=codes.CARE_LEAVER_ACCOMMODATION.choices()
    )

    class Meta:
        ordering = ["-contact_on", "-pk"]
        # The figures look up each care leaver's latest contact in a period (bench/insight_bench.py).
        indexes = [models.Index(fields=["care_leaver", "contact_on"])]

    def __str__(self) -> str:
        return f"Care leaver contact on {day(self.contact_on)}"

    @property
    def suitably_accommodated(self) -> bool:
        return self.accommodation.endswith("1")

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        not_in_future(errors, "contact_on", self.contact_on)
        not_before(errors, "contact_on", self.contact_on, self.care_leaver.started, "support started")
        raise_if(errors)
