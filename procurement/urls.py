from django.urls import path

from procurement.views import approvals, budgets, home, reports, requisitions, suppliers

app_name = "procurement"

urlpatterns = [
    path("", home.index, name="index"),
    # requisitions (views/requisitions.py)
    path("requisitions/", requisitions.requisition_list, name="requisition_list"),
    path("requisitions/export.csv", requisitions.requisition_export, name="requisition_export"),
    path("requisitions/new/", requisitions.requisition_create, name="requisition_create"),
    path("requisitions/<int:pk>/", requisitions.requisition, name="requisition"),
    path("requisitions/<int:pk>/edit/", requisitions.requisition_edit, name="requisition_edit"),
    path("requisitions/<int:pk>/quotes/new/", requisitions.quote_add, name="quote_add"),
    path("quotes/<int:pk>/file/", requisitions.quote_file, name="quote_file"),
    path("requisitions/<int:pk>/submit/", requisitions.requisition_submit, name="requisition_submit"),
    path("requisitions/<int:pk>/cancel/", requisitions.requisition_cancel, name="requisition_cancel"),
    # approvals and what follows them (views/approvals.py)
    path("approvals/", approvals.approval_list, name="approval_list"),
    path("requisitions/<int:pk>/approve/", approvals.requisition_approve, name="requisition_approve"),
    path("requisitions/<int:pk>/return/", approvals.requisition_return, name="requisition_return"),
    path("requisitions/<int:pk>/reject/", approvals.requisition_reject, name="requisition_reject"),
    path("requisitions/<int:pk>/override/", approvals.requisition_override, name="requisition_override"),
    path("requisitions/<int:pk>/order/", approvals.requisition_raise_po, name="requisition_raise_po"),
    path("requisitions/<int:pk>/receive/", approvals.requisition_receive, name="requisition_receive"),
    path("requisitions/<int:pk>/invoice/", approvals.requisition_invoice, name="requisition_invoice"),
    # budgets (views/budgets.py)
    path("budgets/", budgets.budget_list, name="budget_list"),
    path("budgets/<int:pk>/", budgets.budget_line, name="budget_line"),
    path("budgets/<int:pk>/allocate/", budgets.budget_allocate, name="budget_allocate"),
    path("transfers/", budgets.transfer_list, name="transfer_list"),
    path("transfers/new/", budgets.transfer_request, name="transfer_request"),
    path("transfers/<int:pk>/decide/", budgets.transfer_decide, name="transfer_decide"),
    # reports (views/reports.py)
    path("reports/budget/", reports.budget_report, name="budget_report"),
    path("reports/budget.<str:fmt>", reports.budget_report_export, name="budget_report_export"),
    path("reports/requisitions/", reports.requisition_report, name="requisition_report"),
    path("reports/year-end/", reports.year_end, name="year_end"),
    path("reports/transparency/", reports.transparency, name="transparency"),
    # suppliers (views/suppliers.py)
    path("suppliers/", suppliers.supplier_list, name="supplier_list"),
    path("suppliers/new/", suppliers.supplier_create, name="supplier_create"),
]
