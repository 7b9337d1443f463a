"""Article videos: the hosts we play (YouTube, Naver TV) and how their addresses read.

The page never loads anything from a video host before the reader asks: it shows our own
poster and a link to the video's page; static/js/video.js swaps in the player on a click.
The player's address is built there from the host and id (the page holds no address of a
player); the Content-Security-Policy (newsroom/csp.py) lets frames come from EMBED_HOSTS only.
"""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from django.core.exceptions import ValidationError

YOUTUBE_EMBED = "https://www.youtube-nocookie.com"
NAVER_EMBED = "https://tv.naver.com"
EMBED_HOSTS = (YOUTUBE_EMBED, NAVER_EMBED)

YOUTUBE_HOSTS = {
    "youtube.com",
    "www.youtube.com",
    "m.youtube.com",
    "youtu.be",
    "www.youtube-nocookie.com",
    "youtube-nocookie.com",
}
YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
YOUTUBE_PATHS = re.compile(r"/(?:embed|shorts|live|v)/([^/?#]+)/?")
NAVER_HOSTS = {"tv.naver.com", "m.tv.naver.com"}
NAVER_PATH = re.compile(r"/(?:v|embed)/(\d{1,12})/?")


@dataclass(frozen=True)
class Video:
    host: str  # "youtube" or "naver"
    id: str

    @property
    def host_name(self):
        return {"youtube": "YouTube", "naver": "네이버TV"}[self.host]

    @property
    def page_url(self):
        """The video's own page: the link readers follow without JavaScript."""
        if self.host == "youtube":
            return f"https://www.youtube.com/watch?v={self.id}"
        return f"https://tv.naver.com/v/{self.id}"


def _youtube_id(parts):
    if parts.netloc == "youtu.be":
        candidate = parts.path.strip("/")
    elif parts.path in ("/watch", "/watch/"):
        candidate = (parse_qs(parts.query).get("v") or [""])[0]
    else:
        match = YOUTUBE_PATHS.fullmatch(parts.path)
        candidate = match.group(1) if match else ""
    return candidate if YOUTUBE_ID.fullmatch(candidate) else None


def parse(url):
    """The video behind a YouTube or Naver TV address, or None for any other address."""
    try:
        parts = urlsplit((url or "").strip())
    except ValueError:
        return None
    if parts.scheme not in ("http", "https"):
        return None
    host = (parts.hostname or "").lower()
    if host in YOUTUBE_HOSTS:
        video_id = _youtube_id(parts._replace(netloc=host))
        return Video("youtube", video_id) if video_id else None
    if host in NAVER_HOSTS:
        match = NAVER_PATH.fullmatch(parts.path)
        return Video("naver", match.group(1)) if match else None
    return None


def validate_video_url(value):
    if value and parse(value) is None:
        raise ValidationError(
            "YouTube 또는 네이버TV 영상 주소를 넣어 주세요. "
            "예: https://www.youtube.com/watch?v=영상ID, https://youtu.be/영상ID, "
            "https://tv.naver.com/v/숫자",
            code="video_url",
        )
