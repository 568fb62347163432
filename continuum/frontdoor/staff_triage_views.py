"""The contact page's actions: allocate, link or add each child, consent, school, checks, screening.

Each posts, calls one step, and goes back to the contact page with a success banner (PRG). Where
the worker typed something that the step turned down, the action's own small page shows the
form again with the errors; that page can also be opened directly, and its look is audited.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_POST

from continuum.access import policy
from continuum.access.policy import Permission
from continuum.web.guards import actor, posted, requires, user_of

from . import services
from .catalogue import ScreeningView
from .models import Contact, ContactChild
from .staff_common import back_to_contact, contact_or_404, done_or_problem, open_contact
from .staff_forms import (
    AllocateForm,
    AskCheckForm,
    SchoolForm,
    ScreeningForm,
    StaffForm,
    add_service_errors,
)
from .staff_record_forms import AddChildForm, ConsentForm

TITLE = "You cannot work on this contact"


@requires(Permission.WORK_FRONT_DOOR, TITLE)
def allocate(request: HttpRequest, reference: str) -> HttpResponse:
    contact = contact_or_404(reference)
    form = AllocateForm(posted(request), initial={"worker": contact.allocated_to_id})
    if request.method == "POST" and form.is_valid():
        worker = form.cleaned_data["worker"]
        if _step(form, lambda: services.allocate(actor(request), contact, worker)):
            messages.success(request, f"The contact is allocated to {worker.display_name}")
            return back_to_contact(contact)
    return _action_page(request, contact, form, "allocate", "allocating the contact")


@require_POST
@requires(Permission.WORK_FRONT_DOOR, TITLE)
def link_child(request: HttpRequest, reference: str, child_id: int) -> HttpResponse:
    contact = contact_or_404(reference)
    child = _child(contact, child_id)
    person_id = request.POST.get("person", "")
    person = get_object_or_404(
        policy.searchable_people(user_of(request)), pk=int(person_id) if person_id.isdigit() else 0
    )
    return done_or_problem(
        request,
        contact,
        lambda: services.link_child(actor(request), child, person),
        f"{child.name} is linked to the record of {person.full_name}",
        anchor=f"child-{child.pk}",
    )


@require_POST
@requires(Permission.WORK_FRONT_DOOR, TITLE)
def add_to_index(request: HttpRequest, reference: str, child_id: int) -> HttpResponse:
    contact = contact_or_404(reference)
    child = _child(contact, child_id)
    return done_or_problem(
        request,
        contact,
        lambda: services.add_child_to_index(actor(request), child),
        f"A new record has been added for {child.name}",
        anchor=f"child-{child.pk}",
    )


@requires(Permission.WORK_FRONT_DOOR, TITLE)
def school(request: HttpRequest, reference: str, child_id: int) -> HttpResponse:
    contact = contact_or_404(reference)
    child = _child(contact, child_id)
    form = SchoolForm(posted(request), prefix=f"child-{child.pk}", initial={"school": child.school_id})
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["school"]
        if _step(form, lambda: services.set_school(actor(request), child, chosen)):
            messages.success(request, f"{child.name}'s school is recorded as {chosen.name}")
            return back_to_contact(contact, f"child-{child.pk}")
    return _action_page(request, contact, form, "school", "recording a child's school", child=child)


@requires(Permission.WORK_FRONT_DOOR, TITLE)
def consent(request: HttpRequest, reference: str) -> HttpResponse:
    contact = contact_or_404(reference)
    form = ConsentForm(posted(request), initial=_consent_initial(contact))
    if request.method == "POST" and form.is_valid():
        details = form.consent_details()
        if _step(form, lambda: services.record_consent(actor(request), contact, **details)):
            messages.success(request, "Consent has been recorded")
            return back_to_contact(contact, "consent")
    return _action_page(
        request, contact, form, "consent", "recording consent", consent_options=form.radio_options("consent")
    )


@requires(Permission.WORK_FRONT_DOOR, TITLE)
def child_new(request: HttpRequest, reference: str) -> HttpResponse:
    contact = contact_or_404(reference)
    form = AddChildForm(posted(request), initial={"born": "born"})
    if request.method == "POST" and form.is_valid():
        details = form.child_details()
        added: list[ContactChild] = []
        if _step(form, lambda: added.append(services.add_child(actor(request), contact, **details))):
            messages.success(request, f"{added[0].name} has been added to the contact")
            return back_to_contact(contact, f"child-{added[0].pk}")
    return _action_page(
        request,
        contact,
        form,
        "child_new",
        "adding a child to the contact",
        born_options=form.radio_options("born"),
    )


@requires(Permission.WORK_FRONT_DOOR, TITLE)
def check_new(request: HttpRequest, reference: str) -> HttpResponse:
    contact = contact_or_404(reference)
    form = AskCheckForm(posted(request))
    if request.method == "POST" and form.is_valid():
        agency, question = form.cleaned_data["agency"], form.cleaned_data["question"]
        if _step(form, lambda: services.ask_partner_check(actor(request), contact, agency, question)):
            messages.success(request, f"{agency.name} has been asked. Their answer will show on this page")
            return back_to_contact(contact, "checks")
    return _action_page(request, contact, form, "check_new", "asking a partner agency")


@requires(Permission.WORK_FRONT_DOOR, TITLE)
def screening(request: HttpRequest, reference: str) -> HttpResponse:
    contact = contact_or_404(reference)
    form = ScreeningForm(posted(request))
    view = ScreeningView(services.screening_view_for(user_of(request)))
    if request.method == "POST" and form.is_valid():
        notes = form.cleaned_data["notes"]
        if _step(form, lambda: services.record_screening(actor(request), contact, notes)):
            messages.success(request, f"The {view.label.lower()} screening has been recorded")
            return back_to_contact(contact, "screening")
    return _action_page(
        request,
        contact,
        form,
        "screening",
        "screening a domestic abuse notification",
        view=view.label.lower(),
    )


def _step(form: StaffForm, step: Any) -> bool:
    """Run a step; if it turns the request down, put its reasons on the form and say so."""
    try:
        step()
    except ValidationError as error:
        add_service_errors(form, error)
        return False
    return True


def _action_page(
    request: HttpRequest, contact: Contact, form: StaffForm, name: str, purpose: str, **extra: Any
) -> HttpResponse:
    # Shown again after a refused post too: the page names the contact, so the look is checked and audited.
    open_contact(request, contact, purpose)
    context = {"contact": contact, "form": form, **extra}
    return render(request, f"frontdoor/staff/{name}.html", context)


def _child(contact: Contact, child_id: int) -> ContactChild:
    return get_object_or_404(contact.children.select_related("person"), pk=child_id)


def _consent_initial(contact: Contact) -> dict[str, str]:
    return {
        "consent": contact.consent,
        "consent_given_by": contact.consent_given_by,
        "consent_covers": contact.consent_covers,
        "consent_not_obtained_reason": contact.consent_not_obtained_reason,
        "consent_not_needed_reason": contact.consent_not_needed_reason,
    }
