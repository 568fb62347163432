"""The indicator catalogue over five years, for a Bradford-size partnership and a region 20 times it.

`catalogue_figures` counts every indicator in the catalogue (continuum/insight/) for 1 April 2021
to 31 March 2026, on four databases, each timed in its own process (so that each peak memory is
that database's alone):

- SQLite, Bradford: `bradford-2019-20`, seed 1, in var/bench/insight.sqlite3;
- SQLite, region: a copy of it in var/bench/insight-region.sqlite3 where every record the
  catalogue counts is there 20 times (see `multiply`);
- PostgreSQL, Bradford and region: the same, in the databases continuum_bench_insight and
  continuum_bench_insight_region on the server BENCH_POSTGRES_URL names (by default
  postgres://postgres@127.0.0.1:5432, trust auth). Without a server the suite says so and goes on.

Each database is built once and reused: delete the file, or drop the database, to build it again
(and the region's with it: the region is a copy of the Bradford one). The targets, reported and
not asserted: the catalogue in under 1 second for Bradford and under 20 seconds for the region;
the dashboard pages (`time_dashboard_pages`) at a p95 under 300 ms.

Generating 20 Bradfords would take hours, so the region is the Bradford database copied (a file
copy for SQLite, CREATE DATABASE ... TEMPLATE for PostgreSQL) with the records the catalogue reads
copied 19 more times inside the database, one INSERT ... SELECT per table: primary keys offset
by the table's highest key for each copy, foreign keys between copied tables offset the same
way, unique columns made unique. Only the people those records are about are copied (the rest
of the register is never counted). Building checks every table ends with 20 times its rows.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.db.models import Field, Model
    from django.test import Client

    from bench.timing import Timing

BASE_DIR = Path(__file__).resolve().parent.parent
BENCH_DIR = BASE_DIR / "var" / "bench"
SQLITE_BRADFORD = BENCH_DIR / "insight.sqlite3"
SQLITE_REGION = BENCH_DIR / "insight-region.sqlite3"
POSTGRES_SERVER = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")
POSTGRES_BRADFORD, POSTGRES_REGION = "continuum_bench_insight", "continuum_bench_insight_region"

PROFILE, SEED = "bradford-2019-20", 1
PERIOD_START, PERIOD_END = date(2021, 4, 1), date(2026, 3, 31)
COPIES = 20
BRADFORD_REPEATS, REGION_REPEATS, PAGE_REPEATS = 10, 3, 30
SLOWEST_SHOWN = 6

# What the catalogue's querysets read (continuum/insight/catalogue.py), parents before children.
# A new table the catalogue counts belongs here too, or the region will not be 20 times Bradford.
REGION_MODELS = (
    "people.Person",
    "frontdoor.Contact",
    "frontdoor.ContactChild",
    "socialcare.Referral",
    "socialcare.Assessment",
    "socialcare.StrategyDiscussion",
    "socialcare.Section47Enquiry",
    "socialcare.ChildProtectionPlan",
    "socialcare.ChildProtectionConference",
    "socialcare.CareEpisode",
    "socialcare.MissingEpisode",
    "socialcare.CareLeaver",
    "socialcare.CareLeaverContact",
    "socialcare.PathwayPlan",
    "earlyhelp.EarlyHelpEpisode",
)
COPIES_TABLE = "bench_region_copies"
SQLITE_BUILD_CACHE_KIB = 2_000_000  # SQLite's page cache while building the region: up to 2 GB


# --- The suite: one process per database ---------------------------------------------------------


def run() -> None:
    """Build (once) and time each database, each in a child process."""
    print(
        f"\nInsight: the indicator catalogue for {PERIOD_START:%-d %B %Y} to {PERIOD_END:%-d %B %Y}",
        flush=True,
    )
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    _bradford_and_region(
        "SQLite", f"sqlite:///{SQLITE_BRADFORD}", f"sqlite:///{SQLITE_REGION}", _sqlite_region
    )
    unavailable = _postgres_unavailable()
    if unavailable:
        print(f"\nPostgreSQL not available ({unavailable}): not measured on PostgreSQL.", flush=True)
        return
    if not _postgres_exists(POSTGRES_BRADFORD):
        _postgres_admin(f'CREATE DATABASE "{POSTGRES_BRADFORD}"')
    _bradford_and_region(
        "PostgreSQL", _postgres_url(POSTGRES_BRADFORD), _postgres_url(POSTGRES_REGION), _postgres_region
    )


def _bradford_and_region(backend: str, bradford: str, region: str, build_region: Callable[[], None]) -> None:
    _step("prepare", bradford)
    counted = _measure(bradford, f"{backend}, Bradford")
    build_region()
    _step("prepare", region)  # migrations added since the region was built
    in_region = _measure(region, f"{backend}, region ({COPIES} x Bradford)")
    print(_compare(counted, in_region), flush=True)


def _measure(database_url: str, label: str) -> dict[str, list[float | None]]:
    """Time the catalogue in a child process; the figures it counted, by indicator."""
    figures = BENCH_DIR / f"insight-figures-{os.getpid()}.json"
    try:
        _step("measure", database_url, label, str(figures))
        counted: dict[str, list[float | None]] = json.loads(figures.read_text())
        return counted
    finally:
        figures.unlink(missing_ok=True)


def _compare(bradford: dict[str, list[float | None]], region: dict[str, list[float | None]]) -> str:
    """Whether every count, numerator and denominator in the region is COPIES times Bradford's."""
    differ = [
        f"{indicator} ({bradford[indicator][1:]} and {region.get(indicator, [None])[1:]})"
        for indicator in bradford
        if [None if n is None else n * COPIES for n in bradford[indicator][1:]]
        != region.get(indicator, [])[1:]
    ]
    if differ:
        return (
            f"Region figures NOT {COPIES} times Bradford's (is the region older than Bradford? delete it to "
            f"build it again): {', '.join(differ)}"
        )
    return f"Region figures: every count, numerator and denominator {COPIES} times Bradford's."


def _step(step: str, database_url: str, *arguments: str) -> None:
    environment = {**os.environ, "DATABASE_URL": database_url}
    environment.setdefault("DJANGO_SETTINGS_MODULE", "continuum.settings")
    command = [sys.executable, "-m", "bench.insight_bench", step, *arguments]
    subprocess.run(command, check=True, cwd=BASE_DIR, env=environment)


def main() -> None:
    """A child process: `python -m bench.insight_bench prepare|multiply|measure LABEL FIGURES_FILE`."""
    if len(sys.argv) < 2:
        run()
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "continuum.settings")
    import django

    django.setup()
    step = sys.argv[1]
    if step == "prepare":
        prepare()
    elif step == "measure":
        measure(sys.argv[2], Path(sys.argv[3]))
    elif step == "multiply":
        multiply(COPIES)
    else:
        raise SystemExit(f"Unknown step {step!r}")


def prepare() -> None:
    """The Bradford-size partnership, generated once (in a child process, as the other suites do)."""
    from django.core.management import call_command

    from bench.client import generate
    from continuum.people.models import Person

    call_command("migrate", verbosity=0)
    if not Person.objects.exists():
        generate(PROFILE, SEED, force=False)
        _analyse()


def _analyse() -> None:
    """On PostgreSQL, what autovacuum does after a bulk load, now: the timings then do not depend on
    when it ran. SQLite is left as the app leaves it (no ANALYZE)."""
    from django.db import connection

    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        print(f"Vacuumed and analysed for the query planner in {time.perf_counter() - started:.0f} s")


def measure(label: str, figures_file: Path) -> None:
    """Time the catalogue (and, for Bradford, the dashboard pages); write the figures to `figures_file`."""
    from django.conf import settings
    from django.db import connection
    from django.test.utils import CaptureQueriesContext, override_settings

    from bench.timing import peak_memory_mb, time_calls
    from continuum.insight.catalogue import CATALOGUE
    from continuum.insight.figures import catalogue_figures, figure
    from continuum.socialcare.models import Referral
    from continuum.statutory.periods import Period

    period = Period(PERIOD_START, PERIOD_END)
    before = peak_memory_mb()
    print(f"\n{label}: {_size()}")
    region = "region" in label
    repeats = REGION_REPEATS if region else BRADFORD_REPEATS
    cpu = time.process_time()
    timing = time_calls(
        f"catalogue, {len(CATALOGUE)} indicators (5 years)",
        [lambda: catalogue_figures(period) for _ in range(repeats)],
    )
    # On a busy machine the wall-clock time is longer than the work: with SQLite the work is this
    # process's CPU time (with PostgreSQL most of it is the server's, not counted here).
    cpu_ms = (time.process_time() - cpu) * 1000 / repeats
    print(f"{timing.line()}  (this process's CPU {cpu_ms:.0f} ms a time)")
    # Counted in this thread alone here, so that every query is seen.
    with override_settings(FIGURE_THREADS=1), CaptureQueriesContext(connection) as queries:
        figures = catalogue_figures(period)
    print(
        f"{len(queries)} queries, counted by {settings.FIGURE_THREADS} threads at once above; "
        f"referrals in the period {figures['referrals'].text} "
        f"(of {Referral.objects.count():,}); peak memory {peak_memory_mb():.0f} MB "
        f"({before:.0f} MB before counting)"
    )
    each = [(_milliseconds(partial(figure, indicator, period)), indicator.id) for indicator in CATALOGUE]
    slowest = sorted(each, reverse=True)[:SLOWEST_SHOWN]
    print(
        "Slowest indicators (each counted alone): " + ", ".join(f"{name} {ms:.0f} ms" for ms, name in slowest)
    )
    figures_file.write_text(
        json.dumps({key: [each.value, each.numerator, each.denominator] for key, each in figures.items()})
    )
    if not region:
        from bench.client import signed_in_client

        for page in time_dashboard_pages(signed_in_client("sam")):
            print(page.line())


def _milliseconds(call: Callable[[], object]) -> float:
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def _size() -> str:
    from continuum.frontdoor.models import Contact
    from continuum.people.models import Person
    from continuum.socialcare.models import CareEpisode, ChildProtectionPlan

    return (
        f"{Person.objects.count():,} people, {Contact.objects.count():,} contacts, "
        f"{ChildProtectionPlan.objects.count():,} child protection plans, "
        f"{CareEpisode.objects.count():,} care episodes"
    )


# --- Dashboard pages (another developer is building them: insight:dashboard, insight:indicator) ---

DASHBOARD_PAGES: tuple[tuple[str, str, dict[str, str]], ...] = (
    ("dashboard page (as Sam)", "insight:dashboard", {}),
    ("indicator page: referrals (as Sam)", "insight:indicator", {"indicator_id": "referrals"}),
    # The heaviest monthly series: two working-day lookups for each assessment, month by month.
    (
        "indicator page: assessments in 45 working days",
        "insight:indicator",
        {"indicator_id": "assessments_within_45wd_pct"},
    ),
)


def time_dashboard_pages(client: Client) -> list[Timing]:
    """GET each dashboard page PAGE_REPEATS times as `client` (Sam, the analyst); target p95 < 300 ms.

    A page whose URL name does not resolve yet is skipped with a message.
    """
    from django.urls import NoReverseMatch, reverse

    from bench.client import get
    from bench.timing import time_calls

    timings = []
    for label, name, kwargs in DASHBOARD_PAGES:
        try:
            path = reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            print(f"Not timed: {label}: the URL {name} does not exist yet.")
            continue
        timings.append(time_calls(label, [get(client, path) for _ in range(PAGE_REPEATS)]))
    return timings


# --- Building the region: the Bradford database with the counted records 20 times ---------------


def _sqlite_region() -> None:
    if SQLITE_REGION.exists():
        return
    print(f"\nBuilding the SQLite region (once): {SQLITE_BRADFORD.name} copied, then its records", flush=True)
    started = time.perf_counter()
    building = SQLITE_REGION.with_name(f"{SQLITE_REGION.stem}.building.sqlite3")
    _remove_sqlite(building)
    source, target = sqlite3.connect(SQLITE_BRADFORD), sqlite3.connect(building)
    with target:
        source.backup(target)
    source.close()
    target.close()
    copied = time.perf_counter()
    _step("multiply", f"sqlite:///{building}")
    # Fold the write-ahead log into the file before renaming it.
    connection = sqlite3.connect(building)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    building.replace(SQLITE_REGION)
    _remove_sqlite(building)
    print(
        f"Built the SQLite region in {time.perf_counter() - started:.0f} s (copying the file "
        f"{copied - started:.0f} s, the records {time.perf_counter() - copied:.0f} s; kept for the next run)",
        flush=True,
    )


def _remove_sqlite(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _postgres_region() -> None:
    if _postgres_exists(POSTGRES_REGION):
        return
    print(
        f"\nBuilding the PostgreSQL region (once): {POSTGRES_BRADFORD} copied, then its records", flush=True
    )
    started = time.perf_counter()
    building = f"{POSTGRES_REGION}_building"
    _postgres_admin(f'DROP DATABASE IF EXISTS "{building}"')
    _postgres_admin(f'CREATE DATABASE "{building}" TEMPLATE "{POSTGRES_BRADFORD}"')
    copied = time.perf_counter()
    _step("multiply", _postgres_url(building))
    _postgres_admin(f'ALTER DATABASE "{building}" RENAME TO "{POSTGRES_REGION}"')
    print(
        f"Built the PostgreSQL region in {time.perf_counter() - started:.0f} s (copying the database "
        f"{copied - started:.0f} s, the records {time.perf_counter() - copied:.0f} s; kept for the next run)",
        flush=True,
    )


def multiply(copies: int) -> None:
    """Copy the counted records `copies - 1` more times inside this database, then check the counts.

    The SQL is put together from the models' table and column names (quoted), never from input.
    """
    from django.apps import apps
    from django.core.management.color import no_style
    from django.db import connection, transaction

    started = time.perf_counter()
    models = [apps.get_model(label) for label in REGION_MODELS]
    strides = {model._meta.label: _highest_pk(model) for model in models}
    before = {model._meta.label: model._default_manager.count() for model in models}
    people = _people_of(models)
    counted_people = _count_people(people)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            # Room for the pages being written (the default is 2 MB): taken only as it is used.
            cursor.execute(f"PRAGMA cache_size = -{SQLITE_BUILD_CACHE_KIB}")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE {COPIES_TABLE} (k integer PRIMARY KEY)")
        insert = f"INSERT INTO {COPIES_TABLE} (k) VALUES (%s)"  # noqa: S608 - a constant table name
        cursor.executemany(insert, [(k,) for k in range(1, copies)])
        if connection.vendor == "postgresql":
            # Check each copy's foreign keys as it is made (parents are copied first): PostgreSQL
            # will not build an index on a table with checks still waiting.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for model in models:
            table_started = time.perf_counter()
            # Filling an index row by row in random order is slow: drop the table's own indexes
            # (not its key's or unique columns'), copy, and build them again in one pass each.
            indexes = _indexes(model._meta.db_table)
            for name, _ in indexes:
                cursor.execute(f"DROP INDEX {_name(name)}")
            cursor.execute(_copy_sql(model, strides, people))
            added, copied = cursor.rowcount, time.perf_counter()
            for _, create in indexes:
                cursor.execute(create)
            seconds, indexing = time.perf_counter() - table_started, time.perf_counter() - copied
            print(
                f"  {model._meta.label}: {added:,} rows added in {seconds:.1f} s "
                f"({len(indexes)} indexes built again in {indexing:.1f} s)"
            )
        cursor.execute(f"DROP TABLE {COPIES_TABLE}")
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)
        committing = time.perf_counter()
    # On SQLite, committing checks every copied row's foreign keys (they are deferred to the end).
    print(f"Committed in {time.perf_counter() - committing:.0f} s")
    counting = time.perf_counter()
    for model in models:
        label = model._meta.label
        copied = counted_people if label == "people.Person" else before[label]
        expected, after = before[label] + (copies - 1) * copied, model._default_manager.count()
        if after != expected:
            raise RuntimeError(f"{label}: {after:,} rows after copying, expected {expected:,}")
    referrals = before["socialcare.Referral"], apps.get_model("socialcare.Referral")._default_manager.count()
    print(
        f"Checked: every counted table has {copies} times its rows (referrals {referrals[0]:,} -> "
        f"{referrals[1]:,}; the {counted_people:,} people they are about -> {copies * counted_people:,}) "
        f"in {time.perf_counter() - counting:.0f} s; {time.perf_counter() - started:.0f} s so far"
    )
    _analyse()


def _indexes(table: str) -> list[tuple[str, str]]:
    """The table's indexes that no constraint owns: (name, the SQL that creates it)."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
                "AND tablename = %s AND indexname NOT IN "
                "(SELECT conname FROM pg_constraint WHERE conrelid = CAST(%s AS regclass))",
                [table, table],
            )
        else:
            # Indexes SQLite makes itself (keys, unique columns) have no SQL and cannot be dropped.
            cursor.execute(
                "SELECT name, sql FROM sqlite_master "
                "WHERE type = 'index' AND tbl_name = %s AND sql IS NOT NULL",
                [table],
            )
        return [(name, sql) for name, sql in cursor.fetchall()]


def _highest_pk(model: type[Model]) -> int:
    return model._default_manager.order_by("-pk").values_list("pk", flat=True).first() or 0


def _name(name: str | None) -> str:
    from django.db import connection

    assert name is not None
    return connection.ops.quote_name(name)


def _pk(model: type[Model]) -> str:
    assert model._meta.pk is not None
    return _name(model._meta.pk.column)


def _people_of(models: list[type[Model]]) -> str:
    """SQL for the ids of the people the copied records are about."""
    selects = [
        f"SELECT {_name(field.column)} FROM {_name(model._meta.db_table)} "  # noqa: S608 - model names
        f"WHERE {_name(field.column)} IS NOT NULL"
        for model in models
        for field in model._meta.concrete_fields
        if field.is_relation
        and field.related_model is not None
        and field.related_model._meta.label == "people.Person"
    ]
    return " UNION ".join(selects)


def _count_people(people: str) -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM ({people}) AS people")  # noqa: S608 - model names
        return int(cursor.fetchone()[0])


def _copy_sql(model: type[Model], strides: dict[str, int], people: str) -> str:
    """One INSERT ... SELECT: the table's original rows once for each row of the copies table."""
    table, pk = _name(model._meta.db_table), _pk(model)
    fields = list(model._meta.concrete_fields)
    columns = ", ".join(_name(field.column) for field in fields)
    values = ", ".join(_copied_value(model, field, strides) for field in fields)
    where = f"t.{pk} <= {strides[model._meta.label]}"
    if model._meta.label == "people.Person":
        where += f" AND t.{pk} IN ({people})"
    return (
        f"INSERT INTO {table} ({columns}) SELECT {values} "  # noqa: S608 - model names
        f"FROM {table} AS t CROSS JOIN {COPIES_TABLE} AS c WHERE {where}"
    )


def _copied_value(model: type[Model], field: Field[object, object], strides: dict[str, int]) -> str:
    """The SQL for one column of a copy: keys offset, unique columns made unique, the rest as they are."""
    from django.db import connection

    column, label = f"t.{_name(field.column)}", model._meta.label
    postgres = connection.vendor == "postgresql"
    if field.primary_key:
        return f"{column} + c.k * {strides[label]}"
    target = field.related_model._meta.label if field.is_relation and field.related_model else None
    if target in strides:
        return f"{column} + c.k * {strides[target]}"  # NULL stays NULL
    if (label, field.name) == ("people.Person", "nhs_number"):
        # Unique where given: R and the new id, 10 characters, which no real NHS number is.
        new_id = f"t.{_pk(model)} + c.k * {strides[label]}"
        padded = f"lpad(CAST({new_id} AS text), 9, '0')" if postgres else f"printf('%09d', {new_id})"
        return f"CASE WHEN {column} = '' THEN '' ELSE 'R' || {padded} END"
    if (label, field.name) == ("frontdoor.Contact", "public_id"):
        return "gen_random_uuid()" if postgres else "lower(hex(randomblob(16)))"
    if (label, field.name) == ("frontdoor.Contact", "reference"):
        return f"{column} || '-' || CAST(c.k AS text)"  # NULL (a draft) stays NULL
    if field.unique:
        raise RuntimeError(f"{label}.{field.name} is unique: say in _copied_value how to copy it")
    return column


# --- PostgreSQL ----------------------------------------------------------------------------------


def _postgres_url(database: str) -> str:
    return f"{POSTGRES_SERVER}/{database}"


def _postgres_unavailable() -> str:
    """Why PostgreSQL cannot be used, or "" when it can."""
    try:
        _postgres_admin("SELECT 1")
    except Exception as error:  # any failure: not available
        return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return ""


def _postgres_exists(database: str) -> bool:
    return bool(_postgres_admin("SELECT 1 FROM pg_database WHERE datname = %s", [database]))


def _postgres_admin(sql: str, parameters: list[str] | None = None) -> list[tuple[object, ...]]:
    """Run one statement on the server's postgres database, outside a transaction (CREATE DATABASE)."""
    import psycopg

    with psycopg.connect(_postgres_url("postgres"), autocommit=True, connect_timeout=5) as connection:
        cursor = connection.execute(sql.encode(), parameters)
        return cursor.fetchall() if cursor.description else []


if __name__ == "__main__":
    main()
