"""Every write: one keyword-only function per operation, under transaction.atomic.

Views, the admin and the management commands call these and only these to change the
database; each keeps its own invariants (exact counters, locks in a fixed order) and tells the
page cache what it made stale.
"""
