"""A deterministic synthetic FocusDesk history: dense days of activity, sessions, interactions.

Why it exists: the quality bars ("a summary stays interactive on a year of
dense data", "a day costs hundreds of rows, not tens of thousands") can only
be checked on data that looks like a real user's. So the generator models
the persona of the design — someone who builds a business on Facebook,
Instagram, LinkedIn and Messenger — with realistic window titles (group
names, inbox threads with people's names, unread counters, feeds and reels,
mail subjects, documents and spreadsheets), about 2,000 window switches a
day, four focus sessions a day with objectives, extensions and outcomes, and
about twenty logged interactions a day.

Everything is derived from a seed: the "world" (contacts, groups, documents)
from the seed alone and each day from the seed and the date, so any single
day can be re-planned on its own (the ingest benchmark replays one day of a
year through the real Recorder) and two runs produce identical databases.

Writing goes through the store's own bulk path (``WindowIds``, ``insert_spans``,
``rebuild_day_totals``) and the ORM models, not through the Recorder: replaying
a year of one-second observations would take far longer than the benchmarks
it feeds. Categories come from the real ``Classifier`` over the default rules.
"""

from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from itertools import accumulate
from typing import TypeVar

from sqlalchemy import Connection, select
from sqlalchemy.dialects import postgresql, sqlite

from focusdesk.core.activity import Observation, WindowKey
from focusdesk.core.days import epoch_day, local_date, local_day_bounds
from focusdesk.core.enums import EndReason, InteractionKind, Outcome, Purpose, Source
from focusdesk.core.rules import Classifier
from focusdesk.store.activity import (
    WINDOWS,
    SpanRow,
    insert_spans,
    rebuild_day_totals,
    window_hash,
)
from focusdesk.store.database import Database
from focusdesk.store.models import InteractionRow, SessionExtension, SessionRow
from focusdesk.store.types import CATEGORY_CODES, SOURCE_CODES

T = TypeVar("T")

# --------------------------------------------------------------------------- vocabulary

FIRST_NAMES = (
    "Maria", "Anna", "Laura", "Sarah", "Julia", "Lisa", "Emma", "Sophie", "Nina", "Katrin",
    "Sandra", "Melanie", "Jessica", "Nicole", "Claudia", "Petra", "Sabine", "Monika", "Andrea",
    "Tanja", "Daniela", "Stefanie", "Christina", "Vanessa", "Jennifer", "Michelle", "Ashley",
    "Amanda", "Brittany", "Megan", "Rachel", "Heather", "Tiffany", "Crystal", "Amber", "Kelly",
    "Priya", "Aisha", "Fatima", "Olga", "Ines", "Lucia", "Carmen", "Rosa", "Elena", "Chiara",
    "Thomas", "Michael", "Andreas", "Stefan", "Markus", "Christian", "Daniel", "Tobias",
    "Alexander", "Sebastian", "Jan", "Lukas", "David", "James", "John", "Robert", "Chris",
    "Matthew", "Josh", "Brandon", "Kevin", "Jason", "Ryan", "Marco", "Luca", "Ahmed", "Omar",
    "Raj", "Ivan", "Pedro", "Carlos", "Miguel", "Kwame", "Tunde", "Kenji", "Wei",
)  # fmt: skip

LAST_NAMES = (
    "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz",
    "Hoffmann", "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Braun",
    "Zimmermann", "Krüger", "Hartmann", "Lange", "Werner", "Krause", "Lehmann", "Köhler",
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez",
    "Martinez", "Hernandez", "Lopez", "Wilson", "Anderson", "Taylor", "Thomas", "Moore",
    "Jackson", "Martin", "Lee", "Thompson", "White", "Harris", "Clark", "Lewis", "Walker",
    "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Dubois", "Moreau", "Laurent",
    "Nowak", "Kowalski", "Wiśniewska", "Novak", "Horvat", "Kovač", "Yılmaz", "Demir", "Patel",
    "Sharma", "Singh", "Khan", "Okafor", "Mensah", "Tanaka", "Nguyen", "Santos", "Silva",
)  # fmt: skip

BUSINESS_GROUPS = (
    "Home Business Support Group", "Network Marketing Mastermind", "Moms Who Work From Home",
    "Wellness Entrepreneurs Community", "Side Hustle Success Tribe", "Attraction Marketing Academy",
    "Women in Direct Sales", "Digital Nomads Germany", "Health & Fitness Over 40",
    "Essential Oils Lovers", "Skincare Talk & Tips", "Stay at Home Parents Berlin",
    "Entrepreneurs Networking Group", "Online Business Beginners", "Keto Recipes & Support",
    "Social Selling Circle", "MLM Leaders Mastermind", "Personal Development Book Club",
    "Morning Routine Challenge", "Coaches & Consultants Hub", "Small Business Owners Munich",
    "Network Marketing Pros", "Work From Home Jobs & Ideas", "Fitness Motivation Daily",
    "Plant Based Living Community", "Faith & Family Business Group", "Busy Moms Club",
    "Real Estate Investors Network", "Passive Income Ideas", "Instagram Growth Strategies",
)  # fmt: skip

HOBBY_GROUPS = (
    "Vintage Cars Lovers", "Funny Cat Videos", "Hamburg Flohmarkt", "Garden Design Ideas",
    "Classic Rock Fans", "Dog Lovers Worldwide", "Sourdough Baking", "Travel Deals Europe",
    "Retro Gaming", "Football Memes", "Bundesliga Fans", "Crochet Patterns Free",
)  # fmt: skip

OWN_PAGES = ("Glow & Grow with Anna", "Anna Wellness Coaching")
OWN_GROUP = "Glow & Grow VIP Community"
EMAIL = "anna.glowgrow@gmail.com"

POST_SNIPPETS = (
    "Who else is starting the new week with big goals?", "3 things I wish I knew before starting",
    "Quick question for the group", "Looking for recommendations", "Just hit my first rank!",
    "How do you stay consistent?", "Morning routine that changed my life", "Free webinar tonight",
    "Before and after - 90 days", "What is your biggest challenge right now?",
    "Tag someone who needs this", "Monday motivation", "Behind the scenes of my business",
    "Anyone else struggling with time management?", "Customer story", "Product launch update",
)  # fmt: skip

EMAIL_SUBJECTS = (
    "Your order has shipped", "Team call recording", "Re: Samples", "Fwd: Training schedule",
    "Invoice", "Monthly team newsletter", "Re: Quick question", "Welcome to the team!",
    "Your weekly report", "Re: Meeting tomorrow", "Reset your password", "Event tickets",
    "Re: Product info pack", "Rank advancement", "Webinar replay", "Re: Partnership",
)  # fmt: skip

DOCS = (
    "Content calendar", "Prospecting scripts", "Welcome sequence", "Training notes",
    "Team call agenda", "Blog post draft", "Product FAQ", "Follow-up templates",
    "Goals 90 days", "Webinar outline", "Testimonials", "Newsletter draft",
)  # fmt: skip

SHEETS = (
    "Prospect list", "Follow-up tracker", "Sales", "Budget", "Customer orders",
    "Content ideas", "Team volume", "Event RSVPs", "Habit tracker",
)  # fmt: skip

VIDEOS = (
    "10 Minute Morning Yoga", "How to Grow on Instagram", "Funniest Animal Fails",
    "Lo-fi beats to study to", "Network Marketing Tips for Beginners", "Top 10 Goals of the Season",
    "Easy Meal Prep for the Week", "Jim Rohn - Personal Development", "Live Stream Replay",
    "Unboxing the New Phone", "Podcast Episode 112", "Travel Vlog - Lisbon", "Cooking Pasta",
)  # fmt: skip

DESIGNS = ("Instagram Post", "Story Template", "Facebook Cover", "Reel Cover", "Flyer", "Quote")
SEARCHES = (
    "best time to post on instagram", "how to write a dm", "canva templates free",
    "weather berlin", "hashtags wellness", "linkedin connection limit", "zoom background",
    "healthy breakfast ideas", "facebook group rules examples", "dhl tracking",
)  # fmt: skip
SONGS = ("Blinding Lights", "Levitating", "Flowers", "Bad Habits", "As It Was", "Heat Waves")
ARTISTS = ("The Weeknd", "Dua Lipa", "Miley Cyrus", "Ed Sheeran", "Harry Styles", "Glass Animals")

CHROME = "chrome"
CHROME_SUFFIX = " - Google Chrome"

# --------------------------------------------------------------------------- the world


def _cumulative(weights: Iterable[float]) -> list[float]:
    return list(accumulate(weights))


def _pick(rng: random.Random, items: Sequence[T], cum: Sequence[float]) -> T:
    """``rng.choices(items, cum_weights=cum)[0]`` without its per-call overhead (hot path)."""
    return items[bisect(cum, rng.random() * cum[-1], 0, len(cum) - 1)]


@dataclass(frozen=True)
class World:
    """The user's stable surroundings: contacts and groups, with a few that dominate."""

    contacts: tuple[str, ...]
    contact_cum: tuple[float, ...]
    handles: tuple[str, ...]
    groups: tuple[str, ...]
    group_cum: tuple[float, ...]

    @classmethod
    def build(cls, seed: int, contacts: int = 900) -> World:
        rng = random.Random(f"world:{seed}")
        names: list[str] = []
        seen: set[str] = set()
        while len(names) < contacts:
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            if name not in seen:
                seen.add(name)
                names.append(name)
        handles = tuple(
            n.lower().replace(" ", rng.choice(("_", ".", ""))) + rng.choice(("", "", "_", "23"))
            for n in names
        )
        # People talk to a few contacts a lot and to most rarely (Zipf-like).
        contact_w = [1.0 / (i + 1) ** 0.9 for i in range(len(names))]
        groups = (*BUSINESS_GROUPS, OWN_GROUP)
        group_w = [1.0 / (i + 1) ** 0.7 for i in range(len(groups))]
        rng.shuffle(group_w)
        return cls(
            tuple(names),
            tuple(_cumulative(contact_w)),
            handles,
            groups,
            tuple(_cumulative(group_w)),
        )

    def contact(self, rng: random.Random) -> int:
        cum = self.contact_cum
        return bisect(cum, rng.random() * cum[-1], 0, len(cum) - 1)

    def name(self, rng: random.Random) -> str:
        return self.contacts[self.contact(rng)]

    def group(self, rng: random.Random) -> str:
        return _pick(rng, self.groups, self.group_cum)


# --------------------------------------------------------------------------- window titles


def _unread(rng: random.Random, p: float = 0.35) -> str:
    """Social sites prefix the title with an unread counter, which changes all day."""
    if rng.random() >= p:
        return ""
    n = min(int(rng.expovariate(0.25)) + 1, 99)
    return "(20+) " if n > 20 else f"({n}) "


def _web(title: str) -> WindowKey:
    return WindowKey(CHROME, title + CHROME_SUFFIX)


Gen = Callable[[random.Random, World, date], WindowKey]


def _fb_thread(r: random.Random, w: World, d: date) -> WindowKey:
    return _web(f"{_unread(r)}{w.name(r)} | Messenger")


def _fb_inbox(r: random.Random, w: World, d: date) -> WindowKey:
    return _web(f"{_unread(r, 0.7)}Messenger | Facebook")


def _messenger_app(r: random.Random, w: World, d: date) -> WindowKey:
    return WindowKey("messenger", r.choice(("Messenger", w.name(r))))


def _fb_group(r: random.Random, w: World, d: date) -> WindowKey:
    return _web(f"{_unread(r)}{w.group(r)} | Facebook")


def _fb_group_post(r: random.Random, w: World, d: date) -> WindowKey:
    return _web(f"{_unread(r)}{w.name(r)} - {r.choice(POST_SNIPPETS)} | {w.group(r)} | Facebook")


def _fb_groups_feed(r: random.Random, w: World, d: date) -> WindowKey:
    return _web(f"{_unread(r)}Groups | Facebook")


def _fb_profile(r: random.Random, w: World, d: date) -> WindowKey:
    return _web(f"{_unread(r)}{w.name(r)} | Facebook")


def _fb_own_page(r: random.Random, w: World, d: date) -> WindowKey:
    return _web(f"{_unread(r)}{r.choice(OWN_PAGES)} | Facebook")


def _business_suite(r: random.Random, w: World, d: date) -> WindowKey:
    page = r.choice(
        ("Inbox", "Home", "Posts & reels", "Planner", "Comments", "Insights", "Content")
    )
    if r.random() < 0.15:
        return _web(f"{_unread(r)}Professional dashboard | Facebook")
    return _web(f"{page} | Meta Business Suite")


def _fb_feed(r: random.Random, w: World, d: date) -> WindowKey:
    return _web(f"{_unread(r, 0.6)}Facebook")


def _fb_watch(r: random.Random, w: World, d: date) -> WindowKey:
    if r.random() < 0.3:
        return _web(f"{_unread(r)}{r.choice(HOBBY_GROUPS)} | Facebook")
    what = r.choice(("Watch", "Reels", "Marketplace", "Gaming", "Stories", "Video"))
    return _web(f"{_unread(r)}{what} | Facebook")


def _ig_direct(r: random.Random, w: World, d: date) -> WindowKey:
    if r.random() < 0.4:
        return _web(f"{_unread(r)}Instagram • Direct")
    return _web(f"{w.name(r)} • Instagram Direct")


def _ig_profile(r: random.Random, w: World, d: date) -> WindowKey:
    i = w.contact(r)
    return _web(f"{w.contacts[i]} (@{w.handles[i]}) • Instagram photos and videos")


def _ig_feed(r: random.Random, w: World, d: date) -> WindowKey:
    x = r.random()
    if x < 0.4:
        return _web(f"{_unread(r)}Instagram")
    if x < 0.7:
        return _web(r.choice(("Reels • Instagram", "Explore • Instagram")))
    return _web(f'{w.name(r)} on Instagram: "{r.choice(POST_SNIPPETS)}"')


def _li_messaging(r: random.Random, w: World, d: date) -> WindowKey:
    if r.random() < 0.4:
        return _web(f"{_unread(r, 0.6)}Messaging | LinkedIn")
    return _web(f"{_unread(r)}{w.name(r)} | Messaging | LinkedIn")


def _li_network(r: random.Random, w: World, d: date) -> WindowKey:
    what = r.choice(("My Network", "Invitations", "Notifications", "Jobs"))
    return _web(f"{_unread(r)}{what} | LinkedIn")


def _li_profile(r: random.Random, w: World, d: date) -> WindowKey:
    return _web(f"{_unread(r)}{w.name(r)} | LinkedIn")


def _li_group(r: random.Random, w: World, d: date) -> WindowKey:
    return _web(f"{_unread(r)}{w.group(r)} | Groups | LinkedIn")


def _li_feed(r: random.Random, w: World, d: date) -> WindowKey:
    return _web(f"{_unread(r, 0.6)}{r.choice(('Feed | LinkedIn', 'LinkedIn'))}")


def _sales_navigator(r: random.Random, w: World, d: date) -> WindowKey:
    if r.random() < 0.5:
        return _web("Sales Navigator")
    return _web(f"{w.name(r)} | Sales Navigator")


def _gmail(r: random.Random, w: World, d: date) -> WindowKey:
    if r.random() < 0.5:
        return _web(f"Inbox ({r.randint(0, 60)}) - {EMAIL} - Gmail")
    return _web(f"{r.choice(EMAIL_SUBJECTS)} - {EMAIL} - Gmail")


def _outlook(r: random.Random, w: World, d: date) -> WindowKey:
    if r.random() < 0.5:
        return WindowKey("outlook", "Inbox - anna@glowgrow.de - Outlook")
    return WindowKey("outlook", f"{r.choice(EMAIL_SUBJECTS)} - Message (HTML)")


def _docs(r: random.Random, w: World, d: date) -> WindowKey:
    if r.random() < 0.7:
        return _web(f"{r.choice(DOCS)} - Google Docs")
    return WindowKey("word", f"{r.choice(DOCS)} {d:%B}.docx - Word")


def _sheets(r: random.Random, w: World, d: date) -> WindowKey:
    if r.random() < 0.7:
        return _web(f"{r.choice(SHEETS)} - Google Sheets")
    return WindowKey("excel", f"{r.choice(SHEETS)} {d.year}.xlsx - Excel")


def _calendar(r: random.Random, w: World, d: date) -> WindowKey:
    monday = d - timedelta(days=d.weekday())
    return _web(f"Google Calendar - Week of {monday:%B %-d, %Y}")


def _search(r: random.Random, w: World, d: date) -> WindowKey:
    return _web(f"{r.choice(SEARCHES)} - Google Search")


def _canva(r: random.Random, w: World, d: date) -> WindowKey:
    return _web(f"{r.choice(DESIGNS)} - {r.choice(POST_SNIPPETS)[:28]} - Canva")


def _youtube(r: random.Random, w: World, d: date) -> WindowKey:
    return _web(f"{_unread(r, 0.3)}{r.choice(VIDEOS)} - YouTube")


def _streaming(r: random.Random, w: World, d: date) -> WindowKey:
    return _web(r.choice(("Netflix", "Reddit - Dive into anything", "TikTok - Make Your Day")))


def _spotify(r: random.Random, w: World, d: date) -> WindowKey:
    if r.random() < 0.4:
        return WindowKey("spotify", "Spotify Premium")
    return WindowKey("spotify", f"{r.choice(ARTISTS)} - {r.choice(SONGS)}")


def _desktop(r: random.Random, w: World, d: date) -> WindowKey:
    return r.choice(
        (
            WindowKey("explorer", "Downloads"),
            WindowKey("explorer", "Documents"),
            WindowKey("explorer", "Pictures"),
            WindowKey("zoom", "Zoom Meeting"),
            WindowKey("zoom", "Zoom Workplace"),
            _web("New Tab"),
            WindowKey("whatsapp", "WhatsApp"),
        )
    )


# The typical time on one window before switching, in seconds (log-normal median).
DWELL: dict[Gen, float] = {
    _fb_thread: 9, _fb_inbox: 4, _messenger_app: 8, _fb_group: 9, _fb_group_post: 10,
    _fb_groups_feed: 6, _fb_profile: 6, _fb_own_page: 8, _business_suite: 9, _fb_feed: 10,
    _fb_watch: 13, _ig_direct: 7, _ig_profile: 5, _ig_feed: 8, _li_messaging: 8,
    _li_network: 5, _li_profile: 6, _li_group: 8, _li_feed: 8, _sales_navigator: 8,
    _gmail: 6, _outlook: 6, _docs: 14, _sheets: 10, _calendar: 4, _search: 4, _canva: 14,
    _youtube: 16, _streaming: 14, _spotify: 3, _desktop: 3,
}  # fmt: skip

_DRIFT: dict[Gen, float] = {_fb_feed: 3, _fb_watch: 2, _ig_feed: 2, _youtube: 1, _li_feed: 1}

MIXES: dict[Purpose | None, dict[Gen, float]] = {
    Purpose.PROSPECTING: {
        _fb_group: 20, _fb_group_post: 10, _fb_profile: 12, _fb_thread: 18, _fb_inbox: 5,
        _ig_direct: 6, _ig_profile: 6, _li_messaging: 6, _li_profile: 6, _li_network: 4,
        _sales_navigator: 3, _sheets: 3, _messenger_app: 3, **_DRIFT,
    },
    Purpose.FOLLOW_UP: {
        _fb_thread: 30, _fb_inbox: 8, _messenger_app: 6, _ig_direct: 10, _li_messaging: 14,
        _sheets: 6, _gmail: 4, _fb_profile: 4, **_DRIFT,
    },
    Purpose.CONTENT: {
        _canva: 15, _docs: 12, _business_suite: 15, _fb_own_page: 10, _ig_feed: 4,
        _search: 5, _youtube: 3, _fb_feed: 3, _fb_group: 3,
    },
    Purpose.COMMUNITY: {
        _fb_group: 30, _fb_group_post: 20, _fb_thread: 10, _fb_profile: 6, _li_group: 8,
        _fb_groups_feed: 4, **_DRIFT,
    },
    Purpose.CLEAN_UP: {
        _fb_own_page: 30, _business_suite: 25, _fb_group: 10, _fb_group_post: 8, _fb_feed: 2,
    },
    None: {
        _gmail: 14, _outlook: 6, _docs: 10, _sheets: 10, _calendar: 4, _search: 6, _desktop: 8,
        _fb_feed: 8, _fb_watch: 4, _ig_feed: 5, _li_feed: 4, _youtube: 5, _spotify: 3,
        _streaming: 1, _fb_thread: 7, _fb_inbox: 2, _fb_group: 4, _fb_profile: 2, _ig_direct: 2,
        _li_messaging: 2, _business_suite: 2, _messenger_app: 2, _canva: 2,
    },
}  # fmt: skip

_MIX_TABLES: dict[Purpose | None, tuple[tuple[Gen, ...], list[float]]] = {
    key: (tuple(mix), _cumulative(mix.values())) for key, mix in MIXES.items()
}

DWELL_SIGMA = 1.05
# Tuned so that a working day comes to about 2,000 spans, as the design assumes.
DWELL_SCALE = 1.08
_SCALED_DWELL = {gen: median * DWELL_SCALE for gen, median in DWELL.items()}
MAX_DWELL = 25 * 60

# --------------------------------------------------------------------------- sessions

OBJECTIVES: dict[Purpose, tuple[tuple[str, int | None], ...]] = {
    Purpose.PROSPECTING: (
        ("Start 5 conversations with new members of my groups", 5),
        ("Reach out to 10 people who commented on my post", 10),
        ("Connect with 8 wellness coaches on LinkedIn", 8),
        ("Send 6 friendly hellos to people who raised their hands", 6),
        ("Find 5 new prospects in Home Business Support Group", 5),
    ),
    Purpose.FOLLOW_UP: (
        ("Follow up with 8 prospects from last week", 8),
        ("Answer every open Messenger thread", None),
        ("Check in with 5 customers about their samples", 5),
        ("Reply to LinkedIn messages and book 2 calls", 2),
    ),
    Purpose.CONTENT: (
        ("Write and schedule tomorrow's value post", 1),
        ("Design 3 story slides for the webinar", 3),
        ("Record a 60-second tip video", 1),
        ("Plan next week's content calendar", None),
    ),
    Purpose.COMMUNITY: (
        ("Welcome new members in my VIP group", None),
        ("Answer 5 questions in Wellness Entrepreneurs Community", 5),
        ("Comment helpfully on 10 posts in my groups", 10),
    ),
    Purpose.CLEAN_UP: (
        ("Remove off-topic posts from my business page", None),
        ("Clean up old promo posts on Glow & Grow with Anna", 5),
    ),
}

OUTCOME_NOTES = (
    "Two asked for the info pack",
    "Good chats, one call booked",
    "Got distracted by the feed",
    "Most people did not answer yet",
    "Posted and scheduled",
    None,
    None,
    None,
)

# (local start hh:mm, jitter minutes before, after) for the daily sessions, spaced so that
# even a long session with two extensions and an overrun ends before the next one starts.
SESSION_SLOTS = ((9, 0, 10, 25), (10, 50, 5, 20), (14, 0, 0, 25), (16, 0, 5, 20), (17, 45, 0, 10))


@dataclass(slots=True)
class PlannedSession:
    index: int
    purpose: Purpose
    objective: str
    target: int | None
    planned_minutes: int
    start: int
    deadline: int
    end: int
    extensions: list[tuple[int, int]]
    outcome: Outcome | None
    outcome_count: int | None
    note: str | None


@dataclass(slots=True)
class PlannedSpan:
    start: int
    duration: int
    window: WindowKey
    session: int | None


@dataclass(slots=True)
class PlannedInteraction:
    at: int
    kind: InteractionKind
    note: str | None
    session: int | None


@dataclass(slots=True)
class DayPlan:
    """One local day of the synthetic user; instants are UTC epoch seconds."""

    day: date
    number: int
    sessions: list[PlannedSession] = field(default_factory=list)
    spans: list[PlannedSpan] = field(default_factory=list)
    interactions: list[PlannedInteraction] = field(default_factory=list)

    @property
    def active_seconds(self) -> int:
        return sum(s.duration for s in self.spans)


def _local(day: date, hour: int, minute: int, tz: tzinfo) -> int:
    return int(datetime.combine(day, time(hour, minute), tzinfo=tz).timestamp())


def _plan_sessions(rng: random.Random, day: date, tz: tzinfo) -> list[PlannedSession]:
    count = rng.choices((3, 4, 5), weights=(25, 50, 25))[0]
    slots = sorted(rng.sample(range(len(SESSION_SLOTS)), count))
    clean_up_day = day.weekday() == 4  # Friday: the weekly page clean-up routine
    sessions: list[PlannedSession] = []
    for index, slot in enumerate(slots):
        hour, minute, before, after = SESSION_SLOTS[slot]
        start = _local(day, hour, minute, tz) + rng.randint(-before * 60, after * 60)
        if clean_up_day and index == len(slots) - 1:
            purpose = Purpose.CLEAN_UP
        else:
            purpose = rng.choices(
                (Purpose.PROSPECTING, Purpose.FOLLOW_UP, Purpose.CONTENT, Purpose.COMMUNITY),
                weights=(40, 30, 15, 15),
            )[0]
        objective, target = rng.choice(OBJECTIVES[purpose])
        planned = rng.choices((15, 20, 25, 30, 45), weights=(15, 25, 25, 25, 10))[0]
        deadline = start + planned * 60
        extensions: list[tuple[int, int]] = []
        for _ in range(rng.choices((0, 1, 2), weights=(70, 22, 8))[0]):
            minutes = rng.choice((5, 10))
            extensions.append((deadline - rng.randint(0, 180), minutes))
            deadline += minutes * 60
        x = rng.random()
        if x < 0.2:
            end = deadline - rng.randint(60, 300)  # finished early
        elif x < 0.55:
            end = deadline + rng.randint(-30, 60)  # moved on when told
        else:
            end = deadline + rng.randint(60, 12 * 60)  # overran
        outcome = rng.choices((Outcome.MET, Outcome.PARTLY, Outcome.MISSED, None), (45, 35, 15, 5))[
            0
        ]
        count_done = None
        if target is not None and outcome is not None:
            share = {Outcome.MET: 1.0, Outcome.PARTLY: 0.6, Outcome.MISSED: 0.2}[outcome]
            count_done = max(0, round(target * share) + rng.randint(-1, 1))
        sessions.append(
            PlannedSession(
                index,
                purpose,
                objective,
                target,
                planned,
                start,
                deadline,
                end,
                extensions,
                outcome,
                count_done,
                rng.choice(OUTCOME_NOTES) if outcome is not None else None,
            )
        )
    return sessions


def _plan_breaks(
    rng: random.Random,
    day: date,
    tz: tzinfo,
    busy: Sequence[tuple[int, int]],
    first: int,
    last: int,
) -> list[tuple[int, int]]:
    lunch_start = _local(day, 12, 35, tz) + rng.randint(0, 25 * 60)
    breaks = [(lunch_start, lunch_start + rng.randint(30 * 60, 50 * 60))]
    for _ in range(rng.randint(2, 4)):
        for _attempt in range(10):
            start = rng.randint(first + 1800, last - 1800)
            stop = start + rng.randint(3 * 60, 15 * 60)
            taken = [*busy, *breaks]
            if all(stop + 60 <= a or start >= b + 60 for a, b in taken):
                breaks.append((start, stop))
                break
    return sorted(breaks)


def _plan_interactions(
    rng: random.Random, world: World, sessions: Sequence[PlannedSession], first: int, last: int
) -> list[PlannedInteraction]:
    out: list[PlannedInteraction] = []
    for _ in range(rng.randint(15, 25)):
        if sessions and rng.random() < 0.8:
            s = rng.choice(sessions)
            at = rng.randint(s.start, s.end - 1)
            if s.purpose is Purpose.CLEAN_UP:
                kind = rng.choices(
                    (InteractionKind.POST_REMOVED, InteractionKind.VALUE), weights=(8, 1)
                )[0]
            else:
                kind = rng.choices(
                    (
                        InteractionKind.VALUE,
                        InteractionKind.CONVERSATION,
                        InteractionKind.FOLLOW_UP,
                        InteractionKind.PITCH,
                        InteractionKind.DIALOG_EXIT,
                    ),
                    weights=(6, 5, 4, 2, 2),
                )[0]
            session: int | None = s.index
        else:
            at = rng.randint(first, last - 1)
            kind = rng.choice(
                (InteractionKind.VALUE, InteractionKind.CONVERSATION, InteractionKind.FOLLOW_UP)
            )
            session = None
        note = None
        if rng.random() < 0.4:
            note = rng.choice(
                (
                    f"Chat with {world.name(rng)}",
                    f"Shared a tip with {world.name(rng)}",
                    f"{world.name(rng)} asked about the starter kit",
                    f"Sent info pack to {world.name(rng)}",
                )
            )
        out.append(PlannedInteraction(at, kind, note, session))
    out.sort(key=lambda i: i.at)
    return out


def plan_day(seed: int, world: World, day: date, tz: tzinfo) -> DayPlan:
    """Plan one local day: sessions, breaks, then window switches until the evening.

    The day depends only on (seed, day), never on which days were planned before.
    """
    rng = random.Random(f"day:{seed}:{day.isoformat()}")
    plan = DayPlan(day, epoch_day(day))
    plan.sessions = _plan_sessions(rng, day, tz)
    first = _local(day, 8, 0, tz) + rng.randint(0, 40 * 60)
    last = max(
        first + rng.randint(int(8.8 * 3600), int(9.4 * 3600)),
        plan.sessions[-1].end + rng.randint(5 * 60, 30 * 60),
    )
    midnight = int(local_day_bounds(day, tz)[1].timestamp())
    last = min(last, midnight - 60)
    busy = [(s.start, s.end) for s in plan.sessions]
    breaks = _plan_breaks(rng, day, tz, busy, first, last)
    # Boundaries where the current window or session must change.
    marks: list[tuple[int, str, int]] = []
    for s in plan.sessions:
        marks += [(s.start, "start", s.index), (s.end, "end", s.index)]
    for a, b in breaks:
        marks += [(a, "away", 0), (b, "back", 0)]
    marks.append((last, "stop", 0))
    marks.sort()

    spans = plan.spans
    cursor, session, away = first, None, False
    previous: WindowKey | None = None
    purpose: Purpose | None = None
    lognorm = rng.lognormvariate
    for at, what, index in marks:
        while not away and cursor < at:
            gens, cum = _MIX_TABLES[purpose]
            gen = _pick(rng, gens, cum)
            window = gen(rng, world, day)
            if window == previous:  # the same window again would just extend the span
                continue
            length = min(
                int(_SCALED_DWELL[gen] * lognorm(0.0, DWELL_SIGMA)) + 1, MAX_DWELL, at - cursor
            )
            spans.append(PlannedSpan(cursor, length, window, session))
            cursor += length
            previous = window
        cursor = max(cursor, at)
        if what == "start":
            session, purpose = index, plan.sessions[index].purpose
        elif what == "end":
            session, purpose = None, None
        elif what == "away":
            away, previous = True, None
        elif what == "back":
            away = False
        else:
            break
        if what in ("start", "end"):
            previous = None  # a session boundary cuts the span even in the same window
    plan.interactions = _plan_interactions(rng, world, plan.sessions, first, last)
    return plan


# --------------------------------------------------------------------------- writing


@dataclass(slots=True)
class HistoryStats:
    """What was written, so callers can check the database against it."""

    days: int = 0
    spans: int = 0
    sessions: int = 0
    extensions: int = 0
    interactions: int = 0
    windows: int = 0
    seconds: int = 0
    day_numbers: list[int] = field(default_factory=list)


def _utc(epoch: int) -> datetime:
    return datetime.fromtimestamp(epoch, UTC)


def session_rows(plan: DayPlan, device_id: int) -> list[SessionRow]:
    """ORM rows for a plan's sessions, ended and with outcomes (as ``stop`` leaves them)."""
    return [
        SessionRow(
            device_id=device_id,
            day=plan.number,
            objective=s.objective,
            purpose=s.purpose,
            target=s.target,
            planned_minutes=s.planned_minutes,
            started_at=_utc(s.start),
            deadline=_utc(s.deadline),
            ended_at=_utc(s.end),
            last_seen_at=_utc(s.end),
            extensions=len(s.extensions),
            outcome=s.outcome,
            outcome_count=s.outcome_count,
            outcome_note=s.note,
            end_reason=EndReason.STOPPED,
            running=None,
        )
        for s in plan.sessions
    ]


class _Windows:
    """Window id and category per window key, registered in bulk; classified once each.

    Why not ``WindowIds.get`` per window: it builds and runs two statements per
    new window (about half a millisecond), and a dense year has tens of
    thousands of distinct titles, which alone would cost most of a minute.
    The rows are the same ones ``WindowIds`` writes (same ``window_hash``,
    same truncation), so the Recorder and the queries find them as their own;
    the smoke test checks that.
    """

    def __init__(self, classifier: Classifier) -> None:
        self._classifier = classifier
        self._known: dict[WindowKey, tuple[int, int]] = {}

    def __len__(self) -> int:
        return len(self._known)

    @property
    def known(self) -> Mapping[WindowKey, tuple[int, int]]:
        return self._known

    def register(self, conn: Connection, keys: Iterable[WindowKey]) -> None:
        known = self._known
        # dict.fromkeys, not a set: first-seen order keeps window ids the same run to run.
        new = {key: window_hash(key) for key in dict.fromkeys(k for k in keys if k not in known)}
        if not new:
            return
        dialect_insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
        conn.execute(
            dialect_insert(WINDOWS).on_conflict_do_nothing(),
            [
                {"key_hash": h, "app": k.app[:200], "title": k.title, "url": k.url}
                for k, h in new.items()
            ],
        )
        hashes = list(new.values())
        ids: dict[int, int] = {}
        for i in range(0, len(hashes), 500):
            query = select(WINDOWS.c.key_hash, WINDOWS.c.id).where(
                WINDOWS.c.key_hash.in_(hashes[i : i + 500])
            )
            ids.update(conn.execute(query).all())
        classify = self._classifier.classify
        for key, digest in new.items():
            self._known[key] = (ids[digest], CATEGORY_CODES[classify(key)])


def write_history(
    db: Database,
    *,
    device_id: int,
    tz: tzinfo,
    first: date,
    days: int,
    seed: int,
    classifier: Classifier,
    days_per_transaction: int = 31,
) -> HistoryStats:
    """Write ``days`` planned days from ``first`` on, then rebuild the day totals.

    A transaction per month keeps the WAL from growing to the whole year.
    """
    world = World.build(seed)
    windows = _Windows(classifier)
    stats = HistoryStats()
    source = SOURCE_CODES[Source.AUTO]
    for chunk_start in range(0, days, days_per_transaction):
        plans = [
            plan_day(seed, world, first + timedelta(days=i), tz)
            for i in range(chunk_start, min(days, chunk_start + days_per_transaction))
        ]
        with db.sessions.begin() as orm:
            conn = orm.connection()
            windows.register(conn, (span.window for plan in plans for span in plan.spans))
            known = windows.known
            pending: list[SpanRow] = []
            for plan in plans:
                # The day column is the local date of each span's start; plans never
                # cross midnight, so it is the plan's date — checked once per day.
                assert epoch_day(local_date(_utc(plan.spans[-1].start), tz)) == plan.number
                rows = session_rows(plan, device_id)
                orm.add_all(rows)
                orm.flush()
                ids = [r.id for r in rows]
                for s, row in zip(plan.sessions, rows, strict=True):
                    orm.add_all(
                        SessionExtension(session_id=row.id, at=_utc(at), minutes=minutes)
                        for at, minutes in s.extensions
                    )
                    stats.extensions += len(s.extensions)
                orm.add_all(
                    InteractionRow(
                        device_id=device_id,
                        day=plan.number,
                        at=_utc(i.at),
                        kind=i.kind.value,
                        note=i.note,
                        session_id=None if i.session is None else ids[i.session],
                    )
                    for i in plan.interactions
                )
                for span in plan.spans:
                    window_id, category = known[span.window]
                    pending.append(
                        SpanRow(
                            device_id,
                            plan.number,
                            span.start,
                            span.duration,
                            window_id,
                            category,
                            source,
                            None if span.session is None else ids[span.session],
                        )
                    )
                    stats.seconds += span.duration
                stats.days += 1
                stats.sessions += len(rows)
                stats.interactions += len(plan.interactions)
                stats.day_numbers.append(plan.number)
            orm.flush()
            insert_spans(conn, pending)
            stats.spans += len(pending)
    with db.engine.begin() as conn:
        rebuild_day_totals(conn, device_id, stats.day_numbers)
    stats.windows = len(windows)
    return stats


def day_observations(
    plan: DayPlan, session_ids: Mapping[int, int], limit: int
) -> list[Observation]:
    """One observation per second of the plan's spans, as a watcher polling each second sees it.

    ``session_ids`` maps the plan's session index to a stored session id.
    """
    out: list[Observation] = []
    for span in plan.spans:
        sid = None if span.session is None else session_ids[span.session]
        for t in range(span.start, span.start + span.duration):
            out.append(Observation(_utc(t), span.window, sid))
            if len(out) >= limit:
                return out
    return out
