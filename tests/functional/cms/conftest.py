from tests.factories.cms_fixtures import nghe_an, quang_ninh, sections  # noqa: F401
