from django.apps import AppConfig


class JourneyConfig(AppConfig):
    """The child's journey assembled from every service: the chronology, the clocks and My work."""

    name = "continuum.journey"
    label = "journey"
    verbose_name = "The child's journey"
