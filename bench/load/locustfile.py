"""The load test's scenario (locust): officers and members of the seeded office at work, signing in through the real
sign-in form and the real two-factor step, then browsing, logging and progressing cases, and approving drafts.

Run by `python -m bench.load` (make loadtest), which writes the plan this file reads (LOADTEST_PLAN: the accounts,
their password and one authenticator key per simulated user) and starts gunicorn with the production settings.

- Officers (Head of Mayor's Office, Executive and Cabinet Support Officers), the majority: queue tabs, filters and
  sorting by due date, later pages, a case from the list, a search by surname, the diary (day, week, month, forward
  look, invitations, an engagement); they log new correspondence (the form, the as-you-type match, the POST) and take
  the cases they logged through their stages: acknowledge, draft, send for approval, record the response (and, for a
  member who does not sign in, record the member's decision on their behalf); and they add notes to open cases.
- Members (the Mayor, Cabinet Members with a login), the minority (LOADTEST_MEMBER_USERS of the users): home, their
  cases for approval, approving or returning a draft, their cases, their diary.

No two simulated users change the same record: an officer only progresses the cases it logged itself (a note does
not claim the case), and the simulated users who share a member's login split that member's drafts between them by
case number. Every write is checked: a form shown again with its error summary, a redirect to a page with an error
banner, or any unexpected status is a failure.

Production on plain-HTTP loopback: each request carries `X-Forwarded-Proto: https`, as the TLS-terminating proxy in
front of gunicorn would (settings.SECURE_PROXY_SSL_HEADER, so no redirect to https and the CSRF origin checks apply
as in production), and the client keeps sending the session and CSRF cookies, which are `Secure`, over the loopback
hop (LoopbackCookieJar), as a browser does over the TLS leg.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import os
import random
import re
import struct
import time
from collections import defaultdict
from datetime import datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode, urlparse
from zoneinfo import ZoneInfo

from gevent.lock import Semaphore
from locust import HttpUser, between, events, task
from requests.cookies import RequestsCookieJar

PLAN = json.loads(Path(os.environ["LOADTEST_PLAN"]).read_text()) if os.environ.get("LOADTEST_PLAN") else None
LONDON = ZoneInfo("Europe/London")
CASE_LINK = re.compile(r'href="/casework/(\d+)/"')
ENGAGEMENT_LINK = re.compile(r'href="/diary/engagements/(\d+)/"')
PAGE_LINK = re.compile(r"[?&](?:amp;)?page=(\d+)")
LIST_PERSON = re.compile(r'<span class="cw-secondary">([^<·]+?) ·')
ERROR_BANNER = re.compile(
    r'govuk-notification-banner__title"[^>]*>There is a problem</h2>.*?notification-banner__heading">(.*?)</p>', re.S
)
ERROR_SUMMARY = re.compile(r'govuk-error-summary__list">(.*?)</ul>', re.S)
TAGS = re.compile(r"<[^>]+>")

OFFICER_TABS = {"mine": 5, "team": 4, "unallocated": 2, "overdue": 3, "week": 3, "approval": 1, "open": 4, "all": 2}
OPEN_TABS = {"mine", "team", "unallocated", "overdue", "week", "approval", "open"}
SURNAMES = ["Smith", "Khan", "Patel", "Begum", "Jones", "Ahmed", "Williams", "Brown", "Taylor", "Ali", "Miah"]
FIRST_NAMES = ["Amira", "Tom", "Grace", "Mohammed", "Sophie", "Daniel", "Fatima", "Oliver", "Priya", "Samuel"]
SUBJECTS = [
    "Repairs outstanding at my flat",
    "Parking permit refused",
    "School place for my daughter",
    "Fly-tipping on our street",
    "Noise from a licensed premises",
    "Housing transfer application",
    "Council tax reduction",
    "Street lighting not working",
]
POSTCODES = ["E1 6AN", "E3 2AB", "E14 5AB", "E2 9PL", "E1W 2RG", "E3 4QS"]
APPROVAL_TYPES = ("Member enquiry", "Resident correspondence", "MP enquiry")
SEEN_SURNAMES: set[str] = set()  # correspondents' surnames read off the list pages, for searches


@events.test_stop.add_listener
def save_stats(environment, **kwargs):
    """Every request's time, per request name (locust's histogram: ms, rounded to 2 significant figures above
    100 ms), and the errors, to LOADTEST_STATS for the runner to read."""
    if not os.environ.get("LOADTEST_STATS"):
        return
    stats = environment.runner.stats
    entries = [
        {
            "method": entry.method,
            "name": entry.name,
            "requests": entry.num_requests,
            "errors": entry.num_failures,
            "response_times": entry.response_times,
            "total_ms": entry.total_response_time,
            "max_ms": entry.max_response_time,
            "first": entry.start_time,
            "last": entry.last_request_timestamp,
        }
        for entry in stats.entries.values()
    ]
    errors = [error.to_dict() for error in stats.errors.values()]
    Path(os.environ["LOADTEST_STATS"]).write_text(json.dumps({"entries": entries, "errors": errors}))


class LoopbackCookieJar(RequestsCookieJar):
    """Keeps sending the app's Secure cookies over the plain-HTTP loopback hop (the TLS leg is the proxy's)."""

    def set_cookie(self, cookie, *args, **kwargs):
        cookie.secure = False
        return super().set_cookie(cookie, *args, **kwargs)


def totp(hex_key: str, at: float | None = None) -> str:
    """The 6-digit code an authenticator app shows (RFC 6238: SHA-1, 30-second steps), as django-otp checks it."""
    counter = int(at if at is not None else time.time()) // 30
    digest = hmac.new(bytes.fromhex(hex_key), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


class Page(HTMLParser):
    """The forms of a page as a browser would submit them (each field's current value, and the choices of radios
    and selects as (value, label)), and the case page's actions (`data-action` -> link or form)."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self.actions: dict[str, dict] = {}
        self._form = self._select = self._textarea = self._option = None
        self._text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "a" and "data-action" in a:
            self.actions.setdefault(a["data-action"], {"href": a.get("href", "")})
        if tag == "form":
            method = (a.get("method") or "get").lower()
            self._form = {"action": a.get("action", ""), "method": method, "fields": {}, "choices": defaultdict(list)}
            self.forms.append(self._form)
            if "data-action" in a:
                self.actions.setdefault(a["data-action"], {"form": self._form})
            return
        if self._form is None:
            return
        fields, choices, name = self._form["fields"], self._form["choices"], a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in ("radio", "checkbox"):
                choices[name].append((a.get("value", "on"), ""))
                if "checked" in a:
                    fields[name] = a.get("value", "on")
            elif kind not in ("submit", "button", "file", "image", "reset"):
                fields.setdefault(name, a.get("value", ""))
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select:
            self._option = a.get("value", "")
            self._text = []
            if "selected" in a or self._select not in fields:
                fields[self._select] = self._option
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []

    def handle_data(self, data):
        if self._textarea or self._option is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "option" and self._option is not None and self._form is not None and self._select:
            self._form["choices"][self._select].append((self._option, "".join(self._text).strip()))
            self._option = None
        elif tag == "textarea" and self._textarea and self._form is not None:
            self._form["fields"][self._textarea] = "".join(self._text).removeprefix("\n")
            self._textarea = None

    def form(self, with_field: str | None = None) -> dict:
        """The page's main form: the first that posts and is not the sign-out button (so not the header's search
        box), or the first with `with_field`."""
        for form in self.forms:
            main = form["method"] == "post" and form["action"] != "/sign-out/"
            if (main and with_field is None) or (with_field is not None and with_field in form["fields"]):
                return form
        raise LookupError(f"no form{' with ' + with_field if with_field else ''} on the page")


def problem(html: str) -> str | None:
    """The error the page shows the user (a form's error summary, or an error banner), if any."""
    found = ERROR_SUMMARY.search(html)
    if found:
        return " ".join(TAGS.sub(" ", found.group(1)).split())[:200] or "form error summary"
    found = ERROR_BANNER.search(html)
    if found:
        return " ".join(TAGS.sub(" ", found.group(1)).split())[:200]
    return None


def path_name(url: str) -> str:
    """A request name for a page reached by a redirect: its path with record ids as [id], without the query."""
    return re.sub(r"/\d+(?=/|\.|$)", "/[id]", urlparse(url).path) or "/"


def signs_in(member_label: str) -> bool:
    """Whether the member of this label ("Mayor Amina Rahman (Mayor)") is one of the logins of the plan."""
    return any(member_label.startswith(name) for name in PLAN["member_names"])


def today_fields(prefix: str) -> dict:
    today = datetime.now(LONDON).date()
    return {f"{prefix}_0": str(today.day), f"{prefix}_1": str(today.month), f"{prefix}_2": str(today.year)}


class OfficeUser(HttpUser):
    """A member of staff of the seeded office, signed in with their password and an authenticator code."""

    abstract = True
    wait_time = between(1, 5)
    kind = ""  # "officers" or "members": the plan's list of accounts
    _numbers = itertools.count()
    _locks: dict[str, Semaphore] = defaultdict(Semaphore)
    _next_device: dict[str, int] = defaultdict(int)

    # --- requests -----------------------------------------------------------------------------------------
    def origin(self) -> str:
        return "https://" + urlparse(self.host).netloc

    def get(self, url: str, name: str | None = None, *, expect=200, headers=None):
        """GET without following redirects; a status other than `expect`, or an error shown on the page, fails."""
        with self.client.get(
            url, name=name or path_name(url), allow_redirects=False, headers=headers, catch_response=True
        ) as response:
            self._check(response, expect)
        return response

    def post(self, url: str, data: dict, name: str, *, page_url: str | None = None):
        """A form's POST, from the page at `page_url` (its Referer, which Django's CSRF check needs over https).
        Success is a redirect; the form shown again (200, with its error summary) or anything else fails. Returns
        the page redirected to, itself checked for an error banner."""
        headers = {"Referer": self.origin() + (page_url or url), "Origin": self.origin()}
        with self.client.post(
            url, data=data, name=name, headers=headers, allow_redirects=False, catch_response=True
        ) as response:
            self._check(response, 302)
        if response.status_code != 302:
            return None
        return self.follow(response)

    def follow(self, response, limit: int = 4):
        """Follow redirects as a browser would, each a request of its own."""
        while response is not None and response.status_code in (301, 302, 303) and limit:
            location = response.headers.get("Location", "/")
            response = self.get(location, expect=(200, 302))
            limit -= 1
        return response

    def _check(self, response, expect):
        expected = expect if isinstance(expect, tuple) else (expect,)
        if response.status_code not in expected:
            where = response.headers.get("Location", "")
            shown = problem(response.text) if response.status_code == 200 else None
            detail = f" ({response.error!r})" if response.status_code == 0 else f" ({shown})" if shown else ""
            response.failure(f"HTTP {response.status_code}{' to ' + where if where else ''}{detail}, expected {expect}")
        elif response.status_code == 200 and (error := problem(response.text)):
            response.failure(f"page shows an error: {error}")
        else:
            response.success()

    # --- signing in -----------------------------------------------------------------------------------------
    def on_start(self):
        if PLAN is None:
            raise RuntimeError("Run the load test with `python -m bench.load` (make loadtest): it writes LOADTEST_PLAN")
        self.client.cookies = LoopbackCookieJar()
        self.client.headers["X-Forwarded-Proto"] = "https"
        # As the proxy would (nginx speaks HTTP/1.0 to its upstream by default): one connection per request, so an
        # idle keep-alive connection that gunicorn closes is never reused by the client.
        self.client.headers["Connection"] = "close"
        accounts = PLAN[self.kind]
        number = next(type(self)._numbers)
        self.account = accounts[number % len(accounts)]
        # The simulated users sharing this login, and which of them this is (to split the member's drafts).
        total = PLAN[f"{self.kind}_users"]
        self.share = max(1, len(range(number % len(accounts), total, len(accounts))))
        self.slot = number // len(accounts)
        self.case_ids: list[int] = []  # on the last list page read
        self.open_case_ids: list[int] = []
        self.last_pages: dict[str, int] = {}
        self.sign_in()

    def sign_in(self):
        email = self.account["email"]
        page = self.get("/sign-in/")
        form = Page(page.text).form("username")
        fields = {**form["fields"], "username": email, "password": PLAN["password"]}
        two_factor = self.post("/sign-in/", fields, "/sign-in/ [POST]")  # -> / -> /two-factor/?next=/
        if two_factor is None or "/two-factor/" not in two_factor.url:
            return
        form = Page(two_factor.text).form("token")
        # The logins shared by several simulated users have one authenticator per user, listed in the order the
        # two-factor step tries them and used first to last, one sign-in at a time: so no code is ever tried
        # against an authenticator still to be used (django-otp throttles an authenticator after a wrong code).
        with self._locks[email]:
            device = self._next_device[email] % len(self.account["devices"])
            self._next_device[email] += 1
            for wait in (2, 4, 0):  # a refused code counts as an error; then try again, as a person would
                fields = {**form["fields"], "token": totp(self.account["devices"][device])}
                page = self.post("/two-factor/?next=/", fields, "/two-factor/ [POST]", page_url="/two-factor/")
                if page is not None or not wait:
                    break
                time.sleep(wait)

    # --- reading ----------------------------------------------------------------------------------------------
    def read_list(self, url: str, name: str, tab: str | None = None):
        response = self.get(url, name)
        if response.status_code == 200:
            ids = [int(pk) for pk in CASE_LINK.findall(response.text)]
            self.case_ids = ids
            if tab in OPEN_TABS and ids:
                self.open_case_ids = ids
            pages = [int(n) for n in PAGE_LINK.findall(response.text)]
            if tab:
                self.last_pages[tab] = max(pages, default=1)
            for person in LIST_PERSON.findall(response.text):
                surname = person.split()[-1].strip() if len(person.split()) > 1 else ""
                if len(SEEN_SURNAMES) < 500 and surname and not any(c.isdigit() for c in surname):
                    SEEN_SURNAMES.add(surname)
        return response

    def diary(self, period: str):
        query = {}
        if random.random() < 0.3:
            query["member"] = "all"
        if random.random() < 0.3:
            query["date"] = (datetime.now(LONDON).date() + timedelta(days=random.choice([-7, 7, 14, 28]))).isoformat()
        url = f"/diary/{period}/" + (f"?{urlencode(query)}" if query else "")
        response = self.get(url, f"/diary/{period}/")
        if response.status_code == 200:
            self.engagements = ENGAGEMENT_LINK.findall(response.text)
        return response


class Officer(OfficeUser):
    """An officer of the Mayor's Office: the work queue, casework and the diary."""

    weight = 4
    kind = "officers"
    _numbers = itertools.count()

    def on_start(self):
        self.own_cases: dict[int, str] = {}  # logged by this simulated user (only it changes them): their member
        self.engagements: list[str] = []
        super().on_start()

    @task(8)
    def queue_tab(self):
        tab = random.choices(list(OFFICER_TABS), weights=list(OFFICER_TABS.values()))[0]
        self.read_list(f"/casework/?queue={tab}", "/casework/?queue=[tab]", tab)

    @task(3)
    def filter_and_sort(self):
        tab = random.choice(["open", "team", "mine", "overdue"])
        query = {"queue": tab, "ordering": random.choice(["due", "-due"])}
        if random.random() < 0.5:
            query["status"] = random.choice(["allocated", "with_directorate", "drafting", "awaiting_approval"])
        self.read_list(f"/casework/?{urlencode(query)}", "/casework/?queue=[tab]&status&ordering=due", tab)

    @task(3)
    def later_page(self):
        tab = random.choice(["open", "all", "team"])
        last = self.last_pages.get(tab)
        if last is None:
            self.read_list(f"/casework/?queue={tab}", "/casework/?queue=[tab]", tab)
            last = self.last_pages.get(tab, 1)
        if last < 2:
            return
        page = last if random.random() < 0.2 else random.randint(2, min(last, 5))
        self.read_list(f"/casework/?queue={tab}&page={page}", "/casework/?queue=[tab]&page=[n]")

    @task(6)
    def open_case(self):
        if not self.case_ids:
            self.read_list("/casework/?queue=team", "/casework/?queue=[tab]", "team")
        if self.case_ids:
            self.get(f"/casework/{random.choice(self.case_ids)}/", "/casework/[id]/")

    @task(2)
    def search_surname(self):
        surname = random.choice(sorted(SEEN_SURNAMES) or SURNAMES)
        self.read_list(f"/casework/?{urlencode({'queue': 'all', 'q': surname})}", "/casework/?queue=all&q=[surname]")

    @task(2)
    def log_case(self):
        page = self.get("/casework/new/")
        if page.status_code != 200:
            return
        form = Page(page.text).form("subject")
        choices = form["choices"]
        surname, first = random.choice(SURNAMES), random.choice(FIRST_NAMES)
        name = f"{first} {surname}-{random.randint(1000, 99999)}"
        email = f"{first}.{surname}.{random.randint(1000, 999999)}@example.org".lower()
        postcode = random.choice(POSTCODES)
        # As the officer types, htmx asks for the correspondents we already hold who match.
        self.get(
            "/casework/new/matches/?" + urlencode({"email": email, "phone": "", "name": name, "postcode": postcode}),
            "/casework/new/matches/",
            headers={"HX-Request": "true"},
        )
        types = [(v, label) for v, label in choices["case_type"] if v]
        preferred = [v for v, label in types if label in APPROVAL_TYPES]
        members = [(v, label) for v, label in choices["member"] if v]
        signing_in = [(v, label) for v, label in members if signs_in(label)]
        member, member_name = random.choice(signing_in if signing_in and random.random() < 0.7 else members)
        fields = {
            **form["fields"],
            "case_type": random.choice(preferred or [v for v, _ in types]),
            "channel": random.choice(["email", "letter"]),
            **today_fields("received_date"),
            "member": member,
            "title": random.choice(["Mr", "Ms", "Dr", ""]),
            "name": name,
            "email": email,
            "postcode": postcode,
            "address": f"{random.randint(1, 200)} Example Road\nLondon",
            "subject": random.choice(SUBJECTS),
            "summary": "Asks the member to look into it and reply.",
            "body": "Dear Councillor, I am writing about a problem that has gone on for weeks. Yours, " + name,
            "officer": str(self.account["pk"]),
            "match": "new",
        }
        case_page = self.post("/casework/new/", fields, "/casework/new/ [POST]")
        if case_page is not None and case_page.status_code == 200:
            found = re.search(r"/casework/(\d+)/", case_page.url)
            if found:
                self.own_cases[int(found.group(1))] = member_name

    @task(4)
    def progress_own_case(self):
        """Take one of the cases this user logged one stage on, through the buttons its page offers."""
        if not self.own_cases:
            return self.add_note()
        pk = random.choice(list(self.own_cases))
        url = f"/casework/{pk}/"
        page = self.get(url, "/casework/[id]/")
        if page.status_code != 200:
            return None
        actions = Page(page.text).actions
        if "case.acknowledge" in actions:
            form = actions["case.acknowledge"]["form"]
            return self.post(form["action"], form["fields"], "/casework/[id]/acknowledge/ [POST]", page_url=url)
        if "draft.submit" in actions:
            form = actions["draft.submit"]["form"]
            return self.post(form["action"], form["fields"], "/casework/[id]/drafts/[id]/submit/ [POST]", page_url=url)
        if "case.record_response" in actions:
            del self.own_cases[pk]  # finished once the response is recorded
            return self.form_action(actions["case.record_response"]["href"], "/casework/[id]/response/", {})
        if "draft.approve" in actions and not signs_in(self.own_cases[pk]):
            return self.form_action(
                actions["draft.approve"]["href"],
                "/casework/[id]/drafts/[id]/review/",
                {"decision": "approve", "comments": "Approved by the member on the phone."},
            )
        if "case.draft" in actions:
            body = "Thank you for writing to me about this. I have asked the council to look into it. " * 3
            return self.form_action(actions["case.draft"]["href"], "/casework/[id]/drafts/new/", {"body": body})
        return None  # with the member for approval: nothing to do yet

    def form_action(self, url: str, name: str, values: dict):
        """An action page of a case: the form, then its POST with the form's own values and `values`."""
        page = self.get(url, name)
        if page.status_code != 200:
            return None
        form = Page(page.text).form()
        return self.post(url, {**form["fields"], **values}, f"{name} [POST]")

    @task(3)
    def add_note(self):
        if not self.open_case_ids:
            self.read_list("/casework/?queue=team", "/casework/?queue=[tab]", "team")
        if not self.open_case_ids:
            return None
        pk = random.choice(self.open_case_ids)
        kind = random.choice(["note", "call", "email"])
        text = f"Spoke to the directorate: they will reply by Friday ({random.randint(1, 9999)})."
        return self.form_action(f"/casework/{pk}/timeline/", "/casework/[id]/timeline/", {"kind": kind, "text": text})

    @task(2)
    def diary_day(self):
        self.diary("day")

    @task(3)
    def diary_week(self):
        self.diary("week")

    @task(2)
    def diary_month(self):
        self.diary("month")

    @task(1)
    def forward_look(self):
        self.get("/diary/forward-look/")

    @task(1)
    def invitations(self):
        self.get("/diary/invitations/")

    @task(1)
    def engagement(self):
        if self.engagements:
            self.get(f"/diary/engagements/{random.choice(self.engagements)}/", "/diary/engagements/[id]/")

    @task(1)
    def home(self):
        self.get("/")


class Member(OfficeUser):
    """The Mayor or a Cabinet Member: their approvals, their cases and their diary."""

    fixed_count = (PLAN or {}).get("members_users", 1)
    kind = "members"
    _numbers = itertools.count()

    def on_start(self):
        self.engagements: list[str] = []
        super().on_start()

    def mine(self, pk: int) -> bool:
        """Whether this user takes this case's draft (the users sharing a member's login split them by number)."""
        return pk % self.share == self.slot % self.share

    @task(2)
    def home(self):
        self.get("/")

    @task(3)
    def approvals(self):
        self.read_list("/casework/?queue=approval", "/casework/?queue=[tab]", "approval")

    @task(4)
    def review_draft(self):
        if not self.case_ids:
            self.read_list("/casework/?queue=approval", "/casework/?queue=[tab]", "approval")
        waiting = [pk for pk in self.case_ids if self.mine(pk)]
        if not waiting:
            return None
        pk = random.choice(waiting)
        self.case_ids.remove(pk)
        url = f"/casework/{pk}/"
        page = self.get(url, "/casework/[id]/")
        actions = Page(page.text).actions if page.status_code == 200 else {}
        if "draft.approve" not in actions:
            return None  # decided already (or not theirs to decide)
        review_url = actions["draft.approve"]["href"]
        review = self.get(review_url, "/casework/[id]/drafts/[id]/review/")
        if review.status_code != 200:
            return None
        form = Page(review.text).form("comments")
        if random.random() < 0.75:
            values = {"decision": "approve", "comments": ""}
        else:
            values = {"decision": "return", "comments": "Please mention the repairs timetable."}
        return self.post(
            review_url, {**form["fields"], **values}, "/casework/[id]/drafts/[id]/review/ [POST]", page_url=review_url
        )

    @task(1)
    def my_cases(self):
        self.read_list("/casework/?queue=team", "/casework/?queue=[tab]", "team")

    @task(1)
    def open_case(self):
        if self.case_ids:
            self.get(f"/casework/{random.choice(self.case_ids)}/", "/casework/[id]/")

    @task(3)
    def diary_week(self):
        self.diary("week")

    @task(2)
    def diary_day(self):
        self.diary("day")

    @task(1)
    def diary_month(self):
        self.diary("month")
