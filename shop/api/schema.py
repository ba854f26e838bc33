"""The OpenAPI schema at /api/v1/schema/ describes this API only (not Wagtail's admin API)."""


def only_open_data(endpoints, **kwargs):
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
