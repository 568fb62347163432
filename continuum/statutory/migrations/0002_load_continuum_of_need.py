from django.db import migrations


def load(apps, schema_editor):
    from continuum.statutory.thresholds import FRAMEWORK, LEVELS

    ThresholdFramework = apps.get_model("statutory", "ThresholdFramework")
    NeedLevel = apps.get_model("statutory", "NeedLevel")
    framework, _ = ThresholdFramework.objects.get_or_create(
        name=FRAMEWORK["name"], version=FRAMEWORK["version"], defaults=FRAMEWORK
    )
    for level in LEVELS:
        NeedLevel.objects.get_or_create(framework=framework, number=level["number"], defaults=level)


class Migration(migrations.Migration):
    dependencies = [("statutory", "0001_continuum_of_need")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
