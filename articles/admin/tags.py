"""django-taggit's tags in the admin, in Korean: its merge action and messages are English
literals in its admin class."""

from django.contrib import admin, messages
from taggit.admin import TagAdmin
from taggit.models import Tag


class NewsroomTagAdmin(TagAdmin):
    actions = ["merge_tags"]

    @admin.action(description="선택한 태그 합치기")
    def merge_tags(self, request, queryset):
        return self.render_tag_form(request, queryset)

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        message = {
            "Tags have been merged": "태그를 합쳤습니다.",
            "Form is invalid.": "합칠 태그 이름을 입력해 주세요.",
            "Please select at least one tag.": "합칠 태그를 하나 이상 고르세요.",
        }.get(str(message), message)
        return super().message_user(request, message, level, *args, **kwargs)


if admin.site.is_registered(Tag):
    admin.site.unregister(Tag)
admin.site.register(Tag, NewsroomTagAdmin)
