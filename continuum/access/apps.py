from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "continuum.access"
    label = "access"
    verbose_name = "People who use Continuum, the access policy and the audit trail"
