from django.urls import path

from . import views

app_name = "diagrams"

P = "cases/<int:case_id>/diagrams/"

urlpatterns = [
    path(P, views.overview, name="overview"),
    path("cases/<int:case_id>/pdf/", views.case_pdf, name="case_pdf"),
    path(f"{P}ecomaps/", views.ecomaps, name="ecomaps"),
    path(f"{P}ecomaps/compare/", views.ecomap_compare, name="ecomap_compare"),
    path(f"{P}ecomaps/<int:snapshot_id>/", views.ecomap_detail, name="ecomap"),
    path(f"{P}connections/<int:connection_id>/", views.connection_edit, name="connection_edit"),
    path(
        f"{P}connections/<int:connection_id>/remove/",
        views.connection_remove,
        name="connection_remove",
    ),
    path(f"{P}genogram/", views.genogram_detail, name="genogram"),
    path(f"{P}genogram/people/new/", views.person_form, name="person_add"),
    path(f"{P}genogram/people/<int:person_id>/", views.person_form, name="person_edit"),
    path(f"{P}genogram/people/<int:person_id>/remove/", views.person_remove, name="person_remove"),
    path(f"{P}genogram/relationships/new/", views.relation_add, name="relation_add"),
    path(
        f"{P}genogram/relationships/<int:relation_id>/remove/",
        views.relation_remove,
        name="relation_remove",
    ),
    path(f"{P}network/", views.network, name="network"),
    path(f"{P}network/<int:member_id>/", views.member_edit, name="member_edit"),
    path(f"{P}network/<int:member_id>/remove/", views.member_remove, name="member_remove"),
    path(f"{P}culturagram/", views.culturagram, name="culturagram"),
]

F = f"{P}family-maps/<int:map_id>/"

urlpatterns += [
    path(f"{P}family-maps/", views.family_maps, name="family_maps"),
    path(F, views.family_map_detail, name="family_map"),
    path(f"{F}members/new/", views.family_member_add, name="family_member_add"),
    path(
        f"{F}members/<int:member_id>/remove/",
        views.family_member_remove,
        name="family_member_remove",
    ),
    path(f"{F}subsystems/new/", views.family_subsystem_add, name="family_subsystem_add"),
    path(
        f"{F}subsystems/<int:subsystem_id>/remove/",
        views.family_subsystem_remove,
        name="family_subsystem_remove",
    ),
    path(f"{F}relations/new/", views.family_relation_add, name="family_relation_add"),
    path(
        f"{F}relations/<int:relation_id>/remove/",
        views.family_relation_remove,
        name="family_relation_remove",
    ),
]
