"""The words of the decisions app's demo (decisions/demo.py) and volume (decisions/volume.py): agenda items with
their discussion, decisions and actions, partners, pathway proposals and the incident log. Plain English, as the
office writes it. Placeholders: {month} (the month reported on), {quarter} (of the financial
year), {fy} (the financial year, 2026/27) and {next_fy} (the next one)."""

from __future__ import annotations

from typing import NamedTuple


class Item(NamedTuple):
    title: str
    purpose: str
    directorate: str  # code of the directorate that brings it
    portfolio: str  # name of the Cabinet portfolio
    discussion: str
    decision: str  # "" when the meeting only noted it
    actions: tuple[tuple[str, str], ...]  # (description, owner: "lead", "directorate" or "both")


CLT_ITEMS = [
    Item(
        "Revenue budget monitoring: {month} forecast",
        "To note the forecast outturn and agree the spending controls.",
        "RES",
        "Finance and Resources",
        "The Director of Finance reported a forecast overspend of £6.1m, mainly in temporary accommodation and "
        "children's placements. Directors were asked to hold vacancies other than front-line posts and to bring "
        "mitigations to the next meeting.",
        "CLT agreed the spending controls in section 4 of the report, to apply from the first of next month.",
        (
            ("Circulate the revised spending controls to all budget holders", "directorate"),
            ("Bring a recovery plan for temporary accommodation costs to CLT", "lead"),
        ),
    ),
    Item(
        "Temporary accommodation demand and the homelessness prevention plan",
        "To consider the rise in households in temporary accommodation and agree the prevention actions.",
        "HOR",
        "Housing",
        "Households in temporary accommodation have risen by 14% in a year, with 212 in nightly-paid rooms. CLT "
        "discussed moving prevention work earlier, the private rented sector offer and the pressure on the budget.",
        "CLT endorsed the prevention plan and asked Housing to report monthly on nightly-paid placements.",
        (
            ("Set up a monthly report on nightly-paid placements", "directorate"),
            ("Agree a landlord incentive scheme with Finance", "lead"),
        ),
    ),
    Item(
        "Medium Term Financial Strategy and savings proposals for {next_fy}",
        "To agree the savings proposals to go forward to Cabinet for consultation.",
        "RES",
        "Finance and Resources",
        "The budget gap for next year is £18.4m after the provisional settlement. Directors presented proposals "
        "totalling £15.2m; CLT asked for equality impact assessments on the proposals affecting adult social care "
        "and libraries before they go to Cabinet.",
        "CLT agreed the savings proposals for consultation, subject to the equality impact assessments.",
        (("Complete equality impact assessments on the social care and library proposals", "both"),),
    ),
    Item(
        "Ofsted inspection readiness: children's social care",
        "To review the self-evaluation and the improvement plan before the next inspection.",
        "CHE",
        "Children, Youth Services and Education",
        "The Corporate Director took CLT through the self-evaluation. Caseloads in the assessment teams are down "
        "to 18 on average; the quality of supervision records is the main risk. A mock inspection is booked.",
        "",
        (("Share the findings of the mock inspection with CLT", "lead"),),
    ),
    Item(
        "Hospital discharge and winter pressures in adult social care",
        "To agree the winter plan with the NHS for discharges from the Royal London Hospital.",
        "HAS",
        "Adult Social Care and Health",
        "Delayed discharges averaged 31 a day last winter. The plan adds 20 step-down beds and seven-day working "
        "for the brokerage team, paid from the Better Care Fund.",
        "CLT approved the winter plan and the use of £1.4m from the Better Care Fund.",
        (("Confirm the step-down bed contracts with the providers", "directorate"),),
    ),
    Item(
        "Corporate risk register: quarterly review",
        "To review the corporate risks and their ratings.",
        "RES",
        "Finance and Resources",
        "CLT reviewed the 14 corporate risks. The cyber security risk stays red; the risk on the housing repairs "
        "contract moves from amber to red because of the mobilisation delays.",
        "CLT agreed the revised risk ratings for the Audit Committee.",
        (("Update the risk register for the Audit Committee papers", "directorate"),),
    ),
    Item(
        "Local Plan: responses to the Regulation 18 consultation",
        "To note the main issues raised and the timetable to the next stage.",
        "PLE",
        "Regeneration, Inclusive Development and Housebuilding",
        "The consultation drew 1,840 responses, most about building heights on the Isle of Dogs and the loss of "
        "industrial land in Bromley-by-Bow. The timetable to the Regulation 19 stage holds.",
        "",
        (("Brief Cabinet Members on the main issues before the summer", "lead"),),
    ),
    Item(
        "Recruitment and retention of social workers",
        "To agree the recruitment campaign and the market supplement.",
        "CHE",
        "Children, Youth Services and Education",
        "Agency staff fill 27% of social worker posts. CLT discussed a market supplement for hard-to-fill teams, "
        "a partnership with two universities and a clearer career path for newly qualified staff.",
        "CLT agreed a 12-month market supplement for the assessment and court teams.",
        (
            ("Launch the social worker recruitment campaign", "directorate"),
            ("Report agency numbers to CLT every quarter", "lead"),
        ),
    ),
    Item(
        "Staff survey results and the workforce equality plan",
        "To consider the staff survey results and agree the actions.",
        "COM",
        "Equalities and Social Inclusion",
        "The response rate was 64%. Staff from Black and Asian backgrounds reported lower confidence in "
        "progression; CLT agreed each director will sponsor one action from the workforce equality plan.",
        "CLT agreed the workforce equality plan and the directors' sponsorship of its actions.",
        (("Publish the staff survey results and actions on the intranet", "directorate"),),
    ),
    Item(
        "Waste collection contract: mobilisation update",
        "To note progress on the new waste contract and the risks to the start date.",
        "PLE",
        "Environment and the Climate Emergency",
        "The new vehicles arrive in stages; the depot works are three weeks behind. Round changes will be "
        "explained to residents with a leaflet to every household four weeks before they start.",
        "",
        (("Agree the communications plan for the round changes", "lead"),),
    ),
    Item(
        "Household Support Fund: allocation for quarter {quarter}",
        "To agree how the next allocation of the Household Support Fund is spent.",
        "COM",
        "Equalities and Social Inclusion",
        "The allocation is £2.3m. CLT discussed free school meal vouchers in the holidays, energy top-ups for "
        "pensioners and the application route for residents not known to the council.",
        "CLT agreed the allocation in the table at paragraph 3.2.",
        (("Open the application route and tell the advice agencies", "directorate"),),
    ),
    Item(
        "Damp and mould: housing disrepair improvement plan",
        "To review progress against the disrepair plan and the new legal duties on landlords.",
        "HOR",
        "Housing",
        "Reports of damp and mould are now triaged within two working days. 430 cases are open, 61 of them over "
        "the time the new rules allow. CLT asked for a weekly report until the backlog is cleared.",
        "CLT agreed extra surveyor capacity for six months, funded from the Housing Revenue Account.",
        (
            ("Send CLT a weekly report on the damp and mould backlog", "lead"),
            ("Write to every household with an open case with the date of the survey", "directorate"),
        ),
    ),
    Item(
        "Corporate performance report: quarter {quarter}",
        "To review the council's performance indicators for the quarter.",
        "RES",
        "Finance and Resources",
        "Of 42 indicators, 29 are on target. Council tax collection and the time taken to answer calls in the "
        "contact centre are below target; Resources will report on both.",
        "",
        (("Report on council tax collection and contact centre waiting times", "directorate"),),
    ),
    Item(
        "Summer events programme in Victoria Park",
        "To agree the council's position on the summer events and the community benefit fund.",
        "COM",
        "Culture and Recreation",
        "Residents near the park raised noise and litter. CLT discussed stricter noise limits, more free "
        "community days and how the community benefit fund is spent in the neighbouring wards.",
        "CLT agreed to recommend stricter noise conditions and two free community days to the Mayor.",
        (("Draft the advice to the Mayor on the events programme", "lead"),),
    ),
]

CABINET_ITEMS = [
    Item(
        "Capital programme {fy}: quarter {quarter} monitoring",
        "To note capital spending to date and agree changes to the programme.",
        "RES",
        "Finance and Resources",
        "The Cabinet Member for Finance and Resources introduced the report. Spending is £63m against a budget "
        "of £118m; most of the slippage is on the housebuilding programme. Members asked about the schools "
        "condition works, which are on track.",
        "Cabinet noted the spending to date and agreed to move £14.2m of housebuilding spending into {next_fy}.",
        (("Update the capital programme for the Budget Council papers", "directorate"),),
    ),
    Item(
        "Housing Revenue Account business plan",
        "To agree the 30-year business plan for council housing.",
        "HOR",
        "Housing",
        "The Deputy Mayor for Housing presented the plan. It funds 1,000 new council homes over ten years and "
        "raises spending on repairs by 12%. Members asked about the rent increase and the support for tenants "
        "who pay their own rent.",
        "Cabinet agreed the Housing Revenue Account business plan and the rent increase of 4.8%.",
        (("Write to all tenants about the rent increase and the support available", "directorate"),),
    ),
    Item(
        "Unpaid carers' strategy",
        "To adopt the strategy for supporting the borough's unpaid carers.",
        "HAS",
        "Adult Social Care and Health",
        "The Cabinet Member for Adult Social Care and Health explained the strategy, written with carers: a "
        "carers' assessment within four weeks, short breaks and help back into work. Members asked how young "
        "carers would be found and supported through schools.",
        "Cabinet adopted the unpaid carers' strategy.",
        (("Agree with schools how young carers are identified and referred", "directorate"),),
    ),
    Item(
        "Parks and open spaces strategy",
        "To adopt the strategy for the borough's parks and open spaces.",
        "PLE",
        "Environment and the Climate Emergency",
        "The strategy sets out new play areas, more trees on estates and longer opening hours for the toilets "
        "in the larger parks. Members welcomed the commitment to keep every park free to enter.",
        "Cabinet adopted the parks and open spaces strategy.",
        (
            ("Publish the adopted strategy and the delivery plan", "directorate"),
            ("Bring the list of play areas to be renewed first to the Cabinet Member", "lead"),
        ),
    ),
    Item(
        "Community Safety Partnership plan",
        "To agree the council's part in the partnership's plan.",
        "COM",
        "Safer Communities",
        "The Cabinet Member for Safer Communities set out the priorities: violence against women and girls, "
        "anti-social behaviour on estates and drug markets. The police borough commander attended for this item.",
        "Cabinet agreed the council's commitments in the Community Safety Partnership plan.",
        (("Report progress on the estate anti-social behaviour pilot", "lead"),),
    ),
    Item(
        "Idea Stores and libraries strategy",
        "To agree the strategy for the borough's Idea Stores and libraries.",
        "COM",
        "Culture and Recreation",
        "Opening hours return to pre-pandemic levels at the four Idea Stores; the two smallest libraries move "
        "into the new community hubs. Several residents spoke at the meeting about the Cubitt Town library.",
        "Cabinet agreed the strategy, with a promise to keep a library service on the Isle of Dogs.",
        (("Publish the consultation report alongside the decision", "directorate"),),
    ),
    Item(
        "Treasury management: mid-year review",
        "To note the council's borrowing and investments and recommend the review to Full Council.",
        "RES",
        "Finance and Resources",
        "The Director of Finance reported borrowing of £412m, all within the limits Full Council set, and "
        "investment income £1.1m above the budget because of higher interest rates.",
        "Cabinet noted the review and recommended it to Full Council.",
        (("Put the review on the Full Council agenda", "lead"),),
    ),
    Item(
        "Whitechapel market improvements",
        "To agree the improvement works to Whitechapel market and the new pitch fees.",
        "PLE",
        "Jobs, Skills and Growth",
        "The works give the market new pitches with power and water, better lighting and a waste compound. "
        "Traders asked for the works to avoid Ramadan and the Christmas trading period.",
        "Cabinet agreed the improvement works and the pitch fees in Appendix 2.",
        (("Agree the works timetable with the market traders' association", "directorate"),),
    ),
    Item(
        "Youth service offer",
        "To agree the new youth service model.",
        "CHE",
        "Children, Youth Services and Education",
        "The new model keeps six youth centres open five evenings a week and adds detached youth work in the "
        "areas with most anti-social behaviour. Young people from the youth council presented their views.",
        "Cabinet agreed the youth service model and the procurement of the detached youth work.",
        (("Start the procurement of the detached youth work contract", "directorate"),),
    ),
    Item(
        "School place planning",
        "To note the forecast of school places and agree the next steps.",
        "CHE",
        "Children, Youth Services and Education",
        "Primary rolls are falling in the west of the borough and rising on the Isle of Dogs. Members discussed "
        "how to support schools with falling rolls without closures.",
        "Cabinet noted the forecast and agreed to consult schools on reducing admission numbers in the west.",
        (("Start the consultation with the schools concerned", "directorate"),),
    ),
    Item(
        "Cost of living: the council's support for residents",
        "To agree the cost of living programme for the winter.",
        "COM",
        "Equalities and Social Inclusion",
        "The programme funds warm spaces in 28 community buildings, advice sessions in the Idea Stores and a "
        "fund for emergency help with energy bills.",
        "Cabinet agreed the cost of living programme and its funding of £3.2m.",
        (("Publish the list of warm spaces and their opening times", "directorate"),),
    ),
]

PEG_ITEMS = [
    Item(
        "Safer streets: joint tasking with the Metropolitan Police",
        "To review joint work on street crime and anti-social behaviour.",
        "COM",
        "Safer Communities",
        "The Chief Superintendent reported a fall in robbery around Whitechapel station. Partners agreed to "
        "share the CCTV control room with the police for the night-time economy.",
        "",
        (("Draft the information sharing agreement for the CCTV control room", "directorate"),),
    ),
    Item(
        "Health inequalities: the Marmot borough programme",
        "To agree the partnership's priorities for reducing health inequalities.",
        "HAS",
        "Adult Social Care and Health",
        "NHS North East London presented the data on life expectancy by ward. Partners agreed to focus first on "
        "childhood obesity and on the uptake of health checks among men over 40.",
        "",
        (("Bring a joint action plan on childhood obesity to the next meeting", "lead"),),
    ),
    Item(
        "Employment and skills: the Good Work pledge",
        "To agree how partners sign up local employers to the Good Work pledge.",
        "PLE",
        "Jobs, Skills and Growth",
        "New City College and the Chamber of Commerce described the apprenticeship programme. 46 employers have "
        "signed the pledge; the target is 100 by the end of the year.",
        "",
        (("Invite the largest employers in Canary Wharf to sign the pledge", "lead"),),
    ),
    Item(
        "Winter resilience across health and care",
        "To agree the partners' joint winter plan.",
        "HAS",
        "Adult Social Care and Health",
        "Partners reviewed the plan for discharges, the flu and COVID-19 vaccination campaign and the support for "
        "rough sleepers in severe weather.",
        "",
        (("Confirm the severe weather shelter arrangements with the voluntary sector", "directorate"),),
    ),
    Item(
        "Voluntary and community sector funding",
        "To discuss the future of the community grants programme with partners.",
        "COM",
        "Equalities and Social Inclusion",
        "The Council for Voluntary Service described the pressure on small charities. Partners agreed to align "
        "their grant rounds so that groups can apply once for several funds.",
        "",
        (("Map the partners' grant rounds and their timetables", "lead"),),
    ),
    Item(
        "Housing and health: damp and mould in social housing",
        "To agree a joint approach between housing providers and the NHS on damp and mould.",
        "HOR",
        "Housing",
        "GPs will refer patients whose health is affected by damp to the landlord through one route. The housing "
        "associations agreed to report their damp and mould figures to the group every quarter.",
        "",
        (("Set up the single referral route from GPs to landlords", "directorate"),),
    ),
]

OPEN_ITEMS_WAITING = {  # unplaced items on the forward agenda planner: (body short name, title, directorate)
    "CLT": [
        ("Digital strategy refresh", "RES"),
        ("Leisure centres: options for the future management", "COM"),
    ],
    "CAB": [("Parking policy review", "PLE")],
}

CLT_OTHERS = "Stephen Hale, Chief Executive (chair)\nJanet Fasan, Director of Legal Services and Monitoring Officer"
CABINET_OTHERS = (
    "Stephen Hale, Chief Executive\nJanet Fasan, Director of Legal Services and Monitoring Officer\n"
    "Kevin Bartle, Director of Finance (Section 151 Officer)\nCllr Abdul Karim, Chair of Overview and Scrutiny"
)
PARTNERS = (
    "Chief Superintendent Mark Lewis, Metropolitan Police (Central East)\n"
    "Fiona Grant, Place Director, NHS North East London\n"
    "Dr Aisha Siddiqui, Clinical Director, Primary Care Network\n"
    "Gary Oakes, Principal, New City College\n"
    "Ruth Adebayo, Chief Executive, Eastbridge Council for Voluntary Service\n"
    "Station Commander Paul Devlin, London Fire Brigade\n"
    "Simon Wood, Chief Executive, Poplar HARCA\n"
    "Kerry Lamb, Chief Executive, Eastbridge Chamber of Commerce"
)
SCRUTINY_CHAIR = "Cllr Abdul Karim, Chair of the Overview and Scrutiny Committee"

UPDATES_IN_PROGRESS = [
    "Draft circulated to the directors for comment; final version due next week.",
    "Meeting with the service held; waiting for the figures from Finance.",
    "Work started; the lead officer was on leave for two weeks, so it is running late.",
    "First draft done; needs sign-off from the Corporate Director.",
]
UPDATES_DONE = [
    "Done and reported back at the meeting.",
    "Completed; the paper was circulated to the members of the meeting.",
    "Done: confirmed by email to the Head of Mayor's Office.",
]
UPDATES_DROPPED = ["No longer needed: overtaken by the decision at Cabinet."]

# Actions added by hand, not from a meeting: (description, owner: "head" or a directorate code, working days due)
HAND_ACTIONS = [
    ("Review the Mayor's Office business continuity plan", "head", 25),
    ("Collect the directorates' entries for the Forward Plan", "RES", 8),
    ("Chase the Brierley House fire lessons-learned report", "HOR", -6),
]

# The Decision Pathway: (title, summary, directorate, portfolio, value in pounds or None, wards ("all" or names),
# scenario). Scenarios are read by decisions/demo_pathway.py.
PATHWAY_ITEMS = [
    (
        "Acquisition of land at Leven Road for affordable housing",
        "Buying a former industrial site to build about 180 council homes.",
        "HOR",
        "Regeneration, Inclusive Development and Housebuilding",
        6_200_000,
        ["Bromley North"],
        "decided_exempt",
    ),
    (
        "Expansion of Bow Common Primary School by one form of entry",
        "Building works to add 210 places from September, to meet demand in Bow.",
        "CHE",
        "Children, Youth Services and Education",
        8_400_000,
        ["Bow East", "Bow West"],
        "decided",
    ),
    (
        "Procurement of the housing repairs and maintenance contract",
        "A new ten-year contract for responsive repairs to council homes.",
        "HOR",
        "Housing",
        45_000_000,
        "all",
        "at_cabinet",
    ),
    (
        "Block booking of nightly-paid temporary accommodation",
        "A framework of block-booked units to reduce the cost of nightly-paid rooms.",
        "HOR",
        "Housing",
        2_800_000,
        ["Poplar", "Limehouse"],
        "breach",
    ),
    (
        "Emergency works to Brierley House after the fire",
        "Fire-stopping, electrical and lift works so residents can return before the winter.",
        "HOR",
        "Housing",
        1_200_000,
        ["Poplar"],
        "exception",
    ),
    (
        "Air quality action plan 2027–2032",
        "School streets, electric vehicle charging and freight consolidation across the borough.",
        "PLE",
        "Environment and the Climate Emergency",
        None,
        "all",
        "second_cabinet",
    ),
    (
        "Council tax reduction scheme {next_fy}",
        "The scheme of support with council tax for low-income households; Full Council sets it.",
        "RES",
        "Finance and Resources",
        31_000_000,
        "all",
        "full_council",
    ),
    (
        "Roman Road town centre plan",
        "Guidance for planning decisions, shopfront improvements and a market strategy.",
        "PLE",
        "Jobs, Skills and Growth",
        None,
        ["Bow West", "Bow East"],
        "deferred_at_clt",
    ),
    (
        "Detached youth work contract",
        "A three-year contract for youth workers on the streets where young people gather.",
        "CHE",
        "Children, Youth Services and Education",
        380_000,
        ["Shadwell"],
        "at_advisory_board",
    ),
    (
        "Adult social care charging policy review",
        "Bringing the charges for care at home into line with the national guidance.",
        "HAS",
        "Adult Social Care and Health",
        None,
        "all",
        "proposed",
    ),
    (
        "Leisure centre management contract: two-year extension",
        "Extending the current contract while the options for the leisure centres are reviewed.",
        "COM",
        "Culture and Recreation",
        900_000,
        ["Mile End"],
        "withdrawn",
    ),
    (
        "Community grants programme 2027–2030",
        "Three-year grants to small community groups, chosen by a panel of residents.",
        "COM",
        "Equalities and Social Inclusion",
        450_000,
        ["Spitalfields"],
        "decided_small",
    ),
]
