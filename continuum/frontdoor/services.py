"""The front door's steps, by name: what pages, the API and commands call.

Each step checks the access policy, validates, writes in one transaction and appends audit
entries (one per linked child, so each child's access log shows the contact's handling).
Audit details name what was done and which fields changed, never the words written.
The steps live in modules along the contact's path; this module names them in one place.
"""

from .decisions import decide, decision_problems, levels_in_force, needs_sign_off, sign_off, tell_referrer
from .intake import receive_from_agency, record_contact
from .marf import (
    remove_child,
    remove_household_member,
    save_child,
    save_draft,
    save_household_member,
    start_referral,
    submit_referral,
)
from .steps import submission_problems
from .triage import (
    add_child,
    add_child_to_index,
    allocate,
    answer_partner_check,
    ask_partner_check,
    link_child,
    open_check,
    open_contact,
    record_consent,
    record_screening,
    screening_view_for,
    set_school,
)

__all__ = [
    "add_child",
    "add_child_to_index",
    "allocate",
    "answer_partner_check",
    "ask_partner_check",
    "decide",
    "decision_problems",
    "levels_in_force",
    "link_child",
    "needs_sign_off",
    "open_check",
    "open_contact",
    "receive_from_agency",
    "record_consent",
    "record_contact",
    "record_screening",
    "remove_child",
    "remove_household_member",
    "save_child",
    "save_draft",
    "save_household_member",
    "screening_view_for",
    "set_school",
    "sign_off",
    "start_referral",
    "submission_problems",
    "submit_referral",
    "tell_referrer",
]
