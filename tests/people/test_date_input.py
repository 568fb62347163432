"""Dates are typed as day, month and year, and a mistake gets the GOV.UK message for it."""

from datetime import date, timedelta

from django.utils import timezone

from continuum.people.forms import SearchForm


def _search(day: str, month: str, year: str) -> SearchForm:
    form = SearchForm(
        data={"date_of_birth_day": day, "date_of_birth_month": month, "date_of_birth_year": year}
    )
    form.is_valid()
    return form


def test_a_whole_date_is_read_as_a_date() -> None:
    assert _search("3", "7", "2015").cleaned_data["date_of_birth"] == date(2015, 7, 3)


def test_a_month_may_be_written_as_a_word() -> None:
    assert _search("3", "July", "2015").cleaned_data["date_of_birth"] == date(2015, 7, 3)


def test_a_date_without_a_month_says_the_month_is_missing() -> None:
    assert _search("3", "", "2015").errors["date_of_birth"] == ["Date of birth must include a month"]


def test_a_date_without_a_day_and_month_says_both_are_missing() -> None:
    assert _search("", "", "2015").errors["date_of_birth"] == ["Date of birth must include a day and month"]


def test_a_date_that_does_not_exist_is_not_a_real_date() -> None:
    assert _search("31", "2", "2015").errors["date_of_birth"] == ["Date of birth must be a real date"]
    assert _search("x", "2", "2015").errors["date_of_birth"] == ["Date of birth must be a real date"]


def test_a_two_digit_year_is_refused() -> None:
    assert _search("3", "7", "15").errors["date_of_birth"] == ["Year must include 4 numbers"]


def test_a_date_of_birth_in_the_future_is_refused() -> None:
    tomorrow = timezone.localdate() + timedelta(days=1)
    form = _search(str(tomorrow.day), str(tomorrow.month), str(tomorrow.year))

    assert form.errors["date_of_birth"] == ["Date of birth must be today or in the past"]


def test_the_inputs_of_a_wrong_date_are_marked_as_in_error() -> None:
    html = str(_search("31", "2", "2015"))

    assert html.count("govuk-input--error") == 3
    assert 'id="id_date_of_birth_0"' in html
    assert "<legend" in html


def test_the_error_summary_links_to_the_day_input() -> None:
    assert _search("31", "2", "2015")["date_of_birth"].id_for_label == "id_date_of_birth_0"
