"""Small filters for the insight tables: numeric columns, cell values, a list's n-th item."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import template

from continuum.insight.tables import Table

register = template.Library()


@register.filter
def numeric(table: Table, index: int) -> bool:
    return table.is_numeric(index)


@register.filter
def cell(value: Any) -> str:
    """A number with thousands separators (one decimal place if it has any); blank for no value."""
    if value is None:
        return "No data"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.1f}"
    return str(value)


@register.filter
def index(items: Sequence[Any] | None, position: int) -> Any:
    if not items or position >= len(items):
        return None
    return items[position]
