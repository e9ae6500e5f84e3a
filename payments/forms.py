from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from urbanhome.core.phone import normalize_ke_phone


class CheckoutForm(forms.Form):
    method = forms.ChoiceField(label=_("Pay with"), widget=forms.RadioSelect)
    phone = forms.CharField(
        label=_("M-Pesa phone number"),
        required=False,
        max_length=20,
        help_text=_("The phone that gets the M-Pesa PIN prompt, e.g. 0712 345 678."),
        widget=forms.TextInput(
            attrs={
                "inputmode": "tel",
                "autocomplete": "tel",
                "placeholder": "07XX XXX XXX",
            }
        ),
    )
    save_phone = forms.BooleanField(
        label=_("Remember this number for next time"), required=False, initial=True
    )
    save_card = forms.BooleanField(
        label=_("Save my card for next time and for plan renewals"),
        required=False,
        help_text=_("Stripe keeps the card; we keep only its brand and last 4 digits."),
    )

    def __init__(self, *args, methods: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["method"].choices = methods
        # The template says "Card and PayPal open their own page" only when offered.
        self.offers_redirect = any(
            code in ("stripe", "paypal") for code, _label in methods
        )
        if methods:
            self.fields["method"].initial = methods[0][0]
        self.offers_card = any(code == "stripe" for code, _label in methods)
        if not self.offers_card:
            del self.fields["save_card"]

    def clean(self):
        data = super().clean()
        if data.get("method") == "mpesa":
            try:
                data["phone"] = normalize_ke_phone(data.get("phone", ""))
            except ValidationError as error:
                self.add_error("phone", error)
        return data


class TopUpForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Amount (KES)"),
        min_value=Decimal("10"),
        max_value=Decimal("150000"),
        decimal_places=0,
        max_digits=6,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": "1"}),
    )


class PhoneMethodForm(forms.Form):
    phone = forms.CharField(
        label=_("M-Pesa phone number"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    make_default = forms.BooleanField(label=_("Use it by default"), required=False)

    def clean_phone(self):
        return normalize_ke_phone(self.cleaned_data["phone"])
