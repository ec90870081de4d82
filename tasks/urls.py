from django.urls import path

from . import views

app_name = "tasks"

urlpatterns = [
    path("cases/<int:case_id>/tasks/", views.case_tasks, name="case_tasks"),
    path("tasks/<int:task_id>/status/", views.task_status, name="task_status"),
]
