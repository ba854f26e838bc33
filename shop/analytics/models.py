from oscar.apps.analytics.models import *  # noqa: F403  (Oscar fork: unchanged models)
