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
SCAN_IMAGE_FORMATS = {"JPEG", "PNG", "WEBP"}


def validate_certificate_scan(upload):
    """A decision scan must be a PDF or a JPEG/PNG/WebP image, not too large, not a bomb."""
    max_bytes = settings.OCOP_SCAN_MAX_BYTES
    if upload.size > max_bytes:
        raise ValidationError(
            _("The file is %(size)s; the largest accepted is %(max)s.")
            % {"size": filesizeformat(upload.size), "max": filesizeformat(max_bytes)},
            code="file_too_large",
        )
    upload.seek(0)
    head = upload.read(len(PDF_MAGIC))
    upload.seek(0)
    if head == PDF_MAGIC:
        return
    validate_image(upload, allowed_formats=SCAN_IMAGE_FORMATS, what=_("a PDF or an image"))


def validate_image(upload, *, allowed_formats=SCAN_IMAGE_FORMATS, what=None):
    """Opens the upload with Pillow's limits: wrong types and decompression bombs are refused
    before any pixel is decoded."""
    what = what or _("a JPEG, PNG or WebP image")
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
    if image_format not in allowed_formats:
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


STORY_TAGS = {"p", "br", "strong", "b", "em", "i", "ul", "ol", "li", "h3", "h4", "blockquote", "a"}


def sanitise_rich_text(html: str) -> str:
    """Keeps simple formatting and links; drops scripts, styles, event handlers."""
    return nh3.clean(
        html or "",
        tags=STORY_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener nofollow",
    ).strip()
