"""Ofsted's Annex A: the lists of children an inspection of children's services asks for.

An ILACS inspection asks for child-level lists over the six months before a date: 1 contacts,
2 early help, 3 referrals, 4 assessments, 5 section 47 enquiries and initial conferences,
6 children in need, 7 child protection, 8 children in care, 9 care leavers. Lists 10 and 11
(adoption and adopters, over 12 months) need adoption records, which Continuum does not hold
yet, so they are not written.

Each list is one function that returns a header and rows. Every list starts with the same five
columns about the child, and writes codes the way the Annex A template does ("a) Male",
"a) Yes"). The lists say what the records said at the end of the date: anything dated after it
is left out, and something that ended after it is shown as still open then, so the same date
gives the same lists later. The choices are explained in docs/returns.md, "Ofsted Annex A".

The package: common.py holds what every list shares (the six months, the five columns about the
child, the codes, the queries), lists.py has lists 1 to 7 and 9, care.py list 8 (children in
care) and workbook.py writes the Excel workbook.
"""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone

from .care import children_in_care
from .common import (
    ALLOCATED,
    CHILD_COLUMNS,
    COUNTED_MONTHS,
    DISABILITY,
    MONTHS,
    AnnexList,
    Cell,
    Window,
    age_on,
)
from .lists import (
    assessments,
    care_leavers,
    child_protection,
    children_in_need,
    contacts,
    early_help,
    referrals,
    section_47_enquiries,
)
from .workbook import LISTS_NOT_WRITTEN, NOTES, workbook

LISTS = (
    contacts,
    early_help,
    referrals,
    assessments,
    section_47_enquiries,
    children_in_need,
    child_protection,
    children_in_care,
    care_leavers,
)


def annex_a_lists(window: Window) -> list[AnnexList]:
    return [make(window) for make in LISTS]


def render(on: date, *, made_at: datetime | None = None) -> tuple[bytes, list[int]]:
    """The workbook for `on`, and the people in it (their ids, each once, for the audit)."""
    window = Window(on)
    lists = annex_a_lists(window)
    content = workbook(window, lists, made_at or timezone.now())
    return content, list(dict.fromkeys(person for each in lists for person in each.people))


__all__ = [
    "ALLOCATED",
    "CHILD_COLUMNS",
    "COUNTED_MONTHS",
    "DISABILITY",
    "LISTS",
    "LISTS_NOT_WRITTEN",
    "MONTHS",
    "NOTES",
    "AnnexList",
    "Cell",
    "Window",
    "age_on",
    "annex_a_lists",
    "assessments",
    "care_leavers",
    "child_protection",
    "children_in_care",
    "children_in_need",
    "contacts",
    "early_help",
    "referrals",
    "render",
    "section_47_enquiries",
    "workbook",
]
