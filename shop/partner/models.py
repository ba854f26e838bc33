from oscar.apps.partner.models import *  # noqa: F403  (Oscar fork: unchanged models)
