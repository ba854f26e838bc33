from .batches import Batch, BatchStep
from .certificates import Certificate, CertificateReminder, QualityCertification
from .places import Commune, Province
from .producers import Producer
from .product_groups import ProductGroup

__all__ = [
    "Batch",
    "BatchStep",
    "Certificate",
    "CertificateReminder",
    "Commune",
    "Producer",
    "ProductGroup",
    "Province",
    "QualityCertification",
]
