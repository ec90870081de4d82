from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import Invitation, Membership, Municipality, Organisation, PlanningRegion, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin[User]):
    ordering = ("email",)
    list_display = ("email", "first_name", "last_name", "is_active")
    search_fields = ("email", "first_name", "last_name")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Profile", {"fields": ("first_name", "last_name", "preferred_language")}),
        ("Access", {"fields": ("is_active", "is_staff", "is_superuser")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "municipality", "is_active")
    list_filter = ("kind", "municipality__region")
    search_fields = ("name",)


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ("user", "organisation", "role", "is_active")
    list_filter = ("role", "is_active")


@admin.register(Invitation)
class InvitationAdmin(SimpleHistoryAdmin):
    list_display = ("organisation", "role", "created_at", "expires_at", "accepted_at")
    exclude = ("token_hash",)


admin.site.register(PlanningRegion)
admin.site.register(Municipality)
