"""The newsroom's admin, one module per part of the paper; importing them registers them."""

from articles.admin import articles, boxes, newsroom, photos, readers, signins

__all__ = ["articles", "boxes", "newsroom", "photos", "readers", "signins"]
