"""Product pictures for the demo shop, drawn with Pillow: readable cards in the product
group's colour, so a demo catalogue looks like a catalogue and not a wall of grey squares.

Same input, same bytes: the decoration is drawn from a random.Random seeded with the UPC,
and JPEG encoding carries no timestamp.
"""

import functools
import io
import math
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

SIZE = 800
MARGIN = 50
BOLD_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
STAR_GOLD = (255, 213, 79)


@functools.cache
def _font(size: int) -> ImageFont.FreeTypeFont:
    # DejaVu covers Vietnamese diacritics and ★; the default font is a last resort.
    if BOLD_FONT.exists():
        return ImageFont.truetype(str(BOLD_FONT), size)
    return ImageFont.load_default(size=size)


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


def _mix(colour, other, amount: float) -> tuple[int, int, int]:
    return tuple(round(c + (o - c) * amount) for c, o in zip(colour, other, strict=True))


def _background(base, rng: random.Random) -> Image.Image:
    # A little lift per product, so a page of one group's cards is not all one shade.
    top = Image.new("RGB", (SIZE, SIZE), _mix(base, (255, 255, 255), rng.uniform(0.08, 0.3)))
    bottom = Image.new("RGB", (SIZE, SIZE), _mix(base, (0, 0, 0), 0.35))
    mask = Image.linear_gradient("L").resize((SIZE, SIZE))
    return Image.composite(bottom, top, mask)


def _pattern(draw: ImageDraw.ImageDraw, rng: random.Random) -> None:
    for _ in range(36):
        x, y = rng.randrange(SIZE), rng.randrange(SIZE)
        r = rng.randrange(6, 40)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(255, 255, 255, rng.randrange(10, 30)))


def _star(cx: float, cy: float, outer: float, inner: float) -> list[tuple[float, float]]:
    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return points


def _emblem(draw: ImageDraw.ImageDraw, base, cx: int, cy: int, radius: int) -> None:
    draw.ellipse(
        (cx - radius, cy - radius, cx + radius, cy + radius),
        fill=(*_mix(base, (255, 255, 255), 0.25), 255),
        outline=(255, 255, 255, 230),
        width=10,
    )
    ring = radius - 26
    draw.ellipse(
        (cx - ring, cy - ring, cx + ring, cy + ring), outline=(255, 255, 255, 110), width=4
    )
    draw.polygon(_star(cx, cy + 6, radius * 0.62, radius * 0.26), fill=(*STAR_GOLD, 255))


def _wrap(text: str, font, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and font.getlength(candidate) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    lines = [*lines, line] if line else lines
    # No lone word on the last line: place names come in pairs ("Ba Chẽ", "Hạ Long").
    if len(lines) > 1 and " " not in lines[-1] and lines[-2].count(" ") >= 2:
        head, moved = lines[-2].rsplit(" ", 1)
        lines[-2:] = [head, f"{moved} {lines[-1]}"]
    return lines


def _title_lines(title: str, font, width: int) -> list[str]:
    """Break before a place or brand name ("Trà túi lọc | Cà gai leo", "Đường thốt nốt |
    Palmania") rather than inside a word of several syllables, when that fits."""
    if font.getlength(title) <= width:
        return [title]
    words = title.split()
    for i in range(1, len(words)):
        if words[i][0].isupper() and not words[i - 1][0].isupper():
            head, tail = " ".join(words[:i]), " ".join(words[i:])
            if font.getlength(head) <= width and font.getlength(tail) <= width:
                return [head, tail]
    return _wrap(title, font, width)


def _fitted_title(title: str, width: int) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    # Long names shrink rather than overflow the card.
    for size in (64, 58, 52, 46, 40):
        font = _font(size)
        lines = _title_lines(title, font, width)
        if len(lines) <= 2 and all(font.getlength(line) <= width for line in lines):
            return font, lines
    return font, lines[:3]


def _centred(draw, y: int, text: str, font, fill, shadow: bool = False) -> None:
    x = (SIZE - draw.textlength(text, font=font)) / 2
    if shadow:
        draw.text((x + 3, y + 3), text, font=font, fill=(0, 0, 0, 110))
    draw.text((x, y), text, font=font, fill=fill)


def product_image(*, title: str, group_name: str, colour: str, stars: int, seed: str) -> bytes:
    """An 800×800 JPEG card: gradient in the group colour, a star emblem, the product name,
    and the group and OCOP star level along the bottom."""
    base = _rgb(colour)
    rng = random.Random(seed)
    card = _background(base, rng).convert("RGBA")
    overlay = Image.new("RGBA", card.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    _pattern(draw, rng)
    _emblem(draw, base, SIZE // 2, 245, 165)

    font, lines = _fitted_title(title, SIZE - 2 * MARGIN)
    line_height = font.size + 14
    y = 455 + (2 * line_height - len(lines) * line_height) // 2
    for line in lines:
        _centred(draw, y, line, font, (255, 255, 255, 255), shadow=True)
        y += line_height

    draw.rectangle((0, 660, SIZE, SIZE), fill=(0, 0, 0, 90))
    draw.line((MARGIN, 660, SIZE - MARGIN, 660), fill=(*STAR_GOLD, 200), width=3)
    group_font = next(
        (_font(s) for s in (30, 26, 22) if _font(s).getlength(group_name) <= SIZE - 2 * MARGIN),
        _font(22),
    )
    _centred(draw, 680, group_name, group_font, (255, 255, 255, 235))
    _centred(draw, 728, "OCOP " + "★" * stars, _font(40), (*STAR_GOLD, 255))

    card = Image.alpha_composite(card, overlay).convert("RGB")
    out = io.BytesIO()
    card.save(out, format="JPEG", quality=88, optimize=True)
    return out.getvalue()
