from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from urbanhome.core.admin import BaseAdmin, ReadOnlyAdmin

from . import services
from .models import (
    Cart,
    CartItem,
    Order,
    OrderItem,
    Product,
    ProductCategory,
    ShippingAddress,
)


@admin.register(ProductCategory)
class ProductCategoryAdmin(BaseAdmin):
    list_display = ("name", "slug", "parent", "display_order", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("parent",)
    list_select_related = ("parent",)


@admin.register(Product)
class ProductAdmin(BaseAdmin):
    list_display = (
        "name",
        "sku",
        "product_category",
        "price",
        "compare_at_price",
        "currency",
        "inventory_count",
        "is_active",
        "is_featured",
    )
    list_filter = ("is_active", "is_featured", "product_category")
    search_fields = ("name", "slug", "sku")
    date_hierarchy = "created_at"
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("product_category",)
    list_select_related = ("product_category",)


class CartItemInline(admin.TabularInline):
    model = CartItem
    extra = 0
    autocomplete_fields = ("product",)
    fields = ("product", "quantity", "unit_price")


@admin.register(Cart)
class CartAdmin(BaseAdmin):
    list_display = ("__str__", "user", "status", "item_count", "updated_at")
    list_filter = ("status",)
    search_fields = ("user__email", "session_key")
    date_hierarchy = "created_at"
    autocomplete_fields = ("user",)
    list_select_related = ("user",)
    inlines = (CartItemInline,)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_item_count=Count("items"))

    @admin.display(description=_("items"), ordering="_item_count")
    def item_count(self, obj):
        return obj._item_count


@admin.register(CartItem)
class CartItemAdmin(BaseAdmin):
    list_display = ("product", "cart", "quantity", "unit_price", "created_at")
    search_fields = ("product__name", "product__sku", "cart__user__email")
    autocomplete_fields = ("cart", "product")
    list_select_related = ("product", "cart__user")


class OrderItemInline(admin.TabularInline):
    model = OrderItem
    extra = 0
    fields = ("product_name", "sku", "unit_price", "quantity", "line_total", "product")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


def _status_action(service, description):
    """Build an admin action applying `service` to each selected order."""

    @admin.action(description=description, permissions=["change"])
    def action(modeladmin, request, queryset):
        done = 0
        for order in queryset:
            try:
                service(order=order)
            except ValidationError as exc:
                modeladmin.message_user(
                    request,
                    f"{order.order_number}: {exc.messages[0]}",
                    messages.WARNING,
                )
            else:
                done += 1
        modeladmin.message_user(
            request,
            ngettext("%d order updated.", "%d orders updated.", done) % done,
            messages.SUCCESS,
        )

    action.__name__ = service.__name__
    return action


@admin.register(Order)
class OrderAdmin(BaseAdmin):
    """Orders come from checkout; staff move them along with the actions."""

    list_display = (
        "order_number",
        "user",
        "status",
        "total",
        "currency",
        "created_at",
        "paid_at",
        "shipped_at",
    )
    list_filter = ("status", "currency")
    search_fields = ("order_number", "user__email", "tracking_number")
    date_hierarchy = "created_at"
    list_select_related = ("user",)
    inlines = (OrderItemInline,)
    actions = (
        _status_action(services.order_mark_processing, _("Mark as processing")),
        _status_action(services.order_mark_shipped, _("Mark as shipped")),
        _status_action(services.order_mark_delivered, _("Mark as delivered")),
        _status_action(services.order_cancel, _("Cancel unpaid orders")),
    )
    # Only the courier's tracking number and the note are edited by hand;
    # status moves through the actions so its timestamp moves with it.
    readonly_fields = (
        "order_number",
        "user",
        "status",
        "subtotal",
        "shipping_fee",
        "total",
        "currency",
        "shipping_address",
        "payment_transaction",
        "paid_at",
        "shipped_at",
        "delivered_at",
        "cancelled_at",
        "refunded_at",
    )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(OrderItem)
class OrderItemAdmin(ReadOnlyAdmin):
    list_display = (
        "product_name",
        "sku",
        "order",
        "unit_price",
        "quantity",
        "line_total",
    )
    search_fields = ("product_name", "sku", "order__order_number")
    date_hierarchy = "created_at"
    list_select_related = ("order",)


@admin.register(ShippingAddress)
class ShippingAddressAdmin(BaseAdmin):
    list_display = ("recipient_name", "user", "phone", "county", "town", "is_default")
    list_filter = ("county", "is_default")
    search_fields = ("recipient_name", "phone", "town", "user__email")
    autocomplete_fields = ("user",)
    list_select_related = ("user",)
