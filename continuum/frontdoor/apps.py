from django.apps import AppConfig


class FrontDoorConfig(AppConfig):
    name = "continuum.frontdoor"
    label = "frontdoor"
    verbose_name = "Front door"
