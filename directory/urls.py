from django.urls import path, re_path

from . import api, views

app_name = "directory"

urlpatterns = [
    path("directory/", views.search, name="search"),
    path("directory/services/<uuid:service_id>/", views.service_detail, name="service_detail"),
    # HSDA 3.0 (directory/api.py): ids are strings in HSDA; one that is no UUID is a 404 there.
    path("api/hsds/", api.api_details, name="api_details"),
    path("api/hsds/openapi.json", api.openapi_document, name="api_openapi"),
    path("api/hsds/services", api.services, name="api_services"),
    path("api/hsds/services/<str:service_id>", api.service, name="api_service"),
    path("api/hsds/organizations", api.organizations, name="api_organizations"),
    path(
        "api/hsds/organizations/<str:organisation_id>",
        api.organization,
        name="api_organization",
    ),
    path(
        "api/hsds/service_at_locations", api.service_at_locations, name="api_service_at_locations"
    ),
    path(
        "api/hsds/service_at_locations/<str:service_at_location_id>",
        api.service_at_location,
        name="api_service_at_location",
    ),
    path("api/hsds/taxonomies", api.taxonomies, name="api_taxonomies"),
    path("api/hsds/taxonomies/<str:taxonomy_id>", api.taxonomy, name="api_taxonomy"),
    path("api/hsds/taxonomy_terms", api.taxonomy_terms, name="api_taxonomy_terms"),
    path(
        "api/hsds/taxonomy_terms/<str:taxonomy_term_id>",
        api.taxonomy_term,
        name="api_taxonomy_term",
    ),
    # Any other address under the API is a JSON 404, not the HTML page (issue 25).
    re_path(r"^api/hsds/(?P<rest>.*)$", api.not_found, name="api_not_found"),
]
