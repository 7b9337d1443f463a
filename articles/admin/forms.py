"""The admin's forms: the article form that refuses to save over a newer version, and the
forms of reporters, corrections and the section tree.

Two editors, one article: the article form carries the version it was opened at (the article's
updated_at). A save of a form opened before the article last changed is refused with who saved
it and when, keeping everything typed; saving that form again then overwrites knowingly. A
기자's form sent after the desk published the story is refused the same way, and cannot be
saved over it.
"""

import datetime
import json

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.models import User
from django.db import models, transaction
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import slugify

from articles import roles, tags
from articles.admin import conflicts
from articles.admin.formats import moment
from articles.models import Article, Correction, Reporter
from articles.queries.desk import last_saved_by, tags_in_use

CONFLICT = (
    "{who}님이 {when}에 이 기사를 먼저 저장했습니다. 저장하지 않았고, 입력한 내용은 아래에 "
    "그대로 있습니다. 위에서 바뀐 내용을 확인한 뒤, 그래도 이 내용으로 저장하려면 "
    "‘내 내용으로 덮어쓰기’에 표시하고 다시 저장해 주세요."
)
# The conflict panel's checkbox (change_form.html): its value is the version it overwrites.
OVERWRITE = "overwrite"


TAKEN_BY_DESK = (
    "{who}님이 {when}에 이 기사를 ‘{status}’(으)로 바꿔 기자는 더 고칠 수 없습니다. "
    "저장하지 않았고, 입력한 내용은 아래에 그대로 있습니다. 고칠 내용을 복사해 데스크에 "
    "보내 주세요."
)


# How many of the tags in use the tag field offers.
TAG_SUGGESTIONS = 300

# The action bar's buttons, by their names in the POST (the form's clean() reads them).
REVIEW_BUTTON = "_request_review"
PUBLISH_NOW_BUTTON = "_publish_now"
SCHEDULE_BUTTON = "_schedule"
SEND_BACK_BUTTON = "_send_back"
NEEDS_A_FUTURE_TIME = "예약하려면 출고 시각에 지금보다 뒤의 날짜와 시각을 넣어 주세요."


class VersionedArticleForm(forms.ModelForm):
    """The admin's article form, refusing a save over a newer version."""

    version = forms.CharField(label="판", widget=forms.HiddenInput, required=False)
    # What the form showed when opened, for an article no revision holds (conflicts.py).
    opened = forms.CharField(label="연 판의 내용", widget=forms.HiddenInput, required=False)
    # The desk's word to the reporter when sending a story back (shown to the desk only).
    desk_note = forms.CharField(
        label="기자에게 남길 말",
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        required=False,
        max_length=2000,
        help_text="‘반려’를 누르면 기자에게 메일로 보내고, 기자의 편집 화면 맨 위에 보여 줍니다.",
    )
    # Set while restoring a revision: the stored version before reversion put the old one back
    # for the form to validate against (ArticleAdmin.revision_view).
    stored_version = None
    # Who is saving (set by ArticleAdmin.get_form): a 기자 may save only while the stored
    # story is still theirs to edit.
    editor = None
    # After a refused save over a newer version: what the other save changed (conflicts.py).
    conflict = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "tags" in self.fields:
            # Offered as one types (js/tag-suggestions.js): the tags already in use, most used
            # first, so that the paper's tags stay one spelling each.
            self.fields["tags"].widget.attrs["data-tag-suggestions"] = json.dumps(
                tags_in_use(TAG_SUGGESTIONS), ensure_ascii=False
            )
        if self.instance.pk:
            # The stored version, also when the form shows an older revision to restore.
            current = self.stored_version or (
                Article.objects.filter(pk=self.instance.pk)
                .values_list("updated_at", flat=True)
                .first()
            )
            self.fields["version"].initial = current.isoformat() if current else ""
            if not self.is_bound and conflicts.needs_snapshot(self.instance):
                self.fields["opened"].initial = conflicts.snapshot(self.instance)

    def clean_tags(self):
        names = self.cleaned_data.get("tags") or []
        if without := [name for name in names if not tags.has_address(name)]:
            raise forms.ValidationError(
                "태그 %(names)s에는 글자나 숫자가 없어 태그 페이지를 만들 수 없습니다. "
                "글자나 숫자를 넣거나 지워 주세요.",
                code="tag_without_letters",
                params={"names": ", ".join(f"‘{name}’" for name in without)},
            )
        return names

    def clean(self):
        cleaned = super().clean()
        self._apply_action_button(cleaned)
        if not self.instance.pk:
            return cleaned
        # Locked until this save commits: a concurrent save waits, then sees this one. (The
        # preview validates the form too, outside any transaction, and saves nothing.)
        stored = Article.objects.filter(pk=self.instance.pk)
        if transaction.get_connection().in_atomic_block:
            stored = stored.select_for_update()
        row = stored.values_list("updated_at", "status").first()
        if row is None:
            return cleaned
        current = self.stored_version or row[0]
        if self.editor is not None and not roles.can_publish(self.editor):
            self._refuse_if_taken_by_desk(Article.Status(row[1]))
        sent = self.data.get(self.add_prefix("version"), "")
        if sent != current.isoformat():
            # Overwriting is a choice made after seeing the other save's changes: the box
            # names the version it overwrites, so a third save meanwhile is refused again.
            if self.data.get(OVERWRITE) == current.isoformat():
                return cleaned
            who, when = last_saved_by(self.instance)
            when_text = moment(when)
            self.conflict = conflicts.describe(
                self.instance,
                opened_at=sent,
                mine=self._as_stored(cleaned),
                opened_snapshot=self.data.get(self.add_prefix("opened"), ""),
            )
            self.conflict["who"], self.conflict["when"] = who, when_text
            raise forms.ValidationError(CONFLICT.format(who=who, when=when_text), code="conflict")
        return cleaned

    @staticmethod
    def _as_stored(cleaned):
        section = cleaned.get("section")
        return {
            **{name: cleaned.get(name) for name in ("title", "deck", "body", "label", "status")},
            "section_id": section.pk if section is not None else None,
            "published_at": cleaned.get("published_at"),
        }

    def _apply_action_button(self, cleaned):
        """The action bar's buttons (change_form.html) save the form with the status they
        name: 검토 요청, 출고 (now, 지금 출고 for a scheduled story), 예약 (at the time in
        출고 시각) and 반려 (back to 작성 중, with the desk's note). Only the desk publishes
        or sends back; a 기자's form has no such buttons to send."""
        publisher = self.editor is None or roles.can_publish(self.editor)
        if REVIEW_BUTTON in self.data:
            cleaned["status"] = Article.Status.REVIEW
        elif PUBLISH_NOW_BUTTON in self.data and publisher:
            cleaned["status"] = Article.Status.PUBLISHED
            cleaned["published_at"] = timezone.now()
        elif SEND_BACK_BUTTON in self.data and publisher:
            cleaned["status"] = Article.Status.DRAFT
        elif SCHEDULE_BUTTON in self.data and publisher:
            when = cleaned.get("published_at")
            if when is None or when <= timezone.now():
                self.add_error("published_at", NEEDS_A_FUTURE_TIME)
            else:
                cleaned["status"] = Article.Status.PUBLISHED

    def _refuse_if_taken_by_desk(self, status):
        """A 기자's form opened while the story was theirs, sent after the desk published or
        archived it: nothing is saved, what they typed stays in the form, and they learn who
        took it and when (not a bare 403 that loses the paragraph)."""
        if status.reporter_may_edit:
            return
        who, when = last_saved_by(self.instance)
        raise forms.ValidationError(
            TAKEN_BY_DESK.format(
                who=who,
                when=moment(when),
                status=status.label,
            ),
            code="taken_by_desk",
        )


NO_SLUG = "이메일 아이디로 주소 이름을 정할 수 없습니다. 직접 입력해 주세요."
SLUG_TAKEN = "같은 주소 이름(‘{slug}’)을 쓰는 기자가 이미 있습니다. 다른 이름을 입력해 주세요."


class ReporterForm(forms.ModelForm):
    """The 주소 이름 (slug) may be left empty: it then follows the e-mail's handle."""

    class Meta:
        model = Reporter
        fields = ["name", "slug", "email", "photo", "bio", "desk", "user"]
        help_texts = {
            "slug": "기자 페이지 주소(/reporter/…/)에 쓰입니다. 비워 두면 이메일 아이디로 정합니다."
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:  # not there when the form is view-only
            self.fields["slug"].required = False

    def clean(self):
        cleaned = super().clean()
        email = cleaned.get("email") or ""
        if not cleaned.get("slug") and email:
            slug = slugify(email.split("@", 1)[0].replace("_", "-").replace(".", "-"))
            if not slug:
                self.add_error("slug", NO_SLUG)
            elif Reporter.objects.filter(slug=slug).exclude(pk=self.instance.pk).exists():
                self.add_error("slug", SLUG_TAKEN.format(slug=slug))
            else:
                cleaned["slug"] = slug
                self.instance.slug = slug
        return cleaned


class ReporterAccountForm(forms.Form):
    """기자 계정 만들기: the sign-in account and the reporter page in one form (the desk's)."""

    name = forms.CharField(
        label="이름", max_length=40, help_text="바이라인에 쓰는 이름 (예: 한지우)"
    )
    email = forms.EmailField(label="이메일", help_text="@ 앞부분이 바이라인의 핸들이 됩니다.")
    username = forms.CharField(
        label="로그인 아이디",
        max_length=150,
        help_text="비워 두면 이메일 아이디로 정합니다.",
        required=False,
    )
    desk = forms.CharField(label="소속 부서", max_length=40, required=False)
    password = forms.CharField(
        label="처음 비밀번호",
        widget=forms.PasswordInput(render_value=True),
        help_text="기자에게 따로 알려 주고, 처음 로그인한 뒤 바꾸게 해 주세요.",
    )

    def clean(self):
        cleaned = super().clean()
        email = cleaned.get("email") or ""
        handle = email.split("@", 1)[0]
        username = cleaned.get("username") or handle
        cleaned["username"] = username
        if username and User.objects.filter(username__iexact=username).exists():
            self.add_error("username", f"‘{username}’은(는) 이미 쓰는 로그인 아이디입니다.")
        if email and Reporter.objects.filter(email__iexact=email).exists():
            self.add_error("email", "같은 이메일을 쓰는 기자가 이미 있습니다.")
        slug = slugify(handle.replace("_", "-").replace(".", "-"))
        if email and not slug:
            self.add_error("email", NO_SLUG)
        elif slug and Reporter.objects.filter(slug=slug).exists():
            self.add_error("email", SLUG_TAKEN.format(slug=slug))
        cleaned["slug"] = slug
        if password := cleaned.get("password"):
            try:
                password_validation.validate_password(
                    password, User(username=username, email=email)
                )
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned


class DashboardPeriodForm(forms.Form):
    """The dashboard's period: the last 7, 30 or 90 days, or two dates (at most a year)."""

    LONGEST = 366

    days = forms.TypedChoiceField(
        label="기간",
        choices=[(7, "최근 7일"), (30, "최근 30일"), (90, "최근 90일")],
        coerce=int,
        required=False,
    )
    start = forms.DateField(
        label="시작일", required=False, widget=forms.DateInput({"type": "date"})
    )
    end = forms.DateField(
        label="마지막 날", required=False, widget=forms.DateInput({"type": "date"})
    )

    def clean(self):
        cleaned = super().clean()
        today = timezone.localdate()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start or end:
            end = min(end or today, today)
            start = start or end - datetime.timedelta(days=29)
            if start > end:
                raise forms.ValidationError("시작일이 마지막 날보다 늦습니다. 날짜를 바꿔 주세요.")
            if (end - start).days >= self.LONGEST:
                raise forms.ValidationError("기간은 1년(366일)까지 볼 수 있습니다.")
        elif days := cleaned.get("days"):
            end, start = today, today - datetime.timedelta(days=days - 1)
        cleaned["first"], cleaned["last"] = start, end
        return cleaned


class CorrectionForm(forms.ModelForm):
    class Meta:
        model = Correction
        fields = ["text", "created_at"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4, "cols": 60})}


def sections_in_tree_order(queryset):
    """Each top section followed by its sub-sections (one level deep, see Section.clean)."""
    return queryset.select_related("parent").order_by(
        Coalesce("parent__order", "order"),
        Coalesce("parent__name", "name"),
        Coalesce("parent_id", "id"),
        models.F("parent_id").asc(nulls_first=True),
        "order",
        "name",
    )


def section_tree_label(section):
    return f"— {section.name}" if section.parent_id else section.name


class SectionTreeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, section):
        return section_tree_label(section)
