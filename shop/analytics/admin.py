from oscar.apps.analytics.admin import *  # noqa: F403  (Oscar fork: unchanged models)
