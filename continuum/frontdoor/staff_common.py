"""What the front-door team's views share: who is asking, finding a contact, refusing politely."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render

from continuum.access import audit, policy
from continuum.access.audit import Action, Actor
from continuum.access.models import User
from continuum.access.policy import Permission
from continuum.access.services import AccessRefused

from . import services
from .models import Contact

View = Callable[..., HttpResponse]


def user_of(request: HttpRequest) -> User:
    # The sign-in middleware has already turned away anyone not signed in.
    user = request.user
    assert isinstance(user, User)
    return user


def actor(request: HttpRequest) -> Actor:
    return Actor.from_request(request)


def posted(request: HttpRequest) -> QueryDict | None:
    """What was submitted, to bind a form; None for a GET. A POST with nothing chosen is still a POST."""
    return request.POST if request.method == "POST" else None


def refused(request: HttpRequest, reason: str, title: str = "You cannot open this page") -> HttpResponse:
    return render(request, "frontdoor/staff/refused.html", {"title": title, "reason": reason}, status=403)


def requires(permission: Permission, title: str) -> Callable[[View], View]:
    """Refuse (403, audited) anyone whose role does not give `permission`; turn AccessRefused into 403."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            allowed = policy.can(user_of(request), permission)
            if not allowed:
                audit.record(actor(request), Action.ACCESS_REFUSED, purpose=f"{title}: {allowed.reason}")
                return refused(request, allowed.reason, title)
            try:
                return view(request, *args, **kwargs)
            except AccessRefused as refusal:
                return refused(request, refusal.reason, title)

        return wrapped

    return decorator


def contact_or_404(reference: str) -> Contact:
    return get_object_or_404(
        Contact.objects.received().select_related(
            "referrer_agency", "referrer_level", "allocated_to", "submitted_by", "recorded_by"
        ),
        reference=reference,
    )


def open_contact(request: HttpRequest, contact: Contact, purpose: str) -> None:
    """Audit a look at the contact (raises AccessRefused, audited, if the user may not)."""
    services.open_contact(actor(request), contact, purpose)


def back_to_contact(contact: Contact, anchor: str = "") -> HttpResponse:
    response = redirect("frontdoor:contact", reference=contact.reference)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


def done_or_problem(
    request: HttpRequest, contact: Contact, step: Callable[[], object], success: str, anchor: str = ""
) -> HttpResponse:
    """Run a one-button step; on a problem the contact page says what it was instead of the success."""
    try:
        step()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    return back_to_contact(contact, anchor)
