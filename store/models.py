"""Merchandise store: catalogue, carts, orders and delivery addresses.

The tables other than `products` are designed here; see
docs/data-model-commerce.md.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.lookups import Exact
from django.utils.translation import gettext_lazy as _

from payments.models import Transaction
from urbanhome.core.cbc import COUNTY_CHOICES, COUNTY_CODES
from urbanhome.core.models import BaseModel
from urbanhome.core.phone import normalize_ke_phone, validate_ke_phone

from .validators import (
    COUNTY_NAMES,
    validate_address_snapshot,
    validate_image_list,
    validate_string_list,
)

ZERO = Decimal("0.00")


def _is_json_array(field_name: str) -> Exact:
    """Return a check condition: the JSONB column holds an array."""
    return Exact(
        models.Func(
            F(field_name), function="jsonb_typeof", output_field=models.CharField()
        ),
        "array",
    )


class ProductCategory(BaseModel):
    """A shelf of the store (Stationery, Books, Uniform); may sit under a parent."""

    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True, default="", db_default="")
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
    )
    display_order = models.IntegerField(default=0, db_default=0)
    is_active = models.BooleanField(default=True, db_default=True)

    class Meta:
        db_table = "product_categories"
        ordering = ["display_order", "name"]
        verbose_name_plural = _("product categories")
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=F("id")), name="product_categories_not_own_parent"
            ),
        ]

    def __str__(self):
        return self.name


class Product(BaseModel):
    """Something the store sells, with its price and stock level."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    description = models.TextField()
    price = models.DecimalField(max_digits=10, decimal_places=2)
    compare_at_price = models.DecimalField(
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Former price shown struck through; must be above the price."),
    )
    currency = models.CharField(max_length=3, default="KES", db_default="KES")
    images = models.JSONField(
        default=list, db_default=[], blank=True, validators=[validate_image_list]
    )
    product_category = models.ForeignKey(
        ProductCategory,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="products",
    )
    inventory_count = models.IntegerField(default=0, db_default=0)
    sku = models.CharField(max_length=50, null=True, blank=True, unique=True)
    weight_grams = models.IntegerField(null=True, blank=True)
    is_active = models.BooleanField(default=True, db_default=True)
    is_featured = models.BooleanField(default=False, db_default=False)
    tags = models.JSONField(
        default=list, db_default=[], blank=True, validators=[validate_string_list]
    )

    class Meta:
        db_table = "products"
        ordering = ["name"]
        indexes = [
            models.Index(
                fields=["is_active", "is_featured"], name="products_storefront_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(price__gte=0), name="products_price_nonneg"
            ),
            models.CheckConstraint(
                condition=Q(compare_at_price__isnull=True)
                | Q(compare_at_price__gt=F("price")),
                name="products_compare_at_above_price",
            ),
            models.CheckConstraint(
                condition=Q(inventory_count__gte=0), name="products_inventory_nonneg"
            ),
            models.CheckConstraint(
                condition=Q(weight_grams__isnull=True) | Q(weight_grams__gt=0),
                name="products_weight_positive",
            ),
            models.CheckConstraint(
                condition=_is_json_array("images"), name="products_images_is_array"
            ),
            models.CheckConstraint(
                condition=_is_json_array("tags"), name="products_tags_is_array"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.sku})" if self.sku else self.name

    def save(self, *args, **kwargs):
        # "" would collide with other blank SKUs under UNIQUE; NULLs do not.
        self.sku = (self.sku or "").strip() or None
        super().save(*args, **kwargs)


class Cart(BaseModel):
    """A shopping cart of a signed-in user or of an anonymous session."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CONVERTED = "converted", _("Converted to an order")
        ABANDONED = "abandoned", _("Abandoned")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="carts",
    )
    session_key = models.CharField(
        max_length=40,
        null=True,
        blank=True,
        db_index=True,
        help_text=_("The browser session of a shopper who has not signed in."),
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.OPEN, db_default="open"
    )
    currency = models.CharField(max_length=3, default="KES", db_default="KES")
    converted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "carts"
        ordering = ["-updated_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["open", "converted", "abandoned"]),
                name="carts_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | Q(session_key__isnull=False),
                name="carts_has_owner",
            ),
            models.CheckConstraint(
                condition=~Q(status="converted") | Q(converted_at__isnull=False),
                name="carts_converted_has_time",
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(status="open", user__isnull=False),
                name="carts_one_open_per_user",
            ),
            models.UniqueConstraint(
                fields=["session_key"],
                condition=Q(status="open", session_key__isnull=False),
                name="carts_one_open_per_session",
            ),
        ]

    def __str__(self):
        owner = self.user or f"session {(self.session_key or '')[:8]}…"
        return f"Cart of {owner} ({self.status})"


class CartItem(BaseModel):
    """One product line in a cart, with the price seen when it was added."""

    cart = models.ForeignKey(Cart, on_delete=models.CASCADE, related_name="items")
    product = models.ForeignKey(
        Product, on_delete=models.CASCADE, related_name="cart_items"
    )
    quantity = models.IntegerField(default=1, db_default=1)
    unit_price = models.DecimalField(
        max_digits=10,
        decimal_places=2,
        help_text=_("Price when added; checkout re-reads the product's price."),
    )

    class Meta:
        db_table = "cart_items"
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["cart", "product"], name="cart_items_one_line_per_product"
            ),
            models.CheckConstraint(
                condition=Q(quantity__gt=0), name="cart_items_quantity_positive"
            ),
            models.CheckConstraint(
                condition=Q(unit_price__gte=0), name="cart_items_unit_price_nonneg"
            ),
        ]

    def __str__(self):
        return f"{self.quantity} × {self.product}"

    @property
    def line_total(self) -> Decimal:
        return self.unit_price * self.quantity


class Order(BaseModel):
    """A placed purchase: money, a copy of the address, and its fulfilment status."""

    class Status(models.TextChoices):
        PENDING_PAYMENT = "pending_payment", _("Pending payment")
        PAID = "paid", _("Paid")
        PROCESSING = "processing", _("Processing")
        SHIPPED = "shipped", _("Shipped")
        DELIVERED = "delivered", _("Delivered")
        CANCELLED = "cancelled", _("Cancelled")
        REFUNDED = "refunded", _("Refunded")

    # UHS-ORD-<year>-<6+ digit sequence>: quoted on the phone and in M-Pesa.
    order_number = models.CharField(max_length=30, unique=True)
    # Orders are kept for the books: a user with orders cannot be hard-deleted.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="store_orders"
    )
    status = models.CharField(
        max_length=20,
        choices=Status.choices,
        default=Status.PENDING_PAYMENT,
        db_default="pending_payment",
        db_index=True,
    )
    subtotal = models.DecimalField(max_digits=10, decimal_places=2)
    shipping_fee = models.DecimalField(
        max_digits=10, decimal_places=2, default=ZERO, db_default=ZERO
    )
    total = models.DecimalField(max_digits=10, decimal_places=2)
    currency = models.CharField(max_length=3, default="KES", db_default="KES")
    # A copy of the ShippingAddress at checkout (ShippingAddress.snapshot()),
    # so later edits or deletion of the address book do not rewrite history.
    shipping_address = models.JSONField(validators=[validate_address_snapshot])
    payment_transaction = models.ForeignKey(
        Transaction,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="store_orders",
    )
    customer_note = models.TextField(blank=True, default="", db_default="")
    tracking_number = models.CharField(
        max_length=100, blank=True, default="", db_default=""
    )
    paid_at = models.DateTimeField(null=True, blank=True)
    shipped_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    refunded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "orders"
        ordering = ["-created_at"]
        indexes = [
            models.Index("user", F("created_at").desc(), name="orders_user_recent_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    status__in=[
                        "pending_payment",
                        "paid",
                        "processing",
                        "shipped",
                        "delivered",
                        "cancelled",
                        "refunded",
                    ]
                ),
                name="orders_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(order_number__regex=r"^UHS-ORD-[0-9]{4}-[0-9]{6,}$"),
                name="orders_number_format",
            ),
            models.CheckConstraint(
                condition=Q(subtotal__gte=0), name="orders_subtotal_nonneg"
            ),
            models.CheckConstraint(
                condition=Q(shipping_fee__gte=0), name="orders_shipping_fee_nonneg"
            ),
            models.CheckConstraint(
                condition=Q(total__gte=0), name="orders_total_nonneg"
            ),
            models.CheckConstraint(
                condition=Q(total=F("subtotal") + F("shipping_fee")),
                name="orders_total_is_subtotal_plus_shipping",
            ),
            models.CheckConstraint(
                condition=~Q(
                    status__in=[
                        "paid",
                        "processing",
                        "shipped",
                        "delivered",
                        "refunded",
                    ]
                )
                | Q(paid_at__isnull=False),
                name="orders_paid_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["shipped", "delivered"])
                | Q(shipped_at__isnull=False),
                name="orders_shipped_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status="delivered") | Q(delivered_at__isnull=False),
                name="orders_delivered_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status="cancelled") | Q(cancelled_at__isnull=False),
                name="orders_cancelled_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status="refunded") | Q(refunded_at__isnull=False),
                name="orders_refunded_has_time",
            ),
        ]

    def __str__(self):
        return f"{self.order_number} · {self.currency} {self.total} ({self.status})"


class OrderItem(BaseModel):
    """A line of an order; name, SKU and price are copied from the product."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="items")
    # SET NULL: the line keeps its snapshot when a product is deleted.
    product = models.ForeignKey(
        Product,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="order_items",
    )
    product_name = models.CharField(max_length=200)
    sku = models.CharField(max_length=50, null=True, blank=True)
    unit_price = models.DecimalField(max_digits=10, decimal_places=2)
    quantity = models.IntegerField()
    line_total = models.DecimalField(max_digits=10, decimal_places=2)

    class Meta:
        db_table = "order_items"
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gt=0), name="order_items_quantity_positive"
            ),
            models.CheckConstraint(
                condition=Q(unit_price__gte=0), name="order_items_unit_price_nonneg"
            ),
            models.CheckConstraint(
                condition=Q(line_total=F("unit_price") * F("quantity")),
                name="order_items_line_total_matches",
            ),
        ]

    def __str__(self):
        return f"{self.quantity} × {self.product_name}"


class ShippingAddress(BaseModel):
    """A delivery address in a user's address book (Kenyan counties)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="shipping_addresses",
    )
    recipient_name = models.CharField(max_length=200)
    phone = models.CharField(
        max_length=16,
        validators=[validate_ke_phone],
        help_text=_("Kenyan mobile number; stored as +2547XXXXXXXX."),
    )
    county = models.CharField(
        max_length=3,
        choices=COUNTY_CHOICES,
        help_text=_("Constitutional county code, 001 (Mombasa) to 047 (Nairobi)."),
    )
    town = models.CharField(max_length=100)
    street_address = models.CharField(
        max_length=255, help_text=_("Street, building, estate or P.O. Box.")
    )
    postal_code = models.CharField(max_length=5, blank=True, default="", db_default="")
    landmark = models.CharField(
        max_length=255,
        blank=True,
        default="",
        db_default="",
        help_text=_("Helps the rider find you, e.g. 'opposite Naivas'."),
    )
    is_default = models.BooleanField(default=False, db_default=False)

    class Meta:
        db_table = "shipping_addresses"
        ordering = ["-is_default", "-created_at"]
        verbose_name_plural = _("shipping addresses")
        constraints = [
            models.CheckConstraint(
                condition=Q(county__in=COUNTY_CODES),
                name="shipping_addresses_county_valid",
            ),
            models.CheckConstraint(
                condition=Q(phone__regex=r"^\+254[17][0-9]{8}$"),
                name="shipping_addresses_phone_e164",
            ),
            models.CheckConstraint(
                condition=Q(postal_code="") | Q(postal_code__regex=r"^[0-9]{5}$"),
                name="shipping_addresses_postal_code_5_digits",
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(is_default=True),
                name="shipping_addresses_one_default_per_user",
            ),
        ]

    def __str__(self):
        return f"{self.recipient_name}, {self.town} ({self.county_name})"

    def save(self, *args, **kwargs):
        self._normalize_phone()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        self._normalize_phone()

    def _normalize_phone(self):
        try:
            self.phone = normalize_ke_phone(self.phone)
        except ValidationError:
            pass  # left as typed: the field validator / DB check reports it

    @property
    def county_name(self) -> str:
        return COUNTY_NAMES.get(self.county, "")

    def snapshot(self) -> dict:
        """Return the address as an order stores it (`Order.shipping_address`)."""
        data = {
            "recipient_name": self.recipient_name,
            "phone": self.phone,
            "county_code": self.county,
            "county_name": self.county_name,
            "town": self.town,
            "street_address": self.street_address,
        }
        if self.postal_code:
            data["postal_code"] = self.postal_code
        if self.landmark:
            data["landmark"] = self.landmark
        return data
