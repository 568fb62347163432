"""Making a return: written from the records, every child in it audited as exported."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

from continuum.access.audit import Action, Actor, record_for_people

from . import annex_a, cin_census, ssda903
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


def export_annex_a(actor: Actor, on: date, path: Path) -> int:
    """Write Ofsted's Annex A lists for the six months to `on` to `path`; returns how many children."""
    content, people = _annex_a(actor, on)
    path.write_bytes(content)
    return len(people)


def annex_a_file(actor: Actor, on: date) -> bytes:
    """Ofsted's Annex A lists for the six months to `on` as an Excel workbook, every child in it audited."""
    return _annex_a(actor, on)[0]


def _annex_a(actor: Actor, on: date) -> tuple[bytes, list[int]]:
    content, people = annex_a.render(on)
    record_for_people(actor, Action.EXPORT, people, purpose=f"Ofsted Annex A to {on}")
    return content, people


def export_ssda903(actor: Actor, year: CollectionYear, folder: Path) -> int:
    """Write the SSDA903 return for `year` to `folder`, a CSV file per table; returns how many children."""
    files, people = ssda903.render(year)
    for name, content in files.items():
        (folder / name).write_bytes(content)
    record_for_people(actor, Action.EXPORT, people, purpose=f"SSDA903 {year.label}")
    return len(people)


def ssda903_zip(actor: Actor, year: CollectionYear) -> bytes:
    """The SSDA903 return's CSV files in one zip file, every child in it audited as exported."""
    files, people = ssda903.render(year)
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    record_for_people(actor, Action.EXPORT, people, purpose=f"SSDA903 {year.label}")
    return packed.getvalue()
