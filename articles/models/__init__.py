"""The models of the one app, `articles`, split by domain; import them from here."""

from articles.models.articles import (
    BODY_EXTENSIONS,
    Article,
    ArticleQuerySet,
    ArticleReporter,
    Correction,
    is_public_now,
    publication_moment,
    published_rule,
    published_sql,
)
from articles.models.boxes import CuratedBox, CuratedSlot
from articles.models.newsroom import (
    AppliedViewBatch,
    DailyViews,
    EditingSession,
    Publisher,
    SitePage,
    TaskWorker,
)
from articles.models.photos import Photo, delete_unused_files
from articles.models.readers import BannedWord, Comment, CommentReport, CommentVote, Reaction
from articles.models.reporters import Reporter
from articles.models.sections import Section

__all__ = [
    "BODY_EXTENSIONS",
    "AppliedViewBatch",
    "Article",
    "ArticleQuerySet",
    "ArticleReporter",
    "BannedWord",
    "Comment",
    "CommentReport",
    "CommentVote",
    "Correction",
    "CuratedBox",
    "CuratedSlot",
    "DailyViews",
    "EditingSession",
    "Photo",
    "Publisher",
    "Reaction",
    "Reporter",
    "Section",
    "SitePage",
    "TaskWorker",
    "delete_unused_files",
    "is_public_now",
    "publication_moment",
    "published_rule",
    "published_sql",
]
