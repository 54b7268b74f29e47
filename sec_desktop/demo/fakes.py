"""Contact details that cannot reach anyone, and names that belong to nobody.

Phone numbers come only from Ofcom's ranges reserved for drama (07700 900000-900999,
01632 960000-960999), email addresses only from the domains reserved for examples, and
postal addresses use a postcode district (NP99) that is not in use.
"""

from __future__ import annotations

import re
import unicodedata

from sec_desktop.demo.context import DemoContext

EXAMPLE_DOMAINS = ("example.org", "example.com", "example.net")
DRAMA_MOBILE_PREFIX = "07700 900"
DRAMA_LANDLINE_PREFIX = "01632 960"

# Towns of Gwent and South Wales: places only, never part of a real organisation's name
# (an organisation named after one carries "(demo)").
REAL_TOWNS = (
    "Newport",
    "Cwmbran",
    "Pontypool",
    "Abergavenny",
    "Monmouth",
    "Chepstow",
    "Caldicot",
    "Ebbw Vale",
    "Tredegar",
    "Blaenavon",
    "Abertillery",
    "Caerphilly",
    "Blackwood",
    "Risca",
    "Usk",
    "Brynmawr",
    "Cardiff",
)
# Invented places, Welsh in flavour, for organisation names that are plainly made up.
INVENTED_PLACES = (
    "Afon Valley",
    "Cwm Derwen",
    "Bryn Hebog",
    "Glan Teifion",
    "Nant Eirlys",
    "Llwyn Celyn",
    "Pen-y-Waun Uchaf",
    "Coed Mererid",
    "Dyffryn Arian",
    "Maes Gwenllian",
    "Cwm Tawelwch",
    "Rhos Llewelyn",
)
AREAS = ("Newport", "Torfaen", "Blaenau Gwent", "Monmouthshire", "Caerphilly", "Gwent-wide")

_STREET_ENDINGS = (
    "Road",
    "Street",
    "Close",
    "Terrace",
    "Avenue",
    "Crescent",
    "Lane",
    "Way",
    "Court",
)
_WELSH_STREETS = (
    "Heol y Felin",
    "Heol Derwen",
    "Stryd y Bont",
    "Ffordd y Coed",
    "Lon Glan",
    "Heol Newydd",
)
WELSH_FIRST_NAMES_FEMALE = (
    "Cerys",
    "Sioned",
    "Ffion",
    "Rhiannon",
    "Bethan",
    "Carys",
    "Eleri",
    "Nia",
    "Angharad",
    "Lowri",
    "Manon",
    "Heledd",
    "Elin",
    "Gwenllian",
    "Mali",
)
WELSH_FIRST_NAMES_MALE = (
    "Dafydd",
    "Rhys",
    "Gethin",
    "Owain",
    "Iwan",
    "Huw",
    "Aled",
    "Emyr",
    "Geraint",
    "Ioan",
)
WELSH_SURNAMES = (
    "Jones",
    "Davies",
    "Evans",
    "Williams",
    "Thomas",
    "Roberts",
    "Hughes",
    "Lewis",
    "Morgan",
    "Griffiths",
    "Price",
    "Powell",
    "Pritchard",
    "Rees",
    "Jenkins",
    "Howells",
    "Parry",
    "Bevan",
)

_NOT_IN_LOCAL_PART = re.compile(r"[^a-z0-9]")


def mobile(ctx: DemoContext) -> str:
    return f"{DRAMA_MOBILE_PREFIX}{ctx.rng.randrange(1000):03d}"


def landline(ctx: DemoContext) -> str:
    return f"{DRAMA_LANDLINE_PREFIX}{ctx.rng.randrange(1000):03d}"


def phone(ctx: DemoContext, mobile_share: float = 0.8) -> str:
    return mobile(ctx) if ctx.chance(mobile_share) else landline(ctx)


def ascii_slug(text: str) -> str:
    """Lower-case letters and digits only: "Siân O'Neill" gives "sianoneill"."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NOT_IN_LOCAL_PART.sub("", folded.lower())


def email(ctx: DemoContext, *parts: str, domain: str | None = None) -> str:
    local = ".".join(slug for slug in (ascii_slug(p) for p in parts) if slug) or "contact"
    return f"{local}@{domain or ctx.rng.choice(EXAMPLE_DOMAINS)}"


def personal_email(ctx: DemoContext, first: str, last: str) -> str:
    """Something a person might pick: not always their full name."""
    style = ctx.rng.randrange(3)
    if style == 0:
        return email(ctx, first, last)
    if style == 1:
        return email(ctx, f"{first[:1]}{last}{ctx.rng.randint(1, 99)}")
    return email(ctx, f"{first}{ctx.rng.randint(70, 99)}")


def person_name(ctx: DemoContext, sex: str, welsh: bool = False) -> tuple[str, str]:
    """(first, last). `sex` is "female", "male" or anything else for either."""
    fake = ctx.fake
    if welsh and ctx.chance(0.7):
        if sex == "female" or (sex != "male" and ctx.chance(0.5)):
            first = ctx.rng.choice(WELSH_FIRST_NAMES_FEMALE)
        else:
            first = ctx.rng.choice(WELSH_FIRST_NAMES_MALE)
        return first, ctx.rng.choice(WELSH_SURNAMES)
    if sex == "female":
        first = fake.first_name_female()
    elif sex == "male":
        first = fake.first_name_male()
    else:
        first = fake.first_name()
    return first, fake.last_name()


def postal_address(ctx: DemoContext) -> str:
    if ctx.chance(0.2):
        street = ctx.rng.choice(_WELSH_STREETS)
    else:
        street = f"{ctx.fake.last_name()} {ctx.rng.choice(_STREET_ENDINGS)}"
    flat = f"Flat {ctx.rng.randint(1, 12)}, " if ctx.chance(0.25) else ""
    town = ctx.rng.choice(REAL_TOWNS)
    letters = "".join(ctx.rng.choice("ABDEFGHJLNPQRSTUWXYZ") for _ in range(2))
    return (
        f"{flat}{ctx.rng.randint(1, 140)} {street}, {town}, NP99 {ctx.rng.randint(1, 9)}{letters}"
    )
