"""Pagination shared by every list page, shaped for the GOV.UK pagination component."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet


def paginate(items: QuerySet[Any] | Sequence[Any], per_page: int, page_number: str | None) -> dict[str, Any]:
    """The context `includes/pagination.html` needs: the page, and page numbers with ellipses."""
    page: Page[Any] = Paginator(items, per_page).get_page(page_number)
    numbers = list(page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1))
    return {"page": page, "page_numbers": numbers}
