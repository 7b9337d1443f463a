"""Refuse form posts in another character set than UTF-8, before anything reads them.

Django refuses them too, but only once the body has been read: on gunicorn its 400 handler
then reads the body again and fails, and an unknown charset is a LookupError. Both were 500s.
"""

from django.http import HttpResponseBadRequest
from django.utils.http import parse_header_parameters

FORM_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}
UTF8 = {"utf-8", "utf8"}
MESSAGE = "요청을 읽을 수 없습니다. 양식은 UTF-8로 보내 주세요."


class FormCharsetMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        content_type, params = parse_header_parameters(request.META.get("CONTENT_TYPE", ""))
        charset = params.get("charset", "utf-8").strip().lower()
        if content_type.lower() in FORM_TYPES and charset not in UTF8:
            return HttpResponseBadRequest(MESSAGE, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
