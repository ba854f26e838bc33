"""Public trust pages: a batch's trace page (what its QR stamp opens) and the
certificate check. Views only present; reads come from catalog.selectors."""

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from catalog import audit, permissions, selectors
from catalog.qrcodes import trace_qr
from catalog.validators import typed_text


class BatchMixin:
    def get_batch(self):
        batch = selectors.batch_for_trace(code=self.kwargs["code"])
        if batch is None:
            raise Http404
        return batch


class TraceView(BatchMixin, TemplateView):
    """/trace/<code>/: the national minimum traceability items and today's certificate."""

    template_name = "catalog/trace.html"

    def get(self, request, *args, **kwargs):
        self.batch = selectors.batch_for_trace(code=kwargs["code"])
        if self.batch is None:
            # A clear page for a mistyped or counterfeit code, not a bare error.
            context = {"code": kwargs["code"]}
            return TemplateResponse(request, "catalog/trace_unknown.html", context, status=404)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        facts = selectors.product_page_facts(self.batch.product)
        context.update(facts, batch=self.batch, product=self.batch.product)
        return context


class TraceQRView(BatchMixin, TemplateView):
    """/trace/<code>/qr.png and qr.svg: the stamp to print."""

    def get(self, request, *args, **kwargs):
        batch = self.get_batch()
        kind = kwargs["kind"]
        # A printed stamp outlives language choices: it always opens the default-language URL.
        with translation.override(settings.LANGUAGE_CODE):
            url = request.build_absolute_uri(batch.get_absolute_url())
        content_type = "image/svg+xml" if kind == "svg" else "image/png"
        response = HttpResponse(trace_qr(url, kind=kind), content_type=content_type)
        response["Content-Disposition"] = f'inline; filename="ocop-{batch.trace_code}.{kind}"'
        return response


class TraceLabelsView(LoginRequiredMixin, BatchMixin, TemplateView):
    """A printable A4 sheet of QR labels for one batch, for its producer or staff."""

    template_name = "catalog/trace_labels.html"

    def get_context_data(self, **kwargs):
        batch = self.get_batch()
        if not permissions.can_print_labels(self.request.user, batch):
            raise audit.Refused(
                _("Only the batch's producer prints its labels."), obj=batch, action="batch labels"
            )
        context = super().get_context_data(**kwargs)
        producer = selectors.producer_of(batch.product)
        context.update(batch=batch, producer=producer, labels=range(24))
        return context


class VerifyView(TemplateView):
    """/verify/?q=: is this decision or certificate number genuine and current?"""

    template_name = "catalog/verify.html"

    def get(self, request, *args, **kwargs):
        self.query = typed_text(request.GET.get("q", ""), max_length=64)
        # A trace code (from a scanned stamp) goes straight to its batch.
        batch = selectors.batch_for_trace(code=self.query) if self.query else None
        if batch is not None:
            return redirect("catalog:trace", code=batch.trace_code)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.query
        today = selectors.today()
        matches = list(selectors.certificates_matching(number=query)) if query else []
        context.update(
            query=query,
            results=[(c, c.status_on(on=today)) for c in matches],
            today=today,
        )
        return context
