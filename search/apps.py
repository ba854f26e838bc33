from oscar.apps.search import apps


class SearchConfig(apps.SearchConfig):
    """Our fork of Oscar's search app: same label, our views (no Haystack)."""

    name = "search"

    def ready(self):
        from search.views import ProductSearchView

        self.search_view = ProductSearchView
