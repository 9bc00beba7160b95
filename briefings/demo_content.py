"""The words of the demo packs and the speech library (briefings/demo.py puts them in): what the Mayor's Office of
the London Borough of Eastbridge would write. Markdown, as officers type it in the app."""

from __future__ import annotations

from datetime import date

from briefings.models.library import PassageKind

# (title, kind, body, source, source date, review in days from today: negative is past its review date)
PASSAGES = [
    (
        "The council's vision: a fairer Eastbridge",
        PassageKind.VISION,
        "Our ambition is simple: an Eastbridge where everyone can afford a secure home, every child gets the best "
        "start, and no resident is left behind as the borough grows. We will get there by working with the people "
        "who live and work here, not by doing things to them.",
        "",
        None,
        240,
    ),
    (
        "Cost of living: what the council is doing",
        PassageKind.VISION,
        "We know the last few years have been hard for many families. That is why we have kept the Council Tax "
        "Support scheme at its most generous level in London, funded free school meals for every primary pupil, "
        "and opened twelve warm and welcoming spaces in libraries and community centres across the borough.",
        "",
        None,
        120,
    ),
    (
        "Housing: our commitment",
        PassageKind.VISION,
        "Decent, affordable homes are the foundation of everything else. We are building the largest programme of "
        "new council homes in Eastbridge for a generation, and we will not rest while families wait in temporary "
        "accommodation.",
        "",
        None,
        180,
    ),
    (
        "Biography: Mayor Amina Rahman",
        PassageKind.BIOGRAPHY,
        "Amina Rahman was elected Executive Mayor of Eastbridge in May 2026. Born and raised in Bow, she was a "
        "councillor for Bow East for eight years and Cabinet Member for Housing before her election. Before "
        "entering local politics she worked as a housing caseworker for a tenants' advice charity in Poplar.",
        "",
        None,
        300,
    ),
    (
        "Biography: Cllr James Whitmore, Statutory Deputy Mayor",
        PassageKind.BIOGRAPHY,
        "Cllr James Whitmore is the Statutory Deputy Mayor and Cabinet Member for Housing. He has represented "
        "Poplar ward since 2018 and chaired the council's Housing Scrutiny Sub-Committee. He leads the council's "
        "new homes programme and its work with housing associations.",
        "",
        None,
        300,
    ),
    (
        "Biography: Cllr Nadia Begum, Deputy Mayor",
        PassageKind.BIOGRAPHY,
        "Cllr Nadia Begum is Deputy Mayor and Cabinet Member for Children, Youth Services and Education, and "
        "councillor for Whitechapel. A former secondary school teacher, she is a governor of two Eastbridge schools "
        "and chairs the Eastbridge Education Partnership.",
        "",
        None,
        300,
    ),
    (
        "Biography: Cllr Oliver Grant",
        PassageKind.BIOGRAPHY,
        "Cllr Oliver Grant is Cabinet Member for Finance and Resources and councillor for Canary Wharf. He is an "
        "accountant by profession and leads on the council's budget, its commercial property and its counter-fraud "
        "work.",
        "",
        None,
        300,
    ),
    (
        "New council homes started",
        PassageKind.STATISTIC,
        "The council started building **1,146 new council homes** between April 2022 and March 2026, more than in "
        "the previous twenty years together.",
        "Housing and Regeneration, new homes programme quarterly report (Q4 2025/26)",
        date(2026, 4, 30),
        150,
    ),
    (
        "Eastbridge's population",
        PassageKind.STATISTIC,
        "Eastbridge is home to **331,000 people**, one of the youngest populations in England: almost a third of "
        "residents are under 25.",
        "Office for National Statistics, mid-year population estimates 2025",
        date(2026, 6, 26),
        200,
    ),
    (
        "Children in low-income families",
        PassageKind.STATISTIC,
        "**41 per cent** of children in Eastbridge live in low-income families after housing costs, the highest "
        "proportion of any London borough.",
        "End Child Poverty Coalition, local indicators 2025",
        date(2025, 6, 12),
        90,
    ),
    (
        "Households in temporary accommodation",
        PassageKind.STATISTIC,
        "**2,870 households** were living in temporary accommodation arranged by the council at the end of March 2025.",
        "Ministry of Housing, Communities and Local Government, statutory homelessness live tables (Q4 2024/25)",
        date(2025, 7, 31),
        -45,  # past its review date: the newer figure has been published
    ),
    (
        "Quotation: on the borough's history",
        PassageKind.QUOTE,
        "“Eastbridge has always been a place where people arrive with little and build a life. Our job is to keep "
        "it that way.” (Mayor Amina Rahman, State of the Borough address, July 2026)",
        "State of the Borough address",
        date(2026, 7, 9),
        365,
    ),
]

SUMMARY = {
    "question time": (
        "The Mayor answers residents' questions at the Whitechapel Idea Store. About 120 residents have registered; "
        "the event is streamed on the council's channels.\n\n"
        "**Likely themes:** the housing waiting list and temporary accommodation, the Whitechapel Road "
        "low-traffic scheme, antisocial behaviour around Altab Ali Park, and the future of the Bethnal Green "
        "leisure centre."
    ),
    "question time key messages": (
        "- We are building more council homes than at any time in a generation.\n"
        "- The low-traffic scheme is a trial: residents' views will shape the decision in March.\n"
        "- Two more Safer Neighbourhood officers start in Whitechapel in January."
    ),
    "question time qa": (
        "**Q: Why has my family waited six years for a transfer?**\n\n"
        "A: Far too many families are waiting, and I am sorry. We are building 1,146 new council homes and have "
        "asked the housing team to look at your case today: please leave your details with my office.\n\n"
        "**Q: Is the leisure centre closing?**\n\n"
        "A: No decision has been taken. The consultation closes on 15 January and Cabinet will consider the "
        "options in February."
    ),
    "homes site visit": (
        "Cllr Whitmore visits the Blackwall Reach development, where 242 homes (152 at council rent) are being "
        "built by the council's contractor. The first 60 homes are due to be handed over in spring 2027.\n\n"
        "The Housing and Regeneration directorate has been asked for the latest programme figures."
    ),
    "school visit": (
        "Cllr Begum visits Bow Common Primary School to see its breakfast club and the new special educational "
        "needs resource base, opened in September with twelve places."
    ),
    "school commission": (
        "Bow Common Primary is rated Good (Ofsted, March 2025). 418 pupils on roll; 38 per cent are eligible for "
        "free school meals. The resource base for pupils with autism opened in September 2026 and is full, with "
        "four children on the waiting list.\n\n"
        "The head teacher, Mrs Joanne Akintola, is likely to raise the shortfall in high-needs funding for the "
        "base in its second year."
    ),
    "partnership": (
        "The Health and Wellbeing Partnership Board meets at the Royal London Hospital. The Mayor chairs the item "
        "on winter pressures and hospital discharge.\n\n"
        "**The ask of the Mayor:** to confirm the council's £1.2 million towards extra home care packages over the "
        "winter, agreed by Cabinet in November."
    ),
    "partnership risks": (
        "- NHS North East London may ask the council to fund beds in care homes beyond the agreed sum: the "
        "Mayor should not commit further money at the meeting.\n"
        "- Delayed discharges rose 14 per cent on last winter; the hospital trust may present this as a council "
        "failing. The figure includes patients waiting for NHS community beds."
    ),
    "london councils": (
        "The London Councils leaders' committee considers the joint submission to the Government's local "
        "government finance settlement and the pan-London temporary accommodation rates agreement.\n\n"
        "Eastbridge supports the submission. On temporary accommodation, the Mayor is asked to back the capped "
        "nightly rates, which would save the council an estimated £3.4 million a year."
    ),
    "london councils v2": (
        "\n\n**Update:** the Treasury has confirmed the settlement will be published on 17 December, after the "
        "meeting; the committee will agree a holding statement instead. The line on temporary accommodation is "
        "unchanged."
    ),
    "cabinet": (
        "Briefing for Cabinet. The main items are the budget monitoring report at month 8 (a forecast overspend of "
        "£4.1 million, mostly in temporary accommodation and children's placements), the Housing Revenue Account "
        "business plan, and the award of the highways maintenance contract."
    ),
    "cabinet press": (
        'If asked about the overspend: "Like every council in London we face rising demand for temporary '
        "accommodation and children's care. We have a plan to balance the budget and protect front-line services.\""
    ),
    "interview": (
        "Interview with the Eastbridge Advertiser about the Mayor's first six months: housing, the cost of living "
        "and the Whitechapel low-traffic trial."
    ),
    "lansbury": (
        "Meeting with the Lansbury Residents' Association about the fire safety works on Brabazon House and "
        "Gladstone Court.\n\n"
        "The association's chair has complained on behalf of a resident whose family was moved out for eight weeks "
        "during the works; the complaint is at stage 2 and the Housing Ombudsman has been contacted. The Mayor "
        "should not discuss the individual case in the meeting."
    ),
    "budget speech": (
        "Draft of the Mayor's speech moving the budget at Budget Council on 25 February.\n\n"
        "Chair, colleagues, this is a budget for a fairer Eastbridge."
    ),
}

PAPER_HTML = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>@page {{ size: A4; margin: 20mm; }} body {{ font-family: sans-serif; font-size: 11pt; }}
h1 {{ font-size: 18pt; }} table {{ border-collapse: collapse; width: 100%; }}
td, th {{ border: 1px solid #999; padding: 4px 6px; text-align: left; }}</style></head><body>
<h1>{title}</h1>
<p>London Borough of Eastbridge · Strategy, Policy and Improvement · November 2026</p>
<p>This summary sets out what residents told us in the autumn Residents' Survey (1,204 face-to-face interviews
across all twenty wards, September to October 2026).</p>
<table><tr><th>Measure</th><th>2025</th><th>2026</th></tr>
<tr><td>Satisfied with the local area as a place to live</td><td>78%</td><td>80%</td></tr>
<tr><td>Feel the council keeps residents well informed</td><td>54%</td><td>57%</td></tr>
<tr><td>Top concern: affordable housing</td><td>41%</td><td>44%</td></tr>
<tr><td>Top concern: crime and antisocial behaviour</td><td>35%</td><td>31%</td></tr></table>
<p style="page-break-before: always">Annex: questions most often raised at ward forums this year were the housing
waiting list, repairs to council homes, street cleanliness, and the low-traffic trials.</p>
</body></html>"""
