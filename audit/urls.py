from django.urls import path

from . import views

app_name = "audit"

urlpatterns = [path("sign-ins/", views.sign_ins, name="sign_ins")]
