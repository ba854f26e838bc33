"""Checks on what people upload or type, each with a message that says what to fix."""

import nh3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image

PDF_MAGIC = b"%PDF-"
# Control characters (NUL above all: PostgreSQL refuses it in text) never belong in a query.
_CONTROL_CHARACTERS = dict.fromkeys(range(32), " ") | {127: " "}
IMAGE_FORMATS = frozenset({"JPEG", "PNG", "WEBP"})


def _check_size(upload, *, max_bytes: int) -> None:
    if upload.size > max_bytes:
        raise ValidationError(
            _("The file is %(size)s; the largest accepted is %(max)s.")
            % {"size": filesizeformat(upload.size), "max": filesizeformat(max_bytes)},
            code="file_too_large",
        )


def validate_certificate_scan(upload):
    """A decision scan must be a PDF or a JPEG/PNG/WebP image, not too large, not a bomb."""
    if getattr(upload, "_committed", False):
        return
    _check_size(upload, max_bytes=settings.OCOP_SCAN_MAX_BYTES)
    upload.seek(0)
    head = upload.read(len(PDF_MAGIC))
    upload.seek(0)
    if head == PDF_MAGIC:
        return
    validate_image(upload, what=_("a PDF or an image"))


def validate_image(upload, *, what=None):
    """The one rule for every uploaded picture (product images, category images, producer
    photos, certificate scans, CMS images): a JPEG, PNG or WebP file of at most
    OCOP_IMAGE_MAX_BYTES and OCOP_IMAGE_MAX_PIXELS. Only the header is read, with Pillow's
    limits, so wrong types and decompression bombs are refused before any pixel is decoded.

    A file already in storage was accepted when it was uploaded: saving its row again (a
    price change, a new caption) neither re-reads it nor fails on a rule made since."""
    if getattr(upload, "_committed", False):
        return
    what = what or _("a JPEG, PNG or WebP image")
    _check_size(upload, max_bytes=settings.OCOP_IMAGE_MAX_BYTES)
    max_pixels = settings.OCOP_IMAGE_MAX_PIXELS
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            image_format = image.format
            width, height = image.size
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(_("This image is too large to process."), code="image_bomb") from None
    except Exception:
        raise ValidationError(
            _("This file is not %(what)s.") % {"what": what}, code="invalid_type"
        ) from None
    finally:
        upload.seek(0)
    if image_format not in IMAGE_FORMATS:
        raise ValidationError(_("This file is not %(what)s.") % {"what": what}, code="invalid_type")
    if width * height > max_pixels:
        raise ValidationError(
            _("The image is %(width)s×%(height)s pixels; the most accepted is %(max)s pixels.")
            % {"width": width, "height": height, "max": f"{max_pixels:,}"},
            code="image_bomb",
        )


def typed_text(value: str, *, max_length: int = 200) -> str:
    """What a person typed into a search or look-up box, made safe to query with: control
    characters become spaces, runs of white space one space, and it is cut to max_length."""
    return " ".join(str(value).translate(_CONTROL_CHARACTERS).split())[:max_length]


# What people may format in the rich text they type (product and category descriptions,
# producer stories, page content): headings, emphasis, lists, quotes and links.
RICH_TEXT_TAGS = frozenset(
    {"p", "br", "strong", "b", "em", "i", "ul", "ol", "li", "blockquote", "a"}
    | {"h2", "h3", "h4", "h5", "h6"}
)
RICH_TEXT_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})


def sanitise_rich_text(
    html: str | None,
    *,
    extra_tags=frozenset(),
    extra_attributes: dict | None = None,
    attribute_values: dict | None = None,
    link_rel: str | None = "noopener nofollow",
) -> str:
    """The one HTML sanitiser (nh3): keeps simple formatting and links; drops scripts and
    styles with their content, event handlers, comments, and links to any scheme but http,
    https, mailto and tel. Callers may allow more tags or attributes (Wagtail's stored
    link and image references), never fewer safeguards."""
    attributes = {tag: set(names) for tag, names in RICH_TEXT_ATTRIBUTES.items()}
    for tag, names in (extra_attributes or {}).items():
        attributes.setdefault(tag, set()).update(names)
    return nh3.clean(
        html or "",
        tags=set(RICH_TEXT_TAGS | set(extra_tags)),
        attributes=attributes,
        tag_attribute_values=attribute_values,
        url_schemes=set(URL_SCHEMES),
        link_rel=link_rel,
    ).strip()
