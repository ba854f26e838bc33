"""Which of Vietnam's three regions each of today's 34 provinces ships within (by the
province's code in catalog.Province). Loaded by a migration; staff may edit it."""

NORTH, CENTRAL, SOUTH = "north", "central", "south"

PROVINCE_REGIONS = {
    1: NORTH, 4: NORTH, 8: NORTH, 11: NORTH, 12: NORTH, 14: NORTH, 15: NORTH, 19: NORTH,
    20: NORTH, 22: NORTH, 24: NORTH, 25: NORTH, 31: NORTH, 33: NORTH, 37: NORTH,
    38: CENTRAL, 40: CENTRAL, 42: CENTRAL, 44: CENTRAL, 46: CENTRAL, 48: CENTRAL,
    51: CENTRAL, 52: CENTRAL, 56: CENTRAL, 66: CENTRAL, 68: CENTRAL,
    75: SOUTH, 79: SOUTH, 80: SOUTH, 82: SOUTH, 86: SOUTH, 91: SOUTH, 92: SOUTH, 96: SOUTH,
}  # fmt: skip


def load_regions(ProvinceRegion, Province) -> None:
    """Sets each known province's region, leaving staff edits of others alone."""
    for province in Province.objects.filter(pk__in=PROVINCE_REGIONS):
        ProvinceRegion.objects.get_or_create(
            province=province, defaults={"region": PROVINCE_REGIONS[province.pk]}
        )
