"""Vietnamese text as search sees it: without diacritics, so "nuoc mam" finds "nước mắm"."""

import re
import unicodedata

_WORD = re.compile(r"\w+", re.UNICODE)


def fold(text: str) -> str:
    """Lower case, no tone or vowel marks, đ → d: "Nước mắm Phú Quốc" → "nuoc mam phu quoc"."""
    text = (text or "").replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    return _WORD.findall(text or "")


def plain_text(html: str) -> str:
    """Text of a rich-text field, for indexing."""
    return " ".join(re.sub(r"<[^>]+>", " ", html or "").split())
