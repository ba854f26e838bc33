from oscar.apps.partner.admin import *  # noqa: F403  (Oscar fork: unchanged models)
