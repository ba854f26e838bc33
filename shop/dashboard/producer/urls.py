from django.urls import path

from shop.dashboard.producer import views

app_name = "producer-dashboard"

urlpatterns = [
    path("", views.index, name="index"),
    path("application/", views.application, name="application"),
    path("story/", views.story, name="story"),
    path("products/", views.product_list, name="products"),
    path("products.csv", views.product_export, name="products-export"),
    path("products/new/", views.product_create, name="product-create"),
    path("products/<int:pk>/", views.product_update, name="product"),
    path(
        "products/<int:pk>/images/<int:image_pk>/delete/",
        views.product_image_delete,
        name="product-image-delete",
    ),
    path("stock/", views.stock_list, name="stock"),
    path("stock.csv", views.stock_export, name="stock-export"),
    path("stock/<int:pk>/", views.stock_update, name="stock-update"),
    path("batches/", views.batch_list, name="batches"),
    path("batches/new/", views.batch_create, name="batch-create"),
    path("batches/<int:pk>/", views.batch_update, name="batch"),
    path("certificates/", views.certificate_list, name="certificates"),
    path("certificates/new/", views.certificate_create, name="certificate-create"),
    path("certificates/<int:pk>/", views.certificate_detail, name="certificate"),
    path("sales/", views.sales_summary, name="sales"),
    path("sales.csv", views.sales_export, name="sales-export"),
]
