"""The newsroom's admin, one module per part of the paper; importing them registers them."""

from articles.admin import (
    articles,
    boxes,
    lockouts,
    newsroom,
    photos,
    readers,
    signins,
    tags,
    tasks,
)

__all__ = [
    "articles",
    "boxes",
    "lockouts",
    "newsroom",
    "photos",
    "readers",
    "signins",
    "tags",
    "tasks",
]
