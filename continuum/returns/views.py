"""The statutory returns on the web: download a year's return, or check it with the DfE's rules.

For `Permission.MAKE_RETURNS` (performance analysts). A download audits every child in it as
exported. A check writes the return to a temporary folder on the server, runs the DfE's
validator on it and lists what it found child by child, each linked to the child's record
(whether it opens is decided there, as always); the children listed are audited as viewed.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST

from continuum.access import audit
from continuum.access.audit import Action
from continuum.access.policy import Permission
from continuum.web.guards import actor, requires

from . import cin_census, services
from .collection import CollectionYear, collection_years
from .validation import Issue, ValidatorUnavailable, validate_cin_census

RETURNS = "You cannot make the statutory returns"


def _year(ends: int) -> CollectionYear:
    if ends not in {year.ends for year in collection_years(timezone.localdate())}:
        raise Http404("Continuum does not write that collection year")
    return CollectionYear(ends)


@requires(Permission.MAKE_RETURNS, RETURNS)
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "returns/index.html", {"years": collection_years(timezone.localdate())})


@requires(Permission.MAKE_RETURNS, RETURNS)
def cin_census_download(request: HttpRequest, year: int) -> HttpResponse:
    collection = _year(year)
    response = HttpResponse(
        services.cin_census_file(actor(request), collection), content_type="application/xml"
    )
    response["Content-Disposition"] = f'attachment; filename="cin-census-{year}.xml"'
    return response


@requires(Permission.MAKE_RETURNS, RETURNS)
@require_POST
def cin_census_check(request: HttpRequest, year: int) -> HttpResponse:
    collection = _year(year)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"cin-census-{year}.xml"
        children = cin_census.write(collection, path)
        try:
            validation = validate_cin_census(path, collection)
        except ValidatorUnavailable as error:
            context = {"year": collection, "reason": str(error)}
            return render(request, "returns/unavailable.html", context, status=503)
    by_child = validation.by_child()
    purpose = f"CIN census {collection.label} checked with the DfE's rules"
    audit.record_for_people(
        actor(request), Action.VIEW, [int(c) for c in by_child if c.isdigit()], purpose=purpose
    )
    context = {
        "year": collection,
        "children": len(children),
        "validation": validation,
        "by_child": [
            (child, int(child) if child.isdigit() else None, issues)
            for child, issues in sorted(by_child.items(), key=_errors_first)
        ],
    }
    return render(request, "returns/check.html", context)


def _errors_first(item: tuple[str, list[Issue]]) -> tuple[bool, int, str]:
    child, issues = item
    return (not any(issue.is_error for issue in issues), int(child) if child.isdigit() else 0, child)
