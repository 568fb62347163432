"""What staff pages share: who is asking, the form data posted, and refusing politely (403, audited).

Whether a user may do something is the access policy's answer (`continuum.access.policy`); these
helpers only ask it and show its reason.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render

from continuum.access import audit, policy
from continuum.access.audit import Action, Actor
from continuum.access.models import User
from continuum.access.policy import Permission
from continuum.access.services import AccessRefused

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
    return render(request, "refused.html", {"title": title, "reason": reason}, status=403)


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
