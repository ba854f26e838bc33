"""Every upload a person can make, sent every hostile file: a text file named .jpg, a program
renamed .jpg or .pdf, a 50 MB file, a decompression bomb, an SVG with script, PDFs that run
JavaScript on opening, launch a program or carry an attached file. Each is refused with a
message in Vietnamese that says why, and nothing is stored: no row, no file in MEDIA_ROOT.

The uploads go through the real pages, as multipart requests streamed from files on disk
(the 50 MB file is a sparse file, never held in memory; Django spools it to a temporary
file and the field refuses it by its size before reading it). The rules are the one
upload-validation module, catalog.validators (validate_image, validate_certificate_scan,
validate_pdf, validate_document), and Wagtail's own checks, configured in settings."""

import html
import io
import struct
import uuid
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import TemporaryUploadedFile
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model
from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection
from webtest.forms import File

from catalog import validators
from catalog.models import (
    Certificate,
    Commune,
    Producer,
    ProducerDocument,
    ProductGroup,
    Province,
)
from shop.payments.models import StatementImport
from tests.checkout import NGHE_AN
from tests.factories import make_ocop_product, make_producer
from tests.functional.portal.conftest import member

pytestmark = pytest.mark.django_db

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
BIG = 50 * 1024 * 1024


# The files ---------------------------------------------------------------------------


def _png(size=(800, 600), mode="RGB") -> bytes:
    data = io.BytesIO()
    Image.new(mode, size).save(data, "PNG")
    return data.getvalue()


def _bomb() -> bytes:
    """A few hundred bytes whose header declares a 60,000×60,000 image."""
    data = bytearray(_png((1, 1), mode="1"))
    ihdr = struct.pack(">II", 60000, 60000) + bytes(data[24:29])
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return bytes(data)


def _pdf(change=None) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    if change:
        change(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _open_action(action: dict):
    def change(writer):
        writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
            {NameObject(k): v for k, v in action.items()}
        )

    return change


def _names_javascript(writer):
    """Document-level JavaScript, in the catalog's /Names tree (run when the file opens)."""
    action = DictionaryObject(
        {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("app.alert('ocop')"),
        }
    )
    tree = DictionaryObject(
        {NameObject("/Names"): ArrayObject([TextStringObject("ocop"), writer._add_object(action)])}
    )
    writer._root_object[NameObject("/Names")] = DictionaryObject(
        {NameObject("/JavaScript"): writer._add_object(tree)}
    )


ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00" + b"\x00" * 200
PE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 52 + b"\x80\x00\x00\x00" + b"This program " * 10
SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(document.cookie)</script></svg>"
)


@dataclass(frozen=True)
class Hostile:
    name: str
    content_type: str
    content: bytes | None  # None: the 50 MB file, made on disk


HOSTILE = {
    "text_named_jpg": Hostile("anh.jpg", "image/jpeg", b"Xin chao, day la van ban.\n" * 40),
    "program_named_jpg": Hostile("anh.jpg", "image/jpeg", ELF),
    "program_named_pdf": Hostile("quyet-dinh.pdf", "application/pdf", PE),
    "fifty_megabytes": Hostile("", "", None),
    "decompression_bomb": Hostile("anh.png", "image/png", _bomb()),
    "svg_with_script": Hostile("anh.svg", "image/svg+xml", SVG),
    "pdf_javascript_on_open": Hostile(
        "quyet-dinh.pdf",
        "application/pdf",
        _pdf(
            _open_action(
                {
                    "/S": NameObject("/JavaScript"),
                    "/JS": TextStringObject("app.alert('ocop')"),
                }
            )
        ),
    ),
    "pdf_javascript_in_names": Hostile(
        "quyet-dinh.pdf", "application/pdf", _pdf(_names_javascript)
    ),
    "pdf_launch": Hostile(
        "quyet-dinh.pdf",
        "application/pdf",
        _pdf(_open_action({"/S": NameObject("/Launch"), "/F": TextStringObject("calc.exe")})),
    ),
    "pdf_attached_file": Hostile(
        "quyet-dinh.pdf",
        "application/pdf",
        _pdf(lambda w: w.add_attachment("setup.exe", PE)),
    ),
}


# How each upload is made ---------------------------------------------------------------


@dataclass
class UploadWorld:
    producer: Producer
    product: object
    group: object
    users: dict


@pytest.fixture
def uploads(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    nghe_an = Province.objects.get(pk=NGHE_AN)
    group = Category.add_root(name="Thực phẩm", slug="thuc-pham")
    ProductGroup.objects.create(category=group, period="2021-2025", number=1)
    producer = make_producer(name="HTX Mật ong", province=nghe_an)
    pending = make_producer(name="HTX chờ duyệt", province=nghe_an, verified=False)
    product = make_ocop_product(title="Mật ong rừng", producer=producer, category=group)
    staff = get_user_model().objects.create_user("staff", "staff@ocop.test", "pw", is_staff=True)
    from django.contrib.auth.models import Permission

    staff.user_permissions.set(Permission.objects.filter(content_type__app_label="catalogue"))
    users = {
        "anonymous": None,
        "producer": member("nsx_a", producer),
        "applicant": member("nsx_cho", pending),
        "staff": staff,
        "editor": get_user_model().objects.create_superuser("chief", "chief@ocop.test", "pw"),
    }
    return UploadWorld(producer=producer, product=product, group=group, users=users)


def _commune():
    return str(Commune.objects.filter(province_id=NGHE_AN).values_list("pk", flat=True)[0])


@dataclass(frozen=True)
class Upload:
    name: str
    kind: str  # what the field is for: "image", "scan", "document" or "csv"
    role: str
    url: Callable  # (world) -> address of the page with the form
    form: str | None  # the form's id on that page (its fields are sent as the page has them)
    field: str
    data: Callable = lambda w: {}  # (world) -> fields a person fills in


UPLOADS = [
    Upload(
        "portal_new_product_picture",
        "image",
        "producer",
        lambda w: reverse("producer-dashboard:product-create"),
        "product_form",
        "image",
        lambda w: {
            "title": "Trà xanh",
            "product_group": str(w.group.pk),
            "price": "150000",
            "num_in_stock": "5",
        },
    ),
    Upload(
        "portal_product_picture",
        "image",
        "producer",
        lambda w: reverse("producer-dashboard:product", args=[w.product.pk]),
        "product_form",
        "image",
        lambda w: {"product_group": str(w.group.pk)},
    ),
    Upload(
        "portal_certificate_scan",
        "scan",
        "producer",
        lambda w: reverse("producer-dashboard:certificate-create"),
        "certificate_form",
        "scan",
        lambda w: {
            "product": str(w.product.pk),
            "stars": "4",
            "score": "80",
            "criteria_version": "148",
            "level": "province",
            "issuing_body": "UBND tỉnh Nghệ An",
            "decision_number": "300/QĐ-UBND",
            "decision_date": "2026-01-05",
        },
    ),
    Upload(
        "signup_document",
        "scan",
        "anonymous",
        lambda w: reverse("producer-signup"),
        "signup_form",
        "document_0",
        lambda w: {
            "legal_name": "HTX Chè xanh Yên Thành",
            "entity_type": "cooperative",
            "registration_number": "2900777001",
            "province": str(NGHE_AN),
            "commune": _commune(),
            "contact_person": "Nguyễn Văn A",
            "phone": "0912345678",
            "email": "che.xanh@example.vn",
            "password": "mot-mat-khau-dai",
        },
    ),
    Upload(
        "application_document",
        "scan",
        "applicant",
        lambda w: reverse("producer-dashboard:application"),
        "application_form",
        "document_0",
        lambda w: {
            "commune": _commune(),
            "contact_person": "Nguyễn Văn B",
            "phone": "0912345679",
            "email": "cho.duyet@example.vn",
        },
    ),
    Upload(
        "dashboard_product_image",
        "image",
        "staff",
        lambda w: reverse("dashboard:catalogue-product", kwargs={"pk": w.product.pk}),
        "create_update_product_form",
        "images-0-original",
    ),
    Upload(
        "dashboard_category_image",
        "image",
        "staff",
        lambda w: reverse("dashboard:catalogue-category-update", kwargs={"pk": w.group.pk}),
        "create_update_category_form",
        "image",
    ),
    Upload(
        "cms_image",
        "image",
        "editor",
        lambda w: reverse("wagtailimages:add"),
        None,
        "file",
        lambda w: {"title": "Bản Khe Rạn", "collection": str(Collection.get_first_root_node().pk)},
    ),
    Upload(
        "cms_document",
        "document",
        "editor",
        lambda w: reverse("wagtaildocs:add"),
        None,
        "file",
        lambda w: {
            "title": "Kế hoạch hội chợ",
            "collection": str(Collection.get_first_root_node().pk),
        },
    ),
    Upload(
        "bank_statement",
        "csv",
        "staff",
        lambda w: reverse("shop-dashboard:transfers"),
        "statement_form",
        "statement",
    ),
]
VALID = {
    "image": ("anh.png", "image/png", _png()),
    "scan": ("quyet-dinh.pdf", "application/pdf", _pdf()),
    "document": ("ke-hoach.pdf", "application/pdf", _pdf()),
    "csv": ("sao-ke.csv", "text/csv", b"date,amount,description\n2026-01-05,150000,OCOP1\n"),
}
# The 50 MB file is named as the field expects, with that kind's first bytes.
BIG_NAME = {
    "image": ("anh.jpg", "image/jpeg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"),
    "scan": ("quyet-dinh.pdf", "application/pdf", b"%PDF-1.7\n"),
    "document": ("ke-hoach.pdf", "application/pdf", b"%PDF-1.7\n"),
    "csv": ("sao-ke.csv", "text/csv", b"date,amount,description\n"),
}


def stored(settings) -> tuple:
    """Every row an upload makes, and every file under MEDIA_ROOT."""
    media = Path(settings.MEDIA_ROOT)
    files = sorted(str(p) for p in media.rglob("*") if p.is_file()) if media.exists() else []
    return (
        Product.objects.count(),
        ProductImage.objects.count(),
        Category.objects.filter(image__gt="").count(),
        Certificate.objects.count(),
        Producer.objects.count(),
        ProducerDocument.objects.count(),
        get_image_model().objects.count(),
        get_document_model().objects.count(),
        StatementImport.objects.count(),
        files,
    )


class _Chained(io.RawIOBase):
    """A request body read part by part (bytes, or a file on disk): what the browser sends,
    without building it in memory."""

    def __init__(self, parts):
        self.parts = [io.BytesIO(p) if isinstance(p, bytes) else p for p in parts]

    def readable(self):
        return True

    def read(self, size=-1):
        out = b""
        while self.parts and (size < 0 or len(out) < size):
            chunk = self.parts[0].read(-1 if size < 0 else size - len(out))
            if not chunk:
                self.parts.pop(0)
            out += chunk
        return out


def post_multipart(client, url, fields: list, file_field, filename, content_type, source: Path):
    boundary = uuid.uuid4().hex

    def part(name, extra=b"", kind=b""):
        return (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"'.encode()
            + extra
            + b"\r\n"
            + kind
            + b"\r\n"
        )

    head = b"".join(part(name) + str(value).encode() + b"\r\n" for name, value in fields)
    head += part(
        file_field,
        f'; filename="{filename}"'.encode(),
        f"Content-Type: {content_type or 'application/octet-stream'}\r\n".encode(),
    )
    tail = f"\r\n--{boundary}--\r\n".encode()
    size = len(head) + source.stat().st_size + len(tail)
    with source.open("rb") as body:
        return client.request(
            REQUEST_METHOD="POST",
            PATH_INFO=url,
            CONTENT_TYPE=f"multipart/form-data; boundary={boundary}",
            CONTENT_LENGTH=str(size),
            **{"wsgi.input": _Chained([head, body, tail])},
        )


def send(client, django_app, world, upload: Upload, path: Path, filename, content_type):
    user = world.users[upload.role]
    url = upload.url(world)
    typed = upload.data(world)
    fields = []
    if upload.form:
        # The form as the page has it (hidden fields, formsets, initial values), less its files.
        form = django_app.get(url, user=user).forms[upload.form]
        files = {name for name, found in form.fields.items() if isinstance(found[0], File)}
        fields = [(n, v) for n, v in form.submit_fields() if n not in files and n not in typed]
    fields += list(typed.items())
    if user is not None:
        client.force_login(user)
    response = post_multipart(client, url, fields, upload.field, filename, content_type, path)
    if response.status_code == 302:
        response = client.get(response["Location"])
    text = BeautifulSoup(response.content, "html.parser").get_text(" ")
    return response.status_code, " ".join(html.unescape(text).split())


@pytest.fixture(scope="session")
def fifty_megabytes(tmp_path_factory):
    """Sparse files of 50 MB, one per kind of field: its first bytes, then zeros."""
    folder = tmp_path_factory.mktemp("big")
    paths = {}
    for kind, (_name, _type, head) in BIG_NAME.items():
        path = folder / kind
        with path.open("wb") as out:
            out.write(head)
            out.truncate(BIG)
        paths[kind] = path
    return paths


def _file(tmp_path, content: bytes) -> Path:
    path = tmp_path / uuid.uuid4().hex
    path.write_bytes(content)
    return path


# Why each kind of field refuses each file, in Vietnamese (ours in locale/vi, Wagtail's and
# Django's in their own catalogues).
NOT_AN_IMAGE = ("Tệp này không phải là ảnh JPEG, PNG hoặc WebP",)
NOT_A_SCAN = ("Tệp này không phải là tệp PDF hoặc hình ảnh",)
PDF_ACTIVE = ("Tệp PDF này chứa mã lệnh, tệp đính kèm hoặc thao tác mở chương trình khác",)
TOO_BIG = ("Tệp có dung lượng 50,0 MB; dung lượng tối đa được chấp nhận là 10,0 MB",)
BOMB = ("Ảnh này quá lớn, không thể xử lý",)
WAGTAIL_NOT_IMAGE = (
    "Hãy tải lên một hình ảnh hợp lệ",  # Django's own catalogue
    "Không phải là ảnh .jpg hợp lệ",
    "Định dạng ảnh không được hỗ trợ",
)
WAGTAIL_TOO_BIG = ("Tệp này quá lớn (50,0 MB). Dung lượng tối đa là 10,0 MB",)
EXTENSION = ("Không chấp nhận tệp có phần mở rộng",)
REASONS = {
    "image": {
        "text_named_jpg": NOT_AN_IMAGE,
        "program_named_jpg": NOT_AN_IMAGE,
        "program_named_pdf": NOT_AN_IMAGE,
        "fifty_megabytes": TOO_BIG,
        "decompression_bomb": BOMB,
        "svg_with_script": NOT_AN_IMAGE,
        "pdf": NOT_AN_IMAGE,
    },
    "scan": {
        "text_named_jpg": NOT_A_SCAN,
        "program_named_jpg": NOT_A_SCAN,
        "program_named_pdf": NOT_A_SCAN,
        "fifty_megabytes": TOO_BIG,
        "decompression_bomb": BOMB,
        "svg_with_script": NOT_A_SCAN,
        "pdf": PDF_ACTIVE,
    },
    "document": {
        "text_named_jpg": EXTENSION,
        "program_named_jpg": EXTENSION,
        "program_named_pdf": ("Tệp này không phải là tệp PDF",),
        "fifty_megabytes": WAGTAIL_TOO_BIG,
        "decompression_bomb": EXTENSION,
        "svg_with_script": EXTENSION,
        "pdf": PDF_ACTIVE,
    },
    "csv": {
        "text_named_jpg": EXTENSION,
        "program_named_jpg": EXTENSION,
        "program_named_pdf": EXTENSION,
        "fifty_megabytes": TOO_BIG,
        "decompression_bomb": EXTENSION,
        "svg_with_script": EXTENSION,
        "pdf": EXTENSION,
    },
}
WAGTAIL_IMAGE_REASONS = {
    "fifty_megabytes": WAGTAIL_TOO_BIG,
    "decompression_bomb": ("Ảnh này có quá nhiều điểm ảnh (không rõ số lượng)",),
    "svg_with_script": WAGTAIL_NOT_IMAGE,
}


def reasons(upload: Upload, case: str) -> tuple:
    if upload.name == "cms_image":
        return WAGTAIL_IMAGE_REASONS.get(case, WAGTAIL_NOT_IMAGE)
    table = REASONS[upload.kind]
    return table["pdf"] if case.startswith("pdf_") else table[case]


@pytest.mark.parametrize("upload", UPLOADS, ids=lambda upload: upload.name)
def test_a_good_file_is_accepted(client, django_app, uploads, upload, settings, tmp_path):
    filename, content_type, content = VALID[upload.kind]
    before = stored(settings)
    status, text = send(
        client, django_app, uploads, upload, _file(tmp_path, content), filename, content_type
    )
    assert status == 200, text[:500]
    assert stored(settings) != before, text[:3000]


@pytest.mark.parametrize("case", HOSTILE)
@pytest.mark.parametrize("upload", UPLOADS, ids=lambda upload: upload.name)
def test_a_hostile_file_is_refused_saying_why_and_nothing_is_stored(
    client, django_app, uploads, upload, case, settings, tmp_path, fifty_megabytes
):
    hostile = HOSTILE[case]
    if hostile.content is None:
        filename, content_type, _head = BIG_NAME[upload.kind]
        path = fifty_megabytes[upload.kind]
    else:
        filename, content_type = hostile.name, hostile.content_type
        path = _file(tmp_path, hostile.content)
    before = stored(settings)

    status, text = send(client, django_app, uploads, upload, path, filename, content_type)

    assert stored(settings) == before, "something was stored"
    assert status in (200, 400), text[:500]
    expected = reasons(upload, case)
    assert any(reason in text for reason in expected), f"{expected}: {text[:3000]}"


# The rules themselves ---------------------------------------------------------------------


class _NeverRead(TemporaryUploadedFile):
    """A 50 MB upload whose content must not be read: refusing it by size needs none."""

    def __init__(self, name):
        super().__init__(name, "application/octet-stream", BIG, None)

    def read(self, *args):
        raise AssertionError("read a file that its size already refuses")

    def seek(self, *args):
        raise AssertionError("opened a file that its size already refuses")


@pytest.mark.parametrize(
    ("validator", "name"),
    [
        (validators.validate_image, "anh.jpg"),
        (validators.validate_certificate_scan, "quyet-dinh.pdf"),
        (validators.validate_document, "ke-hoach.pdf"),
        (validators.validate_document, "sao-ke.csv"),
    ],
)
def test_every_rule_refuses_a_big_file_by_its_size_before_reading_it(validator, name):
    with translation.override("en"), pytest.raises(ValidationError, match="largest accepted"):
        validator(_NeverRead(name))


def test_a_big_upload_is_spooled_to_disk_not_held_in_memory(settings):
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= 5 * 1024 * 1024 < BIG
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 5 * 1024 * 1024  # Django's 2.5 MB default
    for limit in ("OCOP_IMAGE_MAX_BYTES", "OCOP_SCAN_MAX_BYTES", "OCOP_DOCUMENT_MAX_BYTES"):
        assert getattr(settings, limit) < BIG


def test_a_plain_pdf_with_links_and_a_first_page_action_is_accepted():
    """Only what runs or carries files is refused: a link or "open at page 1" is fine."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    def harmless(writer):
        writer.add_uri(0, "https://ocop.gov.vn", [10, 10, 100, 30])
        writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
            {NameObject("/S"): NameObject("/GoTo")}
        )

    validators.validate_pdf(SimpleUploadedFile("qd.pdf", _pdf(harmless)))


def test_wagtail_reads_the_shops_limits_and_serves_documents_as_downloads(settings):
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == settings.OCOP_IMAGE_MAX_BYTES
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == settings.OCOP_IMAGE_MAX_PIXELS
    assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE == settings.OCOP_DOCUMENT_MAX_BYTES
    assert settings.WAGTAILDOCS_DOCUMENT_FORM_BASE == "cms.forms.DocumentForm"
    assert "svg" not in settings.WAGTAILIMAGES_EXTENSIONS
    assert not {"svg", "html", "htm", "js", "exe"} & set(settings.WAGTAILDOCS_EXTENSIONS)


def test_a_cms_document_is_served_as_a_download_that_runs_nothing(
    client, django_app, uploads, settings, tmp_path
):
    cms_document = next(u for u in UPLOADS if u.name == "cms_document")
    filename, content_type, content = VALID["document"]
    send(
        client, django_app, uploads, cms_document, _file(tmp_path, content), filename, content_type
    )
    document = get_document_model().objects.get()

    response = client.get(document.url)

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == content


def _zip() -> bytes:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "accepted"),
    [
        ("ke-hoach.docx", _zip(), True),
        ("bang-gia.xlsx", _zip(), True),
        ("thong-bao.odt", _zip(), True),
        ("ds-gian-hang.csv", "Tên,Số gian\nHTX Minh Thành,2\n".encode(), True),
        ("ghi-chu.txt", ("Hội chợ " * 20_000).encode(), True),  # a character cut at 64 KB
        ("ke-hoach.docx", ELF, False),
        ("ds-gian-hang.csv", ELF, False),
        ("ghi-chu.txt", "Hội chợ".encode("utf-16"), False),
        ("ke-hoach.pdf", SVG, False),
    ],
)
def test_a_document_is_what_its_name_says(name, content, accepted):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile(name, content)
    with translation.override("en"):
        if accepted:
            validators.validate_document(upload)
        else:
            with pytest.raises(ValidationError, match="This file is not"):
                validators.validate_document(upload)
