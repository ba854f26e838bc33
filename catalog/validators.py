"""Checks on what people upload or type, each with a message that says what to fix."""

import codecs
from pathlib import PurePath

import nh3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

PDF_MAGIC = b"%PDF-"
# What makes a PDF reader run code, open another program, submit data or carry other files:
# JavaScript (in /OpenAction, /AA or the /Names tree), /Launch, embedded files, Flash and
# XFA forms. A signed decision or a scan has none of them.
PDF_ACTIVE_CONTENT = frozenset(
    {
        "/JS",
        "/JavaScript",
        "/Launch",
        "/EmbeddedFile",
        "/EmbeddedFiles",
        "/RichMedia",
        "/XFA",
        "/SubmitForm",
        "/ImportData",
    }
)
PDF_MAX_OBJECTS = 200_000  # far more than any scan; a file built to exhaust the walk is refused
ZIP_MAGIC = b"PK\x03\x04"  # .docx, .xlsx and .odt are ZIP containers
TEXT_PEEK_BYTES = 64 * 1024
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
        validate_pdf(upload)
        return
    validate_image(upload, what=_("a PDF or an image"))


def validate_pdf(upload) -> None:
    """A PDF that a reader only displays: it parses (pypdf), it is not locked with a password,
    and no object in it carries script, a program to launch or files (PDF_ACTIVE_CONTENT).
    Size is checked by the caller, before this reads the file."""
    upload.seek(0)
    try:
        reader = PdfReader(upload, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ValidationError(
                _("This PDF is protected by a password: upload it without one."),
                code="pdf_encrypted",
            )
        found = _pdf_active_content(reader)
    except ValidationError:
        raise
    except Exception:
        # pypdf's errors, and an encryption it cannot open: nobody can check what is inside.
        raise ValidationError(
            _("This PDF cannot be read: save or scan it again as a PDF."), code="pdf_unreadable"
        ) from None
    finally:
        upload.seek(0)
    if found:
        raise ValidationError(
            _(
                "This PDF contains a script, an attached file or an action that opens another "
                "program (%(what)s): save or scan the paper again as a plain PDF."
            )
            % {"what": found.lstrip("/")},
            code="pdf_active_content",
        )


def _pdf_active_content(reader) -> str | None:
    """The first name of PDF_ACTIVE_CONTENT met walking every object reachable from the
    trailer (the catalog, pages, annotations, actions, name trees), else None."""
    seen: set[tuple[int, int]] = set()
    stack = [reader.trailer]
    while stack:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            if (obj.idnum, obj.generation) in seen:
                continue
            seen.add((obj.idnum, obj.generation))
            if len(seen) > PDF_MAX_OBJECTS:
                return "objects"
            obj = obj.get_object()
        if isinstance(obj, DictionaryObject):  # streams too: their dictionary
            # The raw entries (dict's own), so references are followed once, via `seen`.
            for key, value in dict.items(obj):
                if key in PDF_ACTIVE_CONTENT:
                    return str(key)
                if isinstance(value, NameObject) and value in PDF_ACTIVE_CONTENT:
                    return str(value)
                stack.append(value)
        elif isinstance(obj, ArrayObject):
            stack.extend(list.__iter__(obj))
    return None


def validate_document(upload):
    """A document for the CMS library (WAGTAILDOCS_EXTENSIONS): at most OCOP_DOCUMENT_MAX_BYTES
    and what its name says it is: a PDF under the PDF rule above, a .docx/.xlsx/.odt that is
    a ZIP container, a .txt/.csv that is UTF-8 text. A program or a page of script renamed
    .pdf is refused; the library serves every document as a download (settings)."""
    if getattr(upload, "_committed", False):
        return
    _check_size(upload, max_bytes=settings.OCOP_DOCUMENT_MAX_BYTES)
    extension = PurePath(upload.name or "").suffix.lower().lstrip(".")
    upload.seek(0)
    head = upload.read(TEXT_PEEK_BYTES)
    upload.seek(0)
    if extension == "pdf":
        if not head.startswith(PDF_MAGIC):
            raise ValidationError(
                _("This file is not %(what)s.") % {"what": _("a PDF")}, code="invalid_type"
            )
        validate_pdf(upload)
    elif extension in ("docx", "xlsx", "odt"):
        if not head.startswith(ZIP_MAGIC):
            raise ValidationError(
                _("This file is not %(what)s.")
                % {"what": _("a .%(ext)s document") % {"ext": extension}},
                code="invalid_type",
            )
    elif extension in ("txt", "csv"):
        try:
            # A character cut at the end of the peek is not a fault of the file.
            final = len(head) < TEXT_PEEK_BYTES
            text = codecs.getincrementaldecoder("utf-8")().decode(head, final=final)
        except UnicodeDecodeError:
            text = None
        if text is None or "\x00" in text:
            raise ValidationError(
                _("This file is not %(what)s.") % {"what": _("a UTF-8 text file")},
                code="invalid_type",
            )


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
