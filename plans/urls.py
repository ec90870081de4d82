from django.urls import path

from . import views

app_name = "plans"

C = "cases/<int:case_id>/"

urlpatterns = [
    path(f"{C}plan/", views.plan_overview, name="overview"),
    path(f"{C}plan/revise/", views.plan_revise, name="revise"),
    path(f"{C}plans/<int:plan_id>/", views.plan_detail, name="detail"),
    path(f"{C}plans/<int:plan_id>/agree/", views.plan_agree, name="agree"),
    path(f"{C}plans/<int:plan_id>/goals/new/", views.goal_new, name="goal_new"),
    path(f"{C}plans/<int:plan_id>/goals/<int:goal_id>/", views.goal_edit, name="goal_edit"),
    path(f"{C}plans/<int:plan_id>/goals/<int:goal_id>/steps/new/", views.step_new, name="step_new"),
    path(f"{C}steps/<int:step_id>/status/", views.step_status, name="step_status"),
    path(f"{C}plans/<int:plan_id>/review/", views.review_new, name="review_new"),
    path(f"{C}plans/<int:plan_id>/plan.pdf", views.plan_pdf, name="plan_pdf"),
    path(f"{C}plans/<int:plan_id>/agreement/new/", views.agreement_new, name="agreement_new"),
    path(f"{C}agreements/<int:agreement_id>/", views.agreement_detail, name="agreement"),
    path(f"{C}agreements/<int:agreement_id>/sign/", views.agreement_sign, name="agreement_sign"),
    path(
        f"{C}agreements/<int:agreement_id>/agreement.pdf", views.agreement_pdf, name="agreement_pdf"
    ),
    path(f"{C}obligations/<int:obligation_id>/", views.obligation_edit, name="obligation_edit"),
    path(
        f"{C}obligations/<int:obligation_id>/evidence/",
        views.obligation_evidence,
        name="obligation_evidence",
    ),
]
