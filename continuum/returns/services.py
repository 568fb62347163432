"""Making a return: written from the records, every child in it audited as exported."""

from __future__ import annotations

from pathlib import Path

from continuum.access.audit import Action, Actor, record_for_people

from . import cin_census
from .collection import CollectionYear


def export_cin_census(actor: Actor, year: CollectionYear, path: Path) -> int:
    """Write the CIN census for `year` to `path`; returns how many children it has."""
    content = cin_census_file(actor, year)
    path.write_bytes(content)
    return content.count(b"<Child>")


def cin_census_file(actor: Actor, year: CollectionYear) -> bytes:
    """The CIN census for `year` as a file's content, every child in it audited as exported."""
    content, people = cin_census.render(year)
    record_for_people(actor, Action.EXPORT, people, purpose=f"CIN census {year.label}")
    return content
