"""What the procurement demo is made of (procurement/demo.py): the people it names, suppliers, cost centres and
budget lines, this year's requisitions (one for each state, a line nearly spent and a split attempt) and last
year's history."""

from __future__ import annotations

from dataclasses import dataclass, field

S, R, Z = "standard", "reduced", "zero"

# (email local part, name, job title, the part procurement names them for)
PEOPLE = [
    ("finance.approver", "Sunil Varma", "Finance Business Partner (finance approver)", "finance_approvers"),
    ("director.resources", "Helen Marsh", "Director of Resources (approves at the Director's tier)", "directors"),
    ("procurement.officer", "Tom Reid", "Procurement Officer (tenders)", "procurement_team"),
]

# (name, company number, sole trader)
SUPPLIERS = [
    ("Eastbridge Catering Ltd", "04417723", False),
    ("Print Works Ltd", "06120458", False),
    ("LinguaLink Ltd", "08833190", False),
    ("Signs Together CIC", "11204576", False),
    ("Office Furniture Direct Ltd", "03998211", False),
    ("Stationery Co Ltd", "02761104", False),
    ("LGC Publishing Ltd", "05540327", False),
    ("Eastbridge Florists", "", True),
    ("Lens & Light Photography", "", True),
    ("Rail Travel Bookings Ltd", "07315562", False),
    ("Eastbridge Coaches Ltd", "09876012", False),
    ("Hotel Bellecour SARL", "", False),
    ("Eastbridge Makers' Market CIC", "12650981", False),
    ("Civic Research Partners Ltd", "10442871", False),
    ("Engage Digital Ltd", "09112345", False),
    ("Eastbridge Community Halls Trust", "07765430", False),
]

# cost centre code, name, [(line code, name, allocation this year, last year)]
BUDGETS = [
    (
        "MO100",
        "Mayor's Office",
        [
            ("4010", "Mayor's events", "60000.00", "55000.00"),
            ("4020", "Office running costs", "25000.00", "24000.00"),
            ("4030", "Research and engagement", "150000.00", "60000.00"),
        ],
    ),
    (
        "MO200",
        "Civic and ceremonial",
        [
            ("4110", "Civic ceremonies and hospitality", "40000.00", "38000.00"),
            ("4120", "Twinning and international", "10000.00", "9000.00"),
        ],
    ),
    (
        "MO300",
        "Communications",
        [
            ("4210", "Publications and photography", "30000.00", "28000.00"),
            ("4220", "Translation and interpreting", "8000.00", "7500.00"),
        ],
    ),
]


@dataclass
class Spec:
    """A requisition of this year, taken through the services to `state` by the people who would do it, then
    dated `days` ago (its invoice three weeks after). `approve`: how many approval steps to approve (None: all)."""

    key: str
    by: str  # the requester's email local part
    line: str
    supplier: str
    category: str
    description: str
    items: list  # (description, quantity, unit price, VAT rate)
    state: str
    days: int
    approve: int | None = None
    comments: str = ""
    invoice: tuple | None = None  # (net, VAT) when they differ from the order
    split_reason: str = ""
    cancel_reason: str = ""
    deputy: bool = False  # the holder's deputy approves, for the holder
    needed: int | None = None  # the needed-by date, days from today (default: a month after it was raised)
    justification: str = field(default="")


THIS_YEAR = [
    Spec("annual-report", "senior.exec", "4210", "Print Works Ltd", "Printing and design",
         "The Mayor's annual report: design and print",
         [("Design and layout", "1", "1800.00", S), ("Printing, 500 copies", "500", "2.80", S)], "invoiced", 210),
    Spec("subscription", "senior.exec", "4020", "LGC Publishing Ltd", "Subscriptions and memberships",
         "Local Government Chronicle: annual subscription",
         [("Annual online subscription", "1", "250.00", S)], "invoiced", 150),
    Spec("rail", "senior.exec", "4120", "Rail Travel Bookings Ltd", "Travel",
         "Rail travel for the twinning visit to Lyon",
         [("Return rail fare, London to Lyon", "5", "370.00", Z)], "invoiced", 100),
    Spec("headsets", "exec.support", "4020", "Stationery Co Ltd", "Office equipment and supplies",
         "Replacement headsets for online meetings", [("USB headset", "4", "45.00", S)], "invoiced", 75),
    Spec("photographer", "cabinet.support", "4210", "Lens & Light Photography", "Communications and advertising",
         "Photographer for the Mayor's civic awards", [("Photography, evening event", "1", "850.00", S)],
         "invoiced", 60),
    Spec("coach", "senior.exec", "4120", "Eastbridge Coaches Ltd", "Travel",
         "Coach to the airport for the twinning delegation", [("Coach hire, 33 seats, return", "1", "1200.00", S)],
         "cancelled", 50, cancel_reason="The delegation travels by rail instead."),
    Spec("bsl", "cabinet.support3", "4220", "Signs Together CIC", "Translation and interpreting",
         "British Sign Language interpreters for the budget consultation",
         [("BSL interpreter, evening session", "2", "320.00", S)], "invoiced", 40, invoice=("655.00", "131.00")),
    Spec("flowers", "senior.exec", "4110", "Eastbridge Florists", "Events and civic ceremonies",
         "Wreaths for Remembrance Sunday", [("Poppy wreath", "3", "150.00", S)], "ordered", 35, needed=-20),
    Spec("hotel", "senior.exec", "4120", "Hotel Bellecour SARL", "Travel",
         "Hotel rooms for the twinning delegation in Lyon", [("Double room, a night", "18", "300.00", S)],
         "ordered", 30),
    Spec("hall-1", "cabinet.support2", "4010", "Eastbridge Community Halls Trust", "Venue hire",
         "Hall hire for the Mayor's surgery in Bow", [("Main hall, evening", "1", "1666.67", S)], "ordered", 24),
    Spec("gifts", "cabinet.support", "4120", "Eastbridge Makers' Market CIC", "Events and civic ceremonies",
         "Gifts for the visiting delegation from Lyon", [("Handmade gift box", "15", "130.00", S)], "received", 20),
    Spec("survey", "senior.exec", "4030", "Civic Research Partners Ltd", "Consultancy and research",
         "Residents' survey 2027: fieldwork and analysis",
         [("Survey fieldwork, 2,000 interviews", "1", "24000.00", S), ("Analysis and report", "1", "8000.00", S)],
         "approved", 20),
    Spec("platform", "senior.exec", "4030", "Engage Digital Ltd", "Consultancy and research",
         "Digital engagement platform: three-year licence and set-up",
         [("Platform licence, three years", "1", "81000.00", S), ("Set-up and training", "1", "14000.00", S)],
         "submitted", 15, approve=3),
    Spec("desks", "cabinet.support3", "4020", "Office Furniture Direct Ltd", "Office equipment and supplies",
         "Standing desks for the office", [("Electric standing desk", "4", "950.00", S)], "rejected", 12,
         comments="There is no budget for new furniture this year: please ask the council's re-use store first."),
    Spec("hall-2", "cabinet.support2", "4010", "Eastbridge Community Halls Trust", "Venue hire",
         "Hall hire for the Mayor's surgery in Poplar", [("Main hall, evening", "1", "1666.67", S)], "ordered", 12),
    Spec("stationery", "exec.support", "4020", "Stationery Co Ltd", "Office equipment and supplies",
         "Toner and paper for the quarter",
         [("Toner cartridge", "6", "65.00", S), ("Copier paper, box of five reams", "10", "21.00", S)],
         "received", 9, deputy=True),
    Spec("interpreting", "cabinet.support2", "4220", "LinguaLink Ltd", "Translation and interpreting",
         "Interpreters for the Bengali community forum", [("Interpreter, half day", "2", "225.00", S)], "returned", 6,
         comments="Please attach LinguaLink's written quote and say which forum date this is for."),
    Spec("volunteers", "exec.support", "4010", "Eastbridge Catering Ltd", "Catering and hospitality",
         "Refreshments for the Mayor's volunteers' evening", [("Buffet, per guest", "90", "25.00", S)], "submitted", 4),
    Spec("reception", "senior.exec", "4010", "Eastbridge Catering Ltd", "Catering and hospitality",
         "Catering for the Mayor's New Year reception", [("Reception for 200 guests", "1", "6000.00", S)],
         "submitted", 3, approve=1),
    Spec("hall-3", "cabinet.support2", "4010", "Eastbridge Community Halls Trust", "Venue hire",
         "Hall hire for the Mayor's surgery in Limehouse", [("Main hall, evening", "1", "1666.67", S)], "submitted", 1,
         split_reason="Three surgeries in different wards, each booked when its date was agreed with the ward "
         "councillors: they are not one purchase."),
    Spec("leaflets", "cabinet.support", "4210", "Print Works Ltd", "Printing and design",
         "Leaflets for the ward surgeries", [("A5 leaflets, full colour, a thousand", "3", "145.00", S)], "draft", 0),
]  # fmt: skip

# Last year's history: (line, supplier, category, description, net, VAT rate, month of the year (0 = April), state)
LAST_YEAR = [
    ("4010", "Eastbridge Catering Ltd", "Catering and hospitality", "Catering for the Mayor's summer garden party",
     "8400.00", S, 2, "invoiced"),
    ("4010", "Eastbridge Community Halls Trust", "Venue hire", "Hall hire for the Eid celebration", "1500.00", S, 0,
     "invoiced"),
    ("4020", "Stationery Co Ltd", "Office equipment and supplies", "Printer for the Mayor's office", "420.00", S, 1,
     "invoiced"),
    ("4020", "LGC Publishing Ltd", "Subscriptions and memberships", "Local Government Chronicle: annual subscription",
     "240.00", S, 3, "invoiced"),
    ("4030", "Civic Research Partners Ltd", "Consultancy and research", "Residents' survey 2026: analysis",
     "18500.00", S, 4, "invoiced"),
    ("4110", "Eastbridge Florists", "Events and civic ceremonies", "Wreaths for Remembrance Sunday", "435.00", S, 7,
     "invoiced"),
    ("4110", "Eastbridge Makers' Market CIC", "Events and civic ceremonies", "Civic awards: engraved trophies",
     "2150.00", S, 9, "invoiced"),
    ("4120", "Rail Travel Bookings Ltd", "Travel", "Rail travel for the twinning visit from Lyon", "2240.00", Z, 5,
     "invoiced"),
    ("4210", "Print Works Ltd", "Printing and design", "The Mayor's annual report: design and print", "3050.00", S, 2,
     "invoiced"),
    ("4210", "Lens & Light Photography", "Communications and advertising", "Photographs for the Mayor's annual report",
     "600.00", S, 1, "invoiced"),
    ("4220", "LinguaLink Ltd", "Translation and interpreting", "Translating the budget consultation into six languages",
     "1880.00", S, 10, "invoiced"),
    ("4220", "Signs Together CIC", "Translation and interpreting", "BSL interpreters for Mayor's question time",
     "560.00", S, 6, "cancelled"),
    ("4010", "Eastbridge Catering Ltd", "Catering and hospitality", "Catering for the Holocaust Memorial Day event",
     "2600.00", S, 9, "invoiced"),
    ("4030", "Civic Research Partners Ltd", "Consultancy and research", "Evaluation of the youth summit",
     "9800.00", S, 11, "ordered"),
    ("4110", "Eastbridge Makers' Market CIC", "Events and civic ceremonies", "Mayor's chain of office: repairs",
     "1250.00", S, 11, "ordered"),
]  # fmt: skip

SPLIT_FALLBACK = (
    "A separate purchase for a different event, agreed and budgeted on its own (demo data: added because the demo was "
    "seeded on a day when this requisition fell within twelve months of related ones)."
)
