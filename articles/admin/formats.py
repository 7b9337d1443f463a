"""How the admin writes a moment: one format everywhere, "2026-12-08 12:54"."""

import datetime

from django.utils import timezone
from django.utils.dateformat import format as date_format

# Django's date format syntax, for date_format() and the |date filter.
ADMIN_DATETIME = "Y-m-d H:i"


def moment(value: datetime.datetime | None, empty: str = "") -> str:
    """`value` in Seoul time as the admin writes it; `empty` for none."""
    return date_format(timezone.localtime(value), ADMIN_DATETIME) if value else empty
