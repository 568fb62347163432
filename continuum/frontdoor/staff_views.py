"""The front-door team's pages: the queue, and recording a contact that came by phone or e-mail.

Thin on purpose: each view parses, calls a step in `services` (or a query in `queue`) and
renders. The contact page, decisions and partner checks have their own modules.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from continuum.access import audit
from continuum.access.audit import Action
from continuum.access.policy import Permission
from continuum.web.guards import actor, posted, requires, user_of
from continuum.web.pagination import paginate

from . import clocks, queue, services
from .clocks import Clock
from .models import Contact
from .staff_forms import (
    QueueFilterForm,
    add_service_errors,
    level_hints,
    levels_queryset,
)
from .staff_record_forms import RecordContactForm

QUEUE_PAGE_SIZE = 25


@dataclass(frozen=True)
class QueueRow:
    contact: Contact
    clock: Clock | None


@dataclass(frozen=True)
class SortHeader:
    """A sortable column heading: its aria-sort state and the ?sort= its link asks for next."""

    label: str
    aria_sort: str
    next_sort: str


@requires(Permission.WORK_FRONT_DOOR, "You cannot see the front door queue")
def queue_page(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    form = QueueFilterForm(request.GET or None, workers=queue.front_door_workers())
    filters = form.filters()
    pages = paginate(queue.contacts_in_queue(user, filters), QUEUE_PAGE_SIZE, request.GET.get("page"))
    now = timezone.now()
    rows = [QueueRow(contact, _clock(contact.due_at, now)) for contact in pages["page"]]
    audit.record(
        actor(request),
        Action.VIEW,
        purpose="opened the front door queue",
        details={"filters": _filter_terms(filters), "page": pages["page"].number},
    )
    context = {
        **pages,
        "form": form,
        "rows": rows,
        "is_filtered": filters != queue.QueueFilters(sort=filters.sort),
        "due_header": _sort_header("Decision due", "due", filters.sort, first="due"),
        "received_header": _sort_header("Received", "received", filters.sort, first="-received"),
    }
    return render(request, "frontdoor/staff/queue.html", context)


@requires(Permission.WORK_FRONT_DOOR, "You cannot record contacts")
def contact_new(request: HttpRequest) -> HttpResponse:
    form = RecordContactForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            contact = services.record_contact(actor(request), **form.contact_details())
        except ValidationError as error:
            add_service_errors(form, error, aliases={"received_at": "received_on", "children": "given_name"})
        else:
            assert contact.due_at is not None
            day = clocks.due_day(contact.due_at)
            messages.success(
                request,
                f"Contact {contact.reference} has been recorded. "
                f"The decision is due by the end of {day:%A} {day.day} {day:%B}.",
            )
            return redirect("frontdoor:contact", reference=contact.reference)
    context = {
        "form": form,
        "born_options": form.radio_options("born"),
        "level_options": form.radio_options("referrer_level", level_hints(levels_queryset())),
        "consent_options": form.radio_options("consent"),
    }
    return render(request, "frontdoor/staff/contact_new.html", context)


def _clock(due_at: datetime | None, now: datetime) -> Clock | None:
    return clocks.clock(due_at, now) if due_at else None


def _sort_header(label: str, key: str, current: str, *, first: str) -> SortHeader:
    if current == key:
        return SortHeader(label, "ascending", f"-{key}")
    if current == f"-{key}":
        return SortHeader(label, "descending", key)
    return SortHeader(label, "none", first)


def _filter_terms(filters: queue.QueueFilters) -> dict[str, str]:
    terms = {
        "overdue_only": "yes" if filters.overdue_only else "",
        "agency_type": filters.agency_type,
        "referral_source": filters.referral_source,
        "level": str(filters.level or ""),
        "allocated_to": filters.allocated_to if filters.allocated_to != queue.ANYONE else "",
        "sort": filters.sort,
    }
    return {name: value for name, value in terms.items() if value}
