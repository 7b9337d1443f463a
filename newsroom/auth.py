"""Sign-in lockout for the admin (django-axes), wired to the project's own client address."""

from axes.backends import AxesStandaloneBackend


class LockoutBackend(AxesStandaloneBackend):
    """Refuses a locked-out account or address before the password is checked.

    A call without a request (the test client's login(), a management command) is no sign-in
    over the web: there is no address to count, so it is let through to the next backend
    instead of raising, as axes' own backend does.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
