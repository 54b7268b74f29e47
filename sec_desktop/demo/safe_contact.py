"""Demo safe contact rules: channels with the details they need, safe days and times,
voicemail usually not allowed, and for some a code word or a trusted third party."""

from __future__ import annotations

from datetime import time

from sec_desktop.demo import fakes
from sec_desktop.demo.context import DemoContext
from sec_desktop.domain.enums import ContactChannel, Weekday
from sec_desktop.domain.participant import SafeContact
from sec_desktop.services import participant_store as store
from sec_desktop.services.participant_records import SafeContactRules

CHANNEL_SHARES = (
    (ContactChannel.PHONE, 0.7),
    (ContactChannel.TEXT, 0.65),
    (ContactChannel.EMAIL, 0.45),
    (ContactChannel.LETTER, 0.08),
)
WEEKDAYS = (Weekday.MONDAY, Weekday.TUESDAY, Weekday.WEDNESDAY, Weekday.THURSDAY, Weekday.FRIDAY)
SAFE_WINDOWS = (
    (time(9, 30), time(14, 30)),
    (time(10), time(15)),
    (time(12), time(16)),
    (time(18), time(20)),
    (time(9), time(12)),
    (time(13), time(17)),
)
TIMES_NOTES = (
    "Not during school pick-up.",
    "Mornings are difficult.",
    "Text first to check it is a good time.",
)
CODE_WORDS = ("bluebell", "lighthouse", "marmalade", "kingfisher", "copper kettle", "harbour")
THIRD_PARTY_RELATIONSHIPS = ("Sister", "Friend", "Mother", "Brother", "Daughter", "Neighbour")
CONTACT_NOTES = (
    "Text first before calling.",
    "Use a withheld number.",
    "Do not name the group in texts.",
)


def safe_contact_rules(ctx: DemoContext, first: str, last: str) -> SafeContactRules:
    channels = {channel for channel, share in CHANNEL_SHARES if ctx.chance(share)}
    third_party = ctx.chance(0.15)
    if third_party and ctx.chance(0.5):
        channels.add(ContactChannel.THIRD_PARTY)
    if not channels:
        channels.add(ContactChannel.TEXT)
    needs_phone = channels & {ContactChannel.PHONE, ContactChannel.TEXT}
    window = ctx.rng.choice(SAFE_WINDOWS) if ctx.chance(0.85) else (None, None)
    tp_first, tp_last = fakes.person_name(ctx, "any") if third_party else ("", "")
    return SafeContactRules(
        channels=frozenset(channels),
        phone=fakes.mobile(ctx) if needs_phone else "",
        email=fakes.personal_email(ctx, first, last) if ContactChannel.EMAIL in channels else "",
        postal_address=(fakes.postal_address(ctx) if ContactChannel.LETTER in channels else ""),
        safe_days=_safe_days(ctx),
        safe_from=window[0],
        safe_until=window[1],
        times_note=ctx.rng.choice(TIMES_NOTES) if ctx.chance(0.25) else "",
        voicemail_allowed=ctx.chance(0.15),
        may_say_police=ctx.chance(0.3),
        code_word=ctx.rng.choice(CODE_WORDS) if ctx.chance(0.25) else "",
        third_party_name=f"{tp_first} {tp_last}" if third_party else "",
        third_party_relationship=(ctx.rng.choice(THIRD_PARTY_RELATIONSHIPS) if third_party else ""),
        third_party_contact=(
            (fakes.mobile(ctx) if ctx.chance(0.8) else fakes.email(ctx, tp_first, tp_last))
            if third_party
            else ""
        ),
        notes=ctx.rng.choice(CONTACT_NOTES) if ctx.chance(0.15) else "",
    )


def _safe_days(ctx: DemoContext) -> frozenset[Weekday]:
    kind = ctx.pick((("weekdays", 45), ("some", 35), ("any", 10), ("none", 10)))
    if kind == "weekdays":
        return frozenset(WEEKDAYS)
    if kind == "some":
        return frozenset(ctx.rng.sample(WEEKDAYS, ctx.rng.randint(2, 4)))
    if kind == "any":
        return frozenset(Weekday)
    return frozenset()


_COLUMNS = tuple(column.key for column in SafeContact.__table__.columns)


def safe_contact_row(participant_id: int, rules: SafeContactRules) -> dict[str, object]:
    """The row the roster service would store for these rules (its own code writes it)."""
    contact = SafeContact()
    store.write_rules(contact, rules)
    contact.participant_id = participant_id
    return {name: getattr(contact, name) for name in _COLUMNS}
