from django.db import migrations


def load(apps, schema_editor):
    from continuum.statutory.thresholds import load as load_levels

    load_levels(apps.get_model("statutory", "ThresholdFramework"), apps.get_model("statutory", "NeedLevel"))


class Migration(migrations.Migration):
    dependencies = [("statutory", "0001_continuum_of_need")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
