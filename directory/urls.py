from django.urls import path

from . import api, referral_views, views

app_name = "directory"

urlpatterns = [
    path("directory/", views.search, name="search"),
    path("directory/services/<uuid:service_id>/", views.service_detail, name="service_detail"),
    path(
        "cases/<int:case_id>/referrals/",
        referral_views.case_referrals,
        name="case_referrals",
    ),
    path("referrals/incoming/", referral_views.incoming, name="incoming_referrals"),
    path(
        "referrals/<int:referral_id>/step/",
        referral_views.referral_step,
        name="referral_step",
    ),
    path("api/hsds/services", api.services, name="api_services"),
    path("api/hsds/services/<uuid:service_id>", api.service, name="api_service"),
    path("api/hsds/organizations", api.organizations, name="api_organizations"),
    path(
        "api/hsds/organizations/<uuid:organisation_id>",
        api.organization,
        name="api_organization",
    ),
    path("api/hsds/taxonomies", api.taxonomies, name="api_taxonomies"),
    path("api/hsds/taxonomy_terms", api.taxonomy_terms, name="api_taxonomy_terms"),
]
