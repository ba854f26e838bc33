"""Thumbnails are made once, by a background task queued when a picture is saved: the first
shopper to open a page finds them made, and no page render resizes a picture."""

import io
import re
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import get_template
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from oscar.core.loading import get_model
from PIL import Image

from catalog import images
from catalog.services.batches import batch_create
from catalog.services.producers import producer_update
from catalog.tasks import make_thumbnails

pytestmark = pytest.mark.django_db

ProductImage = get_model("catalogue", "ProductImage")


@pytest.fixture(autouse=True)
def _own_media(settings, tmp_path):
    # Thumbnails of other tests (files and the thumbnail store's cache) must not count here.
    settings.MEDIA_ROOT = tmp_path
    cache.clear()


def _jpeg(name="anh.jpg", size=(1600, 1200)):
    data = io.BytesIO()
    Image.new("RGB", size, (180, 120, 40)).save(data, "JPEG")
    return SimpleUploadedFile(name, data.getvalue(), "image/jpeg")


def _thumbnail_files(settings) -> set[str]:
    folder = Path(settings.MEDIA_ROOT) / "cache"
    return {str(path) for path in folder.rglob("*") if path.is_file()}


def _src(page, selector) -> str:
    return page.html.select_one(selector)["src"]


def test_product_image_thumbnails_exist_before_any_page_and_pages_make_none(
    django_app, settings, make_product, django_capture_on_commit_callbacks
):
    product = make_product()
    with django_capture_on_commit_callbacks(execute=True) as queued:
        ProductImage.objects.create(product=product, original=_jpeg(), display_order=0)
    assert len(queued) == 1

    made = _thumbnail_files(settings)
    sizes = images.IMAGE_THUMBNAILS[("catalogue.productimage", "original")]
    assert len(made) == len(sizes)  # every size, before anyone asked

    batch = batch_create(
        product=product,
        lot_code="L1",
        produced_on=product.date_created.date(),
        quantity=10,
        origin_area="Con Cuông",
    )
    detail = django_app.get(product.get_absolute_url())
    listing = django_app.get("/catalogue/")
    trace = django_app.get(f"/trace/{batch.trace_code}/")
    detail.forms["add_to_basket_form"].submit()
    basket = django_app.get("/basket/")

    assert _thumbnail_files(settings) == made  # no render made a thumbnail
    shown = {
        _src(detail, ".product-detail__media img"),
        _src(listing, ".product-card__image img"),
        _src(trace, ".trace__product img"),
        _src(basket, ".basket-items img"),
    }
    made_urls = {settings.MEDIA_URL + str(Path(p).relative_to(settings.MEDIA_ROOT)) for p in made}
    assert shown <= made_urls and len(shown) == 4


def test_producer_photo_and_category_image_thumbnails_are_made_on_save(
    django_app, settings, make_product, producer, honey_group, django_capture_on_commit_callbacks
):
    product = make_product()
    with django_capture_on_commit_callbacks(execute=True):
        ProductImage.objects.create(product=product, original=_jpeg(), display_order=0)
    products_made = _thumbnail_files(settings)
    with django_capture_on_commit_callbacks(execute=True):
        producer_update(producer=producer, photo=_jpeg("htx.jpg"))
    with django_capture_on_commit_callbacks(execute=True):
        honey_group.image = _jpeg("nhom.jpg", size=(2400, 800))
        honey_group.save()
    made = _thumbnail_files(settings)
    assert len(made - products_made) == 2

    card = django_app.get(product.get_absolute_url())
    group = django_app.get(honey_group.get_absolute_url())

    assert _thumbnail_files(settings) == made
    assert _src(card, ".producer-card__photo").endswith(".jpg")
    assert _src(group, ".category-banner").endswith(".jpg")


def test_saving_other_fields_queues_nothing(producer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as queued:
        producer_update(producer=producer, photo=_jpeg())
    assert len(queued) == 1
    with django_capture_on_commit_callbacks() as queued:
        producer.status_reason = "x"
        producer.save(update_fields=["status_reason"])  # verification, suspension
    assert queued == []


def test_a_picture_removed_before_the_worker_runs_leaves_nothing_to_do(producer):
    result = make_thumbnails.enqueue(model="catalog.producer", pk=producer.pk, field="photo")
    assert result.return_value == 0
    result = make_thumbnails.enqueue(model="catalog.producer", pk=-1, field="photo")
    assert result.return_value == 0


OSCAR_THUMBNAIL = re.compile(r'{%\s*oscar_thumbnail\s+\S+\s+"([^"]+)"([^%]*?)\s+as\s+\w+\s*%}')


THEME_TEMPLATES = Path(__file__).resolve().parents[3] / "themes" / "ocop" / "templates"
# Oscar's own templates a shopper meets that we do not override, and every theme template
# that names a size itself rather than asking by name (ocop_thumbnail).
SIZED_TEMPLATES = sorted(
    {"oscar/basket/partials/basket_quick.html", "oscar/checkout/thank_you.html"}
    | {
        str(path.relative_to(THEME_TEMPLATES))
        for path in THEME_TEMPLATES.rglob("*.html")
        if "oscar_thumbnail" in path.read_text()
    }
)


@pytest.mark.parametrize("template_name", SIZED_TEMPLATES)
def test_templates_that_name_a_size_ask_for_one_the_task_makes(template_name):
    """Templates that name their sizes themselves (Oscar's): each must be one of ours, with
    the same options, or its thumbnails would be made on the request."""
    source = Path(get_template(template_name).origin.name).read_text()
    calls = OSCAR_THUMBNAIL.findall(source)
    ours = {
        (
            size.geometry,
            tuple(sorted((k, str(v)) for k, v in size.options().items() if k != "size")),
        )
        for size in images.THUMBNAIL_SIZES.values()
    }
    for geometry, options in calls:
        asked = tuple(sorted(tuple(option.split("=", 1)) for option in options.split()))
        asked = tuple((key, value.strip('"')) for key, value in asked)
        assert (geometry, asked) in ours, (template_name, geometry, options)


def test_in_production_the_worker_makes_them_not_the_upload_request(
    settings, make_product, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    product = make_product()
    with django_capture_on_commit_callbacks(execute=True):
        ProductImage.objects.create(product=product, original=_jpeg(), display_order=0)
    assert _thumbnail_files(settings) == set()  # the upload only queued the work
    queued = DBTaskResult.objects.ready().get()
    assert queued.task_path == "catalog.tasks.make_thumbnails"

    # What `manage.py db_worker` does with a task it has claimed (its loop also closes the
    # database connection between tasks, which would end this test's transaction).
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=1,
        worker_id="test",
        excluded_queue_names=[],
    )
    worker.run_task(queued)

    assert DBTaskResult.objects.get(pk=queued.pk).status == "SUCCESSFUL"
    assert len(_thumbnail_files(settings)) == len(
        images.IMAGE_THUMBNAILS[("catalogue.productimage", "original")]
    )
