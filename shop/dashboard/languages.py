"""Dashboard forms that write content in two languages (catalog/translation.py)."""

from django.utils.translation import gettext_lazy as _

IN_ENGLISH_HELP = _("Shown on the English pages; left empty, they show the Vietnamese.")


def show_vietnamese(form) -> None:
    """A translated field's plain name holds the Vietnamese text, even on a dashboard read
    in English (a ModelForm would read the page's language there)."""
    for name in form.fields:
        column = f"{name}_vi"
        if form.instance.pk and hasattr(form.instance, column):
            form.initial[name] = getattr(form.instance, column)
