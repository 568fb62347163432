"""The annual report data pack: the partnership's words, the figures, and the PDF read as pages."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from continuum.insight.indicators import Section
from continuum.insight.models import NarrativeEntry
from continuum.socialcare.models import Referral
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def a_referral(personas):
    child = PersonFactory.create(date_of_birth=date(2015, 1, 1))
    Referral.objects.create(
        person=child, referral_date=date(2024, 5, 7), referral_source="2A", created_by=personas["nadia"]
    )


def test_sam_writes_the_foreword_and_earlier_versions_are_kept(signed_in, a_referral):
    client = signed_in("sam")
    url = "/insight/report/2024/narrative/foreword/"
    assert client.post(url, {"text": "A first draft."}).status_code == 302
    assert client.post(url, {"text": "Children told us the front door listened."}).status_code == 302
    assert NarrativeEntry.objects.filter(year=2024, section="foreword").count() == 2
    page = client.get("/insight/report/2024/").content.decode()
    assert "Children told us the front door listened." in page
    assert "A first draft." not in page
    assert "A first draft." in client.get(url).content.decode()  # in the earlier versions


def test_only_analysts_and_the_business_unit_write_the_report(signed_in):
    assert (
        signed_in("aisha").post("/insight/report/2024/narrative/foreword/", {"text": "x"}).status_code == 403
    )
    assert not NarrativeEntry.objects.exists()


def test_the_pdf_has_a_page_for_each_section_with_its_figures_and_definitions(signed_in, a_referral):
    client = signed_in("sam")
    client.post("/insight/report/2024/narrative/foreword/", {"text": "Our year in brief."})
    response = client.get("/insight/report/2024/pdf/")
    assert response["Content-Type"] == "application/pdf"
    # Table cells wrap over lines: read each page's words with single spaces.
    pages = [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(response.content)).pages]
    assert len(pages) >= 9  # foreword, six sections (some with charts over several pages), registers, ...
    assert "Annual report data pack 2024/25" in pages[0]
    assert "Our year in brief." in pages[0]
    starts = {
        section: next((n for n, text in enumerate(pages) if text.startswith(section.value)), None)
        for section in Section
    }
    assert all(start is not None for start in starts.values()), starts  # each section starts a page
    referrals_page = pages[starts[Section.CHILDREN_IN_NEED] or 0]
    assert "Referrals to children's social care" in referrals_page
    assert "page" in pages[-1] and f"of {len(pages)}" in pages[-1]  # the footer numbers the pages
    definitions = " ".join(pages[next(n for n, text in enumerate(pages) if text.startswith("Definitions")) :])
    assert "Re-referrals within 12 months" in definitions
    assert "DfE, Characteristics of children in need" in definitions


def test_a_future_year_has_no_report(signed_in):
    assert signed_in("sam").get("/insight/report/2099/").status_code == 404
