from django.urls import path

from grenzeloos.legal import api

app_name = "api-legal"

urlpatterns = [
    path("legal/assess", api.AssessView.as_view(), name="assess"),
    path("legal/report", api.ReportView.as_view(), name="report"),
    path("legal/schemas/answers", api.AnswersSchemaView.as_view(), name="answers-schema"),
    path("legal/schemas/outcome", api.OutcomeSchemaView.as_view(), name="outcome-schema"),
    path(
        "collaborations/<int:pk>/assessments",
        api.AssessmentListView.as_view(),
        name="assessments",
    ),
    path("assessments/<int:pk>", api.AssessmentDetailView.as_view(), name="assessment"),
    path(
        "assessments/<int:pk>/answers",
        api.AssessmentAnswersView.as_view(),
        name="assessment-answers",
    ),
    path("assessments/<int:pk>/sign-off", api.SignOffView.as_view(), name="sign-off"),
    path("assessments/<int:pk>/reopen", api.ReopenView.as_view(), name="reopen"),
    path("assessments/<int:pk>/send-back", api.SendBackView.as_view(), name="send-back"),
    path("assessments/<int:pk>/reasons", api.ReasonView.as_view(), name="reason"),
    path(
        "assessments/<int:pk>/beneficiaries-from-canvas",
        api.TakeOverPartnersView.as_view(),
        name="partners-from-canvas",
    ),
    path(
        "assessments/<int:pk>/report",
        api.AssessmentReportView.as_view(),
        name="assessment-report",
    ),
]
