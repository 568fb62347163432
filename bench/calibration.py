"""Calibration: the generated bradford-2019-20 partnership's 2019/20 figures next to the seeds'.

`python -m bench.calibration` generates the profile once into var/bench/calibration.sqlite3 (or
uses DATABASE_URL when set), then reuses it; `--fresh` deletes it first. Each figure is counted
from the generated records (`continuum.synthetic.journey_figures`); the targets and their
sources are data in `continuum.synthetic.journey_calibration`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent.parent / "var" / "bench"
DATABASE = BENCH_DIR / "calibration.sqlite3"
PROFILE, SEED = "bradford-2019-20", 1


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


def report() -> list[str]:
    from datetime import date

    from continuum.synthetic.journey_calibration import TARGETS
    from continuum.synthetic.journey_figures import (
        children_in_area,
        contacts_in_year,
        plans_and_care_leavers,
        year_figures,
    )

    children = children_in_area()
    generated = {
        **year_figures(2019, children),
        **plans_and_care_leavers(2020),
        # The front door keeps contacts for the reference year only (2025/26): there are none in 2019/20.
        "contacts": contacts_in_year(date(2025, 4, 1), date(2026, 3, 31)),
    }
    lines = [
        f"Calibration of {PROFILE} (seed {SEED}): {children:,} children aged 0-17 on the register",
        f"{'figure':<58} {'year':>8} {'generated':>11} {'target':>11}  source",
    ]
    for target in TARGETS:
        year = "2025/26" if target.key == "contacts" else target.year
        expected = target.scaled(children)
        lines.append(
            f"{target.label:<58} {year:>8} {_show(generated[target.key], target.unit):>11} "
            f"{_show(expected, target.unit):>11}  {'seeds ' + target.year}"
        )
    return lines


def _show(value: float, unit: str) -> str:
    if unit == "per cent":
        return f"{value:.1f}%"
    if unit == "per 10,000":
        return f"{value:.0f}"
    return f"{value:,.0f}"


if __name__ == "__main__":
    main()
