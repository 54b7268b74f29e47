"""Words for demo feedback: what a survivor might say about each theme, good and bad,
put together from short parts so that 150,000 items do not all read alike.

Summaries are in the third person ("they"), quotes in the first. A mixed item joins
something good to something bad. Nothing here describes a real case.
"""

from __future__ import annotations

import random

from sec_desktop.domain.engagement_enums import Sentiment

# theme: (good things, bad things, good quotes, bad quotes)
Phrases = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]

THEMES: dict[str, Phrases] = {
    "Being believed": (
        (
            "the first officer believed them straight away",
            "nobody asked why it took them years to come forward",
            "the officer said out loud that they were believed",
            "the call handler took them seriously from the first minute",
        ),
        (
            "they felt they had to prove it happened before anyone would listen",
            "an officer asked why they had not left sooner",
            "they were asked the same questions again and again, as if they were lying",
            "their account was treated as six of one and half a dozen of the other",
        ),
        (
            "She looked at me and said, 'I believe you.' I'll never forget that.",
            "For the first time someone didn't ask me why I stayed.",
            "I was taken seriously, and that kept me going.",
        ),
        (
            "I felt like I was the one on trial.",
            "He kept asking 'are you sure?' until I wasn't.",
            "It took me four years to ring, and it felt like I'd wasted their time.",
        ),
    ),
    "Communication and updates": (
        (
            "the officer in the case rang every fortnight, even with nothing new",
            "they were told about the suspect's release before it happened",
            "updates came by text at the times they had asked for",
        ),
        (
            "they heard nothing for months after giving a statement",
            "they found out about the charging decision from someone else",
            "calls were not returned and the officer in the case changed twice",
            "a letter went to an address the suspect knew",
        ),
        (
            "Even a two-line text saying 'nothing new yet' helped.",
            "I always knew who to ring, and they always rang back.",
            "They told me before he was released, so I could plan.",
        ),
        (
            "I had to chase them for every bit of news.",
            "Silence is the worst part. You think they've given up on you.",
            "I found out he'd been bailed when I saw him in {town}.",
        ),
    ),
    "Officer attitude and language": (
        (
            "the officers were calm and kind and did not rush them",
            "the officer used their words and did not correct them",
            "the officer explained each step without jargon",
        ),
        (
            "an officer called it just a domestic",
            "the attending officer spoke to the suspect first and seemed to side with him",
            "they were told they should have known better",
            "the letter they received felt cold and blaming",
        ),
        (
            "He sat on the floor with my son and talked to him like a person.",
            "She never once made me feel stupid.",
            "They let me cry and didn't rush me.",
        ),
        (
            "'Just a domestic', that's what he called it, in front of me.",
            "I felt like a nuisance call.",
            "The way he spoke to me, I wouldn't ring again.",
        ),
    ),
    "Time and delays": (
        (
            "officers arrived within twenty minutes of the 999 call",
            "the case was charged faster than they had been told to expect",
            "the statement was taken at a time that suited them",
        ),
        (
            "they waited all night for officers to attend",
            "the case took nearly three years to reach court",
            "the trial date was moved four times",
            "they waited months for a decision on the file",
        ),
        (
            "They were there before I'd even put the phone down, it felt like.",
            "I'd been warned it could take years. It didn't.",
        ),
        (
            "Three years of my life on hold.",
            "Every time the date moved I had to find the courage all over again.",
            "I waited all night in {town} for someone to come.",
        ),
    ),
    "Safety and safeguarding": (
        (
            "a risk assessment was done on the first visit and a MARAC referral followed",
            "the officer helped them apply for a non-molestation order",
            "bail conditions kept the suspect away from their street",
        ),
        (
            "bail conditions were broken several times and nothing happened",
            "nobody explained what MARAC was or what it meant for them",
            "the alarm they were promised took weeks to be fitted",
            "they did not feel safe after the suspect was released without conditions",
        ),
        (
            "The alarm they fitted meant I could sleep again.",
            "They made a safety plan with me that night.",
        ),
        (
            "He broke his bail three times and I stopped bothering to report it.",
            "I felt less safe after I rang than before.",
        ),
    ),
    "Information about rights (Victims' Code)": (
        (
            "the officer explained the Victims' Code and left them a copy",
            "they were told about the right to review a no further action decision",
            "they were offered a Victim Personal Statement and helped to write it",
        ),
        (
            "nobody told them they could ask for a review of the decision",
            "they were never offered a Victim Personal Statement",
            "they did not know they could claim expenses for going to court",
            "they only learned about the Victims' Code from their IDVA",
        ),
        (
            "Knowing my rights made me feel less powerless.",
            "Writing my statement for court was the first time I felt heard.",
        ),
        (
            "Nobody told me I had rights. I found out online.",
            "If I'd known I could ask for a review, I would have.",
        ),
    ),
    "Accessibility and communication barriers": (
        (
            "a Welsh-speaking officer took their statement",
            "a BSL interpreter was booked for every meeting",
            "letters came in large print, as they had asked",
            "an interpreter was there from the first visit",
        ),
        (
            "they were not offered the chance to give their statement in Welsh",
            "a family member was asked to interpret for them",
            "the online reporting form did not work with a screen reader",
            "no interpreter was booked for the first interview",
        ),
        (
            "Roedd hi'n help mawr cael siarad Cymraeg.",
            "Having the interpreter there meant I could tell it properly.",
            "The easy read letter was the first one I understood.",
        ),
        (
            "Doedd neb yn gallu siarad Cymraeg â fi.",
            "My daughter had to translate what happened to me. She's twelve.",
            "I can't use the phone, and there was no other way to reach them.",
        ),
    ),
    "Digital evidence and phones": (
        (
            "their phone was downloaded and returned the same day",
            "officers took only the messages they needed",
            "the officer explained why the phone was needed and for how long",
        ),
        (
            "their phone was kept for nine months",
            "they were asked to hand over their whole phone, not just the messages",
            "losing the phone cut them off from their support network",
            "nobody explained what would be looked at on the phone",
        ),
        ("They copied what they needed and I had it back by teatime.",),
        (
            "My phone was my lifeline and they kept it for months.",
            "Why did they need my photos from years ago?",
            "It felt like I was the one being investigated.",
        ),
    ),
    "Special measures at court": (
        (
            "they gave evidence from behind a screen and felt safer",
            "a visit to the court before the trial helped",
            "they gave evidence by live link from another room",
        ),
        (
            "special measures were agreed only on the morning of the trial",
            "they came face to face with the defendant in the court corridor",
            "the screen was not set up and they had to wait",
        ),
        (
            "The screen meant I didn't have to see him. That's the only way I could do it.",
            "The court visit beforehand took the fear out of it.",
        ),
        (
            "I walked straight past him in the corridor at {town}.",
            "Nobody asked me what would help until the day itself.",
        ),
    ),
    "Support services": (
        (
            "the referral to an IDVA came within a day",
            "their ISVA stayed with them through the whole process",
            "the SARC appointment was quick and kind",
            "a counsellor was arranged through a partner charity",
        ),
        (
            "they were not referred to any support until months later",
            "the waiting list for counselling was over a year",
            "they were given a leaflet and nothing else",
            "the referral to the ISVA service was never made",
        ),
        (
            "My IDVA was the reason I didn't give up.",
            "Having someone by my side at every stage made all the difference.",
        ),
        (
            "A leaflet isn't support.",
            "I didn't know anyone could help until it was all over.",
        ),
    ),
    "Children and family": (
        (
            "officers made sure the children were out of the room before asking questions",
            "the school was told, with their agreement, and was supportive",
            "a family support worker helped the children understand",
        ),
        (
            "the children were in the room when they were questioned",
            "child contact arrangements meant they kept seeing the suspect",
            "nobody asked how the children were coping",
            "they feared losing the children more than they feared the suspect",
        ),
        (
            "They thought about my kids, not just about me.",
            "The officer played with my little one on the floor while we talked.",
        ),
        (
            "My kids heard every word.",
            "I was scared that if I called, they'd take my children.",
        ),
    ),
    "Housing and money": (
        (
            "a partner helped them move to a safe address quickly",
            "the council housing team treated them as a priority",
            "they were helped to claim travel expenses for court",
        ),
        (
            "they had to stay in the shared home while the case went on",
            "they lost work because court dates kept moving",
            "they could not afford the travel to court",
            "their refuge place was far from the children's school",
        ),
        (
            "Getting the keys to a safe flat was the moment I could breathe.",
            "They sorted my travel costs so I could get to court.",
        ),
        (
            "I had to choose between the rent and going to court.",
            "Leaving meant losing everything. Nobody helped with that part.",
        ),
    ),
}
# Police staff who are survivors, at the staff forum: about work, whatever the theme.
STAFF: Phrases = (
    (
        "their line manager allowed flexible hours while the case went on",
        "occupational health saw them quickly",
        "the staff forum gave them somewhere to talk without being judged",
    ),
    (
        "colleagues at the station talked about their case",
        "they worried about working alongside the suspect's friends",
        "they did not know who to tell at work",
    ),
    (
        "Knowing other staff had been through it helped more than anything.",
        "My sergeant just said, 'Take the time you need.'",
    ),
    (
        "I work here and I still didn't know where to go.",
        "Everyone in the canteen seemed to know.",
    ),
)
OPENERS = ("Said that", "Felt that", "Explained that", "Shared that", "Told us that")
GROUP_OPENERS = ("Told the group that", "Said in the group that", *OPENERS)
PARTNER_OPENERS = (
    "Their IDVA reported that",
    "An advocate told us that",
    "The ISVA said that, for a survivor they support,",
    "A partner worker passed on that",
)
TAILS = {
    Sentiment.POSITIVE: (
        "",
        "",
        ", and wanted the officer thanked",
        ", and hoped others would get the same",
        ", and said it gave them the confidence to carry on",
    ),
    Sentiment.NEGATIVE: (
        "",
        "",
        ", and asked for this to be looked into",
        ", and said it made them think twice about reporting again",
        ", and wanted the force to know how it felt",
    ),
    Sentiment.MIXED: ("", "", ", and wanted both parts passed on"),
}
TOWNS = (
    "Newport",
    "Casnewydd",
    "Cwmbrân",
    "Pont-y-pŵl",
    "Y Fenni",
    "Cas-gwent",
    "Glynebwy",
    "Caerffili",
    "Blaenavon",
    "Tredegar",
)


def feedback_words(
    rng: random.Random, theme: str | None, sentiment: Sentiment, opener: str, with_quote: bool
) -> tuple[str, str]:
    """(summary, quote) about `theme` (None: the staff forum's own words); the quote is
    empty unless asked for."""
    good, bad, good_quotes, bad_quotes = THEMES[theme] if theme else STAFF
    if sentiment is Sentiment.POSITIVE:
        clause = rng.choice(good)
    elif sentiment is Sentiment.NEGATIVE:
        clause = rng.choice(bad)
    else:
        clause = f"{rng.choice(good)}, but {rng.choice(bad)}"
    summary = f"{opener} {clause}{rng.choice(TAILS[sentiment])}."
    if not with_quote:
        return summary, ""
    if sentiment is Sentiment.POSITIVE:
        quote = rng.choice(good_quotes)
    elif sentiment is Sentiment.NEGATIVE:
        quote = rng.choice(bad_quotes)
    else:
        quote = f"{rng.choice(good_quotes)} {rng.choice(bad_quotes)}"
    return summary, quote.format(town=rng.choice(TOWNS))
