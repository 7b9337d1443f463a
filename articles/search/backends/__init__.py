"""One module per database the index runs on; backend() picks the connection's."""

from django.db import connection

from articles.search.backends.postgresql import PostgreSQLIndex
from articles.search.backends.sqlite import SQLiteIndex
from articles.search.text import TABLE

__all__ = ["TABLE", "PostgreSQLIndex", "SQLiteIndex", "backend"]


def backend(conn=None):
    vendor = (conn or connection).vendor
    if vendor == "sqlite":
        return SQLiteIndex()
    if vendor == "postgresql":
        return PostgreSQLIndex()
    raise NotImplementedError(f"search has no index for {vendor}")
