"""What the front-door team's views share: who is asking, finding a contact, refusing politely."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect

from continuum.web.guards import actor

from . import services
from .models import Contact


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
