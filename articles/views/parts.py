"""The parts of the article page that readers act on: the reaction bar and the comment box."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from articles import invalidation
from articles.forms import PASSWORD_MIN_LENGTH, CommentForm
from articles.models import Article, Comment, Reaction
from articles.queries.comments import parse_sort, reply_target, staff_identity, thread
from articles.queries.reactions import pressed_kinds
from articles.visitors import reader_key


def reaction_buttons(*, article, request):
    """What the reaction bar shows: each kind with its label, count and the visitor's choice."""
    # A visitor seen for the first time cannot have pressed anything, and a page shared by
    # every anonymous reader shows nobody's presses (the page's script asks for them).
    visitor = reader_key(request)
    pressed = (
        set()
        if request.visitor_is_new or not visitor
        else pressed_kinds(article=article, visitor=visitor)
    )
    return [
        {
            "kind": kind.value,
            "label": kind.label,
            "count": getattr(article, kind.counter_field),
            "pressed": kind.value in pressed,
        }
        for kind in Reaction.Kind
    ]


def comment_box(*, request, article, form=None):
    """Everything _comments.html needs on the article page (page 1 of the thread)."""
    sort = parse_sort(request.GET.get("sort"))
    reply_to = None
    if form is None:
        reply_to = reply_target(article=article, pk=request.GET.get("reply"))
        parent = reply_to.pk if reply_to else None
        # Built only when drawn: a shared page keeps its form in a fragment.
        form = SimpleLazyObject(
            lambda: CommentForm(article=article, user=request.user, initial={"parent": parent})
        )
    elif form.is_bound and form.parent_comment is not None:
        reply_to = form.parent_comment
    user = request.user
    staff_name, staff_badge = (
        staff_identity(user) if user.is_authenticated and user.is_staff else (None, None)
    )
    return {
        "comment_form": form,
        # Read only when the thread is rendered: a shared page keeps it in a fragment.
        "comment_thread": SimpleLazyObject(
            lambda: thread(
                article=article,
                visitor=reader_key(request),
                visitor_is_new=request.visitor_is_new,
                sort=sort,
            )
        ),
        "comment_sort": sort,
        # What a kept comment form follows besides its article (the ?reply= comment's state).
        "comments_tag": invalidation.comments(article.pk),
        "comments_open": article.accepts_comments,
        "comments_premoderated": article.comment_policy == Article.CommentPolicy.PREMODERATED,
        "comment_reply_to": reply_to,
        # What the form's fragment is kept under (a lookup on None costs a caught exception).
        "comment_reply_key": reply_to.pk if reply_to else "",
        "comment_staff_name": staff_name,
        "comment_staff_badge": staff_badge,
        "comment_max_length": settings.COMMENT_MAX_LENGTH,
        # The rule said beside the field before any failure, not only in the refusal.
        "comment_password_min": PASSWORD_MIN_LENGTH,
        "comment_return_url": article.get_absolute_url(),
    }


def article_address(pk, anchor=""):
    """Where a reader action on article `pk` leads back to (newsroom.http.post_only): the
    article's page, or the front page when it is not public."""
    if not Article.objects.published().filter(pk=pk).exists():
        return "/"
    return Article.address_pattern().format(pk) + anchor


def comment_address(pk):
    """Where an action on comment `pk` leads back to: its article's comments."""
    article = Comment.objects.filter(pk=pk).values_list("article_id", flat=True).first()
    return "/" if article is None else article_address(article, "#comments")
