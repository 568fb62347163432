from django.apps import AppConfig


class StatutoryConfig(AppConfig):
    name = "continuum.statutory"
    label = "statutory"
    verbose_name = "Statutory catalogues"
