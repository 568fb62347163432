"""Children (including unborn), adults, their names, addresses, relationships and identifiers.

A person is one record however many agencies know them; aliases, previous names and partner
identifiers hang off it so matching can find them under any of those.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone

from continuum.statutory import codes

from . import validators
from .phonetics import name_key


class PersonKind(models.TextChoices):
    CHILD = "child", "Child"
    UNBORN = "unborn", "Unborn child"
    ADULT = "adult", "Adult"


class RestrictionLevel(models.TextChoices):
    STANDARD = "standard", "Standard: need-to-know"
    RESTRICTED = "restricted", "Restricted to named people"


class PersonQuerySet(models.QuerySet["Person"]):
    def children(self) -> PersonQuerySet:
        """Children and unborn children (anyone who is not recorded as an adult)."""
        return self.exclude(kind=PersonKind.ADULT)

    def active(self) -> PersonQuerySet:
        """Records not withdrawn as entered in error (withdrawn records are kept, never deleted)."""
        return self.filter(withdrawn_at__isnull=True)


class Person(models.Model):
    kind = models.CharField(max_length=10, choices=PersonKind.choices, default=PersonKind.CHILD)
    given_name = models.CharField("First name", max_length=100, blank=True)
    middle_names = models.CharField(max_length=200, blank=True)
    family_name = models.CharField("Last name", max_length=100, blank=True)
    date_of_birth = models.DateField(null=True, blank=True, validators=[validators.not_in_future])
    expected_date_of_delivery = models.DateField(null=True, blank=True)
    date_of_death = models.DateField(null=True, blank=True, validators=[validators.not_in_future])
    sex = models.CharField(max_length=1, choices=codes.SEX.choices(), blank=True)
    ethnicity = models.CharField(max_length=4, choices=codes.ETHNICITY.choices(), blank=True)
    # DfE disability codes (CIN census N00099), a list: "NONE" alone, or each disability the child
    # has. Empty when not known. Validated in clean().
    disabilities = models.JSONField(default=list, blank=True)
    nhs_number = models.CharField(
        "NHS number", max_length=10, blank=True, validators=[validators.validate_nhs_number]
    )
    upn = models.CharField(
        "Unique pupil number (UPN)", max_length=13, blank=True, validators=[validators.validate_upn]
    )
    restriction = models.CharField(
        max_length=20, choices=RestrictionLevel.choices, default=RestrictionLevel.STANDARD
    )
    # Phonetic keys of the current name, maintained on save, so typo-tolerant search can use
    # an index instead of scanning every record.
    given_name_key = models.CharField(max_length=12, blank=True, editable=False)
    family_name_key = models.CharField(max_length=12, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    # Incremented on each change so that two people editing the same record at once are told,
    # rather than one silently overwriting the other.
    version = models.PositiveIntegerField(default=1)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.TextField(blank=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["family_name", "given_name"]
        indexes = [
            models.Index(fields=["family_name_key", "given_name_key"]),
            models.Index(fields=["given_name_key"]),
            models.Index(fields=["date_of_birth"]),
            models.Index(fields=["nhs_number"]),
            models.Index(fields=["upn"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["nhs_number"],
                condition=~models.Q(nhs_number=""),
                name="nhs_number_unique",
                violation_error_message="Another person already has this NHS number: search for them instead",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args: object, **kwargs: object) -> None:
        self.given_name_key = name_key(self.given_name)
        self.family_name_key = name_key(self.family_name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def full_name(self) -> str:
        name = " ".join(part for part in (self.given_name, self.family_name) if part)
        if name:
            return name
        return "Unborn child" if self.kind == PersonKind.UNBORN else "Name not known"

    @property
    def is_child(self) -> bool:
        return self.kind != PersonKind.ADULT

    def age_on(self, day: date) -> int | None:
        if self.date_of_birth is None:
            return None
        born = self.date_of_birth
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    @property
    def disabilities_display(self) -> str:
        known = [code for code in self.disabilities if code in codes.DISABILITY]
        return ", ".join(codes.DISABILITY.label(code) for code in known)

    def clean(self) -> None:
        validators.validate_person_dates(self)
        validators.validate_disabilities(self.disabilities)


class NameKind(models.TextChoices):
    PREVIOUS = "previous", "Previous name"
    ALIAS = "alias", "Also known as"
    PREFERRED = "preferred", "Preferred name"
    RECORDED_BY_PARTNER = "partner", "Name recorded by a partner agency"


class OtherName(models.Model):
    """A previous name, alias or variant spelling: search finds the person under any of these."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="other_names")
    kind = models.CharField(max_length=20, choices=NameKind.choices)
    given_name = models.CharField(max_length=100, blank=True)
    family_name = models.CharField(max_length=100, blank=True)
    given_name_key = models.CharField(max_length=12, blank=True, editable=False)
    family_name_key = models.CharField(max_length=12, blank=True, editable=False)
    recorded_by = models.ForeignKey(
        "access.Agency", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        indexes = [
            models.Index(fields=["family_name_key", "given_name_key"]),
            models.Index(fields=["given_name_key"]),
        ]

    def __str__(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()

    def save(self, *args: object, **kwargs: object) -> None:
        self.given_name_key = name_key(self.given_name)
        self.family_name_key = name_key(self.family_name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class Address(models.Model):
    """A place; people live at it for periods (see Residence), so households share one address."""

    line_1 = models.CharField("Address line 1", max_length=200)
    line_2 = models.CharField("Address line 2", max_length=200, blank=True)
    town = models.CharField("Town or city", max_length=100)
    postcode = models.CharField(max_length=8, validators=[validators.validate_postcode], db_index=True)
    # Unique Property Reference Number, when known, identifies the same address across agencies.
    uprn = models.CharField("UPRN", max_length=12, blank=True)

    class Meta:
        verbose_name_plural = "addresses"

    def __str__(self) -> str:
        return ", ".join(part for part in (self.line_1, self.line_2, self.town, self.postcode) if part)

    def save(self, *args: object, **kwargs: object) -> None:
        self.postcode = validators.normalise_postcode(self.postcode)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class Residence(models.Model):
    """Someone living at an address from one date to another: the address history."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="residences")
    address = models.ForeignKey(Address, on_delete=models.PROTECT, related_name="residences")
    moved_in = models.DateField(null=True, blank=True)
    moved_out = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-moved_in"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(moved_out__isnull=True)
                | models.Q(moved_in__isnull=True)
                | models.Q(moved_out__gte=models.F("moved_in")),
                name="residence_moved_out_after_in",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person_id} at {self.address_id} from {self.moved_in}"

    @property
    def is_current(self) -> bool:
        return self.moved_out is None


class RelationshipKind(models.TextChoices):
    PARENT = "parent", "Parent"
    STEP_PARENT = "step_parent", "Step-parent"
    CARER = "carer", "Carer"
    GRANDPARENT = "grandparent", "Grandparent"
    SIBLING = "sibling", "Sibling"
    HALF_SIBLING = "half_sibling", "Half-sibling"
    HOUSEHOLD_MEMBER = "household_member", "Household member"
    OTHER_RELATIVE = "other_relative", "Other relative"


class Relationship(models.Model):
    """`person` is the `kind` of `relative`: for example Sarah (person) is the parent of Jo (relative)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relationships_from")
    relative = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relationships_to")
    kind = models.CharField(max_length=20, choices=RelationshipKind.choices)
    has_parental_responsibility = models.BooleanField(
        default=False, help_text="Whether this person holds parental responsibility for the child."
    )
    started = models.DateField(null=True, blank=True)
    ended = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "relative", "kind"], name="relationship_once"),
            models.CheckConstraint(condition=~models.Q(person=models.F("relative")), name="not_own_relative"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.get_kind_display().lower()} of {self.relative_id}"


class ExternalIdentifier(models.Model):
    """How a partner system knows this person: a police nominal ID, a GP system number..."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="external_identifiers")
    agency = models.ForeignKey("access.Agency", on_delete=models.PROTECT, related_name="+")
    system = models.CharField(max_length=100, help_text="The partner system, for example 'Niche RMS'.")
    identifier = models.CharField(max_length=100)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "system", "identifier"], name="external_id_once")
        ]
        indexes = [models.Index(fields=["identifier"])]

    def __str__(self) -> str:
        return f"{self.system} {self.identifier}"


class Service(models.TextChoices):
    """The service a worker is allocated for: a child may have one of each at once."""

    EARLY_HELP = "early_help", "Early help"
    SOCIAL_CARE = "social_care", "Children's social care"
    LEAVING_CARE = "leaving_care", "Leaving care"


class Allocation(models.Model):
    """A worker and/or team working with a person for a period: the basis of need-to-know access.

    Later steps of the journey (early help, social care) open and close allocations; the
    access policy reads the open ones.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="allocations")
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="allocations"
    )
    team = models.ForeignKey(
        "access.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="allocations"
    )
    service = models.CharField(max_length=20, choices=Service.choices, default=Service.SOCIAL_CARE)
    started = models.DateField(default=date.today)
    ended = models.DateField(null=True, blank=True)
    reason = models.CharField(max_length=200, blank=True)
    change_reason = models.CharField(
        "Why the social worker changed",
        max_length=6,
        choices=codes.SOCIAL_WORKER_CHANGE_REASON.choices(),
        blank=True,
        help_text="The SSDA903's SW_REASON, when a previous system's return recorded it.",
    )

    class Meta:
        indexes = [models.Index(fields=["worker", "ended"]), models.Index(fields=["team", "ended"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(worker__isnull=False) | models.Q(team__isnull=False),
                name="allocation_to_worker_or_team",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person_id} allocated to {self.worker_id or self.team_id}"
