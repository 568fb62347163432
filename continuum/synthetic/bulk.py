"""Many rows of one model in few INSERT statements, without building a model instance per row.

`bulk_create` prepares every value of every row through the field's methods, which costs more
than the database does for the wide rows of a year of contacts. `Inserter` takes plain tuples of
the columns it is given, adapts only the values the database needs adapted (dates, times, JSON,
UUIDs), fills every other column with its default, and gets the new ids back in order
(`RETURNING`, as `bulk_create` does on PostgreSQL and SQLite 3.35+).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any, TypeVar

from django.conf import settings
from django.db import connection, models
from django.utils import timezone

Convert = Callable[[Any], Any]
ROWS_PER_STATEMENT = 1000  # where the database has no limit on parameters


class Inserter:
    def __init__(self, model: type[models.Model], names: Sequence[str]) -> None:
        if not connection.features.can_return_rows_from_bulk_insert:
            raise RuntimeError("The database cannot return the ids of a multi-row INSERT")
        meta = model._meta
        given = [_field(meta.get_field(name)) for name in names]
        rest: list[models.Field] = [  # type: ignore[type-arg]
            field
            for field in meta.concrete_fields
            if not field.primary_key and field.attname not in names and field.name not in names
        ]
        # A unique default (a UUID) is made for each row; the rest once per call.
        self.per_row = [field for field in rest if field.unique]
        self.once = [field for field in rest if not field.unique]
        every = [*given, *self.per_row, *self.once]
        columns = [field.column for field in every]
        # Only the values the database needs adapted are converted, by position.
        converters = [_converter(field) for field in every]
        self.converters = [
            (index, convert) for index, convert in enumerate(converters) if convert is not None
        ]
        # Only the model's own table and column names, quoted, go into the SQL; values are parameters.
        names_sql = ", ".join(_quote(column) for column in columns)
        self.insert_into = f"INSERT INTO {_quote(meta.db_table)} ({names_sql}) VALUES "  # noqa: S608
        assert meta.pk is not None
        self.returning = f" RETURNING {_quote(_field(meta.pk).column)}"
        self.row = "(" + ", ".join(["%s"] * len(columns)) + ")"
        limit = connection.features.max_query_params
        self.batch = max(1, limit // len(columns)) if limit else ROWS_PER_STATEMENT
        self._sql: dict[int, str] = {}

    def insert(self, rows: Sequence[Sequence[Any]]) -> list[int]:
        """Insert `rows` (values in the order of `names`); their new ids, in the same order."""
        now = timezone.now()
        fixed = [_default(field, now) for field in self.once]
        converters, per_row = self.converters, self.per_row
        ids: list[int] = []
        with connection.cursor() as cursor:
            for start in range(0, len(rows), self.batch):
                chunk = rows[start : start + self.batch]
                params: list[Any] = []
                for row in chunk:
                    values = [*row, *(_default(field, now) for field in per_row), *fixed]
                    for index, convert in converters:
                        values[index] = convert(values[index])
                    params += values
                cursor.execute(self._statement(len(chunk)), params)
                ids += [row[0] for row in cursor.fetchall()]
        return ids

    def _statement(self, rows: int) -> str:
        if rows not in self._sql:
            self._sql[rows] = self.insert_into + ", ".join([self.row] * rows) + self.returning
        return self._sql[rows]


M = TypeVar("M", bound=models.Model)


def create(model: type[M], objects: Sequence[M]) -> list[M]:
    """As `bulk_create` for new objects of `model` (no `save()`, no signals), faster: each gets its pk.

    Every concrete column is written from the object, as `bulk_create` would: a foreign key set
    to an object saved since takes its id, and an `auto_now` date-time is now.
    """
    if not objects:
        return []
    meta = model._meta
    fields = [field for field in meta.concrete_fields if not field.primary_key]
    inserter = Inserter(model, [field.attname for field in fields])
    related = [field for field in fields if isinstance(field, models.ForeignKey)]
    now = timezone.now()
    current = [getattr(field, "auto_now", False) for field in fields]
    rows = []
    for obj in objects:
        for field in related:
            if getattr(obj, field.attname) is None and field.is_cached(obj):
                target = field.get_cached_value(obj)
                if target is not None:
                    setattr(obj, field.attname, target.pk)
        rows.append(
            [
                now if is_now else getattr(obj, field.attname)
                for field, is_now in zip(fields, current, strict=True)
            ]
        )
    for obj, pk in zip(objects, inserter.insert(rows), strict=True):
        obj.pk = pk
        obj._state.adding, obj._state.db = False, connection.alias
    return list(objects)


def _field(field: object) -> models.Field:  # type: ignore[type-arg]
    assert isinstance(field, models.Field), field
    return field


def _quote(name: str | None) -> str:
    assert name is not None
    return str(connection.ops.quote_name(name))


def _default(field: models.Field, now: Any) -> Any:  # type: ignore[type-arg]
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return now
    return field.get_default()


def _converter(field: models.Field) -> Convert | None:  # type: ignore[type-arg]
    kind = field.get_internal_type()
    ops = connection.ops
    if kind == "DateTimeField":
        return _sqlite_datetime if _naive_utc_text() else ops.adapt_datetimefield_value
    if kind == "DateField":
        return ops.adapt_datefield_value
    if kind in ("JSONField", "UUIDField"):
        return lambda value: field.get_db_prep_save(value, connection)
    return None


def _naive_utc_text() -> bool:
    """Whether the database keeps date-times as text in UTC without an offset (SQLite with USE_TZ)."""
    return connection.vendor == "sqlite" and settings.USE_TZ and connection.timezone == UTC


def _sqlite_datetime(value: datetime | None) -> str | None:
    """As the SQLite backend's `adapt_datetimefield_value`, without its per-value checks."""
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return str(value)
