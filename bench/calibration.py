"""Calibration: the generated bradford-2019-20 partnership's figures next to the seeds'.

`python -m bench.calibration` (or `python -m bench calibration`) generates the profile once into
var/bench/calibration.sqlite3 (or uses DATABASE_URL when set), then reuses it; `--fresh`
deletes it first. Every figure is the indicator catalogue's (`continuum.insight.figures`), the
one definition the dashboard and the annual report use, for 2019/20 (the calibrated year) and
2020/21 (plan durations and care leavers); the targets, their sources and the indicator that
counts each are data in `continuum.synthetic.journey_calibration.TARGETS`. Each line shows the
relative difference; a calibrated figure more than 5% out is marked.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from continuum.insight.indicators import Figure
    from continuum.synthetic.journey_calibration import Target

BENCH_DIR = Path(__file__).resolve().parent.parent / "var" / "bench"
DATABASE = BENCH_DIR / "calibration.sqlite3"
PROFILE, SEED = "bradford-2019-20", 1
OUTSIDE = "<< OUTSIDE 5%"


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "continuum.settings")
    if "DATABASE_URL" not in os.environ:
        BENCH_DIR.mkdir(parents=True, exist_ok=True)
        if "--fresh" in sys.argv:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{DATABASE}{suffix}").unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{DATABASE}"
    import django

    django.setup()
    run()


def run() -> None:
    from django.core.management import call_command

    from bench.client import generate
    from continuum.people.models import Person

    call_command("migrate", verbosity=0)
    if not Person.objects.exists():
        generate(PROFILE, SEED, force=False)
    for line in report():
        print(line)


def figures_by_year() -> dict[int, dict[str, Figure]]:
    """The catalogue's figures for each year a target is for, counted as at the end of the profile's
    reference day (the generated records' "now")."""
    from continuum.frontdoor import clocks
    from continuum.insight.figures import catalogue_figures
    from continuum.insight.indicators import Context
    from continuum.statutory.periods import Period
    from continuum.synthetic.journey_calibration import TARGETS
    from continuum.synthetic.profiles import get_profile

    context = Context(as_at=clocks.end_of_day(get_profile(PROFILE).reference_date))
    years = sorted({target.year for target in TARGETS})
    return {year: catalogue_figures(Period.financial_year(year), context) for year in years}


def generated(target: Target, figures: dict[int, dict[str, Figure]]) -> float | None:
    """The catalogue's figure for a target, None when there is nothing to count."""
    value = figures[target.year][target.indicator].value
    return None if value is None else float(value)


def report() -> list[str]:
    from continuum.insight.models import children_for_year
    from continuum.statutory.periods import year_label
    from continuum.synthetic.journey_calibration import CALIBRATED_YEAR, TARGETS, TOLERANCE

    figures = figures_by_year()
    population = children_for_year(CALIBRATED_YEAR)
    children = f"{population.children:,}" if population else "no"
    lines = [
        f"Calibration of {PROFILE} (seed {SEED}): {children} children aged 0-17 entered for "
        f"{year_label(CALIBRATED_YEAR)}; figures from the indicator catalogue, targets from the seeds",
    ]
    outside: list[str] = []
    for calibrated in (True, False):
        heading = (
            f"Calibrated: each within {TOLERANCE:.0%} of the seeds' figure"
            if calibrated
            else "For reference (not calibrated to 5%)"
        )
        lines += [
            "",
            heading,
            f"{'figure':<54} {'indicator':<40} {'year':>7} {'ours':>9} {'seeds':>9} {'diff':>7}",
        ]
        for target in (t for t in TARGETS if t.calibrated == calibrated):
            ours = generated(target, figures)
            difference = None if ours is None else (ours - target.value) / target.value
            mark = ""
            if difference is not None and abs(difference) > TOLERANCE:
                mark = f"  {OUTSIDE}" if calibrated else "  (outside 5%)"
                if calibrated:
                    outside.append(target.indicator)
            indicator = target.indicator
            seeds = _show(target.value, target.unit)
            lines.append(
                f"{target.label:<54} {indicator:<40} {year_label(target.year):>7} "
                f"{_show(ours, target.unit):>9} {seeds:>9} {_difference(difference):>7}{mark}"
            )
    lines += [
        "",
        f"{len(outside)} calibrated figure(s) outside {TOLERANCE:.0%}: {', '.join(outside)}"
        if outside
        else f"Every calibrated figure is within {TOLERANCE:.0%} of the seeds'.",
    ]
    return lines


def _show(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit == "per cent":
        return f"{value:.1f}%"
    if unit == "per 10,000":
        return f"{value:.1f}"
    return f"{value:,.0f}"


def _difference(difference: float | None) -> str:
    return "-" if difference is None else f"{difference:+.1%}"


if __name__ == "__main__":
    main()
