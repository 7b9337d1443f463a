"""The newsroom's own records in the admin: sections, reporters, the publisher's details and
the footer's pages."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path

from articles import roles
from articles.actions import accounts
from articles.admin.forms import ReporterAccountForm, ReporterForm
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
    change_list_template = "admin/articles/reporter/change_list.html"
    formfield_overrides = {models.ImageField: {"form_class": PhotoUploadField}}
    list_display = ["name", "handle_display", "desk", "email", "user"]
    list_filter = ["desk"]
    search_fields = ["name", "email", "desk"]
    autocomplete_fields = ["user"]

    @admin.display(description="핸들")
    def handle_display(self, reporter):
        return f"@{reporter.handle}"

    def get_urls(self):
        new_account = self.admin_site.admin_view(self.new_account_view)
        return [
            path("new-account/", new_account, name="articles_reporter_new_account"),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_open_accounts": roles.can_publish(request.user),
        }
        return super().changelist_view(request, extra_context)

    def new_account_view(self, request):
        """기자 계정 만들기 (the desk): sign-in account, 기자 group and reporter page at once."""
        if not roles.can_publish(request.user):
            raise PermissionDenied
        form = ReporterAccountForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            reporter = accounts.create_reporter_account(
                username=data["username"],
                name=data["name"],
                email=data["email"],
                password=data["password"],
                slug=data["slug"],
                desk=data["desk"],
            )
            self.log_addition(request, reporter, [{"added": {}}])
            self.message_user(
                request,
                f"{reporter.name} 기자의 계정(아이디 {data['username']})을 만들었습니다. "
                "처음 비밀번호를 기자에게 알려 주세요.",
                messages.SUCCESS,
            )
            return redirect("admin:articles_reporter_change", reporter.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": "기자 계정 만들기",
            "opts": self.opts,
            "form": form,
        }
        return TemplateResponse(request, "admin/articles/reporter/new_account.html", context)


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
