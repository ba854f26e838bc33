from .batches import Batch, BatchStep
from .certificates import Certificate, CertificateReminder, QualityCertification
from .places import Commune, Province
from .producers import Producer, ProducerDocument, ProvinceOfficer
from .product_groups import ProductGroup

__all__ = [
    "Batch",
    "BatchStep",
    "Certificate",
    "CertificateReminder",
    "Commune",
    "Producer",
    "ProducerDocument",
    "ProductGroup",
    "Province",
    "ProvinceOfficer",
    "QualityCertification",
]
