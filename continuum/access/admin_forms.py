"""Forms for administrators: finding, creating and changing user accounts; searching the audit trail.

Error messages follow the GOV.UK error message pattern: say what went wrong and how to fix it.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from typing import Any

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django import forms
from django.conf import settings
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet, Sum
from django.utils import timezone

from continuum.web.forms import GovukForm, GovukModelForm

from .audit import Action, Channel
from .models import Agency, AuditEntry, RoleAssignment, Team, User
from .roles import Role

# What an account looked like, field by field, in a form the audit trail can store (JSON).
AccountSnapshot = dict[str, Any]
# A Social Work England registration number: SW and digits (the SSDA903's SW_ID, rule SW02).
SOCIAL_WORK_ENGLAND_NUMBER = re.compile(r"SW\d{1,18}")


class UserFilterForm(GovukForm):
    """The search box and filters above the list of users. Every field is optional."""

    STATUS_CHOICES = [
        ("", "Any status"),
        ("active", "Active"),
        ("deactivated", "Deactivated"),
        ("locked", "Locked"),
    ]

    q = forms.CharField(label="Name, username or email", required=False, max_length=150)
    agency = forms.ModelChoiceField(queryset=Agency.objects.all(), required=False, empty_label="All agencies")
    role = forms.ChoiceField(choices=[("", "All roles"), *Role.choices], required=False)
    status = forms.ChoiceField(choices=STATUS_CHOICES, required=False)

    def filter(self, users: QuerySet[User]) -> QuerySet[User]:
        """The users matching the filters. A filter with an unknown value (an edited address) is ignored."""
        if not self.is_valid():
            return users
        query: str = self.cleaned_data["q"].strip()
        if query:
            users = users.filter(_matches_name_username_or_email(query))
        if self.cleaned_data["agency"]:
            users = users.filter(agency=self.cleaned_data["agency"])
        if self.cleaned_data["role"]:
            users = users.filter(role_assignments__role=self.cleaned_data["role"])
        return _with_status(users, self.cleaned_data["status"])


def _matches_name_username_or_email(query: str) -> Q:
    # Every word must match somewhere, so "Tom Whit" finds Tom Whitaker.
    condition = Q()
    for word in query.split():
        condition &= (
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(username__icontains=word)
            | Q(email__icontains=word)
        )
    return condition


def _with_status(users: QuerySet[User], status: str) -> QuerySet[User]:
    if status == "active":
        return users.filter(is_active=True)
    if status == "deactivated":
        return users.filter(is_active=False)
    if status == "locked":
        return users.filter(Exists(locked_attempts().filter(username=OuterRef("username"))))
    return users


class ManagerChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """Managers listed with their agency: two people in the partnership can share a name."""

    def label_from_instance(self, obj: User) -> str:
        return f"{obj.display_name} ({obj.agency})" if obj.agency else obj.display_name


class UserForm(GovukModelForm):
    """Create or change an account: who the person is, where they work and the roles they hold.

    There is no password field on purpose: new users choose their own password from an email link,
    so an administrator never sets or sees one.
    """

    username = forms.CharField(
        label="Username",
        help_text="What they type to sign in. Letters, numbers and @ . + - _ only",
        max_length=150,
        validators=[
            UnicodeUsernameValidator(message="Username must only include letters, numbers and @ . + - _")
        ],
        error_messages={
            "required": "Enter a username",
            "max_length": "Username must be 150 characters or fewer",
        },
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    email = forms.EmailField(
        label="Email address",
        help_text="Their work email address. We send the link to choose a password here",
        max_length=254,
        error_messages={
            "required": "Enter an email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
            "max_length": "Email address must be 254 characters or fewer",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    roles = forms.MultipleChoiceField(
        label="Roles",
        help_text=(
            "Select all that apply. Everyone except partner practitioners "
            "also signs in with an authenticator app"
        ),
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one role"},
    )

    field_order = [
        "first_name", "last_name", "username", "email", "job_title", "social_worker_id", "agency", "teams",
        "roles",
    ]  # fmt: skip

    class Meta:
        model = User
        fields = [
            "first_name", "last_name", "username", "email", "job_title", "social_worker_id", "agency",
            "teams", "manager",
        ]  # fmt: skip
        labels = {
            "job_title": "Job title (optional)",
            "social_worker_id": "Social Work England registration number (optional)",
            "teams": "Teams (optional)",
            "manager": "Manager (optional)",
        }
        help_texts = {
            "social_worker_id": "For a registered social worker: SW and digits, for example SW123456. The "
            "looked-after children return names their social worker by it",
            "teams": "Teams in the agency this person works for",
            "manager": "Their manager is told when they use emergency access to a record",
        }
        widgets = {"teams": forms.CheckboxSelectMultiple}
        field_classes = {"manager": ManagerChoiceField}
        error_messages = {
            "first_name": {
                "required": "Enter a first name",
                "max_length": "First name must be 150 characters or fewer",
            },
            "last_name": {
                "required": "Enter a last name",
                "max_length": "Last name must be 150 characters or fewer",
            },
            "job_title": {"max_length": "Job title must be 200 characters or fewer"},
            "social_worker_id": {"max_length": "The registration number must be 20 characters or fewer"},
            "agency": {"required": "Select the agency this person works for"},
        }

    def __init__(self, *args: Any, acting_user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.acting_user = acting_user
        # Taken now: validating a model form copies the submitted values onto the instance.
        self.before: AccountSnapshot = snapshot(self.instance) if self.instance.pk else {}
        self._require_names_and_agency()
        self._limit_choices()
        if self.instance.pk:
            self.initial.setdefault("roles", sorted(self.instance.roles))

    def clean_social_worker_id(self) -> str:
        number = str(self.cleaned_data.get("social_worker_id", "")).strip().upper().replace(" ", "")
        if number and not SOCIAL_WORK_ENGLAND_NUMBER.fullmatch(number):
            raise forms.ValidationError("Enter the registration number as SW and digits, like SW123456")
        others = User.objects.filter(social_worker_id=number).exclude(pk=self.instance.pk)
        if number and others.exists():
            raise forms.ValidationError("Another user has this registration number. Check the number")
        return number

    def _require_names_and_agency(self) -> None:
        # Optional on the model (Django's user model and the command-line superuser need it so),
        # but every account made here belongs to a named person in an agency.
        for name in ("first_name", "last_name", "agency"):
            self.fields[name].required = True
        self.fields["first_name"].widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})
        self.fields["last_name"].widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})

    def _limit_choices(self) -> None:
        agencies = Agency.objects.filter(Q(is_active=True) | Q(pk=self.instance.agency_id or 0))
        agency_field: forms.ModelChoiceField = self.fields["agency"]  # type: ignore[type-arg,assignment]
        agency_field.queryset = agencies
        agency_field.empty_label = "Select an agency"
        team_field: forms.ModelMultipleChoiceField = self.fields["teams"]  # type: ignore[type-arg,assignment]
        team_field.queryset = Team.objects.select_related("agency")
        manager_field: forms.ModelChoiceField = self.fields["manager"]  # type: ignore[type-arg,assignment]
        managers = User.objects.filter(is_active=True).select_related("agency")
        manager_field.queryset = managers.exclude(pk=self.instance.pk) if self.instance.pk else managers
        manager_field.empty_label = "No manager"

    def clean_username(self) -> str:
        username: str = self.cleaned_data["username"].strip()
        # Case-insensitive: "TWhitaker" and "twhitaker" would read as one person in the audit trail.
        if _others(self.instance).filter(username__iexact=username).exists():
            raise forms.ValidationError("Username is already used by another account")
        return username

    def clean_email(self) -> str:
        email: str = User.objects.normalize_email(self.cleaned_data["email"].strip())
        # Password links go by email address: two accounts sharing one would be ambiguous.
        if _others(self.instance).filter(email__iexact=email).exists():
            raise forms.ValidationError("Email address is already used by another account")
        return email

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        agency = cleaned.get("agency")
        teams = cleaned.get("teams") or []
        if agency is not None and any(team.agency_id != agency.pk for team in teams):
            self.add_error("teams", f"Select only teams in {agency.name}, the agency this person works for")
        return cleaned

    @transaction.atomic
    def save(self, commit: bool = True) -> User:
        """Save the account, its teams and its roles. `changes()` then says what changed."""
        user: User = super().save(commit=False)
        if user.pk is None:
            # The person chooses a password from the emailed link; until then no password works.
            user.set_unusable_password()
        user.save()
        self.save_m2m()
        _set_roles(user, set(self.cleaned_data["roles"]))
        self.after = snapshot(user)
        return user

    def changes(self) -> dict[str, dict[str, Any]]:
        """Each changed field with its old and new value, for the audit trail."""
        return {
            name: {"from": self.before.get(name), "to": value}
            for name, value in self.after.items()
            if self.before.get(name) != value
        }


class UserEditForm(UserForm):
    """Changing an existing account: as creating one, and it can be deactivated (never deleted)."""

    is_active = forms.TypedChoiceField(
        label="Account status",
        choices=[(True, "Active: they can sign in"), (False, "Deactivated: they cannot sign in")],
        coerce=lambda value: value in (True, "True"),
        widget=forms.RadioSelect,
        help_text="Deactivate accounts rather than delete them, so the audit trail still says who did what",
        error_messages={"required": "Select whether the account is active or deactivated"},
    )

    class Meta(UserForm.Meta):
        fields = [*UserForm.Meta.fields, "is_active"]

    def clean_is_active(self) -> bool:
        is_active: bool = self.cleaned_data["is_active"]
        if not is_active and self.instance.pk == self.acting_user.pk:
            raise forms.ValidationError("You cannot deactivate your own account. Ask another administrator")
        return is_active

    def clean_roles(self) -> list[str]:
        roles: list[str] = self.cleaned_data["roles"]
        # Otherwise the last administrator could lock everyone out of user management.
        if self.instance.pk == self.acting_user.pk and Role.ADMINISTRATOR not in roles:
            raise forms.ValidationError(
                f"You cannot remove your own {Role.ADMINISTRATOR.label} role. Ask another administrator"
            )
        return roles


def locked_attempts() -> QuerySet[Any]:
    """Failed sign-in records, one row per locked username, as django-axes would count them.

    Axes locks by username alone here (AXES_LOCKOUT_PARAMETERS), adding up failures from every
    address and browser within the cool-off time; older failures no longer count.
    """
    attempts: QuerySet[Any] = AccessAttempt.objects.all()
    cool_off = get_cool_off()
    if cool_off is not None:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - cool_off)
    locked: QuerySet[Any] = (
        attempts.values("username")
        .annotate(failures=Sum("failures_since_start"))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
    )
    return locked


def locked_usernames(usernames: list[str]) -> set[str]:
    """Which of these accounts are locked out now."""
    return set(locked_attempts().filter(username__in=usernames).values_list("username", flat=True))


def snapshot(user: User) -> AccountSnapshot:
    """The fields an administrator can change, as plain values the audit trail can keep."""
    return {
        "first_name": user.first_name,
        "last_name": user.last_name,
        "username": user.username,
        "email": user.email,
        "job_title": user.job_title,
        "social_worker_id": user.social_worker_id,
        "agency": str(user.agency) if user.agency else None,
        "teams": sorted(str(team) for team in user.teams.all()) if user.pk else [],
        "manager": user.manager.username if user.manager else None,
        "roles": sorted(user.roles),
        "is_active": user.is_active,
    }


def _others(user: User) -> QuerySet[User]:
    return User.objects.exclude(pk=user.pk) if user.pk else User.objects.all()


def _set_roles(user: User, roles: set[str]) -> None:
    user.role_assignments.exclude(role__in=roles).delete()
    for role in roles - user.roles:
        RoleAssignment.objects.get_or_create(user=user, role=role)
    user.__dict__.pop("_roles_cache", None)


def action_label(action: str) -> str:
    return action.replace("_", " ").capitalize()


class AuditFilterForm(GovukForm):
    """Filters for the audit trail search. Dates are whole days in UK time, both ends included."""

    DATE_FORMATS = ["%d/%m/%Y", "%d %m %Y", "%d-%m-%Y", "%Y-%m-%d"]

    username = forms.CharField(
        label="Username contains",
        required=False,
        max_length=150,
        widget=forms.TextInput(attrs={"spellcheck": "false"}),
    )
    person_id = forms.IntegerField(
        label="Person record ID",
        required=False,
        min_value=1,
        error_messages={
            "invalid": "Person record ID must be a number, like 1042",
            "min_value": "Person record ID must be 1 or more",
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input govuk-input--width-10"}),
    )
    action = forms.ChoiceField(
        choices=[("", "Any action"), *((action.value, action_label(action)) for action in Action)],
        required=False,
    )
    channel = forms.ChoiceField(
        choices=[("", "Any channel"), *((channel.value, channel.value.capitalize()) for channel in Channel)],
        required=False,
    )
    date_from = forms.DateField(
        label="Date from",
        required=False,
        input_formats=DATE_FORMATS,
        help_text="For example, 27/3/2026",
        error_messages={"invalid": "Date from must be a real date, like 27/3/2026"},
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-10"}),
    )
    date_to = forms.DateField(
        label="Date to",
        required=False,
        input_formats=DATE_FORMATS,
        help_text="For example, 31/3/2026",
        error_messages={"invalid": "Date to must be a real date, like 31/3/2026"},
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-10"}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_to < date_from:
            self.add_error("date_to", "Date to must be the same as or after date from")
        return cleaned

    def filter(self, entries: QuerySet[AuditEntry]) -> QuerySet[AuditEntry]:
        """Entries matching the filters, newest first. Call only when the form is valid."""
        data = self.cleaned_data
        if data["username"].strip():
            entries = entries.filter(username__icontains=data["username"].strip())
        if data["person_id"] is not None:
            entries = entries.filter(person_id=data["person_id"])
        if data["action"]:
            entries = entries.filter(action=data["action"])
        if data["channel"]:
            entries = entries.filter(channel=data["channel"])
        if data["date_from"]:
            entries = entries.filter(at__gte=_start_of_day(data["date_from"]))
        if data["date_to"]:
            entries = entries.filter(at__lt=_start_of_day(data["date_to"] + timedelta(days=1)))
        # By id, not time: ids follow the hash chain, and two entries can share a timestamp.
        return entries.order_by("-id")

    def applied(self) -> dict[str, str]:
        """The filters in use, as text: kept in the audit entry for an export."""
        return {name: str(value) for name, value in self.cleaned_data.items() if value not in (None, "")}


def _start_of_day(day: date) -> datetime:
    # Midnight UK time as an aware datetime, so the database can use its index on `at`
    # and days stay right either side of the clocks changing.
    return timezone.make_aware(datetime.combine(day, time.min))
