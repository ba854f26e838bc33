"""The producer portal and the province office in the demo: a producer member's account
(of a demo producer), a province officer's account, an application waiting for that
officer, and a renewed certificate uploaded by the producer and waiting for verification.
Everything goes through catalog.services; accounts are found by username, and passwords
are set only when an account is created."""

import datetime
import io
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from oscar.core.loading import get_model
from pypdf import PdfWriter

from catalog import permissions
from catalog.models import Certificate, Commune, Producer, Province
from catalog.services.certificates import certificate_submit
from catalog.services.producers import producer_signup
from catalog.services.roles import officer_appoint, producer_member_add
from shop.demo.base import Demo, read_data

Product = get_model("catalogue", "Product")

DATA_FILE = Path(__file__).with_name("portal.json")


def _demo_pdf() -> bytes:
    """The demo's "scan" of a decision: one blank A4 page, a PDF that readers open and the
    upload rule (catalog.validators.validate_pdf) parses."""
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


DEMO_PDF = _demo_pdf()


def demo_data() -> dict:
    return read_data(DATA_FILE)


def _account(spec: dict):
    """The account of that username, created with the demo password if missing."""
    User = get_user_model()
    user = User._default_manager.filter(username=spec["username"]).first()
    if user is None:
        user = User._default_manager.create_user(
            spec["username"],
            spec["email"],
            spec["password"],
            first_name=spec.get("first_name", ""),
        )
    return user


def load_producer_member(spec: dict):
    user = _account(spec)
    producer = Producer.objects.get(partner__code=spec["producer"])
    if not permissions.is_producer_member(user):
        producer_member_add(producer=producer, user=user)
    return user, producer


def load_officer(spec: dict, *, by):
    user = _account(spec)
    province = Province.objects.get(name=spec["province"])
    if permissions.province_of_user(user) != province:
        officer_appoint(user=user, province=province, by=by)
    return user, province


def load_pending_application(spec: dict) -> Producer:
    existing = Producer.objects.filter(registration_number=spec["registration_number"]).first()
    if existing is not None:
        return existing
    province = Province.objects.get(name=spec["province"])
    return producer_signup(
        legal_name=spec["legal_name"],
        entity_type=spec["entity_type"],
        registration_number=spec["registration_number"],
        province=province,
        commune=Commune.objects.get(province=province, name=spec["commune"]),
        contact_person=spec["contact_person"],
        phone=spec["phone"],
        email=spec["email"],
        password=spec["password"],
        documents=[(spec["document"], ContentFile(DEMO_PDF, name="quyet-dinh-ocop.pdf"))],
    )


def load_pending_certificate(spec: dict, *, by) -> Certificate:
    product = Product.objects.get(upc=spec["product_upc"])
    existing = product.certificates.filter(decision_number=spec["decision_number"]).first()
    if existing is not None:
        return existing
    return certificate_submit(
        product=product,
        stars=spec["stars"],
        score=spec["score"],
        criteria_version=spec["criteria_version"],
        criteria_set=spec["criteria_set"],
        level=spec["level"],
        issuing_body=spec["issuing_body"],
        decision_number=spec["decision_number"],
        decision_date=datetime.date.fromisoformat(spec["decision_date"]),
        scan=ContentFile(DEMO_PDF, name="quyet-dinh-gia-han.pdf"),
        by=by,
    )


def load(demo: Demo) -> None:
    data = demo_data()
    member, producer = load_producer_member(data["producer_member"])
    spec = data["producer_member"]
    demo.say(
        f"Producer portal: {spec['email']} / {spec['password']} ({producer.legal_name}) at "
        f"{demo.site.url}/dashboard/producer/"
    )
    officer, province = load_officer(data["officer"], by=demo.admin)
    spec = data["officer"]
    demo.say(
        f"Province office: {spec['email']} / {spec['password']} ({province.name}) at "
        f"{demo.site.url}/dashboard/province/"
    )
    application = load_pending_application(data["pending_application"])
    certificate = load_pending_certificate(data["pending_certificate"], by=member)
    demo.say(
        f"Waiting for the officer: the application of {application.legal_name} "
        f"({application.get_status_display()}), decision {certificate.decision_number} "
        f"for {certificate.product.title} ({certificate.get_status_display()})"
    )
    demo.say(f"Producer sign-up: {demo.site.url}/producers/join/")
