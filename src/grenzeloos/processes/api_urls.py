from django.urls import path

from grenzeloos.processes import api

app_name = "api-processes"

_C = "collaborations/<int:pk>"

urlpatterns = [
    path("process-templates", api.TemplateListView.as_view(), name="templates"),
    path(f"{_C}/processes", api.ProcessListView.as_view(), name="processes"),
    path(f"{_C}/processes/<int:process>", api.ProcessDetailView.as_view(), name="process"),
    path(f"{_C}/processes/<int:process>/items", api.ItemListView.as_view(), name="items"),
    path(f"{_C}/processes/<int:process>/funnel", api.FunnelView.as_view(), name="funnel"),
    path(f"{_C}/process-items/<int:item>", api.ItemDetailView.as_view(), name="item"),
    path(f"{_C}/process-items/<int:item>/moves", api.MoveView.as_view(), name="moves"),
    path(f"{_C}/process-items/<int:item>/close", api.CloseView.as_view(), name="close"),
    path(f"{_C}/process-items/<int:item>/case", api.ItemCaseView.as_view(), name="item-case"),
    path(f"{_C}/challenges", api.ChallengeListView.as_view(), name="challenges"),
    path(f"{_C}/challenges/<int:challenge>", api.ChallengeDetailView.as_view(), name="challenge"),
    path(
        f"{_C}/challenges/<int:challenge>/scores",
        api.ChallengeScoresView.as_view(),
        name="challenge-scores",
    ),
    path(
        f"{_C}/challenges/<int:challenge>/ranking",
        api.ChallengeRankingView.as_view(),
        name="challenge-ranking",
    ),
    path(
        f"{_C}/challenges/<int:challenge>/submissions",
        api.ChallengeSubmissionsView.as_view(),
        name="challenge-submissions",
    ),
    path(
        f"{_C}/challenge-submissions/<int:submission>/attachments",
        api.SubmissionAttachmentsView.as_view(),
        name="submission-attachments",
    ),
    path(
        f"{_C}/challenge-attachments/<int:attachment>",
        api.AttachmentDownloadView.as_view(),
        name="challenge-attachment",
    ),
]
