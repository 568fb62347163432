"""The statutory returns on the web: who may make them, the download and its audit, the check pages.

Asking for a check leads to its page, which shows the check's stage while it runs in the
background and, once done, what the rules found. Here the runner is called as its thread calls
it, with the DfE's real validator on a return with one child whose record breaks a rule (a plan
that did not start on the day of its conference: rule 2885, built straight into the tables, as
a legacy system's data might be).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import pytest
from django.test import Client

from continuum.access.models import AuditEntry
from continuum.people.models import Person
from continuum.returns import checks
from continuum.returns.models import CheckStatus, ReturnCheck
from continuum.socialcare.catalogue import Section47Outcome
from continuum.socialcare.models import Referral
from tests.insight import builders
from tests.people.test_pages_are_accessible import _violations

pytestmark = pytest.mark.django_db


def _child(**details: object) -> Person:
    child = builders.child()
    for name, value in {"sex": "M", "ethnicity": "WBRI", "disabilities": ["NONE"], **details}.items():
        setattr(child, name, value)
    child.save()
    return child


def children_in_the_2026_census() -> tuple[Person, Person]:
    """One child whose record passes every rule, and one whose plan started after its conference."""
    fine, wrong = _child(date_of_birth=date(2023, 5, 1)), _child()  # too young for a UPN (8770Q)
    builders.referral(fine, date(2025, 6, 2))
    referral = builders.referral(wrong, date(2025, 6, 2))
    enquiry = builders.enquiry(referral, date(2025, 6, 3), outcome=Section47Outcome.INITIAL_CONFERENCE)
    builders.conference(referral, date(2025, 6, 20), after=enquiry)
    builders.plan(referral, date(2025, 6, 23))
    Referral.objects.update(primary_need="N1")  # a referral that went on needs one (rule 8610)
    return fine, wrong


@pytest.fixture
def in_the_2026_census() -> tuple[Person, Person]:
    return children_in_the_2026_census()


def _ask(client: Client, path: str = "/returns/cin-census/2026/check/") -> ReturnCheck:
    """Ask for a check as the page's button does; the check's thread is not started here."""
    response = client.post(path)
    assert response.status_code == 302
    found = re.fullmatch(r"/returns/checks/(\d+)/", response["Location"])
    assert found, response["Location"]
    return ReturnCheck.objects.get(pk=int(found[1]))


@pytest.mark.parametrize("persona", ["tom", "nadia", "aisha"])
def test_only_analysts_make_returns(signed_in: Callable[[str], Client], persona: str):
    client = signed_in(persona)
    assert client.get("/returns/").status_code == 403
    assert client.get("/returns/cin-census/2026/").status_code == 403
    assert client.post("/returns/cin-census/2026/check/").status_code == 403
    assert client.get("/returns/checks/1/").status_code == 403
    assert client.get("/returns/checks/1/progress/").status_code == 403
    assert not ReturnCheck.objects.exists()


def test_sam_sees_each_collection_year(signed_in: Callable[[str], Client]):
    page = signed_in("sam").get("/returns/").content.decode()
    assert "Children in need census" in page
    assert "2025/26" in page and "2022/23" in page and 'href="/returns/cin-census/2026/"' in page
    assert 'action="/returns/cin-census/2026/check/"' in page and "Not checked yet" in page


def test_a_year_or_return_continuum_does_not_write_is_not_found(signed_in: Callable[[str], Client]):
    client = signed_in("sam")
    assert client.get("/returns/cin-census/2019/").status_code == 404
    assert client.post("/returns/cin-census/2019/check/").status_code == 404
    assert client.post("/returns/school-census/2026/check/").status_code == 404
    assert client.get("/returns/checks/999/").status_code == 404


def test_the_download_is_the_census_and_audits_every_child(
    signed_in: Callable[[str], Client], in_the_2026_census: tuple[Person, Person]
):
    response = signed_in("sam").get("/returns/cin-census/2026/")

    assert response["Content-Disposition"] == 'attachment; filename="cin-census-2026.xml"'
    assert b"<Year>2026</Year>" in response.content and response.content.count(b"<Child>") == 2
    exported = AuditEntry.objects.filter(action="export", purpose="CIN census 2025/26", username="sam")
    assert set(exported.values_list("person_id", flat=True)) == {child.pk for child in in_the_2026_census}


def test_asking_for_a_check_shows_its_stage_while_it_waits(
    signed_in: Callable[[str], Client], in_the_2026_census, django_capture_on_commit_callbacks
):
    client = signed_in("sam")

    with django_capture_on_commit_callbacks() as started:
        check = _ask(client)
    page = client.get(f"/returns/checks/{check.pk}/").content.decode()
    progress = client.get(f"/returns/checks/{check.pk}/progress/").json()

    assert len(started) == 1 and check.status == CheckStatus.QUEUED
    assert re.search(r'role="status">\s*<p[^>]*>Waiting to start: one check runs at a time</p>', page)
    assert "Checking with the DfE's rules" in page and "There is no earlier check of this return" in page
    assert f'"/returns/checks/{check.pk}/progress/"' in page  # the script that asks how it is going
    assert progress == {
        "stage": "Waiting to start: one check runs at a time",
        "finished": False,
        "elapsed": "",
        "estimate": "",
    }


def test_asking_again_while_it_runs_leads_to_the_same_check(
    signed_in: Callable[[str], Client], in_the_2026_census
):
    client = signed_in("sam")

    first, again = _ask(client), _ask(client)

    assert first.pk == again.pk and ReturnCheck.objects.count() == 1


def test_the_check_lists_each_childs_errors_with_a_link_to_the_record(
    signed_in: Callable[[str], Client], in_the_2026_census: tuple[Person, Person]
):
    fine, wrong = in_the_2026_census
    client = signed_in("sam")
    check = checks.run(_ask(client).pk)

    page = client.get(f"/returns/checks/{check.pk}/").content.decode()
    progress = client.get(f"/returns/checks/{check.pk}/progress/").json()

    errors = len(checks.validation_of(check).errors)  # one for each field the rule names
    assert f"The return has {errors} errors" in page and "Checked with the DfE's rules" in page
    assert f'href="/people/{wrong.pk}/"' in page
    assert "2885" in page and "Child protection plan shown as starting a different day" in page
    assert f'href="/people/{fine.pk}/"' not in page
    assert "None: every rule ran" in page and "Sam Patel" in page
    assert progress["finished"] is True and progress["stage"].startswith(f"Checked: {errors} errors")
    viewed = AuditEntry.objects.filter(action="view", purpose__startswith="CIN census 2025/26 checked")
    assert list(viewed.values_list("person_id", flat=True)) == [wrong.pk]
    index = client.get("/returns/").content.decode()
    assert f'href="/returns/checks/{check.pk}/"' in index and f"Checked: {errors} errors" in index


def test_rules_that_did_not_run_are_listed_as_not_checked(
    signed_in: Callable[[str], Client], in_the_2026_census
):
    client = signed_in("sam")
    check = checks.run(_ask(client).pk)
    # As the validator reports a rule that crashed inside it.
    assert check.result is not None
    check.result["not_checked"] = [{"rule": "8863", "reason": "it crashed: KeyError 'LAchildID'"}]
    check.save()

    page = client.get(f"/returns/checks/{check.pk}/").content.decode()

    assert "Rules not checked" in page and "1: listed below, neither passed nor failed" in page
    assert "Not checked</strong> 8863: it crashed: KeyError &#x27;LAchildID&#x27;" in page


def test_without_the_validators_the_check_says_nothing_was_checked(
    signed_in: Callable[[str], Client], in_the_2026_census, settings, tmp_path
):
    settings.VALIDATORS_PYTHON = str(tmp_path / "missing" / "python")
    client = signed_in("sam")
    check = checks.run(_ask(client).pk)

    response = client.get(f"/returns/checks/{check.pk}/")

    page = response.content.decode()
    assert response.status_code == 200 and check.status == CheckStatus.UNAVAILABLE
    assert "The DfE's rules could not be run" in page
    assert "was not checked: nothing about it has passed or failed" in page
    assert "The DfE validators are not installed" in page
    assert 'action="/returns/cin-census/2026/check/"' in page  # check again
    assert not AuditEntry.objects.filter(action="view").exists()


def test_the_ssda903_is_downloaded_and_checked_on_the_same_pages(signed_in: Callable[[str], Client]):
    looked_after = _child(date_of_birth=date(2012, 2, 3))
    builders.care_episode(looked_after, date(2025, 7, 1))
    client = signed_in("sam")

    index = client.get("/returns/").content.decode()
    download = client.get("/returns/ssda903/2026/")
    check = checks.run(_ask(client, "/returns/ssda903/2026/check/").pk)
    page = client.get(f"/returns/checks/{check.pk}/").content.decode()

    assert "SSDA903: children looked after" in index and 'href="/returns/ssda903/2026/"' in index
    assert download["Content-Disposition"] == 'attachment; filename="ssda903-2026.zip"'
    assert download.content.startswith(b"PK")
    assert check.status == CheckStatus.DONE and check.children == 1
    assert checks.validation_of(check).ruleset == "lac2025_26"
    # The rules that compare with last year's return, which Continuum does not send, did not run.
    assert "SSDA903 2025/26" in page and "Not checked</strong>" in page


def test_annex_a_is_downloaded_up_to_a_date_and_audits_every_child(signed_in: Callable[[str], Client]):
    looked_after = _child(date_of_birth=date(2012, 2, 3))
    builders.care_episode(looked_after, date(2025, 7, 1))
    client = signed_in("sam")

    index = client.get("/returns/").content.decode()
    download = client.get("/returns/annex-a/", {"on": "31/3/2026"})

    assert 'action="/returns/annex-a/"' in index
    assert download["Content-Disposition"] == 'attachment; filename="annex-a-2026-03-31.xlsx"'
    assert download.content.startswith(b"PK")
    entry = AuditEntry.objects.get(person_id=looked_after.pk, action="export")
    assert entry.purpose == "Ofsted Annex A to 2026-03-31"


@pytest.mark.parametrize(
    ("on", "message"),
    [
        ("", "Enter the date the lists go up to"),
        ("31/2/2026", "The date must be a real date, like 31/3/2026"),
        ("1/1/2999", "The date must be today or in the past"),
    ],
)
def test_annex_a_asks_again_for_a_date_that_is_wrong(
    signed_in: Callable[[str], Client], on: str, message: str
):
    page = signed_in("sam").get("/returns/annex-a/", {"on": on})

    html = page.content.decode()
    assert page.status_code == 200 and "There is a problem" in html and message in html
    assert "<title>Error: " in html
    assert not AuditEntry.objects.filter(action="export").exists()


@pytest.mark.browser
def test_the_return_pages_have_no_accessibility_violations(
    signed_in: Callable[[str], Client], in_the_2026_census, settings, tmp_path
):
    client = signed_in("sam")
    waiting = _ask(client)
    html = {"waiting": client.get(f"/returns/checks/{waiting.pk}/").content.decode()}
    done = checks.run(waiting.pk)
    html["check"] = client.get(f"/returns/checks/{done.pk}/").content.decode()
    html["returns"] = client.get("/returns/").content.decode()
    html["annex_a_error"] = client.get("/returns/annex-a/", {"on": "31/2/2026"}).content.decode()
    settings.VALIDATORS_PYTHON = str(tmp_path / "missing" / "python")
    unavailable = checks.run(_ask(client, "/returns/cin-census/2025/check/").pk)
    html["unavailable"] = client.get(f"/returns/checks/{unavailable.pk}/").content.decode()

    assert _violations(html) == {}
