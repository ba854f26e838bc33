# The portal's small world and the CMS's sections, for the hostile-input tests.
from tests.factories.cms_fixtures import nghe_an, quang_ninh, sections  # noqa: F401
from tests.functional.portal.conftest import food_group, world  # noqa: F401
