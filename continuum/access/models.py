from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone

from .roles import ROLES_WITHOUT_SECOND_FACTOR, AgencyType, Role

if TYPE_CHECKING:
    from continuum.people.models import Person


class Agency(models.Model):
    """An organisation in the partnership: a police force, a school, a GP practice..."""

    name = models.CharField(max_length=200, unique=True)
    agency_type = models.CharField(max_length=40, choices=AgencyType.choices)
    # Ofsted URN for schools, ODS code for health bodies: how partner systems name the agency.
    external_code = models.CharField(max_length=20, blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    name = models.CharField(max_length=200)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="teams")
    manager = models.ForeignKey(
        "User", null=True, blank=True, on_delete=models.SET_NULL, related_name="managed_teams"
    )

    class Meta:
        ordering = ["agency__name", "name"]
        constraints = [models.UniqueConstraint(fields=["agency", "name"], name="team_name_unique_in_agency")]

    def __str__(self) -> str:
        return f"{self.name} ({self.agency})"


class User(AbstractUser):
    """Someone who signs in: they work for one agency, sit in teams and hold roles."""

    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="staff")
    teams = models.ManyToManyField(Team, blank=True, related_name="members")
    job_title = models.CharField(max_length=200, blank=True)
    manager = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="reports"
    )
    social_worker_id = models.CharField(
        "Social worker ID in the DfE's returns",
        max_length=20,
        blank=True,
        help_text="Their Social Work England registration number, starting SW (the SSDA903's SW_ID).",
    )

    class Meta:
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["social_worker_id"],
                condition=~models.Q(social_worker_id=""),
                name="social_worker_id_once",
            )
        ]

    @property
    def roles(self) -> frozenset[str]:
        # Cached on the instance: the policy asks many times per request.
        cached: frozenset[str] | None = getattr(self, "_roles_cache", None)
        if cached is None:
            cached = (
                frozenset(self.role_assignments.values_list("role", flat=True)) if self.pk else frozenset()
            )
            self._roles_cache = cached
        return cached

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    def grant_role(self, role: Role) -> None:
        RoleAssignment.objects.get_or_create(user=self, role=role)
        self.__dict__.pop("_roles_cache", None)

    def is_verified(self) -> bool:
        """Whether the second factor was passed this session.

        django-otp's middleware replaces this on each request's user; without it, no.
        """
        return False

    @property
    def needs_second_factor(self) -> bool:
        return bool(self.roles - ROLES_WITHOUT_SECOND_FACTOR) or self.is_superuser

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


class RoleAssignment(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(max_length=40, choices=Role.choices)
    granted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="role_held_once")]

    def __str__(self) -> str:
        return f"{self.user} as {self.get_role_display()}"


class BreakGlassGrantQuerySet(models.QuerySet["BreakGlassGrant"]):
    def in_force(self, at: datetime | None = None) -> BreakGlassGrantQuerySet:
        return self.filter(expires_at__gt=at or timezone.now())


class BreakGlassGrant(models.Model):
    """Time-limited access to a record the user could not otherwise open, with the reason given.

    Granted immediately (a child may be at risk now) but never silently: the user's manager is
    alerted and the audit trail records the reason.
    """

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="break_glass_grants")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="break_glass_grants")
    reason = models.TextField()
    granted_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    manager_alerted = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = BreakGlassGrantQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["user", "person", "expires_at"])]

    def __str__(self) -> str:
        return f"Emergency access for {self.user} until {self.expires_at:%d %b %Y %H:%M}"


class RecordRestriction(models.Model):
    """A user named on a restricted record: only they (and break-glass) may open it."""

    person: models.ForeignKey[Person, Person] = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="named_users"
    )
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="restricted_records")
    added_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "user"], name="named_once_per_record")]

    def __str__(self) -> str:
        return f"{self.user} named on record {self.person_id}"


class AuditChainHead(models.Model):
    """One row holding the hash of the newest audit entry; locked while an entry is appended."""

    last_hash = models.CharField(max_length=64)
    last_entry_id = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"Audit chain head at entry {self.last_entry_id}"


class AuditEntry(models.Model):
    """An append-only, hash-chained record of one read or change. See docs/audit.md."""

    at = models.DateTimeField(default=timezone.now, db_index=True)
    user = models.ForeignKey(User, null=True, on_delete=models.PROTECT, related_name="+")
    # Kept as text too, so the entry still says who even if the account is renamed.
    username = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=40, db_index=True)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=40, blank=True)
    # The child or adult the entry is about; not a foreign key so the trail never blocks or
    # cascades with the record it describes.
    person_id = models.BigIntegerField(null=True, db_index=True)
    purpose = models.TextField(blank=True)
    channel = models.CharField(max_length=20)  # page, api, export, command
    ip_address = models.GenericIPAddressField(null=True)
    path = models.CharField(max_length=500, blank=True)
    details = models.JSONField(default=dict)
    previous_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["-id"]
        verbose_name_plural = "audit entries"
        indexes = [models.Index(fields=["person_id", "-at"]), models.Index(fields=["user", "-at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action} {self.object_type} {self.object_id}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise PermissionError("Audit entries are append-only and cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise PermissionError("Audit entries are append-only and cannot be deleted.")
