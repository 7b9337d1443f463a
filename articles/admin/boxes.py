"""The desk's curated boxes (주요뉴스, 뉴스발전소) in the admin."""

from django.contrib import admin
from django.contrib import messages as django_messages
from django.utils.html import format_html, format_html_join

from articles.models import CuratedBox, CuratedSlot
from articles.queries import boxes


class CuratedSlotInline(admin.TabularInline):
    model = CuratedSlot
    extra = 1
    autocomplete_fields = ["article"]
    fields = ["article", "starts_at", "ends_at", "order"]
    # Rows are shown in their order so that the ↑/↓ buttons (js/box-order.js) move what
    # the reader will see; without the script the order field still works.
    ordering = ["order", "id"]


@admin.register(CuratedBox)
class CuratedBoxAdmin(admin.ModelAdmin):
    inlines = [CuratedSlotInline]
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "not_shown"]
    readonly_fields = ["not_shown"]

    class Media:
        css = {"all": ["css/admin.css"]}
        js = ["js/box-order.js"]

    @admin.display(description="지금 보이지 않는 기사")
    def not_shown(self, box):
        hidden = boxes.hidden_slots(box) if box.pk else []
        if not hidden:
            return f"없음 (최대 {boxes.BOX_SIZE}개까지 보입니다)"
        return format_html(
            '<ul class="box-hidden">{}</ul>',
            format_html_join(
                "", "<li>{} — {}</li>", ((slot.article.title, why.label) for slot, why in hidden)
            ),
        )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        hidden = boxes.hidden_slots(form.instance)
        over = [slot for slot, why in hidden if why == boxes.Hidden.OVER_SIZE]
        if over:
            titles = ", ".join(f"‘{slot.article.title}’" for slot in over)
            self.message_user(
                request,
                f"이 박스에는 {boxes.BOX_SIZE}개까지만 보입니다. 보이지 않는 기사: {titles}",
                django_messages.WARNING,
            )
