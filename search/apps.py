from django.urls import path
from oscar.apps.search import apps


class SearchConfig(apps.SearchConfig):
    """Our fork of Oscar's search app: same label, our views and backends (no Haystack)."""

    name = "search"

    def ready(self):
        from search import receivers  # noqa: F401  connects the reindex signals
        from search.views import ProductSearchView, SuggestView

        self.search_view = ProductSearchView
        self.suggest_view = SuggestView

    def get_urls(self):
        urls = [
            path("", self.search_view.as_view(), name="search"),
            path("suggest/", self.suggest_view.as_view(), name="suggest"),
        ]
        return self.post_process_urls(urls)
