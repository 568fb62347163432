"""The statutory returns on the web: who may make them, the download and its audit, the check page.

The check runs the DfE's real validator on a return with one child whose record breaks a rule
(a plan that did not start on the day of its conference: rule 2885, built straight into the
tables, as a legacy system's data might be).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django.test import Client

from continuum.access.models import AuditEntry
from continuum.people.models import Person
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


@pytest.fixture
def in_the_2026_census() -> tuple[Person, Person]:
    """One child whose record passes every rule, and one whose plan started after its conference."""
    fine, wrong = _child(date_of_birth=date(2023, 5, 1)), _child()  # too young for a UPN (8770Q)
    builders.referral(fine, date(2025, 6, 2))
    referral = builders.referral(wrong, date(2025, 6, 2))
    enquiry = builders.enquiry(referral, date(2025, 6, 3), outcome=Section47Outcome.INITIAL_CONFERENCE)
    builders.conference(referral, date(2025, 6, 20), after=enquiry)
    builders.plan(referral, date(2025, 6, 23))
    Referral.objects.update(primary_need="N1")  # a referral that went on needs one (rule 8610)
    return fine, wrong


@pytest.mark.parametrize("persona", ["tom", "nadia", "aisha"])
def test_only_analysts_make_returns(signed_in: Callable[[str], Client], persona: str):
    client = signed_in(persona)
    assert client.get("/returns/").status_code == 403
    assert client.get("/returns/cin-census/2026/").status_code == 403
    assert client.post("/returns/cin-census/2026/check/").status_code == 403


def test_sam_sees_each_collection_year(signed_in: Callable[[str], Client]):
    page = signed_in("sam").get("/returns/").content.decode()
    assert "Children in need census" in page
    assert "2025/26" in page and "2022/23" in page and 'href="/returns/cin-census/2026/"' in page


def test_a_year_continuum_does_not_write_is_not_found(signed_in: Callable[[str], Client]):
    assert signed_in("sam").get("/returns/cin-census/2019/").status_code == 404


def test_the_download_is_the_census_and_audits_every_child(
    signed_in: Callable[[str], Client], in_the_2026_census: tuple[Person, Person]
):
    response = signed_in("sam").get("/returns/cin-census/2026/")

    assert response["Content-Disposition"] == 'attachment; filename="cin-census-2026.xml"'
    assert b"<Year>2026</Year>" in response.content and response.content.count(b"<Child>") == 2
    exported = AuditEntry.objects.filter(action="export", purpose="CIN census 2025/26", username="sam")
    assert set(exported.values_list("person_id", flat=True)) == {child.pk for child in in_the_2026_census}


def test_the_check_lists_each_childs_errors_with_a_link_to_the_record(
    signed_in: Callable[[str], Client], in_the_2026_census: tuple[Person, Person]
):
    fine, wrong = in_the_2026_census

    page = signed_in("sam").post("/returns/cin-census/2026/check/").content.decode()

    assert "The return has" in page and "error" in page
    assert f'href="/people/{wrong.pk}/"' in page
    assert "2885" in page and "Child protection plan shown as starting a different day" in page
    assert f'href="/people/{fine.pk}/"' not in page
    viewed = AuditEntry.objects.filter(action="view", purpose__startswith="CIN census 2025/26 checked")
    assert list(viewed.values_list("person_id", flat=True)) == [wrong.pk]


def test_without_the_validators_the_check_says_nothing_was_checked(
    signed_in: Callable[[str], Client], in_the_2026_census, settings, tmp_path
):
    settings.VALIDATORS_PYTHON = str(tmp_path / "missing" / "python")

    response = signed_in("sam").post("/returns/cin-census/2026/check/")

    assert response.status_code == 503
    assert "was not checked: nothing about it has passed or failed" in response.content.decode()


@pytest.mark.browser
def test_the_return_pages_have_no_accessibility_violations(
    signed_in: Callable[[str], Client], in_the_2026_census
):
    client = signed_in("sam")
    html = {
        "returns": client.get("/returns/").content.decode(),
        "check": client.post("/returns/cin-census/2026/check/").content.decode(),
    }
    assert _violations(html) == {}
