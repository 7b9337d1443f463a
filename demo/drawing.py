"""Abstract "news photos" and profile pictures for the demo, drawn with Pillow.

Shapes only: no fonts and nothing downloaded, so a drawn photo can never show a real person or
a real logo.
"""

import math
from io import BytesIO

from PIL import Image, ImageDraw, ImageFilter

W, H = 1200, 800
JPEG_QUALITY = 80

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
