from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from urbanhome.core.admin import BaseAdmin, ReadOnlyAdmin

from .models import (
    PaymentMethod,
    Subscription,
    SubscriptionPlan,
    Transaction,
    Wallet,
    WalletEntry,
)


@admin.action(description=_("Refund selected payments"), permissions=["refund"])
def refund_selected(modeladmin, request, queryset):
    """Refund through the gateway where it has an API (else recorded manual)."""
    from .services import transaction_refund_request

    count = 0
    # Every selected payment gets an answer: one already refunded says when
    # and by whom, a pending or failed one why it cannot be refunded.
    for tx in queryset.order_by("pk"):
        try:
            transaction_refund_request(transaction=tx, by=request.user)
        except ValidationError as error:
            modeladmin.message_user(
                request,
                f"{tx.transaction_reference}: {error.messages[0]}",
                messages.WARNING
                if error.code in ("already_refunded", "refund_in_progress")
                else messages.ERROR,
            )
        else:
            count += 1
    if count:
        modeladmin.message_user(
            request,
            ngettext(
                "%d refund started: the payer is emailed once it is done.",
                "%d refunds started: each payer is emailed once it is done.",
                count,
            )
            % count,
            messages.SUCCESS,
        )


@admin.register(Transaction)
class TransactionAdmin(ReadOnlyAdmin):
    actions = (refund_selected,)

    list_display = (
        "transaction_reference",
        "user",
        "amount",
        "currency",
        "gateway",
        "status",
        "created_at",
    )
    list_filter = ("gateway", "status", "currency")
    search_fields = (
        "transaction_reference",
        "user__email",
        "gateway_reference",
        "gateway_receipt",
    )
    date_hierarchy = "created_at"
    list_select_related = ("user",)
    exclude = ("callback_token",)  # part of a secret URL

    def has_refund_permission(self, request):
        return request.user.has_perm("payments.change_transaction")


class WalletEntryInline(admin.TabularInline):
    model = WalletEntry
    extra = 0
    can_delete = False
    fields = (
        "created_at",
        "kind",
        "amount",
        "balance_after",
        "reference",
        "description",
    )
    readonly_fields = fields
    ordering = ("-created_at",)
    max_num = 0


@admin.register(Wallet)
class WalletAdmin(ReadOnlyAdmin):
    list_display = ("user", "balance", "currency", "updated_at")
    list_filter = ("currency",)
    search_fields = ("user__email",)
    list_select_related = ("user",)
    inlines = (WalletEntryInline,)


@admin.register(WalletEntry)
class WalletEntryAdmin(ReadOnlyAdmin):
    list_display = (
        "reference",
        "wallet",
        "kind",
        "amount",
        "balance_after",
        "created_at",
    )
    list_filter = ("kind",)
    search_fields = ("reference", "wallet__user__email")
    date_hierarchy = "created_at"
    list_select_related = ("wallet__user",)


@admin.register(PaymentMethod)
class PaymentMethodAdmin(BaseAdmin):
    list_display = (
        "__str__",
        "user",
        "gateway",
        "method_type",
        "is_default",
        "is_active",
    )
    list_filter = ("gateway", "method_type", "is_active")
    search_fields = ("user__email",)
    autocomplete_fields = ("user",)
    list_select_related = ("user",)
    # Only the masked label is editable; tokens never pass through the admin.
    exclude = ("details",)


@admin.register(SubscriptionPlan)
class SubscriptionPlanAdmin(BaseAdmin):
    list_display = (
        "name",
        "price",
        "currency",
        "interval",
        "max_children",
        "is_active",
        "display_order",
    )
    list_filter = ("interval", "is_active")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Subscription)
class SubscriptionAdmin(BaseAdmin):
    list_display = (
        "user",
        "plan",
        "status",
        "price",
        "current_period_end",
        "cancel_at_period_end",
    )
    list_filter = ("status", "plan", "cancel_at_period_end")
    search_fields = ("user__email", "gateway_subscription_id")
    date_hierarchy = "current_period_end"
    autocomplete_fields = ("user", "plan", "last_transaction")
    list_select_related = ("user", "plan")
