from django.urls import path
from oscar.apps.search import apps


class SearchConfig(apps.SearchConfig):
    """Our fork of Oscar's search app: same label, our views and backends (no Haystack)."""

    name = "search"

    def ready(self):
        from django.core.signals import request_finished, request_started

        from search import receivers  # noqa: F401  connects the reindex signals
        from search.backends import finish_request, start_request

        request_started.connect(start_request, dispatch_uid="search-versions-start")
        request_finished.connect(finish_request, dispatch_uid="search-versions-finish")
        from search.views import ProductSearchView, SuggestView

        self.search_view = ProductSearchView
        self.suggest_view = SuggestView

    def get_urls(self):
        urls = [
            path("", self.search_view.as_view(), name="search"),
            path("suggest/", self.suggest_view.as_view(), name="suggest"),
        ]
        return self.post_process_urls(urls)
