"""Producer onboarding: the public sign-up form (/producers/join/). It makes a pending
producer (catalog.services.producers.producer_signup); the officer of its province reviews
it in the province dashboard."""

import phonenumbers
from django import forms
from django.contrib import messages
from django.contrib.auth import login, password_validation
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalog import permissions
from catalog.models import Commune, Producer, Province
from catalog.services.producers import producer_signup
from catalog.validators import validate_certificate_scan
from shop.dashboard import posted

DOCUMENT_SLOTS = 3


def vietnamese_phone(value: str) -> str:
    """A Vietnamese phone number, landline or mobile, written as the producer typed it."""
    try:
        number = phonenumbers.parse(str(value), "VN")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or number.country_code != 84 or not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _("Enter a Vietnamese phone number, e.g. 0912 345 678 or 0238 3844 123."),
            code="phone",
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


class ApplicationForm(forms.ModelForm):
    """A producer's application. Fields are explicit; the decision scans are three optional
    file slots (PDF or picture, one rule: catalog.validators.validate_certificate_scan)."""

    province = forms.ModelChoiceField(
        Province.objects.all(),
        label=gettext_lazy("Province or city"),
        empty_label=gettext_lazy("Choose a province"),
    )
    commune = forms.ModelChoiceField(
        Commune.objects.all(),
        label=gettext_lazy("Commune or ward"),
        empty_label=gettext_lazy("Choose a commune"),
    )
    email = forms.EmailField(label=gettext_lazy("Email"))
    password = forms.CharField(
        label=gettext_lazy("Password for your account"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        required=False,
    )

    class Meta:
        model = Producer
        fields = [
            "legal_name",
            "entity_type",
            "registration_number",
            "province",
            "commune",
            "street_address",
            "contact_person",
            "phone",
            "email",
        ]
        labels = {"legal_name": gettext_lazy("Name of the cooperative, company or household")}
        widgets = {
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            "registration_number": forms.TextInput(attrs={"inputmode": "numeric"}),
        }

    def __init__(self, *args, editing=False, with_account=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.with_account = with_account
        if not with_account:
            del self.fields["password"]
        if editing and self.instance.pk:
            self.initial.setdefault("phone", self.instance.phone)
        self.fields["contact_person"].required = True
        self.fields["phone"].required = True
        for slot in range(DOCUMENT_SLOTS):
            self.fields[f"document_{slot}"] = forms.FileField(
                label=gettext_lazy("OCOP decision or registration (scan) %(n)s") % {"n": slot + 1},
                required=False,
                validators=[validate_certificate_scan],
                help_text=gettext_lazy("PDF or photo, at most 10 MB.") if slot == 0 else "",
            )
        province = self.chosen_province()
        communes = Commune.objects.filter(province=province) if province else Commune.objects.none()
        # Every commune validates (one of another province gets the clear message below);
        # only the chosen province's are listed.
        self.fields["commune"].widget.choices = [("", _("Choose a commune"))] + [
            (c.pk, c.name) for c in communes
        ]
        self.fields["province"].widget.attrs["data-communes-for"] = "commune"

    def chosen_province(self):
        raw = (
            self.data.get(self.add_prefix("province"))
            if self.is_bound
            else (self.initial.get("province") or self.instance.province_id)
        )
        try:
            return Province.objects.filter(pk=int(raw)).first() if raw else None
        except (TypeError, ValueError):
            return None

    def clean_phone(self):
        return vietnamese_phone(self.cleaned_data["phone"])

    def clean_password(self):
        password = self.cleaned_data.get("password", "")
        if self.with_account:
            if not password:
                raise ValidationError(_("Choose a password."))
            password_validation.validate_password(password)
        return password

    def clean(self):
        cleaned = super().clean()
        province, commune = cleaned.get("province"), cleaned.get("commune")
        if province and commune and commune.province_id != province.pk:
            self.add_error(
                "commune",
                _("%(commune)s is not in %(province)s: choose a commune of that province.")
                % {"commune": commune.name, "province": province.name},
            )
        return cleaned

    def _post_clean(self):
        # The service validates the producer whole (a registration number already
        # registered included) and saves nothing if one part is wrong.
        pass

    def documents(self) -> list:
        return [
            (_("Document %(n)s") % {"n": slot + 1}, self.cleaned_data[f"document_{slot}"])
            for slot in range(DOCUMENT_SLOTS)
            if self.cleaned_data.get(f"document_{slot}")
        ]

    def producer_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


def signup(request):
    """Anyone may apply; a signed-in shopper applies with the account it has."""
    user = request.user if request.user.is_authenticated else None
    if user is not None and permissions.is_producer_member(user):
        messages.info(request, _("Your account already belongs to a producer."))
        return redirect("producer-dashboard:index")
    form = ApplicationForm(
        posted.data(request),
        posted.files(request),
        with_account=user is None,
        initial={"email": user.email} if user else None,
    )
    if request.method == "POST" and "choose_province" not in request.POST and form.is_valid():
        data = form.cleaned_data
        try:
            producer = producer_signup(
                user=user,
                password=data.get("password", ""),
                documents=form.documents(),
                **form.producer_fields(),
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            member = user or producer.partner.users.get()
            if user is None:
                login(request, member, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request,
                _(
                    "Thank you: %(name)s is registered. The OCOP office of %(province)s will "
                    "review it; you will get an email."
                )
                % {"name": producer.legal_name, "province": producer.province.name},
            )
            return redirect("producer-dashboard:index")
    return render(request, "shop/dashboard/signup.html", {"form": form})
