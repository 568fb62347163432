"""Partner checks: what a partner agency sees of the front door's questions, and how it answers.

An agency sees the question, the children's names and dates of birth and the household's names,
so that it can search its own records. It never sees the referral's narrative.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from continuum.access import audit
from continuum.access.audit import Action
from continuum.access.policy import Permission
from continuum.web.guards import actor, posted, requires, user_of
from continuum.web.pagination import paginate

from . import clocks, queue, services
from .clocks import Clock
from .models import PartnerCheck
from .staff_forms import AnswerCheckForm, add_service_errors

CHECKS_PAGE_SIZE = 25
TITLE = "You cannot answer partner checks"


@dataclass(frozen=True)
class CheckRow:
    check: PartnerCheck
    clock: Clock


@requires(Permission.ANSWER_PARTNER_CHECK, TITLE)
def checks_inbox(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    pages = paginate(queue.checks_to_answer(user), CHECKS_PAGE_SIZE, request.GET.get("page"))
    now = timezone.now()
    rows = [
        CheckRow(check, clocks.clock(check.due_at, now, finished_at=check.answered_at))
        for check in pages["page"]
    ]
    audit.record(actor(request), Action.VIEW, purpose="opened the partner checks for their agency")
    return render(request, "frontdoor/staff/checks.html", {**pages, "rows": rows, "agency": user.agency})


@requires(Permission.ANSWER_PARTNER_CHECK, TITLE)
def check_page(request: HttpRequest, check_id: int) -> HttpResponse:
    check = get_object_or_404(
        PartnerCheck.objects.select_related("contact", "agency", "asked_by"), pk=check_id
    )
    # Every look is checked and audited, including a post that comes back with an error.
    services.open_check(actor(request), check)
    form = AnswerCheckForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_partner_check(actor(request), check, form.cleaned_data["answer"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, f"Your answer about {check.contact.reference} has been sent to the front door"
            )
            return redirect("frontdoor:checks")
    contact = check.contact
    context = {
        "check": check,
        "form": form,
        "clock": clocks.clock(check.due_at, finished_at=check.answered_at),
        "children": list(contact.children.order_by("pk")),
        "household": list(contact.household.order_by("pk")),
    }
    return render(request, "frontdoor/staff/check.html", context)
