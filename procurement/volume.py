"""Five financial years of procurement, in bulk, for the benchmark (`manage.py seed_volume`; registered in apps.py,
after the demo's budgets). Scale 1: 20,000 requisitions over this financial year and the four before it, on eight
more cost centres of five lines a year, from a few hundred suppliers. Values follow an office's spend (seven in ten
under £5,000, one in a hundred a tender), each with one to three lines at the VAT rates offered, the quotes its band
asks for and its approval steps along its band's chain. Older requisitions are mostly invoiced (some cancelled,
rejected, or still ordered: committed into the next year); recent ones are in every state. Every approved one has
its commitment in its line's ledger, released when invoiced or cancelled, and invoiced ones their invoice, goods
received and spend. Each line is allocated (at the start of its year) a little more than is charged to it, so no
line is overspent. References, purchase order and transaction numbers continue each year's sequence (the
counters are moved on, so the next requisition gets a fresh number).

Bulk inserts, not the services (see casework/volume.py), with the audit entries the services would write
(`audit.bulk_history`): each requisition's creation and its last change of status."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from mayoral_office.audit import bulk_history
from mayoral_office.bulk import insert
from mayoral_office.models import User
from procurement.models import (
    ApprovalStep,
    BudgetLine,
    Category,
    CostCentre,
    Counter,
    GoodsReceipt,
    Invoice,
    Movement,
    ProcurementSettings,
    Quote,
    Requisition,
    RequisitionLine,
    RuleSet,
    Status,
    Supplier,
)
from procurement.models.access import BUDGET_HOLDER, DIRECTOR, HEAD, PROCUREMENT
from procurement.money import financial_year, line_figures, pennies

AT_SCALE_1 = {"requisitions": 20_000, "suppliers": 400}
YEARS = 5
CHUNK = 5_000
CENTRES = [
    ("MO410", "Community engagement"),
    ("MO420", "Policy and research"),
    ("MO430", "Events and civic programme"),
    ("MO440", "Members' support"),
    ("MO450", "International relations"),
    ("MO460", "Youth programme"),
    ("MO470", "Communications campaigns"),
    ("MO480", "Mayor's fund administration"),
]
LINES = [
    ("4010", "Supplies and services"),
    ("4020", "Catering and hospitality"),
    ("4030", "Consultancy and research"),
    ("4040", "Printing and publicity"),
    ("4050", "Travel and subsistence"),
]
# (share, lowest gross, highest gross) of the values
VALUES = [(0.70, 100, 4_999), (0.22, 5_000, 24_999), (0.07, 25_000, 99_999), (0.01, 100_000, 240_000)]
RATES = [("standard", 0.8), ("zero", 0.1), ("reduced", 0.05), ("exempt", 0.05)]
WORDS = ["Riverside", "Eastbridge", "Thames", "Albion", "Civic", "Harbour", "Kestrel", "Meridian", "Northgate", "Oak"]
TRADES = ["Catering", "Print", "Events", "Consulting", "Travel", "Supplies", "Media", "Research", "Translation", "Hire"]
ITEMS = ["Supply and delivery", "Services as quoted", "Hire for the day", "Design and print", "Fees", "Materials"]
RECENT_DAYS = 60
LONDON = timezone.get_default_timezone()


def seed(scale: float, rng) -> dict[str, int]:
    count = max(int(AT_SCALE_1["requisitions"] * scale), 1)
    today, now = timezone.localdate(), timezone.now()
    this_year = financial_year(today)
    people = _people()
    suppliers = _suppliers(max(int(AT_SCALE_1["suppliers"] * scale), 10), rng)
    categories = list(Category.objects.order_by("pk"))
    lines = _lines(people, this_year)
    rules = {year: RuleSet.objects.in_force(date(year, 4, 1)) or RuleSet.objects.in_force() for year in lines}
    numbers = Numbers()

    plans = []
    for _ in range(count):
        year = this_year - rng.randrange(YEARS)
        start = date(year, 4, 1)
        span = min((date(year + 1, 4, 1) - start).days, (today - start).days + 1)
        created = datetime.combine(start + timedelta(days=rng.randrange(max(span, 1))), time(9), tzinfo=LONDON)
        created = min(created + timedelta(minutes=rng.randrange(480)), now - timedelta(minutes=5))
        plans.append({"year": year, "created": created})
    plans.sort(key=lambda p: p["created"])

    requisitions, plan_rows = [], []
    for plan in plans:
        requisition, plan = _requisition(plan, rng, today, now, people, suppliers, categories, lines, rules, numbers)
        requisitions.append(requisition)
        plan_rows.append(plan)
    insert(requisitions)

    children = {"lines": [], "quotes": [], "steps": [], "movements": [], "invoices": [], "receipts": []}
    for requisition, plan in zip(requisitions, plan_rows, strict=True):
        _children(requisition, plan, rng, people, numbers, children)
    insert(children["lines"])
    insert(children["quotes"])
    insert(children["steps"])
    insert(children["invoices"])
    insert(children["receipts"])
    allocations = _allocations(lines, children["movements"], rng, people)
    insert(allocations + children["movements"])
    numbers.save()
    audited = bulk_history(_history(requisitions, plan_rows, people))
    return {
        Supplier._meta.label: len(suppliers),
        BudgetLine._meta.label: sum(len(v) for v in lines.values()),
        Requisition._meta.label: len(requisitions),
        RequisitionLine._meta.label: len(children["lines"]),
        Quote._meta.label: len(children["quotes"]),
        ApprovalStep._meta.label: len(children["steps"]),
        Movement._meta.label: len(allocations) + len(children["movements"]),
        Invoice._meta.label: len(children["invoices"]),
        GoodsReceipt._meta.label: len(children["receipts"]),
        "auditlog.LogEntry (procurement)": audited,
    }


class Numbers:
    """Each year's sequences (REQ, PO, TXN) continued from their counters, and the counters moved on at the end."""

    def __init__(self):
        self.last = {(c.kind, c.year): c.last for c in Counter.objects.all()}

    def next(self, kind: str, year: int) -> int:
        self.last[(kind, year)] = self.last.get((kind, year), 0) + 1
        return self.last[(kind, year)]

    def save(self) -> None:
        Counter.objects.bulk_create(
            [Counter(kind=kind, year=year) for kind, year in self.last], ignore_conflicts=True, batch_size=CHUNK
        )
        for (kind, year), last in self.last.items():
            Counter.objects.filter(kind=kind, year=year, last__lt=last).update(last=last)


def _people() -> dict:
    settings = ProcurementSettings.people()
    head = User.objects.get(email="head.office@eastbridge.gov.uk")
    holder = User.objects.filter(email="budget.holder@eastbridge.gov.uk").first() or head
    requesters = list(
        User.objects.filter(groups__name__in=["Executive Support Officer", "Cabinet Support Officer"])
        .exclude(pk=holder.pk)
        .distinct()
        .order_by("pk")
    ) or [head]

    def first(name):
        ids = sorted(settings[name])
        return ids[0] if ids else head.pk

    return {
        "head": head.pk,
        "holder": holder.pk,
        "deputy": requesters[0].pk,
        "finance": first("finance_approvers"),
        "tiers": {BUDGET_HOLDER: holder.pk, HEAD: head.pk, DIRECTOR: first("directors"),
                  PROCUREMENT: first("procurement_team")},
        "requesters": [u.pk for u in requesters],
    }  # fmt: skip


def _suppliers(count: int, rng) -> list[Supplier]:
    made = []
    for n in range(count):
        sole = rng.random() < 0.1
        name = f"{rng.choice(WORDS)} {rng.choice(TRADES)} {'' if sole else 'Ltd '}{n + 1}".replace("  ", " ").strip()
        made.append(
            Supplier(
                name=name, company_number="" if sole else f"{rng.randrange(10**7, 10**8):08d}", is_sole_trader=sole
            )
        )
    insert(made)
    return made


def _lines(people: dict, this_year: int) -> dict[int, list[BudgetLine]]:
    centres = []
    for code, name in CENTRES:
        centre, _ = CostCentre.objects.get_or_create(code=code, defaults={"name": name})
        centres.append(centre)
    made = [
        BudgetLine(cost_centre=centre, year=year, code=code, name=name, holder_id=people["holder"],
                   deputy_id=people["deputy"])
        for year in range(this_year - YEARS + 1, this_year + 1)
        for centre in centres
        for code, name in LINES
    ]  # fmt: skip
    BudgetLine.objects.bulk_create(made, batch_size=CHUNK, ignore_conflicts=True)
    found: dict[int, list[BudgetLine]] = {}
    for line in BudgetLine.objects.filter(cost_centre__in=centres, year__gt=this_year - YEARS):
        found.setdefault(line.year, []).append(line)
    return found


def _pick(rng, table):
    roll, total = rng.random(), 0.0
    for row in table:
        total += row[0] if isinstance(row[0], float) else row[1]
        if roll < total:
            return row
    return table[-1]


def _status(rng, age: int, band: int) -> str:
    roll = rng.random()
    if age > RECENT_DAYS:
        for status, share in ((Status.INVOICED, 0.82), (Status.CANCELLED, 0.06), (Status.REJECTED, 0.05),
                              (Status.ORDERED, 0.03), (Status.RECEIVED, 0.02)):  # fmt: skip
            if roll < share:
                return status
            roll -= share
        return Status.DRAFT
    order = [Status.DRAFT, Status.SUBMITTED, Status.RETURNED, Status.REJECTED, Status.APPROVED, Status.ORDERED,
             Status.RECEIVED, Status.INVOICED, Status.CANCELLED]  # fmt: skip
    shares = [0.08, 0.2, 0.05, 0.03, 0.04 if band >= 2 else 0.0, 0.25, 0.12, 0.2, 0.03]
    for status, share in zip(order, shares, strict=True):
        if roll < share:
            return status
        roll -= share
    return Status.ORDERED


def _requisition(plan, rng, today, now, people, suppliers, categories, lines, rules, numbers):
    year, created = plan["year"], plan["created"]
    share, low, high = _pick(rng, VALUES)
    band_index = VALUES.index((share, low, high))
    target = Decimal(rng.randrange(low * 100, high * 100)) / 100
    items = []
    for n in range(rng.choice([1, 1, 2, 3])):
        rate = _pick(rng, RATES)[0]
        quantity = Decimal(rng.choice([1, 1, 2, 5, 10]))
        price = pennies(target / Decimal("1.2") / quantity / (n + 1) if n < 2 else Decimal(rng.randrange(50, 500)))
        figures = line_figures(quantity, price, rate)
        items.append({"description": rng.choice(ITEMS), "quantity": quantity, "unit_price": price, "vat_rate": rate,
                      "net": figures.net, "vat": figures.vat})  # fmt: skip
    net = sum((i["net"] for i in items), Decimal("0.00"))
    vat = sum((i["vat"] for i in items), Decimal("0.00"))
    ruleset = rules[year]
    band = ruleset.band_for(net + vat)
    age = (today - created.date()).days
    status = _status(rng, age, band_index)
    if status == Status.APPROVED and net + vat < ruleset.contract_threshold:
        status = Status.ORDERED  # approved and waiting only for a contract notice
    submitted = created + timedelta(hours=rng.randint(1, 48)) if status != Status.DRAFT else None
    decided = submitted + timedelta(days=rng.randint(1, 6)) if submitted and status != Status.SUBMITTED else None
    if decided and decided > now:
        decided = now - timedelta(minutes=1)
    ordered = status in (Status.ORDERED, Status.RECEIVED, Status.INVOICED) or (
        status == Status.CANCELLED and rng.random() < 0.5
    )
    requisition = Requisition(
        reference=f"REQ/{year}/{numbers.next('REQ', year):05d}",
        requester_id=rng.choice(people["requesters"]),
        budget_line=rng.choice(lines[year]),
        supplier=rng.choice(suppliers),
        category=rng.choice(categories),
        description=f"{rng.choice(ITEMS)} for the {rng.choice(['summer', 'winter', 'spring', 'autumn'])} programme",
        justification="Needed for the programme agreed with the Head of Mayor's Office.",
        needed_by=created.date() + timedelta(days=rng.randint(14, 60)),
        status=status,
        net=net,
        vat=vat,
        gross=net + vat,
        rules=ruleset if submitted else None,
        po_number=f"PO/{year}/{numbers.next('PO', year):05d}" if ordered else None,
        ordered_at=decided if ordered else None,
        submitted_at=submitted,
        decided_at=decided,
        cancel_reason="No longer needed." if status == Status.CANCELLED else "",
        contract_notice_reference=f"CF-{rng.randrange(10**6):06d}" if ordered and net + vat >= 30000 else "",
        created_at=created,
    )
    committed = ordered or status == Status.APPROVED
    return requisition, {"items": items, "band": band, "committed": committed, "year": year, "created": created}


def _children(requisition, plan, rng, people, numbers, out) -> None:
    status, band = requisition.status, plan["band"]
    for n, item in enumerate(plan["items"], start=1):
        out["lines"].append(RequisitionLine(requisition=requisition, position=n, **item))
    for n in range(band.quotes if band.quote_kind != "tender" else 0):
        out["quotes"].append(
            Quote(requisition=requisition, supplier_name=f"Quote {n + 1}", added_by_id=requisition.requester_id,
                  amount=pennies(requisition.gross * Decimal(1 + n / 10)), added_at=plan["created"])
        )  # fmt: skip
    if requisition.submitted_at:
        _steps(requisition, band, rng, people, out)
    if not plan["committed"]:
        return
    decided = requisition.decided_at
    out["movements"].append(Movement(line=requisition.budget_line, kind=Movement.Kind.COMMITMENT,
                                     amount=requisition.net, requisition=requisition, by_id=people["holder"],
                                     at=decided, note=f"{requisition.reference} approved"))  # fmt: skip
    closed = min(decided + timedelta(days=rng.randint(10, 40)), timezone.now())
    if status in (Status.RECEIVED, Status.INVOICED):
        out["receipts"].append(GoodsReceipt(requisition=requisition, received_on=closed.date() - timedelta(days=3),
                                            recorded_by_id=requisition.requester_id, recorded_at=closed))  # fmt: skip
    if status in (Status.CANCELLED, Status.INVOICED):
        word = "invoiced" if status == Status.INVOICED else "cancelled"
        out["movements"].append(Movement(line=requisition.budget_line, kind=Movement.Kind.RELEASE,
                                         amount=-requisition.net, requisition=requisition, by_id=people["finance"],
                                         at=closed, note=f"{requisition.reference} {word}"))  # fmt: skip
    if status != Status.INVOICED:
        return
    paid_on = closed.date()
    txn = f"TXN/{financial_year(paid_on)}/{numbers.next('TXN', financial_year(paid_on)):06d}"
    net = requisition.net if rng.random() < 0.9 else max(requisition.net - Decimal(rng.randint(1, 20)), Decimal("1"))
    out["invoices"].append(
        Invoice(requisition=requisition, supplier_invoice_number=f"INV-{rng.randrange(10**6):06d}",
                transaction_number=txn, invoice_date=paid_on - timedelta(days=7), paid_on=paid_on, net=net,
                vat=requisition.vat, recorded_by_id=people["finance"], recorded_at=closed)
    )  # fmt: skip
    out["movements"].append(Movement(line=requisition.budget_line, kind=Movement.Kind.SPEND, amount=net,
                                     requisition=requisition, by_id=people["finance"], at=closed,
                                     note=f"Invoice ({txn})"))  # fmt: skip


def _steps(requisition, band, rng, people, out) -> None:
    chain, status = band.approvers, requisition.status
    acted = requisition.decided_at or requisition.submitted_at
    if status == Status.SUBMITTED:
        done = rng.randrange(len(chain))
        states = [ApprovalStep.State.APPROVED] * done + [ApprovalStep.State.WAITING] * (len(chain) - done)
    elif status in (Status.RETURNED, Status.REJECTED):
        states = [ApprovalStep.State.RETURNED if status == Status.RETURNED else ApprovalStep.State.REJECTED]
    elif status == Status.CANCELLED and not requisition.po_number:
        states = []  # cancelled while it waited: its waiting steps went with it
    else:
        states = [ApprovalStep.State.APPROVED] * len(chain)
    for position, (tier, state) in enumerate(zip(chain, states, strict=False), start=1):
        waiting = state == ApprovalStep.State.WAITING
        out["steps"].append(
            ApprovalStep(
                requisition=requisition,
                position=position,
                tier=tier,
                state=state,
                acted_by_id=None if waiting else people["tiers"][tier],
                acted_at=None if waiting else acted,
                comments="Please add a second quote." if state == ApprovalStep.State.RETURNED else "",
            )
        )


def _allocations(lines, movements, rng, people) -> list[Movement]:
    """Each line's allocation at the start of its year: what is charged to it, and a little more."""
    charged: dict[int, Decimal] = {}
    for movement in movements:
        if movement.kind != Movement.Kind.ALLOCATION:
            charged[movement.line.pk] = charged.get(movement.line.pk, Decimal("0.00")) + movement.amount
    made = []
    for year, rows in lines.items():
        for line in rows:
            used = max(charged.get(line.pk, Decimal("0.00")), Decimal("0.00"))
            amount = (used * Decimal(rng.uniform(1.05, 1.4)) / 1000).quantize(Decimal("1")) * 1000 + 5000
            made.append(Movement(line=line, kind=Movement.Kind.ALLOCATION, amount=amount, by_id=people["head"],
                                 at=datetime.combine(date(year, 4, 1), time(9), tzinfo=LONDON),
                                 note="Budget for the year"))  # fmt: skip
    return made


def _history(requisitions, plans, people):
    for requisition, plan in zip(requisitions, plans, strict=True):
        yield (
            requisition,
            "create",
            requisition.requester_id,
            plan["created"],
            {"reference": (None, requisition.reference)},
        )
        if requisition.status != Status.DRAFT:
            at = requisition.decided_at or requisition.submitted_at
            yield requisition, "update", people["holder"], at, {"status": (Status.DRAFT, requisition.status)}
