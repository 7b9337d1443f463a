"""The newsroom's own records in the admin: sections, reporters, the publisher's details and
the footer's pages."""

from django.contrib import admin
from django.db import models
from django.shortcuts import redirect

from articles.admin.forms import ReporterForm
from articles.models import Publisher, Reporter, Section, SitePage
from articles.photos import PhotoUploadField


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "slug", "order"]
    list_editable = ["order"]
    list_filter = ["parent"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Reporter)
class ReporterAdmin(admin.ModelAdmin):
    form = ReporterForm
    formfield_overrides = {models.ImageField: {"form_class": PhotoUploadField}}
    list_display = ["name", "handle_display", "desk", "email", "user"]
    list_filter = ["desk"]
    search_fields = ["name", "email", "desk"]
    autocomplete_fields = ["user"]

    @admin.display(description="핸들")
    def handle_display(self, reporter):
        return f"@{reporter.handle}"


@admin.register(Publisher)
class PublisherAdmin(admin.ModelAdmin):
    """One row: the list goes straight to it (or to the empty form before it exists)."""

    fields = [
        "registration",
        "publisher",
        "editor",
        "youth_officer",
        "address",
        "contact",
        "show_view_count",
    ]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not Publisher.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        if Publisher.objects.exists():
            return redirect("admin:articles_publisher_change", 1)
        if self.has_add_permission(request):
            return redirect("admin:articles_publisher_add")
        return super().changelist_view(request, extra_context)


@admin.register(SitePage)
class SitePageAdmin(admin.ModelAdmin):
    """The footer's pages: the desk rewrites them; saving one purges its page (and the footers
    when its title changed)."""

    list_display = ["title", "slug", "order", "updated_at"]
    list_editable = ["order"]
    fields = ["title", "slug", "order", "body"]
    view_on_site = True
