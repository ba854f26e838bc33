from django.urls import path

from shop.payments import dashboard

app_name = "shop-dashboard"

urlpatterns = [
    path("shipments/", dashboard.shipment_list, name="shipments"),
    path("shipments.csv", dashboard.shipment_export, name="shipments-export"),
    path("shipments/<int:pk>/", dashboard.shipment_detail, name="shipment"),
    path("shipments/<int:pk>/update/", dashboard.shipment_update, name="shipment-update"),
    path("transfers/", dashboard.transfers, name="transfers"),
    path("orders/<str:number>/refund/", dashboard.refund, name="refund"),
    path("payouts/", dashboard.payouts, name="payouts"),
    path("payouts/<int:producer_pk>/", dashboard.ledger_entries, name="ledger"),
    path("payouts/<int:producer_pk>/pay/", dashboard.payout_record, name="payout-record"),
    path(
        "payouts/<int:producer_pk>/<int:year>-<int:month>.csv",
        dashboard.statement,
        name="statement",
    ),
]
