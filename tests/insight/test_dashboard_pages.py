"""The dashboard, an indicator's page, the children behind a figure, populations and downloads."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import date

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice
from openpyxl import load_workbook

from continuum.access.models import AuditEntry, RecordRestriction, RoleAssignment, User
from continuum.access.roles import Role
from continuum.insight.models import ChildPopulation, Comparator
from continuum.people.models import Person, RestrictionLevel
from continuum.socialcare.models import Referral
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db
YEAR = "period=2024"  # April 2024 to March 2025


@pytest.fixture
def referred(personas: dict[str, User]) -> list[Person]:
    """Three children referred in 2024/25; the third's record is restricted to Nadia alone."""
    children = [PersonFactory.create(date_of_birth=date(2014, 5, day)) for day in (1, 2, 3)]
    for day, child in enumerate(children, start=1):
        Referral.objects.create(
            person=child, referral_date=date(2024, 6, day), referral_source="2A", created_by=personas["nadia"]
        )
    hidden = children[2]
    Person.objects.filter(pk=hidden.pk).update(restriction=RestrictionLevel.RESTRICTED)
    RecordRestriction.objects.create(person=hidden, user=personas["nadia"])
    return children


@pytest.fixture
def board_member(personas: dict[str, User], client: Client) -> Client:
    user = User.objects.create_user("bea", "bea@example.org", "a-test-password-1", first_name="Bea")
    RoleAssignment.objects.create(user=user, role=Role.BOARD_MEMBER)
    client.force_login(user)
    if user.needs_second_factor:
        from django_otp import DEVICE_ID_SESSION_KEY

        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def test_sam_sees_every_section_and_the_village(signed_in: Callable[[str], Client], referred, personas):
    ChildPopulation.objects.create(
        year=2024, children=1000, source="Test estimate", entered_by=personas["sam"]
    )
    page = signed_in("sam").get(f"/insight/?{YEAR}").content.decode()
    for heading in ("The front door", "Early help", "Child protection", "Children in care", "Care leavers"):
        assert heading in page
    assert "If our area were a village of 100 children" in page
    # 3 referrals among 1,000 children: 30.0 per 10,000, so 0.3 of 100 children (about 1 in 333).
    assert "30.0" in page
    assert "about 1 in 333 children" in page


def test_without_a_population_the_page_says_so(signed_in: Callable[[str], Client], referred):
    page = signed_in("sam").get(f"/insight/?{YEAR}").content.decode()
    assert "No child population has been entered" in page


def test_a_partner_practitioner_cannot_see_the_dashboard(signed_in: Callable[[str], Client]):
    assert signed_in("priya").get("/insight/").status_code == 403


def test_a_section_downloads_as_csv_and_excel_with_the_rows_on_screen(signed_in, referred):
    client = signed_in("sam")
    response = client.get(f"/insight/?{YEAR}&download=csv&table=children_in_need")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["Indicator", "Unit"]
    referrals = next(row for row in rows if row[0] == "Referrals to children's social care")
    assert referrals[2] == "3"
    response = client.get(f"/insight/?{YEAR}&download=xlsx&table=children_in_need")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = {row[0]: row[2] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert values["Referrals to children's social care"] == 3
    assert client.get(f"/insight/?{YEAR}&download=csv&table=nonsense").status_code == 404


def test_sam_enters_a_comparator_and_the_dashboard_shows_it(signed_in, referred):
    client = signed_in("sam")
    url = f"/insight/indicators/referral_rate_per_10k/?{YEAR}"
    response = client.post(url, {"year": "2024", "group": "england", "value": "554.5"})
    assert response.status_code == 302
    assert Comparator.objects.get().value == pytest.approx(554.5)
    assert "554.5" in client.get(f"/insight/?{YEAR}").content.decode()
    # A correction is a new row: the latest is shown, the first is kept.
    client.post(url, {"year": "2024", "group": "england", "value": "560"})
    assert Comparator.objects.count() == 2
    assert "560.0" in client.get(f"/insight/?{YEAR}").content.decode()


def test_a_comparator_with_bad_input_gets_a_specific_error(signed_in, referred):
    client = signed_in("sam")
    page = client.post(
        "/insight/indicators/re_referrals_pct/", {"year": "2024", "group": "region", "value": "120"}
    ).content.decode()
    assert "A percentage must be 100 or less" in page
    page = client.post("/insight/indicators/re_referrals_pct/", {"year": "19", "value": "x"}).content.decode()
    assert "Year must be 2000 or later" in page
    assert "Select who the figure is for" in page
    assert "Their figure must be a number" in page
    assert not Comparator.objects.exists()


def test_a_board_member_reads_figures_but_enters_nothing_and_sees_no_children(board_member, referred):
    assert board_member.get(f"/insight/?{YEAR}").status_code == 200
    page = board_member.get(f"/insight/indicators/referrals/?{YEAR}").content.decode()
    assert "See the children behind this figure" not in page
    assert board_member.get(f"/insight/indicators/referrals/children/?{YEAR}").status_code == 403
    response = board_member.post(
        "/insight/indicators/referrals/", {"year": "2024", "group": "england", "value": "1"}
    )
    assert response.status_code == 403
    assert not Comparator.objects.exists()


def test_sam_sees_the_children_behind_a_figure_and_each_is_audited(signed_in, referred):
    page = signed_in("sam").get(f"/insight/indicators/referrals/children/?{YEAR}").content.decode()
    shown, _, hidden = referred
    assert shown.family_name in page
    assert hidden.family_name not in page  # restricted, and Sam is not named on it
    assert "1 child is behind this figure but not listed" in page
    audited = set(
        AuditEntry.objects.filter(purpose__startswith="Children behind the figure").values_list(
            "person_id", flat=True
        )
    )
    assert audited == {referred[0].pk, referred[1].pk}


def test_downloading_the_children_is_audited_as_an_export(signed_in, referred):
    response = signed_in("sam").get(f"/insight/indicators/referrals/children/?{YEAR}&download=csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 3  # the header and the two children Sam may see
    exports = AuditEntry.objects.filter(action="export", purpose__startswith="Children behind the figure")
    assert exports.count() == 2


def test_a_manager_sees_only_children_whose_records_they_may_open(signed_in, referred):
    page = signed_in("aisha").get(f"/insight/indicators/referrals/children/?{YEAR}").content.decode()
    # Aisha manages the front door: she may open standard records, not the restricted one.
    assert referred[0].family_name in page
    assert referred[2].family_name not in page


def test_the_population_is_entered_and_kept(signed_in, personas):
    client = signed_in("sam")
    assert client.post("/insight/population/", {"year": "2024", "children": "141000"}).status_code == 302
    assert client.post("/insight/population/", {"year": "2024", "children": "141500"}).status_code == 302
    assert list(ChildPopulation.objects.values_list("children", flat=True).order_by("pk")) == [141000, 141500]
    page = client.post("/insight/population/", {"year": "2024", "children": "0"}).content.decode()
    assert "Number of children must be 1 or more" in page


def test_an_unknown_indicator_is_not_found(signed_in):
    assert signed_in("sam").get("/insight/indicators/nonsense/").status_code == 404
