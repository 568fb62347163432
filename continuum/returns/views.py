"""The statutory returns on the web: download a year's return, or check it with the DfE's rules.

For `Permission.MAKE_RETURNS` (performance analysts). A download audits every child in it as
exported. A check runs in the background (`checks`): asking for one leads to its page, which
shows its stage while it runs and, once done, what the rules found child by child, each linked
to the child's record (whether it opens is decided there, as always); the children listed are
audited as viewed each time the results are shown.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from continuum.access.models import User
from continuum.access.policy import Permission
from continuum.web.guards import actor, requires

from . import checks, services
from .checks import Checkable
from .collection import CollectionYear, collection_years
from .forms import AnnexAForm
from .models import CheckStatus, ReturnCheck, ReturnKind

RETURNS = "You cannot make the statutory returns"
# The returns that can be downloaded from the page, by kind: the address's name, and the kind of file.
DOWNLOADS = {
    ReturnKind.CIN_CENSUS: ("returns:cin-census", "XML"),
    ReturnKind.SSDA903: ("returns:ssda903", "ZIP"),
}


def _year(ends: int) -> CollectionYear:
    if ends not in {year.ends for year in collection_years(timezone.localdate())}:
        raise Http404("Continuum does not write that collection year")
    return CollectionYear(ends)


def _checkable(slug: str) -> Checkable:
    checkable = checks.checkable_at(slug)
    if checkable is None:
        raise Http404("Continuum does not check that return")
    return checkable


@requires(Permission.MAKE_RETURNS, RETURNS)
def index(request: HttpRequest) -> HttpResponse:
    years = collection_years(timezone.localdate())
    latest = checks.latest_checks()
    returns = [
        (
            checkable,
            [(year, _download(checkable, year), latest.get((checkable.kind, year.ends))) for year in years],
        )
        for checkable in checks.RETURNS.values()
    ]
    annex_a = AnnexAForm(initial={"on": timezone.localdate().strftime("%d/%m/%Y")})
    return render(request, "returns/index.html", {"returns": returns, "annex_a": annex_a})


def _download(checkable: Checkable, year: CollectionYear) -> tuple[str, str] | None:
    """The download's address and the kind of file, for a return that can be downloaded."""
    if checkable.kind not in DOWNLOADS:
        return None
    name, kind_of_file = DOWNLOADS[checkable.kind]
    return reverse(name, args=[year.ends]), kind_of_file


@requires(Permission.MAKE_RETURNS, RETURNS)
def cin_census_download(request: HttpRequest, year: int) -> HttpResponse:
    collection = _year(year)
    response = HttpResponse(
        services.cin_census_file(actor(request), collection), content_type="application/xml"
    )
    response["Content-Disposition"] = f'attachment; filename="cin-census-{year}.xml"'
    return response


@requires(Permission.MAKE_RETURNS, RETURNS)
def ssda903_download(request: HttpRequest, year: int) -> HttpResponse:
    collection = _year(year)
    response = HttpResponse(services.ssda903_zip(actor(request), collection), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="ssda903-{year}.zip"'
    return response


@requires(Permission.MAKE_RETURNS, RETURNS)
def annex_a_download(request: HttpRequest) -> HttpResponse:
    """Ofsted's Annex A workbook up to the date asked for; a date that is wrong is asked for again."""
    form = AnnexAForm(request.GET)
    if not form.is_valid():
        return render(request, "returns/annex_a.html", {"annex_a": form, "form": form})
    on = form.cleaned_data["on"]
    response = HttpResponse(
        services.annex_a_file(actor(request), on),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="annex-a-{on.isoformat()}.xlsx"'
    return response


@requires(Permission.MAKE_RETURNS, RETURNS)
@require_POST
def check_return(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    checkable, collection = _checkable(slug), _year(year)
    assert isinstance(request.user, User), "requires() lets only signed-in users through"
    check = checks.request_check(request.user, checkable.kind, collection)
    return redirect("returns:check", pk=check.pk)


@requires(Permission.MAKE_RETURNS, RETURNS)
def check_page(request: HttpRequest, pk: int) -> HttpResponse:
    check = checks.refreshed(get_object_or_404(ReturnCheck, pk=pk))
    checkable = checks.RETURNS[check.kind]
    context = {
        "check": check,
        "checkable": checkable,
        "title": checkable.title(CollectionYear(check.collection_year)),
        "progress": checks.progress(check),
    }
    if check.status == CheckStatus.DONE:
        validation, found = checks.results(actor(request), check)
        return render(request, "returns/check.html", {**context, "validation": validation, "found": found})
    if check.is_finished:
        return render(request, "returns/unavailable.html", context)
    return render(request, "returns/progress.html", context)


@requires(Permission.MAKE_RETURNS, RETURNS)
def check_progress(request: HttpRequest, pk: int) -> JsonResponse:
    """The check's stage, for the page's script: it reloads the page once the check has finished."""
    check = checks.refreshed(get_object_or_404(ReturnCheck, pk=pk))
    return JsonResponse(checks.progress(check).as_json())
