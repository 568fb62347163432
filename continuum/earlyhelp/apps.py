from django.apps import AppConfig


class EarlyHelpConfig(AppConfig):
    name = "continuum.earlyhelp"
    label = "earlyhelp"
    verbose_name = "Early help"
