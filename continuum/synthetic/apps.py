from django.apps import AppConfig


class SyntheticConfig(AppConfig):
    name = "continuum.synthetic"
    label = "synthetic"
    verbose_name = "Seeded generator of a realistic synthetic partnership"
