"""`manage.py load_demo`: fill an empty site with original, clearly fictional demo content.

Sections, reporters with drawn profile pictures, 40 illustrated articles (photos drawn with
Pillow, reactions, comments), two drafts, one scheduled article and the curated boxes. With
`--articles N` the archive grows to N published articles: the ones beyond the first 40 are
bulk-inserted with their reactions, comments and daily views, reusing already drawn photo
files, behind a progress bar on stderr (100,000 articles: about 1.5 minutes on SQLite).

It does nothing when any article exists, so `make run` can call it every time.
"""

import math
import random
import secrets
import time
from datetime import timedelta
from io import BytesIO

from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFilter
from taggit.models import Tag, TaggedItem

from articles import demo_content as demo
from articles import search
from articles.models import (
    Article,
    ArticleReporter,
    Comment,
    CuratedBox,
    CuratedSlot,
    DailyViews,
    Photo,
    Reaction,
    Reporter,
    Section,
)

ILLUSTRATED = 40  # articles that get drawn photos, reactions and comments
BATCH = 500
BULK_BATCH = 2000  # archive articles per transaction (with their reactions, comments and views)
VIEW_DAYS = 30  # DailyViews rows cover this many days, today included
W, H = 1200, 800
JPEG_QUALITY = 80

# ============================================================================================
# Drawing: abstract "news photos" made of shapes only (no fonts, nothing downloaded)
# ============================================================================================

SKIES = [
    ((92, 148, 214), (214, 230, 244)),  # clear day
    ((52, 58, 120), (242, 156, 96)),  # dusk
    ((10, 16, 42), (38, 58, 108)),  # night
    ((140, 150, 162), (212, 216, 222)),  # overcast
    ((72, 128, 196), (252, 212, 168)),  # morning
]
SKIN = [(236, 200, 170), (222, 180, 146), (200, 156, 120), (245, 214, 190)]
HAIR = [(28, 24, 22), (52, 38, 30), (70, 56, 46), (20, 20, 26)]
CLOTHES = [
    (40, 48, 66),
    (70, 76, 88),
    (120, 40, 48),
    (34, 80, 120),
    (200, 200, 205),
    (90, 110, 70),
    (150, 110, 70),
    (28, 28, 32),
]
CONTAINER_COLORS = [
    (178, 52, 44),
    (38, 92, 150),
    (46, 128, 84),
    (214, 132, 40),
    (120, 124, 130),
    (30, 140, 150),
    (150, 60, 110),
    (200, 180, 60),
]


def _clamp(value):
    return max(0, min(255, int(value)))


def _mix(a, b, t):
    return tuple(_clamp(a[i] + (b[i] - a[i]) * t) for i in range(3))


def _jitter(color, rng, amount=18):
    return tuple(_clamp(v + rng.randint(-amount, amount)) for v in color)


def _gradient(size, top, bottom):
    mask = Image.linear_gradient("L").resize(size)
    return Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), mask)


def _person(d, x, feet, height, color, rng, skin=None):
    """A standing figure seen from afar: feet at (x, feet)."""
    head = height * 0.14
    top = feet - height
    skin = skin or rng.choice(SKIN)
    legs = _mix(color, (0, 0, 0), 0.35)
    d.rectangle((x - height * 0.09, feet - height * 0.48, x - height * 0.01, feet), fill=legs)
    d.rectangle((x + height * 0.01, feet - height * 0.48, x + height * 0.09, feet), fill=legs)
    d.rounded_rectangle(
        (x - height * 0.14, top + head * 0.95, x + height * 0.14, feet - height * 0.42),
        radius=height * 0.05,
        fill=color,
    )
    d.ellipse((x - head / 2, top, x + head / 2, top + head), fill=skin)
    d.chord(
        (x - head / 2, top - 1, x + head / 2, top + head * 0.7), 180, 360, fill=rng.choice(HAIR)
    )


def _crowd(d, rng, *, count, xs, feet, heights):
    """A few people scattered across the floor: feet between rows `feet`, sizes in `heights`."""
    for _ in range(rng.randint(*count)):
        _person(
            d,
            rng.randint(*xs),
            rng.randint(*feet),
            rng.randint(*heights),
            rng.choice(CLOTHES),
            rng,
        )


def _bust(d, cx, top, width, color, skin, hair):
    """Head and shoulders, seen from the front or back (audience, portraits)."""
    head = width * 0.42
    d.ellipse(
        (cx - width / 2, top + head * 0.9, cx + width / 2, top + head * 0.9 + width), fill=color
    )
    d.ellipse((cx - head / 2, top, cx + head / 2, top + head * 1.15), fill=skin)
    d.chord((cx - head / 2, top - 2, cx + head / 2, top + head * 0.8), 180, 360, fill=hair)


def _audience(d, rng, rows=2, base=H + 40, size=120):
    """Backs of heads in the foreground, darker the nearer they are."""
    for row in range(rows):
        y = base - (rows - row) * size * 0.55
        x = -rng.randint(0, size)
        while x < W + size:
            shade = 0.55 + row * 0.15
            color = _mix(rng.choice(CLOTHES), (0, 0, 0), shade)
            hair = _mix(rng.choice(HAIR), (0, 0, 0), shade - 0.3)
            _bust(d, x, y, size * rng.uniform(0.85, 1.1), color, hair, hair)
            x += size * rng.uniform(0.8, 1.15)


def draw_skyline(rng):
    top, bottom = rng.choice(SKIES)
    night = top[2] < 60 or bottom[0] > 230
    img = _gradient((W, H), top, bottom)
    d = ImageDraw.Draw(img, "RGBA")
    if rng.random() < 0.5:
        sx, sy, r = rng.randint(100, 1100), rng.randint(80, 260), rng.randint(30, 60)
        d.ellipse((sx - r, sy - r, sx + r, sy + r), fill=(*_mix(bottom, (255, 250, 230), 0.7), 200))
    horizon = int(H * rng.uniform(0.74, 0.84))
    far = _mix(bottom, (70, 80, 100), 0.5)
    x = -20
    while x < W:
        bw, bh = rng.randint(40, 110), rng.randint(120, 380)
        d.rectangle((x, horizon - bh, x + bw, horizon), fill=_jitter(far, rng, 8))
        x += bw + rng.randint(-10, 6)
    base = _mix(top, (30, 36, 48), 0.6)
    x = -rng.randint(0, 60)
    while x < W:
        bw, bh = rng.randint(70, 170), rng.randint(220, 600)
        color = _jitter(base, rng, 14)
        roof = horizon - bh
        d.rectangle((x, roof, x + bw, horizon), fill=color)
        if rng.random() < 0.3:
            d.rectangle((x + bw // 2 - 2, roof - 46, x + bw // 2 + 2, roof), fill=color)
        lit = (255, 214, 130) if night else _mix(color, (205, 228, 248), 0.45)
        dim = _mix(color, (0, 0, 0), 0.25)
        chance = 0.35 if night else 0.6
        for wy in range(roof + 12, horizon - 14, 18):
            for wx in range(x + 8, x + bw - 12, 14):
                d.rectangle((wx, wy, wx + 7, wy + 10), fill=lit if rng.random() < chance else dim)
        x += bw + rng.randint(4, 30)
    water = _mix(bottom, (20, 40, 70), 0.55)
    d.rectangle((0, horizon, W, H), fill=water)
    for _ in range(60):
        y = rng.randint(horizon + 4, H)
        x = rng.randint(0, W)
        d.line((x, y, x + rng.randint(20, 90), y), fill=(*_mix(water, bottom, 0.5), 160), width=2)
    return img


def draw_board(rng):
    up = rng.random() < 0.6
    img = _gradient((W, H), (8, 12, 28), (22, 30, 58))
    d = ImageDraw.Draw(img, "RGBA")
    line_color = (236, 72, 72) if up else (72, 136, 240)
    # Top strip of index boxes.
    for i in range(6):
        x = 40 + i * 190
        color = (236, 72, 72) if rng.random() < 0.55 else (72, 136, 240)
        d.rectangle((x, 30, x + 170, 100), fill=(30, 38, 70))
        d.rectangle((x + 12, 44, x + 12 + rng.randint(50, 120), 56), fill=(170, 180, 200))
        d.rectangle((x + 12, 70, x + 12 + rng.randint(40, 140), 86), fill=color)
    # Main chart panel with a grid.
    left, right, top, bottom = 40, 820, 130, 560
    d.rectangle((left, top, right, bottom), fill=(14, 20, 44))
    for gy in range(top, bottom, 54):
        d.line((left, gy, right, gy), fill=(50, 62, 100), width=1)
    for gx in range(left, right, 78):
        d.line((gx, top, gx, bottom), fill=(50, 62, 100), width=1)
    steps = 90
    y = rng.uniform(0.3, 0.7)
    points = []
    drift = 0.006 if up else -0.006
    for i in range(steps):
        y = min(0.95, max(0.05, y - drift + rng.gauss(0, 0.03)))
        points.append((left + (right - left) * i / (steps - 1), top + (bottom - top) * y))
    d.polygon([*points, (right, bottom), (left, bottom)], fill=(*line_color, 55))
    d.line(points, fill=line_color, width=4, joint="curve")
    # Volume bars.
    for i in range(0, steps, 2):
        bx = left + (right - left) * i / (steps - 1)
        bh = rng.randint(10, 110)
        color = (236, 72, 72, 190) if rng.random() < 0.55 else (72, 136, 240, 190)
        d.rectangle((bx, 700 - bh, bx + 6, 700), fill=color)
    d.line((left, 700, right, 700), fill=(60, 72, 110), width=2)
    # Side panel of ticker rows.
    d.rectangle((850, 130, 1160, 700), fill=(14, 20, 44))
    for row in range(12):
        ry = 146 + row * 46
        color = (236, 72, 72) if rng.random() < 0.55 else (72, 136, 240)
        d.rectangle((866, ry, 866 + rng.randint(60, 120), ry + 12), fill=(160, 170, 190))
        d.rectangle((1010, ry, 1010 + rng.randint(50, 130), ry + 14), fill=color)
        d.rectangle((866, ry + 22, 866 + rng.randint(30, 80), ry + 28), fill=(90, 100, 130))
    if rng.random() < 0.6:
        for _ in range(rng.randint(2, 4)):
            cx = rng.randint(80, 1120)
            color = _mix(rng.choice(CLOTHES), (0, 0, 0), 0.6)
            hair = _mix(rng.choice(HAIR), (0, 0, 0), 0.3)
            _bust(d, cx, H - rng.randint(150, 230), rng.randint(170, 230), color, hair, hair)
    return img


def draw_port(rng):
    top, bottom = rng.choice(SKIES[:2] + SKIES[3:])
    img = _gradient((W, H), top, bottom)
    d = ImageDraw.Draw(img, "RGBA")
    sea_top = int(H * rng.uniform(0.64, 0.72))
    sea = _mix(top, (20, 60, 90), 0.5)
    d.rectangle((0, sea_top, W, H), fill=sea)
    quay = sea_top - 10
    d.rectangle((0, quay, W, sea_top + 16), fill=(96, 98, 104))
    # Container stacks.
    x = rng.randint(-40, 20)
    stop = rng.randint(650, 900)
    while x < stop:
        width = rng.choice([60, 60, 120])
        layers = rng.randint(2, 7)
        for layer in range(layers):
            color = _jitter(rng.choice(CONTAINER_COLORS), rng, 12)
            y1 = quay - (layer + 1) * 28
            d.rectangle((x, y1, x + width - 3, y1 + 26), fill=color)
            for rib in range(x + 6, x + width - 6, 7):
                d.line((rib, y1 + 3, rib, y1 + 23), fill=_mix(color, (0, 0, 0), 0.25))
        x += width + rng.choice([0, 0, 4, 24])
    # Gantry cranes.
    crane = rng.choice([(200, 52, 44), (236, 236, 236), (40, 90, 160), (230, 170, 40)])
    for cx in rng.sample(range(150, 1050, 150), rng.randint(2, 4)):
        height = rng.randint(300, 420)
        t = quay - height
        d.rectangle((cx - 6, t, cx + 6, quay), fill=crane)
        d.rectangle((cx + 70, t + 20, cx + 82, quay), fill=crane)
        d.rectangle((cx - 60, t, cx + 250, t + 14), fill=crane)
        d.line((cx, t, cx + 76, t + 90), fill=crane, width=6)
        d.line((cx + 180, t + 14, cx + 180, t + rng.randint(60, 160)), fill=(40, 40, 40), width=2)
    # A ship alongside.
    if rng.random() < 0.8:
        sx = rng.randint(500, 800)
        hull = rng.choice([(30, 40, 60), (140, 30, 30), (40, 70, 110), (30, 30, 34)])
        deck_y = sea_top + 20
        d.polygon(
            [(sx, deck_y), (W + 40, deck_y), (W + 40, deck_y + 70), (sx + 40, deck_y + 70)],
            fill=hull,
        )
        d.rectangle((sx + 30, deck_y + 52, W + 40, deck_y + 70), fill=(160, 50, 40))
        d.rectangle((W - 160, deck_y - 90, W - 60, deck_y), fill=(236, 236, 236))
        for row in range(3):
            for col in range(sx + 60, W - 180, 40):
                color = _jitter(rng.choice(CONTAINER_COLORS), rng, 10)
                d.rectangle(
                    (col, deck_y - (row + 1) * 20, col + 37, deck_y - row * 20 - 2), fill=color
                )
    for _ in range(50):
        y = rng.randint(sea_top + 100, H)
        x = rng.randint(0, W)
        d.line((x, y, x + rng.randint(30, 120), y), fill=(*_mix(sea, bottom, 0.4), 150), width=2)
    return img


def draw_stage(rng):
    backdrop = rng.choice([(20, 34, 80), (90, 20, 36), (16, 70, 80), (40, 40, 48), (30, 60, 40)])
    img = _gradient((W, H), _mix(backdrop, (0, 0, 0), 0.5), _mix(backdrop, (0, 0, 0), 0.2))
    d = ImageDraw.Draw(img, "RGBA")
    screen = _jitter(
        rng.choice([(40, 110, 200), (220, 120, 40), (30, 150, 130), (200, 60, 80)]), rng
    )
    sx1, sx2 = rng.randint(160, 320), rng.randint(880, 1040)
    screen_img = _gradient((sx2 - sx1, 330), _mix(screen, (255, 255, 255), 0.25), screen)
    img.paste(screen_img, (sx1, 70))
    d.ellipse((sx1 + 40, 110, sx1 + 130, 200), fill=(255, 255, 255, 220))
    for i in range(3):
        d.rounded_rectangle(
            (sx1 + 160, 120 + i * 42, sx1 + 160 + rng.randint(260, 520), 140 + i * 42),
            radius=8,
            fill=(255, 255, 255, 210),
        )
    d.polygon([(0, 560), (W, 560), (W, H), (0, H)], fill=_mix(backdrop, (120, 100, 80), 0.5))
    d.rectangle((0, 540, W, 566), fill=_mix(backdrop, (200, 200, 200), 0.3))
    for _ in range(3):
        lx = rng.randint(100, 1100)
        d.polygon([(lx, 0), (lx - 160, 560), (lx + 160, 560)], fill=(255, 255, 230, 22))
    if rng.random() < 0.5:  # a speaker at a podium
        px = rng.choice([rng.randint(160, 300), rng.randint(880, 1020)])
        _person(d, px, 560, 260, rng.choice(CLOTHES), rng)
        d.polygon(
            [(px - 70, 430), (px + 70, 430), (px + 55, 560), (px - 55, 560)], fill=(60, 44, 34)
        )
        d.rectangle((px - 70, 426, px + 70, 440), fill=(90, 70, 52))
    else:  # people standing in a row on stage
        count = rng.randint(4, 8)
        for i in range(count):
            px = 200 + (W - 400) * i / max(1, count - 1) + rng.randint(-15, 15)
            _person(d, px, 560, rng.randint(230, 270), rng.choice(CLOTHES), rng)
    _audience(d, rng, rows=2, base=H + 70, size=rng.randint(110, 140))
    return img


def draw_cleanroom(rng):
    tint = rng.choice([(246, 226, 150), (226, 236, 246), (236, 240, 232)])
    img = _gradient((W, H), _mix(tint, (255, 255, 255), 0.4), _mix(tint, (120, 120, 110), 0.3))
    d = ImageDraw.Draw(img, "RGBA")
    vx, vy = W // 2 + rng.randint(-120, 120), 300
    for gx in range(-W, 2 * W, 120):
        d.line((gx, H, vx, vy), fill=(*_mix(tint, (90, 90, 90), 0.5), 120), width=2)
    for gy in (340, 380, 440, 520, 640, 790):
        d.line((0, gy, W, gy), fill=(*_mix(tint, (90, 90, 90), 0.5), 90), width=2)
    for cx in range(0, W, 100):
        d.rectangle((cx + 8, 10, cx + 92, 60), fill=(*_mix(tint, (255, 255, 255), 0.7), 230))
    machine = _mix(tint, (200, 204, 210), 0.6)
    for side in (0, 1):
        for i in range(3):
            depth = 1 - i * 0.22
            mw, mh = 230 * depth, 380 * depth
            mx = (40 + i * 150) if side == 0 else (W - 40 - i * 150 - mw)
            my = 640 - i * 90 - mh
            d.rounded_rectangle(
                (mx, my, mx + mw, my + mh), radius=14, fill=_jitter(machine, rng, 6)
            )
            d.rectangle(
                (mx + mw * 0.15, my + mh * 0.15, mx + mw * 0.85, my + mh * 0.4), fill=(40, 50, 70)
            )
            for k in range(3):
                color = rng.choice([(60, 200, 90), (240, 180, 40), (230, 70, 60)])
                d.ellipse(
                    (mx + 20 + k * 22, my + mh * 0.5, mx + 34 + k * 22, my + mh * 0.5 + 14),
                    fill=color,
                )
    for _ in range(rng.randint(1, 3)):
        px = rng.randint(380, 820)
        h = rng.randint(300, 380)
        suit = rng.choice([(245, 245, 250), (214, 228, 246), (236, 236, 236)])
        d.rounded_rectangle((px - 55, 720 - h, px + 55, 720), radius=40, fill=suit)
        d.ellipse((px - 38, 720 - h - 60, px + 38, 720 - h + 30), fill=suit)
        d.rounded_rectangle(
            (px - 26, 720 - h - 34, px + 26, 720 - h - 10), radius=8, fill=(40, 50, 70)
        )
    # A wafer catching the light.
    wx, wy, r = rng.randint(300, 900), rng.randint(500, 640), rng.randint(70, 110)
    rainbow = [(160, 120, 220), (100, 170, 230), (120, 210, 170), (230, 200, 120)]
    for k, color in enumerate(rainbow):
        rr = r * (1 - k * 0.18)
        d.ellipse((wx - rr, wy - rr * 0.45, wx + rr, wy + rr * 0.45), fill=(*color, 235))
    for gx in range(int(wx - r), int(wx + r), 14):
        half = math.sqrt(max(0, r * r - (gx - wx) ** 2)) * 0.45
        d.line((gx, wy - half, gx, wy + half), fill=(255, 255, 255, 90))
    return img


def draw_plant(rng):
    top, bottom = rng.choice([SKIES[0], SKIES[3], SKIES[4]])
    img = _gradient((W, H), top, bottom)
    d = ImageDraw.Draw(img, "RGBA")
    ground_y = int(H * rng.uniform(0.62, 0.7))
    ground = rng.choice([(112, 140, 90), (150, 150, 140), (124, 150, 100)])
    d.rectangle((0, ground_y, W, H), fill=ground)
    d.polygon(
        [(0, H), (W * 0.45, ground_y + 6), (W * 0.55, ground_y + 6), (W * 0.3, H)],
        fill=(90, 92, 98),
    )
    # Storage tanks.
    for _ in range(rng.randint(2, 5)):
        tx, tw = rng.randint(40, 1100), rng.randint(70, 140)
        th = rng.randint(80, 160)
        body = rng.choice([(236, 236, 232), (210, 214, 220), (230, 226, 210)])
        d.rectangle((tx, ground_y - th, tx + tw, ground_y), fill=body)
        d.ellipse(
            (tx, ground_y - th - 14, tx + tw, ground_y - th + 14),
            fill=_mix(body, (255, 255, 255), 0.4),
        )
        d.line(
            (tx, ground_y - th * 0.5, tx + tw, ground_y - th * 0.5),
            fill=_mix(body, (0, 0, 0), 0.2),
            width=2,
        )
    # Factory halls with saw-tooth roofs.
    x = rng.randint(-60, 80)
    for _ in range(rng.randint(2, 3)):
        hw, hh = rng.randint(260, 420), rng.randint(110, 180)
        wall = _jitter(rng.choice([(226, 230, 236), (190, 200, 214), (120, 150, 190)]), rng, 10)
        base_y = ground_y + rng.randint(20, 80)
        d.rectangle((x, base_y - hh, x + hw, base_y), fill=wall)
        for sx in range(x, x + hw, 46):
            d.polygon(
                [(sx, base_y - hh), (sx + 46, base_y - hh), (sx + 46, base_y - hh - 34)],
                fill=_mix(wall, (60, 70, 90), 0.35),
            )
        for stripe in range(base_y - hh + 20, base_y - 10, 22):
            d.line((x, stripe, x + hw, stripe), fill=_mix(wall, (0, 0, 0), 0.12), width=2)
        if rng.random() < 0.6:
            cx = x + rng.randint(30, hw - 30)
            d.rectangle((cx, base_y - hh - 160, cx + 22, base_y - hh), fill=(170, 60, 50))
            for k in range(5):
                r = 16 + k * 9
                d.ellipse(
                    (
                        cx - r + k * 16,
                        base_y - hh - 190 - k * 30 - r,
                        cx + r + k * 16,
                        base_y - hh - 190 - k * 30 + r,
                    ),
                    fill=(245, 245, 245, 110),
                )
        x += hw + rng.randint(40, 120)
    for tx in range(0, W, 36):
        r = rng.randint(18, 30)
        d.ellipse((tx - r, H - 60 - r, tx + r, H - 60 + r), fill=_jitter((60, 110, 60), rng, 15))
    return img


def draw_apartments(rng):
    top, bottom = rng.choice(SKIES)
    night = top[2] < 60 or bottom[0] > 230
    img = _gradient((W, H), top, bottom)
    d = ImageDraw.Draw(img, "RGBA")
    if rng.random() < 0.6:
        hill = _mix(bottom, (70, 100, 80), 0.5)
        points = [(0, 470)]
        for hx in range(0, W + 100, 100):
            points.append((hx, rng.randint(300, 420)))
        points += [(W, 520), (0, 520)]
        d.polygon(points, fill=hill)
    brand = rng.choice([(40, 110, 190), (200, 60, 60), (40, 150, 110), (220, 150, 40)])
    for row, (base_y, scale) in enumerate(((620, 0.75), (760, 1.0))):
        x = rng.randint(-80, 0)
        while x < W:
            bw = int(rng.randint(110, 160) * scale)
            bh = int(rng.randint(300, 560) * scale)
            wall = _jitter((236, 232, 222), rng, 10) if row else _jitter((206, 206, 206), rng, 8)
            d.rectangle((x, base_y - bh, x + bw, base_y), fill=wall)
            d.rectangle((x, base_y - bh, x + bw, base_y - bh + 16 * scale), fill=brand)
            lit = (255, 214, 130) if night else _mix(wall, (80, 100, 130), 0.5)
            for fy in range(int(base_y - bh + 26 * scale), base_y - 8, int(13 * scale) + 1):
                d.line((x + 6, fy, x + bw - 6, fy), fill=_mix(wall, (0, 0, 0), 0.18), width=2)
                if night:
                    for wx in range(x + 10, x + bw - 20, 24):
                        if rng.random() < 0.4:
                            d.rectangle((wx, fy - 8, wx + 14, fy - 2), fill=lit)
            x += bw + int(rng.randint(30, 80) * scale)
    d.rectangle((0, 760, W, H), fill=(80, 84, 90))
    for tx in range(0, W, 44):
        r = rng.randint(20, 34)
        d.ellipse((tx - r, 740 - r, tx + r, 740 + r), fill=_jitter((70, 120, 70), rng, 18))
    return img


def draw_market(rng):
    wall = rng.choice([(170, 140, 110), (140, 120, 110), (190, 170, 140)])
    img = _gradient((W, H), _mix(wall, (40, 30, 30), 0.4), wall)
    d = ImageDraw.Draw(img, "RGBA")
    for lx in range(60, W, 140):
        d.line((lx, 0, lx, 40), fill=(40, 40, 40), width=2)
        d.ellipse((lx - 16, 40, lx + 16, 72), fill=(255, 224, 150))
    stall_w = rng.randint(220, 300)
    x = -rng.randint(0, 100)
    produce = [(210, 40, 40), (240, 150, 30), (110, 170, 60), (240, 210, 60), (140, 40, 90)]
    while x < W:
        a, b = rng.choice(
            [
                ((200, 40, 40), (245, 245, 240)),
                ((40, 90, 170), (245, 245, 240)),
                ((40, 140, 80), (250, 220, 80)),
                ((230, 120, 30), (250, 240, 220)),
            ]
        )
        for k, sx in enumerate(range(x, x + stall_w, 30)):
            d.rectangle((sx, 120, sx + 30, 230), fill=a if k % 2 == 0 else b)
            d.pieslice((sx, 212, sx + 30, 246), 0, 180, fill=a if k % 2 == 0 else b)
        d.rectangle((x + 10, 230, x + stall_w - 10, 470), fill=_mix(wall, (40, 30, 20), 0.5))
        for shelf in range(3):
            sy = 290 + shelf * 70
            d.rectangle((x + 20, sy + 40, x + stall_w - 20, sy + 56), fill=(150, 110, 70))
            for px in range(x + 30, x + stall_w - 30, 18):
                color = rng.choice(produce)
                d.ellipse((px, sy + 22, px + 18, sy + 40), fill=_jitter(color, rng, 15))
        for crate in range(x + 20, x + stall_w - 60, 70):
            d.rectangle((crate, 480, crate + 60, 540), fill=(170, 130, 80))
            color = rng.choice(produce)
            for px in range(crate + 4, crate + 56, 14):
                d.ellipse((px, 466, px + 14, 482), fill=_jitter(color, rng, 15))
        x += stall_w + rng.randint(10, 40)
    d.rectangle((0, 540, W, H), fill=(110, 104, 98))
    _crowd(d, rng, count=(3, 7), xs=(40, 1160), feet=(700, 790), heights=(300, 380))
    return img


def draw_assembly(rng):
    tone = rng.choice([(70, 76, 86), (90, 96, 104), (60, 70, 80)])
    img = _gradient((W, H), _mix(tone, (0, 0, 0), 0.4), _mix(tone, (200, 200, 200), 0.3))
    d = ImageDraw.Draw(img, "RGBA")
    vx, vy = W // 2 + rng.randint(-200, 200), 280
    for k in range(-6, 7):
        d.line((vx + k * 30, vy - 10, vx + k * 300, 0), fill=(255, 255, 240, 150), width=6)
    d.polygon(
        [(0, H), (W, H), (vx + 80, vy + 40), (vx - 80, vy + 40)],
        fill=_mix(tone, (180, 180, 170), 0.4),
    )
    d.line((0, H - 30, vx - 60, vy + 40), fill=(240, 200, 40), width=8)
    d.line((W, H - 30, vx + 60, vy + 40), fill=(240, 200, 40), width=8)
    # The line: items shrinking toward the vanishing point.
    item = rng.choice(["car", "cell", "box"])
    body_color = _jitter(
        rng.choice([(200, 40, 40), (230, 230, 235), (40, 70, 140), (30, 30, 34)]), rng
    )
    for k in range(5):
        t = k / 5
        scale = 1 - t * 0.85
        cx = W * 0.5 + (vx - W * 0.5) * t + (-1) ** k * 4
        cy = H - 140 - (H - 140 - vy - 40) * t
        if item == "car":
            w, h = 360 * scale, 120 * scale
            d.rounded_rectangle(
                (cx - w / 2, cy - h, cx + w / 2, cy), radius=30 * scale, fill=body_color
            )
            d.rounded_rectangle(
                (cx - w * 0.3, cy - h * 1.6, cx + w * 0.25, cy - h * 0.9),
                radius=24 * scale,
                fill=_mix(body_color, (150, 190, 220), 0.6),
            )
            for wx in (cx - w * 0.3, cx + w * 0.3):
                d.ellipse(
                    (wx - 34 * scale, cy - 30 * scale, wx + 34 * scale, cy + 38 * scale),
                    fill=(20, 20, 20),
                )
        elif item == "cell":
            for c in range(5):
                w, h = 50 * scale, 150 * scale
                px = cx - 140 * scale + c * 60 * scale
                d.rectangle((px, cy - h, px + w, cy), fill=_mix(body_color, (40, 120, 200), 0.5))
                d.rectangle(
                    (px + w * 0.3, cy - h - 10 * scale, px + w * 0.7, cy - h), fill=(200, 200, 200)
                )
        else:
            for c in range(3):
                w, h = 110 * scale, 90 * scale
                px = cx - 180 * scale + c * 125 * scale
                d.rectangle((px, cy - h, px + w, cy), fill=(196, 150, 100))
                d.line(
                    (px + w / 2, cy - h, px + w / 2, cy),
                    fill=(150, 110, 70),
                    width=max(1, int(4 * scale)),
                )
    d.rectangle((0, H - 150, W, H - 120), fill=(40, 40, 44))
    arm = rng.choice([(240, 140, 30), (240, 200, 40), (230, 230, 230)])
    for ax in rng.sample([140, 320, 880, 1060], 2):
        shoulder = (ax, H - 260)
        elbow = (ax + rng.randint(-90, 90), H - 420)
        wrist = (ax + rng.randint(-60, 140), H - 330)
        d.rectangle((ax - 40, H - 260, ax + 40, H - 150), fill=_mix(arm, (0, 0, 0), 0.3))
        d.line([shoulder, elbow, wrist], fill=arm, width=34, joint="curve")
        for jx, jy in (shoulder, elbow, wrist):
            d.ellipse((jx - 22, jy - 22, jx + 22, jy + 22), fill=_mix(arm, (0, 0, 0), 0.2))
    if rng.random() < 0.6:
        for _ in range(rng.randint(1, 3)):
            px = rng.randint(100, 1100)
            _person(
                d,
                px,
                H - 10,
                rng.randint(280, 340),
                rng.choice([(40, 60, 120), (70, 70, 70), (230, 120, 30)]),
                rng,
            )
    return img


def draw_lobby(rng):
    wall = rng.choice([(226, 222, 214), (210, 220, 230), (232, 226, 210)])
    img = _gradient((W, H), _mix(wall, (255, 255, 255), 0.3), _mix(wall, (90, 90, 90), 0.3))
    d = ImageDraw.Draw(img, "RGBA")
    brand = rng.choice([(40, 110, 190), (30, 140, 110), (200, 70, 50), (120, 60, 150)])
    d.rectangle((0, 80, W, 140), fill=brand)
    for sx in range(80, W - 160, 260):
        d.rectangle((sx, 180, sx + 200, 300), fill=(30, 36, 50))
        for row in range(4):
            d.rectangle(
                (sx + 14, 196 + row * 26, sx + 14 + rng.randint(60, 170), 210 + row * 26),
                fill=rng.choice([(240, 90, 80), (90, 200, 140), (230, 230, 230)]),
            )
    d.rectangle((0, 440, W, 560), fill=_mix(wall, (120, 90, 60), 0.5))
    d.rectangle((0, 430, W, 446), fill=_mix(wall, (255, 255, 255), 0.5))
    for gx in range(0, W, 200):
        d.line((gx, 446, gx, 560), fill=_mix(wall, (0, 0, 0), 0.35), width=3)
    for i in range(rng.randint(3, 5)):
        cx = 100 + i * 240 + rng.randint(-20, 20)
        _bust(d, cx, 330, 120, rng.choice(CLOTHES[:4]), rng.choice(SKIN), rng.choice(HAIR))
    d.rectangle((0, 560, W, H), fill=_mix(wall, (140, 130, 120), 0.5))
    _crowd(d, rng, count=(2, 4), xs=(60, 1140), feet=(760, 800), heights=(330, 400))
    return img


def draw_gallery(rng):
    wall = rng.choice([(236, 226, 210), (222, 226, 232), (240, 232, 220)])
    img = _gradient((W, H), _mix(wall, (255, 255, 255), 0.3), _mix(wall, (110, 100, 90), 0.25))
    d = ImageDraw.Draw(img, "RGBA")
    for lx in range(100, W, 200):
        d.ellipse((lx - 40, 20, lx + 40, 44), fill=(255, 250, 220))
        d.polygon([(lx, 40), (lx - 140, 380), (lx + 140, 380)], fill=(255, 250, 220, 28))
    d.polygon([(160, 520), (1040, 520), (1140, 640), (60, 640)], fill=(60, 60, 66))
    d.polygon([(200, 440), (1000, 440), (1060, 520), (140, 520)], fill=(238, 238, 232))
    for _ in range(26):
        tx, ty = rng.randint(230, 940), rng.randint(445, 505)
        tw, th = rng.randint(22, 34), rng.randint(70, 170)
        d.rectangle((tx, ty - th, tx + tw, ty), fill=(250, 250, 248))
        d.rectangle((tx + tw, ty - th + 4, tx + tw + 8, ty), fill=(210, 210, 205))
        d.rectangle(
            (tx, ty - th, tx + tw, ty - th + 6),
            fill=rng.choice([(40, 110, 190), (200, 60, 60), (40, 150, 110)]),
        )
    for _ in range(20):
        gx, gy = rng.randint(220, 980), rng.randint(470, 515)
        d.ellipse((gx - 12, gy - 6, gx + 12, gy + 6), fill=(90, 160, 90))
    _crowd(d, rng, count=(4, 7), xs=(40, 1160), feet=(730, 800), heights=(300, 380))
    return img


def draw_portrait(rng):
    small = _gradient((300, 200), _jitter((120, 128, 140), rng, 30), _jitter((60, 64, 70), rng, 20))
    d = ImageDraw.Draw(small, "RGBA")
    for _ in range(40):
        x, y, r = rng.randint(0, 300), rng.randint(0, 200), rng.randint(4, 16)
        d.ellipse((x - r, y - r, x + r, y + r), fill=(*_jitter((240, 220, 180), rng, 30), 90))
    for bx in range(0, 300, rng.randint(40, 70)):
        d.rectangle((bx, 20, bx + 30, 200), fill=(*_jitter((110, 80, 60), rng, 20), 110))
    img = small.filter(ImageFilter.GaussianBlur(6)).resize((W, H), Image.Resampling.BICUBIC)
    d = ImageDraw.Draw(img, "RGBA")
    cx = rng.choice([W * 0.38, W * 0.5, W * 0.62])
    suit = rng.choice(CLOTHES[:4] + CLOTHES[7:])
    skin, hair = rng.choice(SKIN), rng.choice(HAIR)
    if rng.random() < 0.35:  # longer hair falls behind the neck and shoulders
        d.rounded_rectangle((cx - 140, 190, cx + 140, 600), radius=110, fill=hair)
    d.ellipse((cx - 330, 560, cx + 330, 1260), fill=suit)
    d.rectangle((cx - 55, 430, cx + 55, 600), fill=_mix(skin, (0, 0, 0), 0.12))
    d.polygon([(cx - 90, 560), (cx, 700), (cx + 90, 560)], fill=(246, 246, 246))
    if rng.random() < 0.6:
        d.polygon(
            [(cx - 18, 600), (cx + 18, 600), (cx + 26, 760), (cx, 800), (cx - 26, 760)],
            fill=_jitter((130, 40, 50), rng, 40),
        )
    d.ellipse((cx - 136, 160, cx + 136, 380), fill=hair)
    d.ellipse((cx - 128, 200, cx + 128, 500), fill=skin)
    return img


DRAWERS = {
    "skyline": draw_skyline,
    "board": draw_board,
    "port": draw_port,
    "stage": draw_stage,
    "cleanroom": draw_cleanroom,
    "plant": draw_plant,
    "apartments": draw_apartments,
    "market": draw_market,
    "assembly": draw_assembly,
    "lobby": draw_lobby,
    "gallery": draw_gallery,
    "portrait": draw_portrait,
}


def jpeg_bytes(image, quality=JPEG_QUALITY):
    buffer = BytesIO()
    image.save(buffer, "JPEG", quality=quality)
    return buffer.getvalue()


def draw_photo(kind, rng):
    return jpeg_bytes(DRAWERS.get(kind, draw_skyline)(rng))


def draw_avatar(color, rng, long_hair=False):
    """A 400×400 profile picture: a head-and-shoulders figure on the reporter's colour."""
    size = 400
    img = _gradient((size, size), _mix(color, (255, 255, 255), 0.35), color)
    d = ImageDraw.Draw(img)
    skin, hair = rng.choice(SKIN), rng.choice(HAIR)
    if long_hair:  # drawn behind the head and shoulders
        d.rounded_rectangle((118, 100, 282, 330), radius=76, fill=hair)
    d.ellipse((60, 280, 340, 560), fill=_mix(color, (20, 20, 30), 0.6))
    d.polygon([(168, 285), (200, 335), (232, 285)], fill=(245, 245, 245))
    d.rectangle((176, 230, 224, 292), fill=_mix(skin, (0, 0, 0), 0.1))
    # The hair is an ellipse a little larger than the face; the face covers its lower part.
    d.ellipse((122, 82, 278, 236), fill=hair)
    d.ellipse((134, 116, 266, 264), fill=skin)
    d.ellipse((128, 150, 142, 190), fill=skin)
    d.ellipse((258, 150, 272, 190), fill=skin)
    return jpeg_bytes(img, quality=85)


# ============================================================================================
# Building the archive
# ============================================================================================


class DemoBuilder:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.now = timezone.now()
        self.rotation = {}
        self.used_titles = set()
        self.sections = {}
        self.reporters = []
        self.drawn = {}  # photo kind → saved Photo rows whose files bulk articles may reuse
        self.counts = dict.fromkeys(
            (
                "sections",
                "reporters",
                "photos",
                "reactions",
                "comments",
                "daily_views",
                "published",
            ),
            0,
        )
        self._passwords = []

    # -- sections and reporters ---------------------------------------------------------------

    def make_sections(self):
        for slug, name, order, parent in demo.SECTIONS:
            section, created = Section.objects.get_or_create(
                slug=slug,
                defaults={"name": name, "order": order, "parent": self.sections.get(parent)},
            )
            self.sections[slug] = section
            self.counts["sections"] += created

    def make_reporters(self):
        for spec in demo.REPORTERS:
            reporter, created = Reporter.objects.get_or_create(
                slug=spec["slug"],
                defaults={
                    "name": spec["name"],
                    "email": f"{spec['handle']}@newsroom.example",
                    "desk": spec["desk"],
                    "bio": spec["bio"],
                },
            )
            if not reporter.photo:
                avatar = draw_avatar(spec["color"], self.rng, spec.get("hair") == "long")
                reporter.photo.save(f"{spec['slug']}.jpg", ContentFile(avatar), save=True)
            self.reporters.append(reporter)
            self.counts["reporters"] += created

    def bylines(self, section_slug):
        """1–2 reporters: someone on the section's beat first, sometimes a colleague second."""
        beat = demo.BEATS.get(section_slug, range(len(self.reporters)))
        first = self.reporters[self.rng.choice(list(beat))]
        chosen = [first]
        if self.rng.random() < 0.3:
            chosen.append(self.rng.choice([r for r in self.reporters if r != first]))
        return chosen

    # -- one illustrated article --------------------------------------------------------------

    def make_article(self, kind, number, *, status, published_at, when):
        story = demo.write_story(kind, self.rng, when, self.rotation, self.used_titles)
        article = Article.objects.create(
            title=story.title,
            label=story.label,
            deck="\n".join(story.deck),
            section=self.sections[story.section],
            body=story.body,
            status=status,
            published_at=published_at,
        )
        reporters = self.bylines(story.section)
        ArticleReporter.objects.bulk_create(
            ArticleReporter(article=article, reporter=reporter, order=order)
            for order, reporter in enumerate(reporters)
        )
        article.tags.add(*story.tags)
        for order, spec in enumerate(story.photos):
            credit_reporter = reporters[0] if spec.credit == "reporter" else None
            photo = Photo.objects.create(
                article=article,
                image=ContentFile(
                    draw_photo(spec.kind, self.rng), name=f"demo-{number:03d}-{order + 1}.jpg"
                ),
                caption=spec.caption,
                alt=spec.alt,
                credit_reporter=credit_reporter,
                credit="" if credit_reporter else spec.credit,
                placement=spec.placement,
                order=order,
            )
            self.drawn.setdefault(spec.kind, []).append(photo)
            self.counts["photos"] += 1
        article.story = story
        return article

    # -- reactions and comments ---------------------------------------------------------------

    def add_reactions(self, article):
        rng = self.rng
        ranges = {
            Reaction.Kind.LIKE: (0, 45),
            Reaction.Kind.ANGRY: (0, 9),
            Reaction.Kind.SAD: (0, 6),
            Reaction.Kind.WANT_MORE: (0, 16),
        }
        age = (self.now - article.published_at).total_seconds()
        rows, counters = [], {}
        for kind, (lo, hi) in ranges.items():
            count = rng.randint(lo, hi) if rng.random() < 0.75 else 0
            for visitor in rng.sample(range(1, 500), count):
                rows.append(
                    Reaction(
                        article=article,
                        kind=kind,
                        visitor=f"demo-{visitor}",
                        created_at=article.published_at + timedelta(seconds=rng.uniform(60, age)),
                    )
                )
            counters[kind.counter_field] = count
        Reaction.objects.bulk_create(rows)
        self.counts["reactions"] += len(rows)
        return counters

    def password(self):
        """A hash of a random password. Hashing is slow by design, so a few are reused."""
        if len(self._passwords) < 3:
            self._passwords.append(make_password(secrets.token_urlsafe(12)))
        return self.rng.choice(self._passwords)

    def comment_time(self, after):
        latest = self.now - timedelta(minutes=1)
        span = max(60.0, min((latest - after).total_seconds(), 3 * 86400))
        return min(after + timedelta(seconds=self.rng.uniform(120, span)), latest)

    def add_comments(self, article, *, pending=False):
        rng = self.rng
        bodies = demo.comment_pool(article.story, rng)[:6]
        total = rng.randint(1, 6)
        visible = 0
        made = 0
        while made < total and bodies:
            created = self.comment_time(article.published_at)
            top = Comment.objects.create(
                article=article,
                nickname=rng.choice(demo.NICKNAMES),
                password=self.password(),
                body=bodies.pop(0),
                like_count=rng.choice([0, 0, rng.randint(1, 12), rng.randint(5, 60)]),
                dislike_count=rng.choice([0, 0, rng.randint(1, 8)]),
                report_count=2 if pending and made == 0 else 0,
                visitor=f"demo-{rng.randint(1, 499)}",
                created_at=created,
            )
            made += 1
            visible += 1
            if made < total and rng.random() < 0.4:
                Comment.objects.create(
                    article=article,
                    parent=top,
                    nickname=rng.choice(demo.NICKNAMES),
                    password=self.password(),
                    body=rng.choice(demo.REPLIES),
                    like_count=rng.choice([0, rng.randint(1, 9)]),
                    visitor=f"demo-{rng.randint(1, 499)}",
                    created_at=self.comment_time(created),
                )
                made += 1
                visible += 1
        if pending:  # one comment waiting in the moderation queue: not counted, not shown
            Comment.objects.create(
                article=article,
                nickname=rng.choice(demo.NICKNAMES),
                password=self.password(),
                body=demo.PENDING_COMMENT,
                status=Comment.Status.PENDING,
                visitor=f"demo-{rng.randint(1, 499)}",
                created_at=self.comment_time(article.published_at),
            )
            made += 1
        self.counts["comments"] += made
        return visible

    # -- the whole archive --------------------------------------------------------------------

    def publication_times(self, count):
        """The newest illustrated articles: a handful within 24 hours, the rest over 3 weeks."""
        rng = self.rng
        recent = min(count, 6)
        hours = [rng.uniform(0.3, 23) for _ in range(recent)]
        hours += [rng.uniform(24, 21 * 24) for _ in range(count - recent)]
        return [self.now - timedelta(hours=h) for h in sorted(hours)]

    def build(self, published):
        rng = self.rng
        self.make_sections()
        self.make_reporters()

        illustrated = min(published, ILLUSTRATED)
        kinds = demo.schedule(rng, illustrated + 3)
        articles = []
        for number, when in enumerate(self.publication_times(illustrated), start=1):
            articles.append(
                self.make_article(
                    kinds[number - 1],
                    number,
                    status=Article.Status.PUBLISHED,
                    published_at=when,
                    when=timezone.localtime(when),
                )
            )
        # Two drafts and one scheduled for tomorrow: none of them may show on the public site.
        local_now = timezone.localtime(self.now)
        hidden = []
        for offset in range(2):
            hidden.append(
                self.make_article(
                    kinds[illustrated + offset],
                    illustrated + offset + 1,
                    status=Article.Status.DRAFT,
                    published_at=None,
                    when=local_now,
                )
            )
        tomorrow = self.now + timedelta(days=1)
        hidden.append(
            self.make_article(
                kinds[illustrated + 2],
                illustrated + 3,
                status=Article.Status.PUBLISHED,
                published_at=tomorrow,
                when=timezone.localtime(tomorrow),
            )
        )

        # Counters, comments, videos, and a few articles edited after publishing (수정).
        with_video = set(rng.sample(range(illustrated), min(5, illustrated)))
        revised = set(rng.sample(range(illustrated), min(4, illustrated)))
        closed = rng.randrange(illustrated) if illustrated > 2 else None
        moderated = rng.choice([i for i in range(illustrated) if i != closed] or [None])
        daily = []
        for index, article in enumerate(articles):
            fields = self.add_reactions(article)
            policy = Article.CommentPolicy.OPEN
            if index == closed:
                policy = Article.CommentPolicy.CLOSED
            elif index == moderated:
                policy = Article.CommentPolicy.PREMODERATED
            visible = 0
            if index == moderated or (index != closed and rng.random() < 0.5):
                visible = self.add_comments(article, pending=index == moderated)
            age = self.now - article.published_at
            fields.update(
                view_count=self.add_daily_views(article.pk, article.published_at, daily),
                comment_count=visible,
                comment_policy=policy,
                created_at=article.published_at - timedelta(minutes=rng.randint(20, 240)),
                updated_at=article.published_at,
            )
            if index in with_video:
                fields["video_url"] = f"https://video.newsroom.example/v/{1000 + index * 7}"
            if index in revised and age > timedelta(hours=2):
                edit = article.published_at + age * rng.uniform(0.1, 0.6)
                fields.update(revised_at=edit, updated_at=edit)
            Article.objects.filter(pk=article.pk).update(**fields)
        DailyViews.objects.bulk_create(
            (DailyViews(article_id=pk, day=day, views=views) for pk, day, views in daily),
            batch_size=BATCH,
        )
        self.counts["daily_views"] += len(daily)
        self.counts["published"] = illustrated

        self.make_boxes(articles)
        return articles + hidden

    def add_daily_views(self, article_id, published_at, rows):
        """Views per day over the last VIEW_DAYS days, appended to `rows`; returns their sum.

        A story is read most on its first day and less each day after; an archive story (older
        than the window) gets a few stray reads on a few days, or none. The article's view_count
        is this sum, so the counter and the rows agree.
        """
        rng = self.rng
        today = timezone.localdate(self.now)
        first = today - timedelta(days=VIEW_DAYS - 1)
        published = timezone.localdate(published_at)
        total = 0
        if published >= first:
            peak = rng.lognormvariate(6.3, 0.9)
            for age in range((today - published).days + 1):
                views = int(peak * 0.55**age * rng.uniform(0.7, 1.3))
                if views:
                    rows.append((article_id, published + timedelta(days=age), views))
                    total += views
        elif rng.random() < 0.5:
            for offset in rng.sample(range(VIEW_DAYS), rng.randint(1, 3)):
                views = rng.randint(1, 12)
                rows.append((article_id, first + timedelta(days=offset), views))
                total += views
        return total

    def make_boxes(self, articles):
        rng = self.rng
        newest = sorted(articles, key=lambda a: a.published_at, reverse=True)
        top_pool = newest[:12]
        top = rng.sample(top_pool, min(5, len(top_pool)))
        rest = [a for a in newest if a not in top]
        featured = [a for a in rest if a.label in ("분석", "인터뷰", "르포", "단독")]
        plant = (featured + [a for a in rest if a not in featured])[:5]
        for slug, name, picked in (
            (CuratedBox.TOP_NEWS, "주요뉴스", top),
            (CuratedBox.NEWS_PLANT, "뉴스발전소", plant),
        ):
            box, _ = CuratedBox.objects.get_or_create(slug=slug, defaults={"name": name})
            if not box.slots.exists():
                CuratedSlot.objects.bulk_create(
                    CuratedSlot(box=box, article=article, order=order)
                    for order, article in enumerate(picked)
                )

    def bulk_articles(self, count, progress=None):
        """Older archive articles, inserted in bulk, one transaction per BULK_BATCH articles.

        Each gets bylines, tags, a reused photo file, about 10 reactions, about 2 comments and
        its DailyViews, with every counter on the article equal to its rows. They are spread
        over the months before the illustrated articles (which cover the last three weeks).
        """
        rng = self.rng
        kinds = demo.schedule(rng, count)
        self._tags = {}
        self._content_type = ContentType.objects.get_for_model(Article)
        self._comment_bodies = {}
        # About 300 a day, at least a month: 100,000 articles reach back about a year.
        span_hours = max(30, math.ceil(count / 300)) * 24
        start = 21 * 24 + 1
        times = sorted(
            (self.now - timedelta(hours=rng.uniform(start, start + span_hours)) for _ in kinds),
            reverse=True,
        )
        done = 0
        for offset in range(0, count, BULK_BATCH):
            batch = list(zip(kinds[offset : offset + BULK_BATCH], times[offset:], strict=False))
            with transaction.atomic():
                self._bulk_batch(batch)
            done += len(batch)
            if progress:
                progress.update(done)
        self.counts["published"] += count

    def _bulk_batch(self, batch):
        rng = self.rng
        sanitize = Article._meta.get_field("body").sanitize
        rows, stories, extras = [], [], []
        for kind, when in batch:
            story = demo.write_story(kind, rng, timezone.localtime(when), self.rotation)
            article = Article(
                title=story.title,
                label=story.label,
                deck="\n".join(story.deck),
                section=self.sections[story.section],
                body=sanitize(story.body),
                status=Article.Status.PUBLISHED,
                published_at=when,
            )
            reactions = self.bulk_reactions(when)
            comments = self.bulk_comments(story, when)
            for kind_value, visitors in reactions.items():
                setattr(article, Reaction.Kind(kind_value).counter_field, len(visitors))
            article.comment_count = sum(1 for c in comments if c[2] == Comment.Status.VISIBLE)
            views = []
            article.view_count = self.add_daily_views(None, when, views)
            rows.append(article)
            stories.append(story)
            extras.append((reactions, comments, views))
        Article.objects.bulk_create(rows, batch_size=BATCH)
        Article.objects.filter(pk__in=[a.pk for a in rows]).update(
            created_at=F("published_at"), updated_at=F("published_at")
        )
        search.index_articles(rows, fresh=True)  # bulk_create sends no post_save

        bylines, tagged, photos, reaction_rows, comment_rows, daily = [], [], [], [], [], []
        adapt_time = connection.ops.adapt_datetimefield_value
        adapt_day = connection.ops.adapt_datefield_value
        for article, story, (reactions, comments, views) in zip(rows, stories, extras, strict=True):
            reporters = self.bylines(story.section)
            for order, reporter in enumerate(reporters):
                bylines.append((article.pk, reporter.pk, order))
            for name in story.tags:
                tagged.append((self._content_type.pk, article.pk, self.tag(name).pk))
            for kind_value, visitors in reactions.items():
                for visitor, created in visitors:
                    reaction_rows.append(
                        (article.pk, kind_value, f"demo-{visitor}", adapt_time(created))
                    )
            for body, created, status, likes in comments:
                comment_rows.append(
                    (
                        article.pk,
                        rng.choice(demo.NICKNAMES),
                        self.password(),
                        body,
                        status,
                        likes,
                        0,
                        0,
                        f"demo-{rng.randint(1, 4999)}",
                        "",
                        adapt_time(created),
                    )
                )
            daily.extend((article.pk, adapt_day(day), n) for _, day, n in views)
            photo = self.archive_photo(article, story, reporters)
            if photo:
                photos.append(photo)
        insert(ArticleReporter, ("article", "reporter", "order"), bylines)
        insert(TaggedItem, ("content_type", "object_id", "tag"), tagged)
        insert(Reaction, ("article", "kind", "visitor", "created_at"), reaction_rows)
        insert(
            Comment,
            (
                "article",
                "nickname",
                "password",
                "body",
                "status",
                "like_count",
                "dislike_count",
                "report_count",
                "visitor",
                "client",
                "created_at",
            ),
            comment_rows,
        )
        insert(DailyViews, ("article", "day", "views"), daily)
        Photo.objects.bulk_create(photos, batch_size=BATCH)
        self.counts["photos"] += len(photos)
        self.counts["reactions"] += len(reaction_rows)
        self.counts["comments"] += len(comment_rows)
        self.counts["daily_views"] += len(daily)

    def bulk_reactions(self, published_at):
        """About ten reactions: kind → [(visitor number, time)], each visitor once per kind."""
        rng = self.rng
        age = max(120.0, (self.now - published_at).total_seconds())
        reactions = {}
        for kind, hi in (
            (Reaction.Kind.LIKE, 16),
            (Reaction.Kind.ANGRY, 3),
            (Reaction.Kind.SAD, 2),
            (Reaction.Kind.WANT_MORE, 6),
        ):
            count = rng.randint(0, hi) if rng.random() < 0.75 else 0
            reactions[kind.value] = [
                (visitor, published_at + timedelta(seconds=rng.uniform(60, age)))
                for visitor in rng.sample(range(1, 5000), count)
            ]
        return reactions

    def bulk_comments(self, story, published_at):
        """About two comments: (body, time, status, likes); one in twenty is hidden."""
        rng = self.rng
        pool = self._comment_bodies.get(story.kind)
        if pool is None:
            pool = self._comment_bodies[story.kind] = demo.comment_pool(story, rng)[:12]
        comments = []
        for _ in range(rng.choice((0, 1, 2, 2, 3, 4))):
            status = Comment.Status.HIDDEN if rng.random() < 0.05 else Comment.Status.VISIBLE
            comments.append(
                (
                    rng.choice(pool),
                    self.comment_time(published_at),
                    status.value,
                    rng.choice((0, 0, rng.randint(1, 12))),
                )
            )
        return comments

    def tag(self, name):
        if name not in self._tags:
            self._tags[name] = Tag.objects.filter(name=name).first() or Tag.objects.create(
                name=name
            )
        return self._tags[name]

    def archive_photo(self, article, story, reporters):
        """Most archive articles reuse a drawn file of the same kind; none is drawn again."""
        rng = self.rng
        spec = story.photos[0]
        sources = self.drawn.get(spec.kind) or [p for ps in self.drawn.values() for p in ps]
        if not sources or rng.random() >= 0.8:
            return None
        source = rng.choice(sources)
        return Photo(
            article=article,
            image=source.image.name,
            width=source.width,
            height=source.height,
            renditions=source.renditions,
            caption=spec.caption,
            alt=spec.alt,
            credit_reporter=reporters[0] if spec.credit == "reporter" else None,
            credit="" if spec.credit == "reporter" else spec.credit,
            placement=0,
            order=0,
        )


def insert(model, fields, rows):
    """Plain multi-row INSERTs for the big tables: no model instances, no RETURNING."""
    if not rows:
        return
    meta, quote = model._meta, connection.ops.quote_name
    columns = ", ".join(quote(meta.get_field(name).column) for name in fields)
    placeholders = "(" + ", ".join(["%s"] * len(fields)) + ")"
    # SQLite allows 32,766 parameters per statement (since 3.32); stay well below it.
    per_statement = max(1, 4000 // len(fields))
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_statement):
            chunk = rows[start : start + per_statement]
            values = ", ".join([placeholders] * len(chunk))
            cursor.execute(
                f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES {values}",
                [value for row in chunk for value in row],
            )


class Progress:
    """A one-line text progress bar on stderr, redrawn in place: count, percent, rate, ETA."""

    def __init__(self, stream, total, label, width=30):
        self.stream, self.total, self.label, self.width = stream, total, label, width
        self.started = time.monotonic()
        self.drawn_at = 0.0

    def update(self, done):
        now = time.monotonic()
        if done < self.total and now - self.drawn_at < 0.25:
            return
        self.drawn_at = now
        fraction = done / self.total if self.total else 1.0
        filled = int(self.width * fraction)
        elapsed = max(now - self.started, 1e-6)
        rate = done / elapsed
        eta = (self.total - done) / rate if rate else 0
        line = (
            f"\r{self.label} [{'#' * filled}{'.' * (self.width - filled)}] "
            f"{done:,}/{self.total:,} {fraction:6.1%} {rate:,.0f}/s "
            + (f"ETA {eta:.0f}s " if done < self.total else f"in {elapsed:.1f}s\n")
        )
        self.stream.write(line, ending="")
        self.stream.flush()


class Command(BaseCommand):
    help = (
        "Fill an empty site with fictional demo content: sections, reporters, articles with "
        "drawn photos, reactions, comments and curated boxes. Does nothing if articles exist."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--articles",
            type=int,
            default=ILLUSTRATED,
            help=f"published articles to create (default {ILLUSTRATED}); the first "
            f"{ILLUSTRATED} get drawn photos, reactions and comments, the rest are bulk-inserted",
        )
        parser.add_argument(
            "--seed", type=int, default=20250601, help="random seed (same seed, same archive)"
        )

    def handle(self, *args, articles, seed, **options):
        if articles < 0:
            raise CommandError("--articles must be 0 or more.")
        started = time.monotonic()
        with transaction.atomic():
            if Article.objects.exists():
                self.stdout.write("Demo content already present; nothing to do.")
                return
            builder = DemoBuilder(seed)
            builder.build(articles)
        archive = articles - min(articles, ILLUSTRATED)
        if archive:
            progress = Progress(self.stderr, archive, "Archive articles")
            with fast_bulk_load():
                builder.bulk_articles(archive, progress)
        c = builder.counts
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content loaded: {c['sections']} sections, {c['reporters']} reporters, "
                f"{c['published'] + 3} articles ({c['published']} published, 2 drafts, "
                "1 scheduled), "
                f"{c['photos']} photos, {c['reactions']} reactions, {c['comments']} comments, "
                f"{c['daily_views']} daily view rows "
                f"in {time.monotonic() - started:.1f}s."
            )
        )


class fast_bulk_load:
    """Trade durability for speed while the archive loads, then restore and refresh statistics.

    A crash mid-load can at worst lose the last batches (SQLite: or corrupt the file, which
    is a throwaway demo database); the planner statistics matter at 100,000 articles.
    """

    def __enter__(self):
        # Inside an outer transaction (tests) SQLite refuses to change the safety level.
        self.tuned = not connection.in_atomic_block
        with connection.cursor() as cursor:
            if not self.tuned:
                pass
            elif connection.vendor == "sqlite":
                cursor.execute("PRAGMA synchronous=OFF")
                cursor.execute("PRAGMA cache_size=-262144")  # 256 MB of page cache
                cursor.execute("PRAGMA temp_store=MEMORY")
            elif connection.vendor == "postgresql":
                cursor.execute("SET synchronous_commit TO off")

    def __exit__(self, *exc):
        with connection.cursor() as cursor:
            if not self.tuned:
                pass
            elif connection.vendor == "sqlite":
                cursor.execute("PRAGMA synchronous=NORMAL")
                cursor.execute("PRAGMA cache_size=-2000")
            elif connection.vendor == "postgresql":
                cursor.execute("SET synchronous_commit TO DEFAULT")
            if exc[0] is None:
                cursor.execute("ANALYZE")
