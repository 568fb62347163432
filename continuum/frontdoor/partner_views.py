"""The front door's pages for partners: the MARF online, "My referrals" and the Operation Encompass inbox.

Thin on purpose: each view parses the request, calls `marf` (which checks the access policy and
audits) and renders. A referral is named in addresses by its public id, never its row number.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import wraps
from typing import Any, Concatenate, ParamSpec
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from continuum.access import policy
from continuum.access.audit import Actor
from continuum.access.models import User
from continuum.access.policy import Permission
from continuum.access.services import AccessRefused
from continuum.web.pagination import paginate

from . import marf, services
from .catalogue import Status
from .models import Contact
from .partner_forms import QUESTION_FORMS, ChildForm, DraftForm, HouseholdMemberForm

REFERRALS_PER_PAGE = 20
NOTICES_PER_PAGE = 25
TEMPLATES = "frontdoor/partner"

# GOV.UK tag colours for a referral's status, as the referrer sees it.
STATUS_COLOURS: dict[str, str] = {
    Status.DRAFT: "grey",
    Status.AWAITING_TRIAGE: "blue",
    Status.IN_PROGRESS: "light-blue",
    Status.AWAITING_SIGN_OFF: "yellow",
    Status.DECIDED: "green",
}

P = ParamSpec("P")


class _AlreadySent(Exception):
    """A draft's page was asked for after the referral was sent: show the referral instead."""

    def __init__(self, contact: Contact) -> None:
        super().__init__(contact.public_id)
        self.contact = contact


def partner_page(
    view: Callable[Concatenate[HttpRequest, P], HttpResponse],
) -> Callable[Concatenate[HttpRequest, P], HttpResponse]:
    """Someone else's referral gets a 403 page that says why; an unknown one, a 404."""

    @wraps(view)
    def page(request: HttpRequest, /, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except AccessRefused as refused:
            return _refused(request, refused.reason, title="You cannot open this referral")
        except Contact.DoesNotExist:
            raise Http404("No such referral") from None
        except _AlreadySent as sent:
            return redirect("frontdoor:referral", sent.contact.public_id)

    return page


# --- Starting, and the question pages -----------------------------------------------------------


def referral_start(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    allowed = policy.can(user, Permission.SUBMIT_REFERRAL)
    if not allowed:
        return _refused(request, allowed.reason, title="You cannot make referrals")
    if request.method == "POST":
        contact = services.start_referral(Actor.from_request(request))
        return redirect("frontdoor:referral-about-you", contact.public_id)
    drafts = policy.contacts_submitted_by(user).filter(status=Status.DRAFT).count()
    return render(request, f"{TEMPLATES}/start.html", {"drafts": drafts})


@partner_page
def question(request: HttpRequest, public_id: UUID, section: str) -> HttpResponse:
    """One page of questions: every well-formed answer is saved, whichever button is pressed."""
    actor = Actor.from_request(request)
    contact = _draft(actor, public_id)
    form_class = QUESTION_FORMS[section]
    form = form_class(request.POST if request.method == "POST" else None, contact=contact)
    if request.method == "POST":
        form.is_valid()
        services.save_draft(actor, contact, **form.draft_fields())
        later = "later" in request.POST
        problems = {} if later else marf.section_problems(contact, section)
        if problems:
            form = form_class(request.POST, contact=contact, problems=problems)
        if form.is_valid():
            return _after_saving(request, contact, section, later=later)
    return _render_question(request, contact, section, form)


def _render_question(request: HttpRequest, contact: Contact, section: str, form: DraftForm) -> HttpResponse:
    context: dict[str, Any] = {
        "contact": contact,
        "form": form,
        "section": marf.section(section),
        "back_url": _back_url(request, contact, section),
    }
    if section == "level":
        context["levels"] = services.levels_in_force()
    return render(request, f"{TEMPLATES}/{section.replace('-', '_')}.html", context)


# --- Children and household members -------------------------------------------------------------


@partner_page
def children(request: HttpRequest, public_id: UUID) -> HttpResponse:
    contact = _draft(Actor.from_request(request), public_id)
    listed = list(contact.children.select_related("school"))
    if not listed:
        return redirect(_with_next(request, reverse("frontdoor:referral-child-add", args=[public_id])))
    context = {
        "contact": contact,
        "children": listed,
        "section": marf.section("children"),
        "back_url": _back_url(request, contact, "children"),
        "continue_url": _next_url(request, contact, "children"),
        "next": _next_param(request),
    }
    return render(request, f"{TEMPLATES}/children.html", context)


@partner_page
def child(request: HttpRequest, public_id: UUID, child_id: int | None = None) -> HttpResponse:
    actor = Actor.from_request(request)
    contact = _draft(actor, public_id)
    existing = get_object_or_404(contact.children.all(), pk=child_id) if child_id else None
    form = ChildForm(request.POST if request.method == "POST" else None, child=existing)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_child(actor, contact, existing, **form.child_fields())
        except ValidationError as error:
            form.add_step_errors(error)
        else:
            messages.success(request, f"{saved.name} {'has been changed' if existing else 'has been added'}")
            return redirect(_with_next(request, reverse("frontdoor:referral-children", args=[public_id])))
    children_url = reverse("frontdoor:referral-children", args=[public_id])
    context = {
        "contact": contact,
        "form": form,
        "child": existing,
        "back_url": _with_next(request, children_url)
        if contact.children.exists()
        else _back_url(request, contact, "children"),
    }
    return render(request, f"{TEMPLATES}/child_form.html", context)


@partner_page
def child_remove(request: HttpRequest, public_id: UUID, child_id: int) -> HttpResponse:
    actor = Actor.from_request(request)
    contact = _draft(actor, public_id)
    named = get_object_or_404(contact.children.all(), pk=child_id)
    children_url = _with_next(request, reverse("frontdoor:referral-children", args=[public_id]))
    if request.method == "POST":
        services.remove_child(actor, named)
        messages.success(request, f"{named.name} has been removed from the referral")
        return redirect(children_url)
    context = {"contact": contact, "thing": named.name, "back_url": children_url, "kind": "child"}
    return render(request, f"{TEMPLATES}/remove.html", context)


@partner_page
def household(request: HttpRequest, public_id: UUID) -> HttpResponse:
    contact = _draft(Actor.from_request(request), public_id)
    context = {
        "contact": contact,
        "members": list(contact.household.all()),
        "section": marf.section("household"),
        "back_url": _back_url(request, contact, "household"),
        "continue_url": _next_url(request, contact, "household"),
        "next": _next_param(request),
    }
    return render(request, f"{TEMPLATES}/household.html", context)


@partner_page
def member(request: HttpRequest, public_id: UUID, member_id: int | None = None) -> HttpResponse:
    actor = Actor.from_request(request)
    contact = _draft(actor, public_id)
    existing = get_object_or_404(contact.household.all(), pk=member_id) if member_id else None
    form = HouseholdMemberForm(request.POST if request.method == "POST" else None, member=existing)
    household_url = _with_next(request, reverse("frontdoor:referral-household", args=[public_id]))
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_household_member(actor, contact, existing, **form.member_fields())
        except ValidationError as error:
            form.add_step_errors(error)
        else:
            messages.success(request, f"{saved.name} {'has been changed' if existing else 'has been added'}")
            return redirect(household_url)
    context = {"contact": contact, "form": form, "member": existing, "back_url": household_url}
    return render(request, f"{TEMPLATES}/member_form.html", context)


@partner_page
def member_remove(request: HttpRequest, public_id: UUID, member_id: int) -> HttpResponse:
    actor = Actor.from_request(request)
    contact = _draft(actor, public_id)
    named = get_object_or_404(contact.household.all(), pk=member_id)
    household_url = _with_next(request, reverse("frontdoor:referral-household", args=[public_id]))
    if request.method == "POST":
        services.remove_household_member(actor, named)
        messages.success(request, f"{named.name} has been removed from the referral")
        return redirect(household_url)
    context = {"contact": contact, "thing": named.name, "back_url": household_url, "kind": "person"}
    return render(request, f"{TEMPLATES}/remove.html", context)


# --- Checking, sending, and deleting a draft ----------------------------------------------------


@dataclass(frozen=True)
class ProblemLink:
    message: str
    url: str


@partner_page
def check(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """Check your answers; sending is a POST here. Anything missing is listed with a link to fix it."""
    actor = Actor.from_request(request)
    contact = _draft(actor, public_id)
    if request.method == "POST":
        try:
            services.submit_referral(actor, contact)
        except ValidationError:
            pass  # the problems are listed below, as on the page before
        else:
            return redirect("frontdoor:referral-sent", contact.public_id)
    context = {
        "contact": contact,
        "children": list(contact.children.select_related("school")),
        "members": list(contact.household.all()),
        "problems": [_problem_link(contact, problem) for problem in marf.problems_by_section(contact)],
        "phone_call_at": timezone.localtime(contact.phone_call_at) if contact.phone_call_at else None,
    }
    return render(request, f"{TEMPLATES}/check.html", context)


@partner_page
def sent(request: HttpRequest, public_id: UUID) -> HttpResponse:
    contact = marf.find_referral(Actor.from_request(request), public_id)
    if contact.status == Status.DRAFT:
        return redirect("frontdoor:referral-check", contact.public_id)
    return render(request, f"{TEMPLATES}/sent.html", {"contact": contact, "due_day": _due_day(contact)})


@partner_page
def discard(request: HttpRequest, public_id: UUID) -> HttpResponse:
    actor = Actor.from_request(request)
    contact = _draft(actor, public_id)
    if request.method == "POST":
        marf.discard_draft(actor, contact)
        messages.success(request, "Your draft referral has been deleted")
        return redirect("frontdoor:my-referrals")
    context = {
        "contact": contact,
        "thing": "this draft referral",
        "back_url": reverse("frontdoor:my-referrals"),
        "kind": "draft",
    }
    return render(request, f"{TEMPLATES}/remove.html", context)


# --- My referrals -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReferralRow:
    contact: Contact
    colour: str
    outcomes: list[marf.ChildOutcome]


def my_referrals(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    allowed = policy.can(user, Permission.SUBMIT_REFERRAL)
    if not allowed:
        return _refused(request, allowed.reason, title="You cannot make referrals")
    pages = paginate(marf.my_referrals(user), REFERRALS_PER_PAGE, request.GET.get("page"))
    rows = [_row(contact) for contact in pages["page"]]
    return render(request, f"{TEMPLATES}/my_referrals.html", {**pages, "rows": rows})


@partner_page
def referral(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """A referral the user sent: its status and each child's outcome (the read is audited)."""
    actor = Actor.from_request(request)
    contact = marf.find_referral(actor, public_id)
    if contact.status == Status.DRAFT:
        return redirect("frontdoor:referral-check", contact.public_id)
    marf.open_referral(actor, contact)
    return render(request, f"{TEMPLATES}/referral.html", {"row": _row(contact), "due_day": _due_day(contact)})


# --- Operation Encompass ------------------------------------------------------------------------


def encompass(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    allowed = policy.can(user, Permission.ANSWER_PARTNER_CHECK)
    if not allowed:
        return _refused(request, allowed.reason, title="You cannot see Operation Encompass notices")
    notices = policy.encompass_notices_for(user).select_related("child").order_by("-incident_at", "-pk")
    pages = paginate(notices, NOTICES_PER_PAGE, request.GET.get("page"))
    marf.read_encompass_notices(Actor.from_request(request), pages["page"])
    return render(request, f"{TEMPLATES}/encompass.html", {**pages, "school": user.agency})


# --- Helpers ------------------------------------------------------------------------------------


def _user(request: HttpRequest) -> User:
    # The sign-in middleware has already turned away anyone not signed in.
    user = request.user
    assert isinstance(user, User)
    return user


def _draft(actor: Actor, public_id: UUID) -> Contact:
    contact = marf.find_referral(actor, public_id)
    if contact.status != Status.DRAFT:
        raise _AlreadySent(contact)
    return contact


def _refused(request: HttpRequest, reason: str, *, title: str) -> HttpResponse:
    return render(request, f"{TEMPLATES}/refused.html", {"title": title, "reason": reason}, status=403)


def _row(contact: Contact) -> ReferralRow:
    return ReferralRow(
        contact, STATUS_COLOURS.get(contact.status, "grey"), marf.outcomes_for_referrer(contact)
    )


def _due_day(contact: Contact) -> date | None:
    # A decision is due by the end of a day: `due_at` is the midnight that ends it.
    if contact.due_at is None:
        return None
    return timezone.localtime(contact.due_at - timedelta(microseconds=1)).date()


def _section_url(contact: Contact, slug: str) -> str:
    return reverse(f"frontdoor:referral-{slug}", args=[contact.public_id])


def _next_param(request: HttpRequest) -> str:
    """ "check" when the referrer came from checking their answers (and goes back there)."""
    return "check" if request.GET.get("next") == "check" else ""


def _with_next(request: HttpRequest, url: str) -> str:
    return f"{url}?next=check" if _next_param(request) else url


def _next_url(request: HttpRequest, contact: Contact, slug: str) -> str:
    following = marf.section_after(slug)
    if _next_param(request) or following is None:
        return reverse("frontdoor:referral-check", args=[contact.public_id])
    return _section_url(contact, following.slug)


def _back_url(request: HttpRequest, contact: Contact, slug: str) -> str:
    if _next_param(request):
        return reverse("frontdoor:referral-check", args=[contact.public_id])
    slugs = [part.slug for part in marf.SECTIONS]
    index = slugs.index(slug)
    return _section_url(contact, slugs[index - 1]) if index else reverse("frontdoor:my-referrals")


def _after_saving(request: HttpRequest, contact: Contact, slug: str, *, later: bool) -> HttpResponse:
    if later:
        messages.success(request, "Your draft has been saved. You can continue it from My referrals")
        return redirect("frontdoor:my-referrals")
    return redirect(_next_url(request, contact, slug))


def _problem_link(contact: Contact, problem: marf.Problem) -> ProblemLink:
    if problem.section is None:
        return ProblemLink(problem.message, "")
    url = f"{_section_url(contact, problem.section.slug)}?next=check"
    form_class = QUESTION_FORMS.get(problem.section.slug)
    anchor = form_class(contact=contact).anchor_for(problem.field) if form_class else ""
    return ProblemLink(problem.message, f"{url}#{anchor}" if anchor else url)
