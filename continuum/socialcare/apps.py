from django.apps import AppConfig


class SocialCareConfig(AppConfig):
    name = "continuum.socialcare"
    label = "socialcare"
    verbose_name = "Children's social care"
