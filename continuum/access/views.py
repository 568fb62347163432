"""Administration pages: user accounts and the audit trail.

Only administrators reach these pages, and the policy decides who that is (`require`). They never
show a child's record or anyone's case details: administrators manage accounts, not cases.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import wraps
from typing import Concatenate, ParamSpec

from axes.utils import reset as clear_failed_sign_ins
from django.contrib import messages
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max, QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.views.decorators.http import require_GET, require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from continuum.web.pagination import paginate

from . import audit
from .admin_forms import (
    AuditFilterForm,
    UserEditForm,
    UserFilterForm,
    UserForm,
    action_label,
    locked_usernames,
)
from .audit import Action, Actor, Channel
from .models import AuditEntry, User
from .policy import Decision, Permission, can
from .roles import Role

USERS_PER_PAGE = 25
ENTRIES_PER_PAGE = 50

P = ParamSpec("P")
View = Callable[Concatenate[HttpRequest, P], HttpResponseBase]


def require(permission: Permission) -> Callable[[View[P]], View[P]]:
    """Let the view run only if the policy allows `permission`; otherwise a 403 page, audited."""

    def decorator(view: View[P]) -> View[P]:
        @wraps(view)
        def guarded(request: HttpRequest, /, *args: P.args, **kwargs: P.kwargs) -> HttpResponseBase:
            user = request.user
            decision = can(user, permission) if isinstance(user, User) else Decision(False, "not signed in")
            if not decision:
                # Someone probing administration pages is worth knowing about.
                details = {"permission": permission.value, "reason": decision.reason}
                audit.record(Actor.from_request(request), Action.ACCESS_REFUSED, details=details)
                return render(request, "access/users/forbidden.html", {"reason": decision.reason}, status=403)
            return view(request, *args, **kwargs)

        return guarded

    return decorator


def _administrator(request: HttpRequest) -> User:
    assert isinstance(request.user, User), "require() lets only signed-in users through"
    return request.user


def _posted(request: HttpRequest) -> QueryDict | None:
    return request.POST if request.method == "POST" else None


# Users


@dataclass(frozen=True)
class UserRow:
    user: User
    role_labels: list[str]
    locked: bool


@require(Permission.MANAGE_USERS)
@require_GET
def users(request: HttpRequest) -> HttpResponse:
    form = UserFilterForm(request.GET or None)
    everyone = User.objects.select_related("agency").prefetch_related("role_assignments")
    matching = form.filter(everyone).order_by("last_name", "first_name", "username")
    pages = paginate(matching, USERS_PER_PAGE, request.GET.get("page"))
    page = pages["page"]
    locked = locked_usernames([user.username for user in page])
    rows = [
        UserRow(
            user,
            sorted(Role(held.role).label for held in user.role_assignments.all()),
            user.username in locked,
        )
        for user in page
    ]
    return render(request, "access/users/list.html", {"form": form, "rows": rows, **pages})


@require(Permission.MANAGE_USERS)
def user_new(request: HttpRequest) -> HttpResponse:
    form = UserForm(_posted(request), acting_user=_administrator(request))
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            account = form.save()
            details = {"change": "created", "fields": form.changes()}
            audit.record(Actor.from_request(request), Action.USER_CHANGED, account, details=details)
        _email_password_link(request, account, created=True)
        return redirect("access:user-edit", user_id=account.pk)
    return render(request, "access/users/new.html", {"form": form})


@require(Permission.MANAGE_USERS)
def user_edit(request: HttpRequest, user_id: int) -> HttpResponse:
    account = get_object_or_404(User.objects.select_related("agency", "manager"), pk=user_id)
    # Read before binding the form: validating it copies submitted values onto `account`.
    status = _account_status(account)
    form = UserEditForm(_posted(request), instance=account, acting_user=_administrator(request))
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            changes = form.changes()
            if changes:
                details = {"change": "edited", "fields": changes}
                audit.record(Actor.from_request(request), Action.USER_CHANGED, account, details=details)
        if "email" in changes:
            _tell_old_address_about_change(changes["email"]["from"], account)
        messages.success(request, "Changes saved" if changes else "Nothing was changed")
        return redirect("access:user-edit", user_id=account.pk)
    return render(request, "access/users/edit.html", {"form": form, "account_id": account.pk, **status})


def _account_status(account: User) -> dict[str, object]:
    return {
        "account_name": account.display_name,
        "is_active": account.is_active,
        "locked": account.username in locked_usernames([account.username]),
        "has_second_factor": TOTPDevice.objects.filter(user=account).exists(),
        "needs_second_factor": account.needs_second_factor,
        "has_password": account.has_usable_password(),
        "last_login": account.last_login,
    }


@require(Permission.MANAGE_USERS)
@require_POST
def user_unlock(request: HttpRequest, user_id: int) -> HttpResponse:
    account = get_object_or_404(User, pk=user_id)
    cleared = clear_failed_sign_ins(username=account.username)
    details = {"change": "unlocked", "failed_sign_in_records_cleared": cleared}
    audit.record(Actor.from_request(request), Action.USER_CHANGED, account, details=details)
    messages.success(request, f"{account.display_name} can sign in again")
    return redirect("access:user-edit", user_id=account.pk)


@require(Permission.MANAGE_USERS)
@require_POST
def user_reset_second_factor(request: HttpRequest, user_id: int) -> HttpResponse:
    account = get_object_or_404(User, pk=user_id)
    # Deleting the device also ends any session verified with it: a lost phone may be in the wrong hands.
    removed, _ = TOTPDevice.objects.filter(user=account).delete()
    details = {"change": "second factor reset", "devices_removed": removed}
    audit.record(Actor.from_request(request), Action.USER_CHANGED, account, details=details)
    messages.success(
        request,
        f"{account.display_name} will set up their authenticator app again the next time they sign in",
    )
    return redirect("access:user-edit", user_id=account.pk)


@require(Permission.MANAGE_USERS)
@require_POST
def user_send_password_link(request: HttpRequest, user_id: int) -> HttpResponse:
    account = get_object_or_404(User, pk=user_id, is_active=True)
    audit.record(
        Actor.from_request(request), Action.USER_CHANGED, account, details={"change": "password link sent"}
    )
    _email_password_link(request, account, created=False)
    return redirect("access:user-edit", user_id=account.pk)


def _email_password_link(request: HttpRequest, account: User, *, created: bool) -> None:
    """Email a one-use link to choose a password: Django's reset token, valid for PASSWORD_RESET_TIMEOUT.

    The token stops working once the password is set, so the link cannot be used twice.
    """
    path = reverse(
        "password-reset-confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(account.pk)),
            "token": default_token_generator.make_token(account),
        },
    )
    context = {"account": account, "link": request.build_absolute_uri(path), "created": created}
    try:
        send_mail(
            subject=render_to_string("access/users/password_link_subject.txt", context).strip(),
            message=render_to_string("access/users/password_link_email.txt", context),
            from_email=None,
            recipient_list=[account.email],
        )
    except OSError:
        # The account is saved either way; the administrator can send the link again from its page.
        saved = "Account created, but we" if created else "We"
        messages.warning(request, f"{saved} could not email {account.email}. Send the link again later")
        return
    done = "Account created" if created else "Link sent"
    messages.success(request, f"{done}. We have emailed {account.email} a link to choose a password")


def _tell_old_address_about_change(old_email: str, account: User) -> None:
    # A changed address could be a step towards taking the account over: the owner should know.
    if not old_email:
        return
    context = {"account": account, "old_email": old_email}
    send_mail(
        subject="The email address for your Continuum account has changed",
        message=render_to_string("access/users/email_changed_email.txt", context),
        from_email=None,
        recipient_list=[old_email],
        fail_silently=True,
    )


# Audit trail


@dataclass(frozen=True)
class AuditRow:
    entry: AuditEntry
    action: str
    record: str

    @classmethod
    def of(cls, entry: AuditEntry) -> AuditRow:
        return cls(entry, action_label(entry.action), _record_label(entry))


def _record_label(entry: AuditEntry) -> str:
    """'Person 1042', 'User 7', or 'Referral 12, about person 1042' when the record is about someone."""
    record = f"{entry.object_type.rpartition('.')[2]} {entry.object_id}".strip()
    person = f"Person {entry.person_id}" if entry.person_id is not None else ""
    if not record or record == person:
        return person
    return f"{record}, about {person.lower()}" if person else record


@require(Permission.SEARCH_AUDIT)
@require_GET
def audit_search(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET)
    entries = form.filter(AuditEntry.objects.all()) if form.is_valid() else AuditEntry.objects.none()
    pages = paginate(entries, ENTRIES_PER_PAGE, request.GET.get("page"))
    rows = [AuditRow.of(entry) for entry in pages["page"]]
    return render(request, "access/audit/search.html", {"form": form, "rows": rows, **pages})


@require(Permission.SEARCH_AUDIT)
@require_GET
def audit_csv(request: HttpRequest) -> HttpResponseBase:
    form = AuditFilterForm(request.GET)
    if not form.is_valid():
        return redirect(f"{reverse('access:audit')}?{request.GET.urlencode()}")
    # Fix the rows before the export is itself recorded, so the file and its entry agree.
    newest = AuditEntry.objects.aggregate(newest=Max("id"))["newest"] or 0
    entries = form.filter(AuditEntry.objects.filter(id__lte=newest))
    details = {"export": "audit trail", "filters": form.applied(), "rows": entries.count()}
    audit.record(Actor.from_request(request, Channel.EXPORT), Action.EXPORT, details=details)
    response = StreamingHttpResponse(_csv_lines(entries), content_type="text/csv; charset=utf-8")
    filename = f"audit-trail-{timezone.localtime():%Y-%m-%d-%H%M}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


CSV_HEADER = [
    "Entry",
    "When",
    "Username",
    "Action",
    "Record type",
    "Record ID",
    "Person ID",
    "Purpose",
    "Channel",
    "IP address",
    "Path",
    "Details",
]


class _Echo:
    """A file-like object that hands back what is written, so rows stream as they are made."""

    def write(self, value: str) -> str:
        return value


def _csv_lines(entries: QuerySet[AuditEntry]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow(CSV_HEADER)
    for entry in entries.iterator(chunk_size=2000):
        yield writer.writerow(_spreadsheet_safe(_csv_values(entry)))


def _csv_values(entry: AuditEntry) -> list[str]:
    return [
        str(entry.pk),
        timezone.localtime(entry.at).isoformat(),
        entry.username,
        entry.action,
        entry.object_type,
        entry.object_id,
        "" if entry.person_id is None else str(entry.person_id),
        entry.purpose,
        entry.channel,
        entry.ip_address or "",
        entry.path,
        json.dumps(entry.details, sort_keys=True) if entry.details else "",
    ]


def _spreadsheet_safe(values: Iterable[str]) -> list[str]:
    # Purposes are typed by users; a spreadsheet would run "=HYPERLINK(...)" as a formula (CSV injection).
    return [f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value for value in values]
