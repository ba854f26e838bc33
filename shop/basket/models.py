from oscar.apps.basket.models import *  # noqa: F403  (Oscar fork: unchanged models)
