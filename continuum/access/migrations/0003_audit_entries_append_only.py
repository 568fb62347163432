"""Make the database itself refuse to change or delete audit entries (see access/triggers.py)."""

from django.db import migrations

from continuum.access import triggers


def install(apps, schema_editor):  # type: ignore[no-untyped-def]
    triggers.install(schema_editor.connection)


def remove(apps, schema_editor):  # type: ignore[no-untyped-def]
    triggers.remove(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("access", "0002_initial")]

    operations = [migrations.RunPython(install, remove)]
