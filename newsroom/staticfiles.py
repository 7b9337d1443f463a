"""Static files (whitenoise), sent compressed only in a coding the client takes."""

from django.conf import settings
from whitenoise.middleware import WhiteNoiseMiddleware
from whitenoise.storage import CompressedManifestStaticFilesStorage

from newsroom.http import accepts_encoding

# The copies whitenoise's storage writes beside each file, best first.
CODINGS = ("br", "gzip")


class StaticFilesMiddleware(WhiteNoiseMiddleware):
    """whitenoise, reading Accept-Encoding's q values.

    whitenoise picks a compressed copy when the coding's name appears anywhere in the header,
    so `gzip;q=0` ("never gzip") got gzip. It is shown instead only the codings taken."""

    @staticmethod
    def serve(static_file, request):
        taken = ", ".join(coding for coding in CODINGS if accepts_encoding(request, coding))
        request.META["HTTP_ACCEPT_ENCODING"] = taken
        return WhiteNoiseMiddleware.serve(static_file, request)


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """whitenoise's storage, each file's address worked out once per process: the manifest
    does not change while the server runs, and every page asks for the same ten or so (a
    lookup costs about as much as reading a kept fragment). Only names in the manifest are
    kept; any other is refused as before (manifest_strict)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls: dict[str, str] = {}

    def url(self, name, force=False):
        if force or settings.DEBUG:
            return super().url(name, force)
        try:
            return self._urls[name]
        except KeyError:
            url = self._urls[name] = super().url(name)
            return url
