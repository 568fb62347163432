from django.apps import AppConfig


class InsightConfig(AppConfig):
    name = "continuum.insight"
    label = "insight"
    verbose_name = "Insight: indicators, the board's dashboard and the annual report"
