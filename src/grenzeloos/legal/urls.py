from django.urls import path

from grenzeloos.legal import views

app_name = "legal"

urlpatterns = [
    path("check/", views.check_start, name="check_start"),
    path("check/reset/", views.check_reset, name="check_reset"),
    path("check/q/<str:key>/", views.check_question, name="check_question"),
    path("check/beneficiaries/add/", views.check_beneficiary_add, name="check_beneficiary_add"),
    path("check/beneficiaries/<int:index>/", views.check_beneficiary, name="check_beneficiary"),
    path(
        "check/beneficiaries/<int:index>/remove/",
        views.check_beneficiary_remove,
        name="check_beneficiary_remove",
    ),
    path("check/summary/", views.check_summary, name="check_summary"),
    path("check/policy/", views.check_policy, name="check_policy"),
    path("check/outcome/", views.check_outcome, name="check_outcome"),
    path("check/motivation.<str:fmt>", views.check_report, name="check_report"),
    path("c/<int:pk>/", views.collaboration_assessments, name="collaboration"),
    path("c/<int:pk>/new/", views.assessment_new, name="new"),
    path("a/<int:pk>/", views.assessment_detail, name="detail"),
    path("a/<int:pk>/start/", views.assessment_start, name="start"),
    path("a/<int:pk>/q/<str:key>/", views.assessment_question, name="question"),
    path("a/<int:pk>/beneficiaries/add/", views.assessment_beneficiary_add, name="beneficiary_add"),
    path(
        "a/<int:pk>/beneficiaries/<int:index>/",
        views.assessment_beneficiary,
        name="beneficiary",
    ),
    path(
        "a/<int:pk>/beneficiaries/<int:index>/remove/",
        views.assessment_beneficiary_remove,
        name="beneficiary_remove",
    ),
    path("a/<int:pk>/summary/", views.assessment_summary, name="summary"),
    path("a/<int:pk>/policy/", views.assessment_policy, name="policy"),
    path("a/<int:pk>/sign-off/", views.assessment_sign_off, name="sign_off"),
    path("a/<int:pk>/reopen/", views.assessment_reopen, name="reopen"),
    path("a/<int:pk>/send-back/", views.assessment_send_back, name="send_back"),
    path("a/<int:pk>/reason/<str:key>/", views.assessment_reason, name="reason"),
    path("a/<int:pk>/partners/", views.assessment_partners, name="partners"),
    path("a/<int:pk>/motivation.<str:fmt>", views.assessment_report, name="report"),
]
