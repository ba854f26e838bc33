"""The CMS page types, one module per page family (bakerydemo style)."""

from cms.models.articles import ArticleIndexPage, ArticlePage, ArticleTag
from cms.models.fairs import FairApplicationField, FairExhibitor, FairIndexPage, FairPage
from cms.models.home import HomeFeaturedProduct, HomePage
from cms.models.map import MapPage
from cms.models.points_of_sale import (
    OpeningException,
    OpeningHours,
    PointOfSalePage,
    PointOfSaleProduct,
)
from cms.models.provinces import (
    ProvinceFeaturedProducer,
    ProvinceFeaturedProduct,
    ProvinceIndexPage,
    ProvincePage,
)
from cms.models.tourism import TourismIndexPage, TourismPage

__all__ = [
    "ArticleIndexPage",
    "ArticlePage",
    "ArticleTag",
    "FairApplicationField",
    "FairExhibitor",
    "FairIndexPage",
    "FairPage",
    "HomeFeaturedProduct",
    "HomePage",
    "MapPage",
    "OpeningException",
    "OpeningHours",
    "PointOfSalePage",
    "PointOfSaleProduct",
    "ProvinceFeaturedProducer",
    "ProvinceFeaturedProduct",
    "ProvinceIndexPage",
    "ProvincePage",
    "TourismIndexPage",
    "TourismPage",
]
