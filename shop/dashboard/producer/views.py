"""The producer portal (/dashboard/producer/): a producer's own products, stock, batches,
certificates and sales, on a phone first. Each view asks catalog.permissions, calls one
service, and presents; another producer's object is refused and the attempt recorded."""

import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from oscar.core.loading import get_model

from catalog import permissions, selectors
from catalog.models import Batch, Certificate, Producer
from catalog.services import batches as batch_services
from catalog.services import products as product_services
from catalog.services.certificates import certificate_submit
from catalog.services.producers import producer_resubmit, producer_story_update
from shop.dashboard import charts, posted, sales
from shop.dashboard.access import checked, require
from shop.dashboard.producer.forms import (
    BatchForm,
    CertificateForm,
    NewProductForm,
    ProductForm,
    StockForm,
    StoryForm,
)
from shop.dashboard.signup import ApplicationForm

Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")

NOT_YOURS = gettext_lazy("This belongs to another producer: you can only change your own.")
producer_only = require(
    permissions.can_use_producer_portal,
    gettext_lazy("These pages are for members of a producer."),
)


def _producer(request) -> Producer:
    return permissions.producer_of_user(request.user)


def _refusal_messages(error: ValidationError) -> str:
    return " ".join(error.messages)


def _form_errors(form, error: ValidationError) -> None:
    """A service's refusal shown on the form's fields (or above it)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def csv_response(filename: str, header: list, rows) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # Excel opens UTF-8 (Vietnamese) only with the BOM
    writer = csv.writer(response)
    writer.writerow(header)
    writer.writerows(rows)
    return response


# Home and application --------------------------------------------------------------------


@producer_only
def index(request):
    producer = _producer(request)
    products = list(selectors.portal_products(producer)[:50])
    low_stock = [
        (product, record)
        for product in products
        for record in product.stockrecords.all()
        if product.get_product_class().track_stock and record.net_stock_level <= 3
    ]
    return render(
        request,
        "shop/dashboard/producer/index.html",
        {
            "producer": producer,
            "product_count": len(products),
            "listed_count": selectors.listable_products()
            .filter(pk__in=[p.pk for p in products])
            .count(),
            "low_stock": low_stock[:10],
            "pending_certificates": selectors.portal_certificates(producer).filter(
                status=Certificate.Status.PENDING
            ),
            "expiring": selectors.certificates_expiring(within_days=60).filter(
                product__in=selectors.products_of(producer)
            ),
            "totals": sales.totals(sales.sold_lines(producer=producer)),
        },
    )


@producer_only
def application(request):
    """The producer's sign-up details: corrected and sent again while the province has not
    decided, read-only afterwards."""
    producer = _producer(request)
    editable = permissions.can_edit_application(request.user, producer)
    form = ApplicationForm(
        posted.data(request), posted.files(request), instance=producer, editing=True
    )
    if request.method == "POST":
        if not editable:
            raise PermissionDenied(_("The province has decided: the application is closed."))
        if form.is_valid():
            try:
                producer_resubmit(
                    producer=producer,
                    by=request.user,
                    documents=form.documents(),
                    **form.producer_fields(),
                )
            except ValidationError as error:
                _form_errors(form, error)
            else:
                messages.success(request, _("Sent to the province office."))
                return redirect("producer-dashboard:index")
    return render(
        request,
        "shop/dashboard/producer/application.html",
        {"producer": producer, "form": form, "editable": editable},
    )


@producer_only
def story(request):
    """The product story the producer's product pages tell, in Vietnamese and in English."""
    producer = _producer(request)
    if not permissions.can_edit_story(request.user, producer):
        raise PermissionDenied(NOT_YOURS)
    form = StoryForm(posted.data(request), instance=producer)
    if request.method == "POST" and form.is_valid():
        try:
            producer_story_update(producer=producer, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Your story is saved."))
            return redirect("producer-dashboard:story")
    return render(
        request, "shop/dashboard/producer/story.html", {"producer": producer, "form": form}
    )


# Products --------------------------------------------------------------------------------


@producer_only
def product_list(request):
    producer = _producer(request)
    products = selectors.portal_products(producer)
    listed = set(
        selectors.listable_products()
        .filter(pk__in=products.values("pk"))
        .values_list("pk", flat=True)
    )
    return render(
        request,
        "shop/dashboard/producer/products.html",
        {"producer": producer, "rows": [(p, p.pk in listed) for p in products]},
    )


@producer_only
def product_export(request):
    producer = _producer(request)
    rows = []
    for product in selectors.portal_products(producer):
        for record in product.stockrecords.all():
            rows.append(
                [
                    product.pk,
                    product.title,
                    record.partner_sku,
                    int(record.price or 0),
                    record.num_in_stock,
                    record.num_allocated or 0,
                    "1" if product.is_public else "0",
                ]
            )
    return csv_response(
        f"ocop-products-{producer.partner.code}.csv",
        ["id", "title", "sku", "price_vnd", "in_stock", "allocated", "public"],
        rows,
    )


@producer_only
def product_create(request):
    if not permissions.can_create_product(request.user):
        raise PermissionDenied(NOT_YOURS)
    producer = _producer(request)
    form = NewProductForm(posted.data(request), posted.files(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            product = product_services.product_create(
                producer=producer,
                product_group=data["product_group"],
                price=data["price"],
                num_in_stock=data["num_in_stock"],
                images=[data["image"]] if data.get("image") else [],
                by=request.user,
                **{name: data[name] for name in form.Meta.fields},
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(
                request,
                _("%(title)s is saved. Upload its OCOP certificate so it can be listed.")
                % {"title": product.title},
            )
            return redirect("producer-dashboard:product", pk=product.pk)
    return render(
        request, "shop/dashboard/producer/product_form.html", {"form": form, "creating": True}
    )


def _own_product(request, pk, action):
    return checked(
        request,
        Product.objects.all(),
        pk=pk,
        check=permissions.can_edit_product if action != "view" else permissions.can_view_product,
        action=f"product {action}",
        message=NOT_YOURS,
    )


@producer_only
def product_update(request, pk):
    product = _own_product(request, pk, "edit" if request.method == "POST" else "view")
    form = ProductForm(posted.data(request), posted.files(request), instance=product)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            product_services.product_update(
                product=product,
                by=request.user,
                product_group=data["product_group"],
                **{name: data[name] for name in form.Meta.fields},
            )
            if data.get("image"):
                product_services.product_image_add(
                    product=product, image=data["image"], by=request.user
                )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("producer-dashboard:product", pk=product.pk)
    record = product.stockrecords.first()
    return render(
        request,
        "shop/dashboard/producer/product_form.html",
        {
            "form": form,
            "product": product,
            "record": record,
            "stock_form": StockForm(
                initial={"num_in_stock": record.num_in_stock, "price": int(record.price or 0)}
            )
            if record
            else None,
            "images": product.images.all(),
            "certificates": product.certificates.all(),
            "unlisted_reason": selectors.unlisted_reason(product),
        },
    )


@producer_only
@require_POST
def product_image_delete(request, pk, image_pk):
    product = _own_product(request, pk, "edit")
    image = checked(
        request,
        ProductImage.objects.filter(product=product),
        pk=image_pk,
        check=lambda user, image: True,
        action="image delete",
        message=NOT_YOURS,
    )
    product_services.product_image_remove(image=image, by=request.user)
    messages.success(request, _("Picture removed."))
    return redirect("producer-dashboard:product", pk=product.pk)


# Stock -----------------------------------------------------------------------------------


@producer_only
def stock_list(request):
    producer = _producer(request)
    records = (
        StockRecord.objects.filter(partner=producer.partner)
        .select_related("product", "product__product_class")
        .order_by("product__title", "pk")
    )
    return render(
        request,
        "shop/dashboard/producer/stock.html",
        {"rows": [(r, StockForm(initial=_stock_initial(r), prefix=f"s{r.pk}")) for r in records]},
    )


def _stock_initial(record):
    return {"num_in_stock": record.num_in_stock, "price": int(record.price or 0)}


@producer_only
def stock_update(request, pk):
    record = checked(
        request,
        StockRecord.objects.select_related("partner", "product"),
        pk=pk,
        check=permissions.can_edit_stock,
        action="stock edit" if request.method == "POST" else "stock view",
        message=NOT_YOURS,
    )
    prefix = request.POST.get("prefix") or None
    form = StockForm(posted.data(request), initial=_stock_initial(record), prefix=prefix)
    if request.method == "POST" and form.is_valid():
        try:
            product_services.stock_set(
                stockrecord=record,
                by=request.user,
                num_in_stock=form.cleaned_data["num_in_stock"],
                price=form.cleaned_data["price"],
            )
        except ValidationError as error:
            messages.error(request, _refusal_messages(error))
        else:
            messages.success(
                request,
                _("%(title)s: %(stock)s in stock.")
                % {"title": record.product.title, "stock": form.cleaned_data["num_in_stock"]},
            )
            target = request.POST.get("next", "")
            # A path of this site only: `redirect()` takes other words for a view's name.
            if target.startswith("/") and url_has_allowed_host_and_scheme(
                target, {request.get_host()}, request.is_secure()
            ):
                return HttpResponseRedirect(target)
            return redirect("producer-dashboard:stock")
    elif request.method == "POST":
        messages.error(request, _("Give a stock level of 0 or more and a price in đồng."))
    return render(
        request, "shop/dashboard/producer/stock_form.html", {"record": record, "form": form}
    )


@producer_only
def stock_export(request):
    producer = _producer(request)
    records = StockRecord.objects.filter(partner=producer.partner).select_related("product")
    return csv_response(
        f"ocop-stock-{producer.partner.code}.csv",
        ["sku", "title", "in_stock", "allocated", "price_vnd"],
        [
            [r.partner_sku, r.product.title, r.num_in_stock, r.num_allocated or 0, int(r.price)]
            for r in records
        ],
    )


# Batches ---------------------------------------------------------------------------------


@producer_only
def batch_list(request):
    producer = _producer(request)
    return render(
        request,
        "shop/dashboard/producer/batches.html",
        {"batches": selectors.portal_batches(producer)},
    )


@producer_only
def batch_create(request):
    producer = _producer(request)
    form = BatchForm(posted.data(request), producer=producer)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        product = data.pop("product")
        try:
            batch = batch_services.batch_create(product=product, by=request.user, **data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Batch %(lot)s saved.") % {"lot": batch.lot_code})
            return redirect("producer-dashboard:batch", pk=batch.pk)
    return render(
        request, "shop/dashboard/producer/batch_form.html", {"form": form, "creating": True}
    )


@producer_only
def batch_update(request, pk):
    editing = request.method == "POST"
    batch = checked(
        request,
        Batch.objects.select_related("product"),
        pk=pk,
        check=permissions.can_edit_batch if editing else permissions.can_view_batch,
        action="batch edit" if editing else "batch view",
        message=NOT_YOURS,
    )
    form = BatchForm(posted.data(request), instance=batch, producer=_producer(request))
    if editing and form.is_valid():
        try:
            batch_services.batch_update(batch=batch, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("producer-dashboard:batch", pk=batch.pk)
    return render(
        request, "shop/dashboard/producer/batch_form.html", {"form": form, "batch": batch}
    )


# Certificates ----------------------------------------------------------------------------


@producer_only
def certificate_list(request):
    producer = _producer(request)
    return render(
        request,
        "shop/dashboard/producer/certificates.html",
        {"certificates": selectors.portal_certificates(producer)},
    )


@producer_only
def certificate_create(request):
    producer = _producer(request)
    form = CertificateForm(
        posted.data(request),
        posted.files(request),
        producer=producer,
        initial={"product": request.GET.get("product")},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if not permissions.can_submit_certificate(request.user, data["product"]):
            raise PermissionDenied(NOT_YOURS)
        try:
            certificate = certificate_submit(by=request.user, **data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(
                request,
                _("Decision %(number)s is sent to the province office for verification.")
                % {"number": certificate.decision_number},
            )
            return redirect("producer-dashboard:certificates")
    return render(request, "shop/dashboard/producer/certificate_form.html", {"form": form})


@producer_only
def certificate_detail(request, pk):
    certificate = checked(
        request,
        Certificate.objects.select_related("product", "reviewed_by"),
        pk=pk,
        check=permissions.can_view_certificate,
        action="certificate view",
        message=NOT_YOURS,
    )
    return render(request, "shop/dashboard/producer/certificate.html", {"certificate": certificate})


# Sales -----------------------------------------------------------------------------------


def _sales_context(producer):
    lines = sales.sold_lines(producer=producer)
    months = sales.by_month(lines)
    top = sales.top_products(lines)
    return {
        "producer": producer,
        "totals": sales.totals(lines),
        "months": months,
        "top": top,
        "charts": [
            charts.bar_chart(
                "revenue-by-month",
                title=_("Revenue by month (VND)"),
                rows=[(month, revenue) for month, _orders, revenue in months],
                label_heading=_("Month"),
                value_heading=_("Revenue (VND)"),
                money=True,
                horizontal=False,
            ),
            charts.bar_chart(
                "top-products",
                title=_("Top products by revenue (VND)"),
                rows=[(title, revenue) for title, _units, revenue in top],
                label_heading=_("Product"),
                value_heading=_("Revenue (VND)"),
                money=True,
            ),
        ],
    }


@producer_only
def sales_summary(request):
    producer = _producer(request)
    if not permissions.can_view_sales(request.user, producer):
        raise PermissionDenied(NOT_YOURS)
    return render(request, "shop/dashboard/producer/sales.html", _sales_context(producer))


@producer_only
def sales_export(request):
    producer = _producer(request)
    if not permissions.can_view_sales(request.user, producer):
        raise PermissionDenied(NOT_YOURS)
    months = sales.by_month(sales.sold_lines(producer=producer), months=120)
    return csv_response(
        f"ocop-sales-{producer.partner.code}.csv",
        ["month", "orders", "revenue_vnd"],
        months,
    )
