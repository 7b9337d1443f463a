"""Comment views: each turns a request into one call of articles.actions.comments and back.

Every form posts without JavaScript (the server redirects back to the comment, or renders the
article page again with the reader's text kept and the reason beside the field); with
JavaScript the same forms go through fetch with `Accept: application/json`.
"""

from django.conf import settings
from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET

from articles.actions import comments
from articles.forms import MESSAGES, CommentForm
from articles.models import Article, Comment, CommentVote
from articles.queries import comments as threads
from articles.queries.comments import comment_url, decorate, has_visible_replies, parse_sort
from articles.views.pages import ArticleDetailView
from articles.views.parts import article_address, comment_address
from articles.visitors import reader_action, reader_key
from newsroom import ratelimit
from newsroom.clients import client_key
from newsroom.http import post_only, refusal, see_other, wants_json

Status = Comment.Status

POST_LIMITED = {
    "visitor": "댓글을 너무 자주 올렸습니다. 잠시 후 다시 등록해 주세요.",
    "client": "같은 곳에서 댓글이 너무 많이 올라오고 있습니다. 잠시 후 다시 등록해 주세요.",
    "article": "지금 이 기사에 댓글이 몰리고 있습니다. 잠시 후 다시 등록해 주세요.",
}
ACTION_LIMITED = "너무 자주 눌렀습니다. 잠시 후 다시 시도해 주세요."
DELETE_LIMITED = (
    "이 곳에서 비밀번호를 너무 여러 번 틀렸습니다. 한 시간 뒤에 다시 시도할 수 있습니다."
)
CLOSED = "이 기사는 댓글을 받지 않습니다."
CHECK_FORM = "입력한 내용을 확인해 주세요."
POSTED = "댓글을 등록했습니다."
HELD = "댓글이 접수되었습니다. 편집국 검토를 거친 뒤 게시됩니다."
VOTED = {CommentVote.Value.UP: "공감을 눌렀습니다.", CommentVote.Value.DOWN: "비공감을 눌렀습니다."}
UNVOTED = {
    CommentVote.Value.UP: "공감을 취소했습니다.",
    CommentVote.Value.DOWN: "비공감을 취소했습니다.",
}
REPORTED = "신고가 접수되었습니다. 편집국이 검토합니다."
ALREADY_REPORTED = "이미 신고한 댓글입니다."
WRONG_PASSWORD = "비밀번호가 맞지 않습니다. 댓글은 삭제되지 않았습니다."
DELETED = "댓글을 삭제했습니다."
GONE = "이미 삭제된 댓글입니다."
BAD_REQUEST = "알 수 없는 요청입니다."
# A page number past any real thread (20 comments a page) is read as this one, which is empty:
# the OFFSET stays small whatever number a URL carries.
MAX_THREAD_PAGE = 100_000


def _refuse(request, status, message, *, article, extra=None):
    """A refusal in Korean, keeping the comment the reader was sending so it is not lost."""
    return refusal(
        request,
        status,
        message,
        extra=extra,
        article=article,
        back=_next_url(request, article),
        kept_text=request.POST.get("body", ""),
    )


def _next_url(request, article, anchor="comments"):
    """Where a no-JS form returns to: the page it was on (same site only), at the comment."""
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = article.get_absolute_url()
    return f"{target.split('#', 1)[0]}#{anchor}"


def _article_page(request, article, form, status):
    """The article page again, with the refused form as the reader left it."""
    view = ArticleDetailView()
    view.setup(request, pk=article.pk)
    view.object = view.get_object()
    context = view.get_context_data(object=view.object, comment_form=form)
    return TemplateResponse(request, view.get_template_names(), context, status=status)


def _form_refused(request, article, form, status):
    if wants_json(request):
        errors = {
            ("form" if field == "__all__" else field): [error["message"] for error in found]
            for field, found in form.errors.get_json_data().items()
        }
        message = (form.non_field_errors() or [CHECK_FORM])[0]
        return JsonResponse(
            {"ok": False, "message": message, "errors": errors, "token": form.token_value},
            status=status,
        )
    return _article_page(request, article, form, status)


def _post_limit(request, article):
    """The scope whose limit this post would pass, or None. A post refused for one visitor
    does not spend the quota of everyone behind the same address or on the same article."""
    limited = ratelimit.refused(
        ("comment-visitor", request.visitor, settings.COMMENT_RATE_PER_VISITOR),
        ("comment-client", client_key(request), settings.COMMENT_RATE_PER_CLIENT),
        ("comment-article", article.pk, settings.COMMENT_RATE_PER_ARTICLE),
    )
    return limited.removeprefix("comment-") if limited else None


def _action_allowed(request):
    limited = ratelimit.refused(
        ("comment-action-visitor", request.visitor, settings.COMMENT_ACTION_RATE_PER_VISITOR),
        ("comment-action-client", client_key(request), settings.COMMENT_ACTION_RATE_PER_CLIENT),
    )
    return limited is None


def _delete_try_allowed(request, comment):
    """Tries at a comment's password from one address (an IPv6 /64), at this comment and at
    any, counted before any (deliberately slow) hashing: guessing is hopeless and cannot burn
    the server's CPU. The guessers are limited, not the comment: the writer, elsewhere, can
    still delete it whatever strangers try."""
    client = client_key(request)
    limited = ratelimit.refused(
        (
            "comment-delete-client-comment",
            f"{client}:{comment.pk}",
            settings.COMMENT_DELETE_RATE_PER_CLIENT_COMMENT,
        ),
        ("comment-delete-client", client, settings.COMMENT_DELETE_RATE_PER_CLIENT),
    )
    return limited is None


def _render_comment(request, comment, article):
    decorate(comment)
    return render_to_string(
        "articles/_comment.html",
        {
            "comment": comment,
            "article": article,
            "comments_open": True,
            "comment_return_url": article.get_absolute_url(),
        },
        request=request,
    )


@post_only(lambda pk: article_address(pk, "#comment-form"))
@reader_action
def post(request, pk):
    """Post a comment or a reply."""
    article = get_object_or_404(Article.objects.published(), pk=pk)
    if not article.accepts_comments:
        return _refuse(request, 403, CLOSED, article=article)
    form = CommentForm(request.POST, article=article, user=request.user)
    if not form.is_valid():
        return _form_refused(request, article, form, 400)
    scope = _post_limit(request, article)
    if scope:
        form.add_error(None, POST_LIMITED[scope])
        return _form_refused(request, article, form, 429)
    # After the limits (a script cannot spend more than they allow), before the hashing.
    # A reader the site knows (their visitor cookie) spends the shared page's token for
    # themselves, so readers behind one address (a carrier's NAT, an office) do not spend each
    # other's; a client without the cookie spends it for its whole address.
    holder = client_key(request)
    if not request.visitor_is_new:
        holder = f"{holder}:{request.visitor}"
    spent = comments.spend_token(nonce=form.token_nonce, client=holder)
    form.token_spent = True  # whatever answers now hands out a fresh token
    if not spent:
        form.add_error(None, MESSAGES["spent"])
        return _form_refused(request, article, form, 400)
    if comments.is_repeated(body=form.cleaned_data["body"], client=client_key(request)):
        form.add_error("body", MESSAGES["duplicate"])
        return _form_refused(request, article, form, 400)
    data = form.cleaned_data
    try:
        comment = comments.post_comment(
            article=article,
            body=data["body"],
            nickname=data["nickname"],
            password=data["password"],
            parent=form.parent_comment,
            user=request.user,
            visitor=request.visitor,
            client=client_key(request),
        )
    except comments.CommentsClosed:
        return _refuse(request, 403, CLOSED, article=article)
    except comments.CannotReply:
        form.add_error(None, MESSAGES["parent_closed"])
        return _form_refused(request, article, form, 400)

    held = comment.status == Status.PENDING
    if wants_json(request):
        return JsonResponse(
            {
                "ok": True,
                "status": comment.status,
                "message": HELD if held else POSTED,
                "comment_id": comment.pk,
                "parent_id": comment.parent_id,
                "comment_count": article.comment_count,
                "html": _render_comment(request, comment, article),
                # The one used is spent: the reader's next comment goes with this one.
                "token": form.token_value,
            },
            status=201,
        )
    messages.success(request, HELD if held else POSTED, extra_tags="comments")
    return see_other(comment_url(comment, visitor=request.visitor))


def _comment_or_404(pk):
    return get_object_or_404(
        Comment.objects.select_related("article").filter(article__in=Article.objects.published()),
        pk=pk,
    )


@post_only(comment_address)
@reader_action
def vote(request, pk):
    """공감 or 비공감: pressed again, taken back; the other one pressed, the vote moves."""
    comment = _comment_or_404(pk)
    article = comment.article
    value = request.POST.get("value", "")
    if value not in CommentVote.Value.values or comment.status != Status.VISIBLE:
        return _refuse(request, 400, BAD_REQUEST, article=article)
    if not _action_allowed(request) or not ratelimit.allow(
        "comment-vote-client",
        f"{client_key(request)}:{comment.pk}",
        settings.COMMENT_VOTE_RATE_PER_CLIENT_COMMENT,
    ):
        return _refuse(request, 429, ACTION_LIMITED, article=article)
    current, likes, dislikes = comments.vote(comment=comment, visitor=request.visitor, value=value)
    message = VOTED[current] if current else UNVOTED[value]
    if wants_json(request):
        return JsonResponse(
            {
                "ok": True,
                "vote": current,
                "message": message,
                "like_count": likes,
                "dislike_count": dislikes,
            }
        )
    messages.success(request, message, extra_tags="comments")
    return see_other(_next_url(request, article, f"comment-{comment.pk}"))


@post_only(comment_address)
@reader_action
def report(request, pk):
    """신고, once per visitor and comment."""
    comment = _comment_or_404(pk)
    article = comment.article
    if comment.status != Status.VISIBLE:
        return _refuse(request, 400, BAD_REQUEST, article=article)
    if not _action_allowed(request):
        return _refuse(request, 429, ACTION_LIMITED, article=article)
    recorded, folded = comments.report(
        comment=comment, visitor=request.visitor, client=client_key(request)
    )
    if not recorded:
        return _refuse(request, 409, ALREADY_REPORTED, article=article, extra={"folded": folded})
    if wants_json(request):
        return JsonResponse({"ok": True, "folded": folded, "message": REPORTED})
    messages.success(request, REPORTED, extra_tags="comments")
    return see_other(_next_url(request, article, f"comment-{comment.pk}"))


@post_only(comment_address)
@reader_action
def delete(request, pk):
    """Delete a comment with the password it was written with."""
    comment = _comment_or_404(pk)
    article = comment.article
    if comment.status == Status.DELETED:
        return _refuse(request, 409, GONE, article=article)
    if not _action_allowed(request):
        return _refuse(request, 429, ACTION_LIMITED, article=article)
    if not _delete_try_allowed(request, comment):
        return _refuse(request, 429, DELETE_LIMITED, article=article)
    if not comments.can_delete(
        comment=comment, password=request.POST.get("password", ""), user=request.user
    ):
        return _refuse(request, 403, WRONG_PASSWORD, article=article)
    comments.delete_comment(comment=comment)
    keeps_place = has_visible_replies(comment)
    if wants_json(request):
        count = Article.objects.values_list("comment_count", flat=True).get(pk=article.pk)
        return JsonResponse(
            {"ok": True, "message": DELETED, "comment_count": count, "keeps_place": keeps_place}
        )
    messages.success(request, DELETED, extra_tags="comments")
    anchor = f"comment-{comment.pk}" if keeps_place else "comments"
    return see_other(_next_url(request, article, anchor))


@require_GET
def thread(request, pk):
    """A page of comments: the whole page without JavaScript, or the items for 더보기."""
    article = get_object_or_404(Article.objects.published(), pk=pk)
    sort = parse_sort(request.GET.get("sort"))
    try:
        page = min(max(1, int(request.GET.get("page", "1"))), MAX_THREAD_PAGE)
    except ValueError:
        page = 1
    found = threads.thread(
        article=article,
        visitor=reader_key(request),
        visitor_is_new=request.visitor_is_new,
        sort=sort,
        page=page,
    )
    if page > 1 and not found["comments"]:
        raise Http404("댓글 페이지를 찾을 수 없습니다.")
    base = reverse("articles:comments", kwargs={"pk": article.pk})
    context = {
        "article": article,
        "comment_thread": found,
        "comments_open": article.accepts_comments,
        "comments_url": base,
        "comment_return_url": f"{base}?sort={sort}&page={page}",
    }
    if request.GET.get("fragment"):
        return render(request, "articles/_comment_list.html", context)
    return render(request, "articles/comments_page.html", context)
