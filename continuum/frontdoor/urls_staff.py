"""The front-door team's pages: the queue, contacts, decisions, sign-off and partner checks."""

from django.urls import URLPattern, path

from . import staff_check_views, staff_contact_views, staff_decision_views, staff_triage_views, staff_views

CONTACT = "front-door/contacts/<str:reference>/"
CHILD = CONTACT + "children/<int:child_id>/"

urlpatterns: list[URLPattern] = [
    path("front-door/", staff_views.queue_page, name="queue"),
    path("front-door/contacts/new/", staff_views.contact_new, name="contact-new"),
    path(CONTACT, staff_contact_views.contact_page, name="contact"),
    path(CONTACT + "allocate/", staff_triage_views.allocate, name="allocate"),
    path(CONTACT + "consent/", staff_triage_views.consent, name="consent"),
    path(CONTACT + "children/new/", staff_triage_views.child_new, name="child-new"),
    path(CONTACT + "checks/new/", staff_triage_views.check_new, name="check-new"),
    path(CONTACT + "screening/", staff_triage_views.screening, name="screening"),
    path(CHILD + "link/", staff_triage_views.link_child, name="link-child"),
    path(CHILD + "new-person/", staff_triage_views.add_to_index, name="add-to-index"),
    path(CHILD + "school/", staff_triage_views.school, name="school"),
    path(CHILD + "decision/", staff_decision_views.decision_page, name="decision"),
    path("front-door/sign-off/", staff_decision_views.sign_off_list, name="sign-off"),
    path(
        "front-door/sign-off/<int:decision_id>/",
        staff_decision_views.sign_off_decision,
        name="sign-off-decision",
    ),
    path("front-door/checks/", staff_check_views.checks_inbox, name="checks"),
    path("front-door/checks/<int:check_id>/", staff_check_views.check_page, name="check"),
]
