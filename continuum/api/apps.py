from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "continuum.api"
    label = "api"
    verbose_name = "API for partner agencies' systems"
