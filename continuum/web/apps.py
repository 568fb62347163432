from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "continuum.web"
    label = "web"
    verbose_name = "Page layout, navigation and shared page helpers"
