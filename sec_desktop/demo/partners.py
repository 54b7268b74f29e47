"""Demo partner organisations, their named contacts and a dated log of dealings.

Names are invented: made-up places ("Afon Valley Refuge"), or a real town with "(demo)"
after it, so none can be mistaken for a real service.
"""

from __future__ import annotations

import math
from datetime import timedelta

from sec_desktop.demo import fakes
from sec_desktop.demo.context import PARTNERS_AT_SCALE_1, DemoContext, DemoPartner
from sec_desktop.domain.enums import PartnerLogKind, PartnerType
from sec_desktop.domain.partner import Partner, PartnerContact, PartnerLogEntry

# How many of the 25 partners at scale 1 are of each type (every type at least once).
TYPE_SHARES: dict[PartnerType, int] = {
    PartnerType.IDVA_SERVICE: 4,
    PartnerType.ISVA_SERVICE: 3,
    PartnerType.REFUGE: 3,
    PartnerType.CHARITY: 5,
    PartnerType.HEALTH: 2,
    PartnerType.LOCAL_AUTHORITY: 3,
    PartnerType.CPS: 1,
    PartnerType.PROBATION: 1,
    PartnerType.EDUCATION: 2,
    PartnerType.GOVERNMENT: 1,
}

_NAME_PATTERNS: dict[PartnerType, tuple[str, ...]] = {
    PartnerType.IDVA_SERVICE: (
        "{place} IDVA Service",
        "{place} Independent Advocacy Hub",
        "{place} Domestic Abuse Advocates",
    ),
    PartnerType.ISVA_SERVICE: (
        "{place} ISVA Service",
        "{place} Sexual Violence Advocates",
        "{place} Survivor Advocacy Project",
    ),
    PartnerType.REFUGE: ("{place} Refuge", "{place} Safe House Project", "{place} Haven"),
    PartnerType.CHARITY: (
        "{place} Survivors' Network",
        "{place} Women's Support Project",
        "{place} Men's Advice Project",
        "{place} Wellbeing Trust",
        "{place} LGBTQ+ Support Circle",
        "{place} Family Support Charity",
    ),
    PartnerType.HEALTH: (
        "{place} Health Board Safeguarding Team",
        "{place} Sexual Assault Referral Clinic",
        "{place} Community Mental Health Team",
    ),
    PartnerType.LOCAL_AUTHORITY: (
        "{place} Council Safeguarding Hub",
        "{place} Housing Options Team",
        "{place} Children's Services",
    ),
    PartnerType.CPS: ("{place} CPS Victim Liaison Unit", "{place} Witness Care Unit"),
    PartnerType.PROBATION: (
        "{place} Probation Victim Contact Unit",
        "{place} Probation Delivery Unit",
    ),
    PartnerType.EDUCATION: (
        "{place} College Student Support",
        "{place} University Wellbeing Service",
        "{place} Schools Safeguarding Network",
    ),
    PartnerType.GOVERNMENT: (
        "{place} Community Safety Partnership",
        "{place} Commissioner's Office",
    ),
}

_ROLES: dict[PartnerType, tuple[str, ...]] = {
    PartnerType.IDVA_SERVICE: ("IDVA", "Senior IDVA", "Service manager", "Court IDVA"),
    PartnerType.ISVA_SERVICE: ("ISVA", "Children and young people's ISVA", "Service manager"),
    PartnerType.REFUGE: ("Refuge manager", "Support worker", "Outreach worker"),
    PartnerType.CHARITY: ("Service manager", "Volunteer coordinator", "Outreach worker"),
    PartnerType.HEALTH: ("Safeguarding lead", "Nurse specialist", "Crisis worker"),
    PartnerType.LOCAL_AUTHORITY: ("Safeguarding officer", "Housing officer", "Team manager"),
    PartnerType.CPS: ("Victim liaison officer", "Witness care officer"),
    PartnerType.PROBATION: ("Victim liaison officer", "Probation officer"),
    PartnerType.EDUCATION: ("Student wellbeing lead", "Designated safeguarding lead"),
    PartnerType.GOVERNMENT: ("Policy officer", "Commissioning manager"),
}

_PARTNER_NOTES = (
    "",
    "",
    "Monthly referral meeting on the first Tuesday.",
    "Runs a Welsh-language support group.",
    "Covers out-of-hours referrals.",
    "Happy to share our focus group posters.",
    "Prefers email for first contact.",
)
_CONTACT_NOTES = ("", "", "", "Part-time: Monday to Wednesday.", "Back from leave in the spring.")
_LOG: tuple[tuple[PartnerLogKind, tuple[str, ...], float], ...] = (
    (
        PartnerLogKind.MEETING,
        ("Quarterly catch-up on referrals.", "Introduced the Survivor Network.", ""),
        3,
    ),
    (
        PartnerLogKind.CALL,
        ("Checked the referral route is working.", "Arranged a visit.", ""),
        4,
    ),
    (
        PartnerLogKind.EMAIL,
        ("Shared the focus group poster.", "Sent the you said, we did update.", ""),
        4,
    ),
    (PartnerLogKind.REFERRAL, ("Referral received; see the roster.",), 2),
    (PartnerLogKind.EVENT, ("Stall at their open day.", "Spoke at their team meeting."), 1),
    (PartnerLogKind.OTHER, ("Updated their details.",), 0.5),
)


def partner_count(scale: int) -> int:
    return round(PARTNERS_AT_SCALE_1 * math.sqrt(scale))


def write_partners(ctx: DemoContext) -> None:
    types = _types(ctx, partner_count(ctx.scale))
    names = _names(ctx, types)
    rows = [
        _partner_row(ctx, name, partner_type)
        for name, partner_type in zip(names, types, strict=True)
    ]
    ids = ctx.new_ids(Partner, len(rows))
    for row, partner_id in zip(rows, ids, strict=True):
        row["id"] = partner_id
    ctx.insert(Partner, rows)

    per_partner = [
        [_contact_row(ctx, partner_id, partner_type) for _ in range(ctx.rng.randint(1, 3))]
        for partner_id, partner_type in zip(ids, types, strict=True)
    ]
    contact_rows = [row for rows_of_one in per_partner for row in rows_of_one]
    contact_ids = iter(ctx.new_ids(PartnerContact, len(contact_rows)))
    for partner_id, partner_type, rows_of_one in zip(ids, types, per_partner, strict=True):
        own = [next(contact_ids) for _ in rows_of_one]
        for row, contact_id in zip(rows_of_one, own, strict=True):
            row["id"] = contact_id
        ctx.partners.append(DemoPartner(partner_id, partner_type, tuple(own)))
    ctx.insert(PartnerContact, contact_rows)

    log_rows = [row for partner in ctx.partners for row in _log_rows(ctx, partner)]
    ctx.insert(PartnerLogEntry, log_rows)
    ctx.count("partners", len(rows))
    ctx.count("partner contacts", len(contact_rows))
    ctx.count("partner log entries", len(log_rows))


def _types(ctx: DemoContext, how_many: int) -> list[PartnerType]:
    """Every type at least once, the rest in proportion to TYPE_SHARES."""
    types = list(TYPE_SHARES)
    weights = list(TYPE_SHARES.values())
    chosen = types + ctx.rng.choices(types, weights, k=max(how_many - len(types), 0))
    return sorted(chosen, key=types.index)


def _names(ctx: DemoContext, types: list[PartnerType]) -> list[str]:
    """A different name for each partner, from made-up places or real towns plus "(demo)"."""
    places = [*fakes.INVENTED_PLACES, *fakes.REAL_TOWNS]
    names: list[str] = []
    for partner_type in dict.fromkeys(types):
        wanted = types.count(partner_type)
        options = [
            pattern.format(place=place) + (" (demo)" if place in fakes.REAL_TOWNS else "")
            for pattern in _NAME_PATTERNS[partner_type]
            for place in places
        ]
        if wanted > len(options):
            raise ValueError(f"too many demo partners of type {partner_type.value}")
        # Invented places first, so that small vaults read most naturally.
        invented = [o for o in options if not o.endswith("(demo)")]
        real = [o for o in options if o.endswith("(demo)")]
        ctx.rng.shuffle(invented)
        ctx.rng.shuffle(real)
        names += (invented + real)[:wanted]
    return names


def _partner_row(ctx: DemoContext, name: str, partner_type: PartnerType) -> dict[str, object]:
    place = next((t for t in fakes.REAL_TOWNS if name.startswith(t)), None)
    return {
        "name": name,
        "type": partner_type,
        "area": place or ctx.rng.choice(fakes.AREAS),
        "phone": fakes.landline(ctx),
        "email": fakes.email(ctx, "contact", name.replace("(demo)", "")),
        "notes": ctx.rng.choice(_PARTNER_NOTES),
        "active": ctx.chance(0.92),
    }


def _contact_row(ctx: DemoContext, partner_id: int, partner_type: PartnerType) -> dict[str, object]:
    first, last = fakes.person_name(ctx, "any")
    return {
        "partner_id": partner_id,
        "name": f"{first} {last}",
        "role": ctx.rng.choice(_ROLES[partner_type]),
        "phone": fakes.phone(ctx, mobile_share=0.5),
        "email": fakes.email(ctx, first, last),
        "notes": ctx.rng.choice(_CONTACT_NOTES),
    }


def _log_rows(ctx: DemoContext, partner: DemoPartner) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for _ in range(ctx.rng.randint(2, 10)):
        kind, summaries, _weight = ctx.pick([(entry, entry[2]) for entry in _LOG])
        rows.append(
            {
                "partner_id": partner.id,
                "contact_id": (ctx.rng.choice(partner.contact_ids) if ctx.chance(0.75) else None),
                "on": ctx.today - timedelta(days=ctx.rng.randint(0, 730)),
                "kind": kind,
                "summary": ctx.rng.choice(summaries),
            }
        )
    return rows
