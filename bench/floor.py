"""The floor of what any request costs, the same view in the shop's and in stock Oscar's
benchmark URLconf (bench/urls.py, bench/stock_oscar/urls.py)."""

from django.http import HttpResponse


def floor(request):
    """Every middleware, no database, no template: the cheapest answer Django gives."""
    return HttpResponse("ok", content_type="text/plain")
