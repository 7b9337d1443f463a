"""Korean formats where no template names one: the admin's lists, forms and history.

One way to write a moment in the admin, 2026-12-08 12:54, as the news desk writes it; what is
not set here (input formats, the date hierarchy's "2026년 12월") stays Django's Korean.
"""

DATE_FORMAT = "Y-m-d"
DATETIME_FORMAT = "Y-m-d H:i"
SHORT_DATE_FORMAT = "Y-m-d"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"
TIME_FORMAT = "H:i"
