from django.urls import path

from briefings.views import background, commissions, home, issue, library, packs, sections

app_name = "briefings"

urlpatterns = [
    path("", home.index, name="index"),
    # packs (views/packs.py)
    path("packs/", packs.pack_list, name="pack_list"),
    path("packs/new/", packs.pack_create, name="pack_create"),
    path("engagements/", packs.engagement_list, name="engagement_list"),
    path("packs/<int:pk>/", packs.pack, name="pack"),
    path("packs/<int:pk>/edit/", packs.pack_edit, name="pack_edit"),
    path("packs/<int:pk>/withdraw/", packs.pack_withdraw, name="pack_withdraw"),
    path("packs/<int:pk>/draft.pdf", issue.pack_draft_pdf, name="pack_draft_pdf"),
    # sections (views/sections.py)
    path("packs/<int:pk>/sections/new/", sections.section_add, name="section_add"),
    path("packs/<int:pk>/sections/reorder/", sections.section_reorder, name="section_reorder"),
    path("sections/<int:pk>/edit/", sections.section_edit, name="section_edit"),
    path("sections/<int:pk>/remove/", sections.section_remove, name="section_remove"),
    path("sections/<int:pk>/paper/", sections.section_paper, name="section_paper"),
    path("sections/<int:pk>/paper.pdf", sections.section_paper_download, name="section_paper_download"),
    # background from the office's own records (views/background.py)
    path("packs/<int:pk>/background/", background.background_propose, name="background_propose"),
    # commissions (views/commissions.py)
    path("sections/<int:pk>/commission/", commissions.commission_create, name="commission_create"),
    path("commissions/", commissions.commission_list, name="commission_list"),
    path("commissions/<int:pk>/", commissions.commission, name="commission"),
    path("commissions/<int:pk>/draft/", commissions.commission_draft, name="commission_draft"),
    path("commissions/<int:pk>/submit/", commissions.commission_submit, name="commission_submit"),
    path("commissions/<int:pk>/accept/", commissions.commission_accept, name="commission_accept"),
    path("commissions/<int:pk>/return/", commissions.commission_return, name="commission_return"),
    path("commissions/<int:pk>/cancel/", commissions.commission_cancel, name="commission_cancel"),
    # clearance, issue and versions (views/issue.py)
    path("packs/<int:pk>/clear/", issue.pack_clear, name="pack_clear"),
    path("packs/<int:pk>/reopen/", issue.pack_reopen, name="pack_reopen"),
    path("packs/<int:pk>/issue/", issue.pack_issue, name="pack_issue"),
    path("packs/<int:pk>/revise/", issue.pack_revise, name="pack_revise"),
    path("packs/<int:pk>/latest.pdf", issue.pack_latest_pdf, name="pack_latest_pdf"),
    path("packs/<int:pk>/versions/<int:number>/", issue.version, name="version"),
    path("packs/<int:pk>/versions/<int:number>/pack.pdf", issue.version_pdf, name="version_pdf"),
    path("packs/<int:pk>/versions/<int:number>/progress/", issue.version_progress, name="version_progress"),
    path("packs/<int:pk>/versions/<int:number>/changes/", issue.version_changes, name="version_changes"),
    # the speech library (views/library.py)
    path("library/", library.passage_list, name="passage_list"),
    path("library/new/", library.passage_create, name="passage_create"),
    path("library/<int:pk>/", library.passage, name="passage"),
    path("library/<int:pk>/edit/", library.passage_edit, name="passage_edit"),
    path("sections/<int:pk>/insert/", library.passage_insert, name="passage_insert"),
]
