"""Forms of the CMS admin."""

from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from catalog.validators import validate_document, validate_image


class ImageForm(BaseImageForm):
    """Every CMS image upload (the image library, the chooser, multiple upload) goes through
    this form (WAGTAILIMAGES_IMAGE_FORM_BASE): Wagtail's own checks read the same limits
    (WAGTAILIMAGES_MAX_IMAGE_PIXELS and _MAX_UPLOAD_SIZE are the OCOP_IMAGE_* settings), and
    then the shop's one image rule, so a picture refused in the shop is refused here."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            validate_image(upload)  # an image already stored is not re-read
        return upload


class DocumentForm(BaseDocumentForm):
    """Every CMS document upload (WAGTAILDOCS_DOCUMENT_FORM_BASE): Wagtail checks the extension
    (WAGTAILDOCS_EXTENSIONS) and the size (WAGTAILDOCS_MAX_UPLOAD_SIZE); the shop's document
    rule then checks that the file is what its name says, and a PDF carries no script."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            validate_document(upload)  # a document already stored is not re-read
        return upload
