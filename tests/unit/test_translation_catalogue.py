"""Our Vietnamese catalogue compiles as gettext's msgfmt would: no message is defined twice
(a second definition silently wins or loses, depending on the tool)."""

import re
from collections import Counter
from pathlib import Path

CATALOGUE = Path(__file__).resolve().parents[2] / "locale" / "vi" / "LC_MESSAGES" / "django.po"
ENTRY = re.compile(r'^(?:msgctxt "(.*)"\n)?msgid "(.*)"\n(?:".*"\n)*', re.MULTILINE)


def test_no_message_is_defined_twice():
    text = CATALOGUE.read_text(encoding="utf-8")
    keys = Counter(
        (context, match.group(0)) for match in ENTRY.finditer(text) for context in [match[1]]
    )
    twice = [key for key, count in keys.items() if count > 1]
    assert not twice, twice
