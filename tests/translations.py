"""Every message the shop asks gettext for while it draws a page or writes an email, and
whether the active Vietnamese catalogues (ours first, then Oscar's, Wagtail's, Django's)
translate it. A test that looks for English words only finds the words it knows; this one
finds every untranslated message, whichever page or email it is on."""

import re
from contextlib import contextmanager

from django.utils import translation
from django.utils.translation import trans_real

# Messages that are the same in Vietnamese: names and codes, not words.
SAME_IN_VIETNAMESE = {"OCOP", "VietQR", "Email", "Stripe", "Visa", "Mastercard", "UPC", "SKU"}
PLACEHOLDER = re.compile(r"%(\(\w+\))?[sdif]|\{[^}]*\}|<[^>]+>")


@contextmanager
def recording_messages():
    """Yields a set that fills with (context, msgid) for every message looked up in
    Vietnamese inside the block."""
    asked = set()

    def record(context, message):
        if translation.get_language() == "vi":
            asked.add((context, message))

    originals = {name: getattr(translation._trans, name) for name in TRANSLATORS}

    def gettext(message):
        record(None, message)
        return originals["gettext"](message)

    def ngettext(singular, plural, number):
        record(None, singular)
        return originals["ngettext"](singular, plural, number)

    def pgettext(context, message):
        record(context, message)
        return originals["pgettext"](context, message)

    def npgettext(context, singular, plural, number):
        record(context, singular)
        return originals["npgettext"](context, singular, plural, number)

    # Every gettext in Django, templates and lazy strings included, goes through _trans.
    replacements = dict(gettext=gettext, ngettext=ngettext, pgettext=pgettext, npgettext=npgettext)
    for name, function in replacements.items():
        setattr(translation._trans, name, function)
    try:
        yield asked
    finally:
        for name, function in originals.items():
            setattr(translation._trans, name, function)


TRANSLATORS = ("gettext", "ngettext", "pgettext", "npgettext")


def has_words(message: str) -> bool:
    return bool(re.search(r"[A-Za-z]{2,}", PLACEHOLDER.sub("", message)))


def untranslated(asked) -> list[str]:
    """The messages among `asked` with no Vietnamese text in the active catalogues."""
    catalogue = trans_real.translation("vi")._catalog
    missing = []
    for context, message in asked:
        if not has_words(message) or message.strip() in SAME_IN_VIETNAMESE:
            continue
        key = f"{context}\x04{message}" if context else message
        found = catalogue.get(key) or catalogue.get((key, 0))
        if not found:
            missing.append(f"{context}|{message}" if context else message)
    return sorted(missing)
