"""The front door's pages: partners' referrals, the front-door team's work, and its figures."""

from . import urls_figures, urls_partner, urls_staff

app_name = "frontdoor"
urlpatterns = [*urls_partner.urlpatterns, *urls_staff.urlpatterns, *urls_figures.urlpatterns]
