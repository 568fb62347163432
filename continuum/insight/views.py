"""The board's dashboard: every indicator for a period, one indicator's story, and the children behind it.

Figures are for `Permission.SEE_FIGURES`; entering populations and comparators for
`Permission.ENTER_FIGURES`; the children behind a figure for `SEE_CHILDREN_BEHIND_FIGURES`, scoped
by the access policy and audited child by child. Each table downloads as CSV or Excel from its
own address (`?download=csv&table=<id>`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from continuum.access import audit, policy
from continuum.access.audit import Action
from continuum.access.policy import Permission
from continuum.frontdoor.figures_views import CUSTOM, PeriodForm
from continuum.statutory.periods import Period, financial_year_of, year_label
from continuum.web.guards import actor, posted, refused, requires, user_of
from continuum.web.pagination import paginate

from . import dashboard, report
from .catalogue import BY_ID
from .forms import ComparatorForm, NarrativeForm, PopulationForm
from .indicators import Context
from .models import FIRST_YEAR, ChildPopulation, Comparator, NarrativeEntry, narrative_for
from .tables import DOWNLOADS, Table, download

FIGURES = "You cannot see the partnership's figures"
ENTRY = "You cannot enter figures"
PER_PAGE = 50


def _period_form(request: HttpRequest) -> tuple[PeriodForm, Period | None]:
    today = timezone.localdate()
    data = request.GET if "period" in request.GET else QueryDict(f"period={financial_year_of(today)}")
    form = PeriodForm(data, today=today)
    return form, form.chosen_period() if form.is_valid() else None


def _page(
    request: HttpRequest, template: str, form: PeriodForm, tables: list[Table], **context: Any
) -> HttpResponse:
    """Render, or send the table asked for as a file."""
    kind = request.GET.get("download")
    if kind in DOWNLOADS:
        wanted = request.GET.get("table")
        for table in tables:
            if table.id == wanted:
                return download(table, kind)
        raise Http404("No such table on this page")
    return render(
        request,
        template,
        {
            "form": form,
            "custom": form.data.get("period") == CUSTOM,
            "query": _period_query(request),
            "downloads": DOWNLOADS,
            "may_enter": policy.can(user_of(request), Permission.ENTER_FIGURES),
            "may_drill_down": policy.can(user_of(request), Permission.SEE_CHILDREN_BEHIND_FIGURES),
            **context,
        },
    )


def _period_query(request: HttpRequest) -> str:
    """The address's period, without what only this request asked for (a download, a page)."""
    query = request.GET.copy()
    for key in ("download", "table", "page"):
        query.pop(key, None)
    return query.urlencode()


@requires(Permission.SEE_FIGURES, FIGURES)
def dashboard_page(request: HttpRequest) -> HttpResponse:
    form, period = _period_form(request)
    board = dashboard.board(period, Context()) if period else None
    if board is not None:
        query = _period_query(request)
        for section in board.sections:
            links = [
                f"{reverse('insight:indicator', args=[row.indicator.id])}?{query}" for row in section.rows
            ]
            section.table = replace(section.table, links=links)
    return _page(request, "insight/dashboard.html", form, board.tables if board else [], board=board)


@requires(Permission.SEE_FIGURES, FIGURES)
@require_http_methods(["GET", "POST"])
def indicator_page(request: HttpRequest, indicator_id: str) -> HttpResponse:
    indicator = BY_ID.get(indicator_id)
    if indicator is None:
        raise Http404("No such indicator")
    form, period = _period_form(request)
    comparator_form = None
    if policy.can(user_of(request), Permission.ENTER_FIGURES):
        year = financial_year_of(period.end) if period else financial_year_of(timezone.localdate())
        comparator_form = ComparatorForm(posted(request), initial={"year": year}, indicator=indicator)
        if request.method == "POST" and comparator_form.is_valid():
            comparator_form.save(indicator, user_of(request))
            return redirect(f"{request.path}?{request.GET.urlencode()}#comparators")
    elif request.method == "POST":
        return refused(request, policy.can(user_of(request), Permission.ENTER_FIGURES).reason, ENTRY)
    story = dashboard.story(indicator, period, Context()) if period else None
    tables = story.tables if story else []
    history = Comparator.objects.filter(indicator=indicator.id).select_related("entered_by")[:20]
    return _page(
        request,
        "insight/indicator.html",
        form,
        tables,
        indicator=indicator,
        story=story,
        comparator_form=comparator_form,
        comparator_history=history,
    )


@requires(Permission.SEE_CHILDREN_BEHIND_FIGURES, "You cannot see the children behind figures")
def children_page(request: HttpRequest, indicator_id: str) -> HttpResponse:
    indicator = BY_ID.get(indicator_id)
    if indicator is None:
        raise Http404("No such indicator")
    form, period = _period_form(request)
    if period is None:
        return _page(request, "insight/children.html", form, [], indicator=indicator, behind=None)
    behind = dashboard.children_behind_figure(user_of(request), indicator, period, Context())
    kind = request.GET.get("download")
    if kind in DOWNLOADS:
        _audit_children(
            request, Action.EXPORT, [row.person_id for row in behind.rows], indicator.name, period
        )
        return download(behind.table(behind.rows), kind)
    listing = paginate(behind.rows, PER_PAGE, request.GET.get("page"))
    _audit_children(request, Action.VIEW, [row.person_id for row in listing["page"]], indicator.name, period)
    return _page(request, "insight/children.html", form, [], indicator=indicator, behind=behind, **listing)


def _audit_children(
    request: HttpRequest, action: Action, person_ids: list[int], name: str, period: Period
) -> None:
    """One entry per child shown or downloaded: each child's access log shows the drill-down."""
    purpose = f"Children behind the figure: {name}, {period.label}"
    audit.record_for_people(actor(request), action, person_ids, purpose=purpose)


@requires(Permission.SEE_FIGURES, FIGURES)
@require_http_methods(["GET", "POST"])
def population_page(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    may_enter = policy.can(user, Permission.ENTER_FIGURES)
    form = PopulationForm(posted(request)) if may_enter else None
    if request.method == "POST":
        if form is None:
            return refused(request, may_enter.reason, ENTRY)
        if form.is_valid():
            form.save(user)
            return redirect(reverse("insight:population"))
    entries = ChildPopulation.objects.select_related("entered_by")
    return render(
        request,
        "insight/population.html",
        {"form": form, **paginate(entries, PER_PAGE, request.GET.get("page")), "year_label": year_label},
    )


# --- The annual report data pack ------------------------------------------------------------------

REPORT_YEARS = 6


def _report_year(year: int) -> int:
    if not FIRST_YEAR <= year <= financial_year_of(timezone.localdate()):
        raise Http404("No report for that year")
    return year


@requires(Permission.SEE_FIGURES, FIGURES)
def report_index(request: HttpRequest) -> HttpResponse:
    this_year = financial_year_of(timezone.localdate())
    years = [(year, year_label(year)) for year in range(this_year, this_year - REPORT_YEARS, -1)]
    return render(request, "insight/report_index.html", {"years": years})


@requires(Permission.SEE_FIGURES, FIGURES)
def report_page(request: HttpRequest, year: int) -> HttpResponse:
    pack = report.annual_report(_report_year(year))
    may_enter = policy.can(user_of(request), Permission.ENTER_FIGURES)
    return render(
        request,
        "insight/report_page.html",
        {"report": pack, "may_enter": may_enter, "downloads": DOWNLOADS, "printing": False},
    )


@requires(Permission.SEE_FIGURES, FIGURES)
def report_pdf(request: HttpRequest, year: int) -> HttpResponse:
    pack = report.annual_report(_report_year(year))
    response = HttpResponse(report.render_pdf(pack), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="annual-report-data-pack-{year}.pdf"'
    return response


@requires(Permission.ENTER_FIGURES, ENTRY)
@require_http_methods(["GET", "POST"])
def narrative_page(request: HttpRequest, year: int, section: str) -> HttpResponse:
    titles = report.section_keys()
    if section not in titles:
        raise Http404("No such section")
    year = _report_year(year)
    current = narrative_for(year).get(section)
    form = NarrativeForm(posted(request), initial={"text": current.text if current else ""})
    if request.method == "POST" and form.is_valid():
        form.save(year, section, user_of(request))
        return redirect(f"{reverse('insight:report', args=[year])}#section-{section}")
    history = NarrativeEntry.objects.filter(year=year, section=section).select_related("entered_by")[1:]
    context = {"form": form, "title": titles[section], "year": year, "year_label": year_label(year)}
    return render(request, "insight/narrative.html", {**context, "key": section, "history": history})
