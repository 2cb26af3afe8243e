from django.urls import path

from grenzeloos.governance import api, forms_aid_api

app_name = "api-governance"

_C = "collaborations/<int:pk>/governance"

urlpatterns = [
    path(f"{_C}/bodies", api.BodyListView.as_view(), name="bodies"),
    path(f"{_C}/bodies/<int:item>/seats", api.SeatListView.as_view(), name="seats"),
    path(f"{_C}/checks", api.CheckListView.as_view(), name="checks"),
    path(f"{_C}/decisions", api.DecisionListView.as_view(), name="decisions"),
    path(f"{_C}/decisions.<str:fmt>", api.DecisionsFileView.as_view(), name="decisions-file"),
    path(f"{_C}/decisions/<int:item>", api.DecisionDetailView.as_view(), name="decision"),
    path(f"{_C}/decisions/<int:item>/vote", api.VoteView.as_view(), name="vote"),
    path(f"{_C}/decisions/<int:item>/close", api.CloseView.as_view(), name="close"),
    path(f"{_C}/comments", api.CommentListView.as_view(), name="comments"),
    path(f"{_C}/comments/<int:item>/resolve", api.ResolveView.as_view(), name="resolve"),
    path(f"{_C}/record", api.RecordView.as_view(), name="record"),
    path(f"{_C}/pulse", api.PulseView.as_view(), name="pulse"),
    path(f"{_C}/pulse.<str:fmt>", api.PulseFileView.as_view(), name="pulse-file"),
    path(f"{_C}/forms", forms_aid_api.FormsAidView.as_view(), name="forms"),
]
