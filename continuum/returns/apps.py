from django.apps import AppConfig


class ReturnsConfig(AppConfig):
    name = "continuum.returns"
    label = "returns"
    verbose_name = "Statutory returns: the CIN census, the SSDA903 and Ofsted's Annex A"
