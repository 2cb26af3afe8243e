from django.urls import path

from grenzeloos.canvas import views

app_name = "canvas"

urlpatterns = [
    path("", views.collaboration_list, name="list"),
    path("new/", views.collaboration_create, name="create"),
    path("import/", views.collaboration_import, name="import"),
    path("examples/", views.example_list, name="examples"),
    path("examples/<slug:key>/", views.example_detail, name="example"),
    path("examples/<slug:key>/copy/", views.example_copy, name="example_copy"),
    path("c/<int:pk>/", views.canvas_detail, name="detail"),
    path("c/<int:pk>/box/<str:name>/", views.field_box, name="box"),
    path("c/<int:pk>/field/<str:name>/", views.field_edit, name="field"),
    path("c/<int:pk>/partners/new/", views.partner_edit, name="partner_add"),
    path("c/<int:pk>/partners/<int:index>/", views.partner_edit, name="partner_edit"),
    path("c/<int:pk>/partners/remove/", views.partner_remove, name="partner_remove"),
    path("c/<int:pk>/history/", views.history, name="history"),
    path("c/<int:pk>/diff/<int:a>/<int:b>/", views.diff_view, name="diff"),
    path("c/<int:pk>/r/<int:number>/", views.revision_detail, name="revision"),
    path("c/<int:pk>/r/<int:number>/restore/", views.restore, name="restore"),
    path("c/<int:pk>/export/", views.export_choice, name="export_choice"),
    path("c/<int:pk>/export.<str:fmt>", views.export, name="export"),
    path("c/<int:pk>/r/<int:number>/export.<str:fmt>", views.export, name="revision_export"),
]
