"""Static files (whitenoise), sent compressed only in a coding the client takes."""

from whitenoise.middleware import WhiteNoiseMiddleware

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
