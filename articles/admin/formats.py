"""How the admin writes a moment: one format everywhere, "2026-12-08 12:54"."""

# Django's date format syntax, for date_format() and the |date filter.
ADMIN_DATETIME = "Y-m-d H:i"
