from oscar.apps.address.admin import *  # noqa: F403  (Oscar fork: unchanged)
