from django.urls import path

from grenzeloos.cases import views

app_name = "cases"

urlpatterns = [
    path("", views.case_list, name="list"),
    path("compare/", views.case_compare, name="compare"),
    path("new/", views.case_new, name="new"),
    path("for/<int:pk>/", views.similar_cases, name="similar"),
    path("<slug:slug>/", views.case_detail, name="detail"),
    path("<slug:slug>/example.json", views.case_example, name="example"),
    path("<slug:slug>/publish/", views.case_publish, name="publish"),
]
