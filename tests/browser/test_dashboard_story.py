"""Sam, the partnership's performance analyst, uses the dashboard in the browser.

Sam opens the dashboard, changes the period to 2024/25, opens referrals per 10,000 children,
enters England's figure as a comparator (after a mistake the page explains), downloads the
month-by-month table, and downloads the annual report's PDF, which is read back as pages. Every
page passes axe-core.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from continuum.access.models import User
from continuum.insight.models import ChildPopulation, Comparator
from continuum.socialcare.models import Referral
from tests.people.factories import PersonFactory

from .conftest import AccessiblePage
from .test_platform_story import sign_in_with_code

pytestmark = pytest.mark.browser


@pytest.fixture
def a_year_of_referrals(personas: dict[str, User]) -> None:
    ChildPopulation.objects.create(
        year=2024, children=2000, source="Test estimate", entered_by=personas["sam"]
    )
    for month in (4, 5, 5, 9, 12, 1):
        child = PersonFactory.create(date_of_birth=date(2016, 2, 3))
        year = 2025 if month < 4 else 2024
        Referral.objects.create(
            person=child,
            referral_date=date(year, month, 10),
            referral_source="2A",
            created_by=personas["nadia"],
        )


def test_sam_changes_the_period_enters_a_comparator_and_downloads(
    site: AccessiblePage, personas: dict[str, User], a_year_of_referrals: None
) -> None:
    page = site.page
    sign_in_with_code(site, personas["sam"])
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Dashboard").click()
    site.assert_accessible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Partnership dashboard")

    page.get_by_label("April 2024 to March 2025").check()
    page.get_by_role("button", name="Show figures").click()
    site.assert_accessible()
    expect(page.get_by_role("heading", name="1 April 2024 to 31 March 2025")).to_be_visible()
    # 6 referrals among 2,000 children: 30.0 per 10,000.
    row = page.get_by_role("row", name="Referrals per 10,000 children")
    expect(row).to_contain_text("30.0")

    row.get_by_role("link", name="Referrals per 10,000 children").click()
    site.assert_accessible()
    expect(page.locator("#figure-value")).to_have_text("30.0")
    expect(page.get_by_role("img", name="Referrals per 10,000 children, month by month")).to_be_visible()

    page.get_by_label("England").check()
    page.get_by_label("Their figure").fill("five hundred")
    page.get_by_role("button", name="Save comparator").click()
    site.assert_accessible()
    expect(page.get_by_role("alert")).to_contain_text("Their figure must be a number")
    page.get_by_label("England").check()
    page.get_by_label("Their figure").fill("554.5")
    page.get_by_role("button", name="Save comparator").click()
    site.assert_accessible()
    expect(page.get_by_role("row", name="England")).to_contain_text("554.5")
    assert Comparator.objects.get(indicator="referral_rate_per_10k", year=2024).value == pytest.approx(554.5)

    with page.expect_download() as caught:
        page.get_by_role("link", name="CSV file of Referrals per 10,000 children, month by month").click()
    text = Path(caught.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["Month", "Referrals per 10,000 children", "12-month rolling average"]
    assert [row[0] for row in rows[1:]][:2] == ["Apr 2024", "May 2024"]
    assert rows[2][1] == "10.0"  # two referrals in May: 2 / 2,000 x 10,000

    site.goto("/insight/report/")
    with page.expect_download() as caught:
        page.get_by_role("link", name="PDF for 2024/25").click()
    pages = PdfReader(caught.value.path()).pages
    texts = [" ".join(each.extract_text().split()) for each in pages]
    assert len(pages) >= 9
    assert texts[0].startswith("Annual report data pack 2024/25")
    assert any(text.startswith("Referrals, assessments and children in need") for text in texts)
    assert any("Referrals per 10,000 children" in text and "30.0" in text for text in texts)
