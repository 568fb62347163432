"""Ofsted's Annex A: which records each list holds over the six months, and the workbook written.

Small cases built by hand (the insight tests' builders), each found in a list by its child; then
the generated small partnership, list by list against each list's definition.
"""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Q
from openpyxl import load_workbook

from continuum.access.audit import Actor, Channel
from continuum.access.models import Agency, AuditEntry, Team, User
from continuum.access.roles import AgencyType
from continuum.earlyhelp.models import EarlyHelpAssessment, EarlyHelpEpisode
from continuum.frontdoor.models import ContactChild
from continuum.people.models import Allocation, Person, Service
from continuum.returns import annex_a, services
from continuum.returns.annex_a import CHILD_COLUMNS, AnnexList, Window
from continuum.socialcare.catalogue import ConferenceKind, Section47Outcome, VisitKind
from continuum.socialcare.models import (
    Assessment,
    CareEpisode,
    CareLeaver,
    ChildProtectionPlan,
    LookedAfterReview,
    Referral,
    Section47Enquiry,
    Visit,
)
from continuum.synthetic.generator import Summary
from tests.insight import builders
from tests.insight.builders import at

pytestmark = pytest.mark.django_db

ON = date(2026, 3, 31)  # the six months run from 30 September 2025
SHEETS = [
    "About",
    "List 1 Contacts",
    "List 2 Early help",
    "List 3 Referrals",
    "List 4 Assessments",
    "List 5 Section 47 and ICPCs",
    "List 6 Children in need",
    "List 7 Child protection",
    "List 8 Children in care",
    "List 9 Care leavers",
]


def _child(**details: Any) -> Person:
    child = builders.child()
    for name, value in {"sex": "F", "ethnicity": "WBRI", "disabilities": ["NONE"], **details}.items():
        setattr(child, name, value)
    child.save()
    return child


def _lists(on: date = ON) -> dict[int, AnnexList]:
    return {each.number: each for each in annex_a.annex_a_lists(Window(on))}


def _rows(annex_list: AnnexList, person: Person) -> list[dict[str, Any]]:
    """The list's rows about one child, each as {column: value}."""
    return [
        dict(zip(annex_list.header, row, strict=True))
        for row, about in zip(annex_list.rows, annex_list.people, strict=True)
        if about == person.pk
    ]


def _visit(person: Person, on: date, kind: str, *, alone: bool = False) -> Visit:
    return Visit.objects.create(
        person=person,
        kind=kind,
        visited_on=on,
        child_seen=True,
        seen_alone=alone,
        created_by=builders.worker(),
    )


# --- The six months ---------------------------------------------------------------------------------


def test_a_contact_exactly_six_months_before_the_date_is_listed_and_one_a_day_earlier_is_not():
    child = _child()
    builders.contact(at(2025, 9, 29, 16), person=child)
    builders.contact(at(2025, 9, 30, 9), person=child)
    builders.contact(at(2026, 3, 31, 23, 30), person=child)  # late on the date, in British Summer Time
    builders.contact(at(2026, 4, 1, 0, 30), person=child)  # still 31 March in UTC, but 1 April in England

    rows = _rows(annex_a.contacts(Window(ON)), child)

    assert [row["Date of Contact"] for row in rows] == [date(2025, 9, 30), date(2026, 3, 31)]
    assert rows[0]["Contact Source"] == "2A: Schools"


def test_six_months_before_the_last_day_of_a_long_month_is_the_last_day_of_a_short_one():
    assert Window(date(2026, 8, 31)).start == date(2026, 2, 28)
    assert Window(ON).start == date(2025, 9, 30)
    assert Window(ON).year.start == date(2025, 3, 31)


def test_a_draft_contact_and_a_child_not_yet_linked_to_a_record_are_not_listed():
    linked, draft_only = _child(), _child()
    builders.contact(None, person=draft_only)
    contact = builders.contact(at(2025, 12, 1), person=linked)
    ContactChild.objects.create(contact=contact, given_name="Not yet matched")

    listed = annex_a.contacts(Window(ON))

    assert listed.people == [linked.pk]


# --- The lists --------------------------------------------------------------------------------------


def test_a_child_referred_and_assessed_in_the_six_months_is_in_lists_3_and_4_with_their_worker():
    child = _child()
    builders.referral(child, date(2025, 6, 2), closed=date(2025, 6, 20), no_further_action=True)
    referral = builders.referral(child, date(2025, 11, 3))
    builders.assessment(referral, date(2025, 11, 4), date(2025, 12, 10))
    # Tom, a social worker in Assessment Team 1, holds the case; his early help colleague's has ended.
    team = Team.objects.create(
        name="Assessment Team 1",
        agency=Agency.objects.create(
            name="Northbridge Council", agency_type=AgencyType.CHILDRENS_SOCIAL_CARE
        ),
    )
    tom = User.objects.create(username="tom.annex", first_name="Tom", last_name="Okafor")
    Allocation.objects.create(person=child, worker=tom, team=team, started=date(2025, 11, 4))
    Allocation.objects.create(
        person=child, team=team, service=Service.EARLY_HELP, started=date(2025, 6, 1), ended=date(2025, 6, 2)
    )

    lists = _lists()
    referred, assessed = _rows(lists[3], child), _rows(lists[4], child)

    assert [row["Date of Referral"] for row in referred] == [date(2025, 11, 3)]  # June's is too early
    assert referred[0]["Referral NFA?"] == "b) No"
    assert referred[0]["Number of Referrals in Last 12 Months"] == 2
    assert (referred[0]["Allocated Team"], referred[0]["Allocated Worker"]) == (
        "Assessment Team 1",
        "Tom Okafor",
    )
    assert len(assessed) == 1
    assert assessed[0]["Continuous Assessment Start Date"] == date(2025, 11, 4)
    assert assessed[0]["Continuous Assessment Date of Authorisation"] == date(2025, 12, 10)
    assert assessed[0]["Child Seen During Continuous Assessment"] == "b) No"
    assert assessed[0]["Was the child assessed as requiring LA children's social care support?"] == "a) Yes"
    assert assessed[0]["Allocated Worker"] == "Tom Okafor"


def test_an_assessment_authorised_after_the_date_is_open_with_its_decision_not_yet_known():
    child = _child()
    referral = builders.referral(child, date(2026, 3, 2))
    builders.assessment(referral, date(2026, 3, 3), date(2026, 4, 14))

    [assessed] = _rows(annex_a.assessments(Window(ON)), child)

    assert assessed["Continuous Assessment Date of Authorisation"] is None
    assert assessed["Was the child assessed as requiring LA children's social care support?"] is None


def test_a_section_47_enquiry_lists_its_conference_and_the_counts_over_12_months():
    child = _child()
    earlier = builders.referral(child, date(2025, 4, 7), closed=date(2025, 5, 30))
    builders.enquiry(earlier, date(2025, 4, 8), outcome=Section47Outcome.NO_FURTHER_ACTION)
    referral = builders.referral(child, date(2025, 12, 1))
    enquiry = builders.enquiry(referral, date(2025, 12, 2), outcome=Section47Outcome.INITIAL_CONFERENCE)
    builders.conference(referral, date(2025, 12, 18), after=enquiry)

    rows = _rows(annex_a.section_47_enquiries(Window(ON)), child)

    assert len(rows) == 1  # April's enquiry finished before the six months
    assert rows[0]["Strategy discussion initiating Section 47 Enquiry Start Date"] == date(2025, 12, 2)
    assert rows[0]["Was an Initial Child Protection Conference deemed unnecessary?"] == "b) No"
    assert rows[0]["Date of Initial Child Protection Conference"] == date(2025, 12, 18)
    assert (
        rows[0]["Did the Initial Child Protection Conference Result in a Child Protection Plan"] == "a) Yes"
    )
    assert rows[0]["Number of Section 47 Enquiries in the last 12 months"] == 2
    assert rows[0]["Number of ICPCs in the last 12 months"] == 1


def test_list_6_leaves_out_referrals_closed_with_no_further_action_and_gives_each_episode_its_status():
    no_further_action, protected, closed = _child(), _child(), _child()
    builders.referral(no_further_action, date(2025, 10, 6), closed=date(2025, 10, 7), no_further_action=True)
    referral = builders.referral(protected, date(2025, 8, 1))
    builders.plan(referral, date(2025, 9, 1))
    builders.referral(closed, date(2025, 7, 1), closed=date(2025, 11, 14))

    lists = _lists()

    assert _rows(lists[6], no_further_action) == []
    assert _rows(lists[3], no_further_action) != []  # still a referral in the six months
    assert _rows(lists[6], protected)[0]["Case Status"] == "b) Child Protection plan"
    [episode] = _rows(lists[6], closed)
    assert (episode["Case Status"], episode["CIN Closure Date"]) == ("e) Closed episode", date(2025, 11, 14))
    assert episode["Reason for Closure"] == "RC8: Case closed after assessment, no further action"


def test_list_7_has_plans_open_on_the_date_and_plans_that_ended_in_the_six_months():
    still_open, ended_in, ended_before, ended_after, started_after = (_child() for _ in range(5))
    earlier = builders.referral(still_open, date(2019, 5, 1), closed=date(2020, 1, 10))
    builders.plan(earlier, date(2019, 6, 3), date(2020, 1, 10))
    referral = builders.referral(still_open, date(2025, 1, 6))
    plan = builders.plan(referral, date(2025, 1, 20))
    builders.conference(referral, date(2026, 1, 19), kind=ConferenceKind.REVIEW, plan=plan)
    _visit(still_open, date(2026, 3, 20), VisitKind.CHILD_PROTECTION, alone=True)
    _visit(still_open, date(2026, 4, 2), VisitKind.CHILD_PROTECTION)  # after the date
    builders.plan(builders.referral(ended_in, date(2025, 2, 1)), date(2025, 3, 1), date(2025, 10, 15))
    builders.plan(builders.referral(ended_before, date(2025, 1, 1)), date(2025, 2, 1), date(2025, 9, 29))
    builders.plan(builders.referral(ended_after, date(2025, 4, 1)), date(2025, 5, 1), date(2026, 5, 20))
    builders.plan(builders.referral(started_after, date(2026, 4, 1)), date(2026, 4, 2))

    listed = annex_a.child_protection(Window(ON))

    assert set(listed.people) == {still_open.pk, ended_in.pk, ended_after.pk}
    [current] = _rows(listed, still_open)
    assert current["Child Protection Plan Start Date"] == date(2025, 1, 20)
    assert current["Initial Category of Abuse"] == "a) Neglect"
    assert current["Date of the Last Statutory Visit"] == date(2026, 3, 20)
    assert current["Was the Child Seen Alone?"] == "a) Yes"
    assert current["Date of latest review conference"] == date(2026, 1, 19)
    assert current["Child Protection Plan End Date"] is None
    assert current["Number of Previous Child Protection Plans"] == 1
    assert _rows(listed, ended_in)[0]["Child Protection Plan End Date"] == date(2025, 10, 15)
    assert _rows(listed, ended_after)[0]["Child Protection Plan End Date"] is None  # still open then


def test_list_8_has_children_in_care_on_the_date_and_those_who_left_in_the_six_months():
    in_care, left_in, left_before, came_after = (_child() for _ in range(4))
    for child in (in_care, left_in, left_before, came_after):
        builders.referral(child, date(2024, 1, 2))
    # An interim care order became a full care order in December: one period of care, one placement.
    builders.care_episode(in_care, date(2024, 5, 1), date(2025, 12, 1), legal_status="C1", reason_ended="X1")
    builders.care_episode(in_care, date(2025, 12, 1), legal_status="C2", reason_new="L")
    LookedAfterReview.objects.create(
        person=in_care, held_on=date(2026, 2, 10), participation="PN1", created_by=builders.worker()
    )
    LookedAfterReview.objects.create(
        person=in_care, held_on=date(2026, 3, 10), participation="PN7", created_by=builders.worker()
    )
    builders.missing(in_care, at(2025, 8, 1, 22))
    builders.care_episode(left_in, date(2025, 2, 1), date(2025, 11, 20))
    builders.care_episode(left_before, date(2025, 1, 1), date(2025, 9, 29))
    builders.care_episode(came_after, date(2026, 4, 10))

    listed = annex_a.children_in_care(Window(ON))

    assert set(listed.people) == {in_care.pk, left_in.pk}
    [current] = _rows(listed, in_care)
    assert current["Date Started to be Looked After"] == date(2024, 5, 1)
    assert current["Start date of current legal status"] == date(2025, 12, 1)
    assert current["Child's Legal Status"] == "C2: Full care order"
    assert current["Number of Placements in the Last 12 months"] == 1
    assert current["Start Date of Most Recent Placement"] == date(2024, 5, 1)
    assert current["Date of Latest Statutory Review"] == date(2026, 3, 10)
    assert current["Date of Last IRO Visit / Contact to the Child"] == date(
        2026, 2, 10
    )  # the review attended
    assert (
        current["Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months"]
        == 1
    )
    assert current["Date Ceased to be Looked After"] is None
    [left] = _rows(listed, left_in)
    assert left["Date Ceased to be Looked After"] == date(2025, 11, 20)
    assert left["Reason Ceased to be Looked After"].startswith("E13: ")
    assert len(left) == len(listed.header) == 34


def test_list_9_has_care_leavers_supported_on_the_date_with_their_latest_contact():
    supported, support_ended = _child(date_of_birth=date(2007, 5, 1)), _child(date_of_birth=date(2006, 2, 1))
    builders.referral(supported, date(2022, 1, 4))
    builders.care_episode(supported, date(2022, 2, 1), date(2025, 5, 1), reason_ended="E5")
    leaver = builders.care_leaver(supported, date(2025, 5, 1))
    builders.leaver_contact(leaver, date(2025, 11, 3), "YES", "F2", "D2")
    builders.leaver_contact(leaver, date(2026, 2, 3), "YES", "G5", "E1")
    builders.pathway_plan(leaver, date(2026, 1, 12))
    builders.referral(support_ended, date(2022, 1, 4))
    builders.care_episode(support_ended, date(2022, 2, 1), date(2024, 2, 1), reason_ended="E5")
    builders.care_leaver(support_ended, date(2024, 2, 1), date(2026, 2, 1))

    listed = annex_a.care_leavers(Window(ON))

    assert listed.people == [supported.pk]
    [row] = _rows(listed, supported)
    assert row["Age"] == 18
    assert row["Eligibility Category"] == "a) Relevant child"
    assert row["Latest Pathway Plan Review Date"] == date(2026, 1, 12)
    assert row["LA in Touch"] == "a) Yes, in touch"
    assert row["Latest Date of Contact"] == date(2026, 2, 3)
    assert row["Type of Accommodation"] == "E: Supported lodgings"
    assert row["Suitability of Accommodation"] == "a) Suitable"
    assert row["Activity Status"].startswith("G5: ")


def test_list_2_has_assessments_in_the_six_months_and_open_early_help_without_one():
    assessed, open_without, closed_before = _child(), _child(), _child()
    episode = builders.early_help(assessed, date(2025, 10, 1))
    EarlyHelpAssessment.objects.create(
        episode=episode, started=date(2025, 10, 2), completed=date(2025, 11, 5), created_by=builders.worker()
    )
    builders.early_help(open_without, date(2026, 3, 1))
    builders.early_help(closed_before, date(2025, 1, 1), date(2025, 6, 1))

    listed = annex_a.early_help(Window(ON))

    assert set(listed.people) == {assessed.pk, open_without.pk}
    [row] = _rows(listed, assessed)
    assert (row["Assessment start date"], row["Assessment completion date"]) == (
        date(2025, 10, 2),
        date(2025, 11, 5),
    )
    [waiting] = _rows(listed, open_without)
    assert waiting["Assessment start date"] is None


# --- The five columns about the child ---------------------------------------------------------------


def test_age_is_worked_out_on_the_date_and_codes_are_written_the_annex_a_way():
    ten_on_the_day = _child(date_of_birth=date(2016, 3, 31), sex="M", ethnicity="APKN")
    ten_tomorrow = _child(date_of_birth=date(2016, 4, 1), sex="", ethnicity="", disabilities=[])
    unborn = _child(kind="unborn", date_of_birth=None, sex="U", disabilities=["AUT"])
    for child in (ten_on_the_day, ten_tomorrow, unborn):
        builders.assessment(builders.referral(child, date(2026, 1, 5)), date(2026, 1, 6), None)

    listed = annex_a.assessments(Window(ON))
    row = {child: _rows(listed, child)[0] for child in (ten_on_the_day, ten_tomorrow, unborn)}

    assert [row[child]["Age"] for child in (ten_on_the_day, ten_tomorrow, unborn)] == [10, 9, None]
    assert row[ten_on_the_day]["Child Unique ID"] == str(ten_on_the_day.pk)
    assert row[ten_on_the_day]["Date of Birth"] == date(2016, 3, 31)
    assert (row[ten_on_the_day]["Gender"], row[ten_on_the_day]["Ethnicity"]) == ("a) Male", "k) APKN")
    assert (row[ten_tomorrow]["Gender"], row[ten_tomorrow]["Ethnicity"]) == (
        "c) Not stated/recorded",
        "t) NOBT",
    )
    assert row[unborn]["Gender"] == "c) Not stated/recorded"
    disabilities = [row[child][annex_a.DISABILITY] for child in (ten_on_the_day, ten_tomorrow, unborn)]
    assert disabilities == ["b) No", "c) Unknown", "a) Yes"]


def test_a_child_withdrawn_as_entered_in_error_is_not_listed():
    child = _child()
    builders.referral(child, date(2025, 12, 1))
    Person.objects.filter(pk=child.pk).update(withdrawn_at=at(2026, 1, 5))

    assert _rows(annex_a.referrals(Window(ON)), child) == []


# --- The workbook, the command and the audit ----------------------------------------------------------


def test_the_command_writes_a_workbook_of_every_list_and_audits_every_child_in_it(tmp_path: Path):
    referred, in_care = _child(), _child()
    builders.referral(referred, date(2025, 11, 3))
    builders.referral(in_care, date(2025, 1, 2))
    builders.care_episode(in_care, date(2025, 1, 10))
    builders.contact(at(2025, 10, 1), person=referred)
    out = tmp_path / "annex_a.xlsx"
    said = io.StringIO()

    call_command("export_annex_a", "--on", "2026-03-31", "--out", str(out), stdout=said)

    book = load_workbook(out)
    assert book.sheetnames == SHEETS
    referrals = book["List 3 Referrals"]
    assert [cell.value for cell in referrals[1]] == [
        *CHILD_COLUMNS,
        "Date of Referral",
        "Referral Source",
        "Referral NFA?",
        "Number of Referrals in Last 12 Months",
        "Allocated Team",
        "Allocated Worker",
    ]
    assert all(cell.font.b for cell in referrals[1]) and referrals.freeze_panes == "A2"
    [row] = [row for row in referrals.iter_rows(min_row=2) if row[0].value == str(referred.pk)]
    assert row[5].value == datetime(2025, 11, 3) and row[5].number_format == "dd/mm/yyyy"
    assert [cell.value for cell in row[6:9]] == ["2A: Schools", "b) No", 1]
    assert [row[0].value for row in book["List 8 Children in care"].iter_rows(min_row=2)] == [str(in_care.pk)]
    about = [[cell.value for cell in row] for row in book["About"].iter_rows()]
    assert ["The date", datetime(2026, 3, 31), None] in about
    assert any(row[0] == "Lists 10 and 11" and "no adoption records" in row[2] for row in about)
    assert ["List 3 Referrals", 1, annex_a.referrals(Window(ON)).holds] in about
    in_the_workbook = {row[0].value for sheet in book.worksheets[1:] for row in sheet.iter_rows(min_row=2)}
    audited = AuditEntry.objects.filter(action="export", purpose="Ofsted Annex A to 2026-03-31")
    assert sorted(str(entry.person_id) for entry in audited) == sorted(in_the_workbook)
    assert {entry.channel for entry in audited} == {"command"}
    assert "2 children written" in said.getvalue()


def test_the_download_for_the_web_audits_every_child_as_exported_by_the_person_who_asked():
    child = _child()
    builders.referral(child, date(2025, 11, 3))
    analyst = User.objects.create(username="priya.annex", first_name="Priya", last_name="Shah")

    content = services.annex_a_file(Actor(user=analyst, channel=Channel.EXPORT), ON)

    assert load_workbook(io.BytesIO(content)).sheetnames == SHEETS
    entry = AuditEntry.objects.get(person_id=child.pk, action="export")
    assert (entry.user, entry.channel, entry.purpose) == (analyst, "export", "Ofsted Annex A to 2026-03-31")


def test_a_name_that_looks_like_a_formula_is_written_as_text():
    child = _child()
    builders.referral(child, date(2025, 11, 3))
    team = Team.objects.create(
        name="=HYPERLINK(1)",
        agency=Agency.objects.create(name="Somewhere", agency_type=AgencyType.CHILDRENS_SOCIAL_CARE),
    )
    Allocation.objects.create(person=child, team=team, started=date(2025, 11, 3))

    content, _ = annex_a.render(ON)

    cell = load_workbook(io.BytesIO(content))["List 3 Referrals"]["J2"]
    assert (cell.value, cell.data_type) == ("=HYPERLINK(1)", "s")


@pytest.mark.parametrize(
    ("on", "message"),
    [
        ("31/03/2026", "is not a date: give it as YYYY-MM-DD"),
        ("2026-02-30", "is not a date"),
        ("2999-01-01", "is in the future"),
    ],
)
def test_the_command_says_what_is_wrong_with_the_date(tmp_path: Path, on: str, message: str):
    with pytest.raises(CommandError, match=message):
        call_command("export_annex_a", "--on", on, "--out", str(tmp_path / "annex_a.xlsx"))


def test_the_command_says_when_the_folder_is_missing(tmp_path: Path):
    with pytest.raises(CommandError, match="does not exist"):
        call_command("export_annex_a", "--on", "2026-03-31", "--out", str(tmp_path / "nowhere" / "a.xlsx"))


# --- The generated partnership (last: its data stays until the end of the module) -------------------


def _overlapping(field: str, ended: str, window: Window) -> Q:
    return Q(**{f"{field}__lte": window.on}) & (
        Q(**{f"{ended}__isnull": True}) | Q(**{f"{ended}__gte": window.start})
    )


def _definitions(window: Window) -> dict[int, set[int]]:
    """Who may be in each list, straight from each list's definition."""
    on = window.on
    period = window.period
    early_help = set(
        EarlyHelpAssessment.objects.filter(_overlapping("started", "completed", window)).values_list(
            "episode__person", flat=True
        )
    ) | set(
        EarlyHelpEpisode.objects.filter(started__lte=on)
        .filter(Q(ended__isnull=True) | Q(ended__gt=on))
        .values_list("person", flat=True)
    )
    return {
        1: set(
            ContactChild.objects.filter(
                contact__received_at__gte=period.starts_at, contact__received_at__lt=period.ends_before
            ).values_list("person", flat=True)
        ),
        2: early_help,
        3: set(
            Referral.objects.filter(referral_date__range=(window.start, on)).values_list("person", flat=True)
        ),
        4: set(
            Assessment.objects.filter(_overlapping("started", "authorised", window)).values_list(
                "referral__person", flat=True
            )
        ),
        5: set(
            Section47Enquiry.objects.filter(_overlapping("started", "completed", window)).values_list(
                "referral__person", flat=True
            )
        ),
        6: set(
            Referral.objects.filter(_overlapping("referral_date", "closed", window)).values_list(
                "person", flat=True
            )
        ),
        7: set(
            ChildProtectionPlan.objects.filter(_overlapping("started", "ended", window)).values_list(
                "referral__person", flat=True
            )
        ),
        8: set(
            CareEpisode.objects.filter(_overlapping("started", "ended", window)).values_list(
                "person", flat=True
            )
        ),
        9: set(
            CareLeaver.objects.filter(started__lte=on)
            .filter(Q(ended__isnull=True) | Q(ended__gt=on))
            .values_list("person", flat=True)
        ),
    }


def test_every_list_of_the_generated_partnership_keeps_to_its_definition(small_partnership: Summary):
    window = Window(small_partnership.reference_date)
    lists = {each.number: each for each in annex_a.annex_a_lists(window)}
    definitions = _definitions(window)

    for number, listed in lists.items():
        name = listed.sheet_name
        assert listed.rows, f"{name} is empty"
        assert all(len(row) == len(listed.header) for row in listed.rows), (
            f"{name} has a row of the wrong length"
        )
        assert set(listed.people) <= definitions[number], f"{name} lists children outside its definition"
        later = [
            cell
            for row in listed.rows
            for column, cell in zip(listed.header, row, strict=True)
            if isinstance(cell, date) and column != "Date of Birth" and cell > window.on
        ]
        assert later == [], f"{name} has dates after the date"
    on_a_plan = set(
        ChildProtectionPlan.objects.filter(started__lte=window.on)
        .filter(Q(ended__isnull=True) | Q(ended__gt=window.on))
        .values_list("referral__person", flat=True)
    )
    assert on_a_plan <= set(lists[7].people)


def test_the_generated_partnerships_workbook_has_a_row_for_each_row_of_each_list(small_partnership: Summary):
    on = small_partnership.reference_date
    lists = annex_a.annex_a_lists(Window(on))

    content, people = annex_a.render(on)

    book = load_workbook(io.BytesIO(content), read_only=True)
    rows = [sum(1 for _ in sheet.iter_rows()) for sheet in book.worksheets[1:]]
    assert rows == [len(each.rows) + 1 for each in lists]
    assert set(people) == {person for each in lists for person in each.people}
