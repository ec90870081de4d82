from django.urls import path

from . import api, views

app_name = "directory"

urlpatterns = [
    path("directory/", views.search, name="search"),
    path("directory/services/<uuid:service_id>/", views.service_detail, name="service_detail"),
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
