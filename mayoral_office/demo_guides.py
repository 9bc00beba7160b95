"""The demo's how-to guides: a handful of the office's "How do I ...?" guides, each linked from the page it explains,
written through the service as the Head of Mayor's Office would write them (one is due for review, so the chase and
the list show it)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from mayoral_office import guides
from mayoral_office.models import Guide, User

GUIDES = [
    (
        "How do I log a case from a letter or an email?",
        "From the post bag or the Mayor's inbox to a case with a target date, in five steps.",
        "casework:create",
        "cabinet.support",
        120,
        """## Before you start
Have the letter or email in front of you. If it came by email, save it as a file: you can attach it to the case.

## Steps
1. Choose **Casework**, then **Log a case**.
2. Type the correspondent's surname or postcode: the form shows the people already known. Pick them if they are
   the same person, so their cases stay together.
3. Choose the member it is addressed to and the case type. The target dates follow from the type, in working days.
4. Write a short subject (what the resident wants) and paste the letter's text into the body.
5. Save. The case is in the *Received* stage and the reference is shown at the top.

## Good to know
- A case marked **confidential** is seen only by its officer and the Head of Mayor's Office.
- Duplicates: if the same person wrote about the same thing this month, the page says so. Link the cases.
""",
    ),
    (
        "How do I put a case on hold?",
        "When we are waiting for the resident, the clock stops until the case is resumed.",
        "casework:detail",
        "head.office",
        200,
        """A case on hold does not count towards its target: the working days it spends on hold are added to its due
date when it is resumed.

1. Open the case and choose **Put on hold**.
2. Say why (for example, *waiting for the resident's photographs*).
3. When the answer comes, choose **Resume**. The new due date is shown on the timeline.

Do not put a case on hold because a directorate is slow to answer: ask for a **contribution** instead, so the
directorate is chased.
""",
    ),
    (
        "How do I prepare the Mayor's week-ahead?",
        "The Friday pack of next week's engagements, with their briefings.",
        "diary:week",
        "exec.support",
        -3,
        """## Every Friday by noon
1. Open **Diary**, choose **Week** and go to next week.
2. Check each engagement has a briefing pack *cleared*: the badge on the engagement says so.
3. Choose **Week-ahead PDF** and read it through.
4. Email it to the Mayor's private office and print two copies.

If an engagement is cancelled after the pack is sent, tell the Mayor's driver and diary secretary by phone.
""",
    ),
    (
        "How do I raise a requisition?",
        "Buying something for the office against a budget line, with the quotes the value needs.",
        "procurement:requisition_create",
        "head.office",
        300,
        """1. Choose **Procurement**, then **Raise a requisition**.
2. Choose the budget line and the supplier; add a line for each thing bought, with its VAT rate.
3. Attach the quotes: the requisition says how many its value needs.
4. Submit. It goes to the budget holder, and on to the next approver if the value needs it.

A requisition over the contract threshold needs a contract notice reference before its purchase order is raised.
""",
    ),
]


def seed(stdout=None) -> None:
    if Guide.objects.exists():
        return
    head = User.objects.filter(email__startswith="head.office@").first()
    if head is None:
        return
    today = timezone.localdate()
    pages = dict(guides.page_choices())
    for title, summary, page, owner, review_in_days, body in GUIDES:
        owner_user = User.objects.filter(email__startswith=f"{owner}@").first() or head
        guide = guides.guide_save(
            actor=head,
            title=title,
            summary=summary,
            body=body,
            page=page if page in pages else "",
            owner=owner_user,
            review_on=today + timedelta(days=max(review_in_days, 0)),
        )
        if review_in_days < 0:  # written long ago and now overdue for review: as the demo's office would have it
            Guide.objects.filter(pk=guide.pk).update(review_on=today + timedelta(days=review_in_days))
    if stdout:
        stdout.write(f"  {len(GUIDES)} how-to guides\n")
