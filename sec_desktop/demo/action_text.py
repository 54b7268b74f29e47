"""Invented words for the demo actions ("you said, we did"): for each theme of feedback,
what the force or a partner might change, who owns it, what came of it when done, and
why it might be declined; and for the service recovery cases and development
opportunities in `demo/recovery.py`. None describes a real force's change or case."""

from __future__ import annotations

from dataclasses import dataclass

from sec_desktop.domain.action_enums import OpportunityKind
from sec_desktop.domain.enums import PartnerType


@dataclass(frozen=True)
class ActionWords:
    theme: str
    title: str
    description: str
    department: str
    outcome: str
    decline_reason: str
    # A partner of this type owns it instead of a department, where there is one.
    partner_type: PartnerType | None = None


ACTION_WORDS: tuple[ActionWords, ...] = (
    ActionWords(
        "Being believed",
        "Add 'believe first' guidance to the first response briefing",
        "Survivors said the first words an officer used made them feel doubted.",
        "Learning and Development",
        "Guidance added to the briefing; every response team has had it.",
        "Already covered by the new national guidance from the spring.",
    ),
    ActionWords(
        "Communication and updates",
        "Agree an update every 28 days with each victim of a DA or RASSO crime",
        "Victims want to hear from the officer in the case even when nothing has changed.",
        "Public Protection Unit",
        "Update plans are now recorded at the first visit; dip samples show most kept.",
        "The case management system cannot yet prompt updates; raised again next year.",
    ),
    ActionWords(
        "Communication and updates",
        "Tell victims the name of the new officer when a case changes hands",
        "Several people found out their officer had changed only when they rang in.",
        "Criminal Investigation Department",
        "A handover letter is now sent within five working days.",
        "",
    ),
    ActionWords(
        "Officer attitude and language",
        "Survivor-led session in the trauma-informed practice course",
        "The words officers use at the door stay with people for years.",
        "Learning and Development",
        "Two survivor-led sessions added to the course; 140 officers attended so far.",
        "",
    ),
    ActionWords(
        "Time and delays",
        "Explain expected waiting times for phone downloads at the first visit",
        "Not knowing how long their phone would be gone was the hardest part for many.",
        "Digital Forensics Unit",
        "A card with expected times is now given when a phone is taken.",
        "Waiting times change too often to give a figure that would hold.",
    ),
    ActionWords(
        "Safety and safeguarding",
        "Check bail conditions are explained to the victim the same day",
        "Victims were not told of bail conditions until days after release.",
        "Custody and Criminal Justice",
        "Custody now passes bail conditions to the officer in the case before release.",
        "",
    ),
    ActionWords(
        "Information about rights (Victims' Code)",
        "Rewrite the Victims' Code leaflet in plain English and Welsh",
        "People said the leaflet was hard to follow at a very hard time.",
        "Victim Services",
        "New leaflet written with the Victim Reference Group; printed in both languages.",
        "",
    ),
    ActionWords(
        "Accessibility and communication barriers",
        "Offer an interpreter for every statement, asked without being prompted",
        "Some survivors gave statements in their second language because nobody asked.",
        "Operational Support",
        "The statement checklist now asks about language first.",
        "",
    ),
    ActionWords(
        "Digital evidence and phones",
        "Lend a basic phone while a victim's phone is examined",
        "Handing over a phone cut people off from their support.",
        "Digital Forensics Unit",
        "A loan phone scheme started in two areas.",
        "No budget this year; the scheme is bid for in the next round.",
    ),
    ActionWords(
        "Special measures at court",
        "Discuss special measures with every witness before the trial date is set",
        "Witnesses heard about screens and live links only a few days before trial.",
        "",
        "Special measures are now discussed at the first witness needs assessment.",
        "",
        PartnerType.CPS,
    ),
    ActionWords(
        "Support services",
        "Make the referral to the IDVA or ISVA service an opt-out",
        "Survivors said they would not have asked for support, but were glad of it.",
        "Public Protection Unit",
        "Referral is now opt-out; referrals rose by a third.",
        "Partners could not take the extra referrals without more funding.",
    ),
    ActionWords(
        "Children and family",
        "Let a survivor bring a child to a statement appointment, with a play room",
        "Childcare stopped some people coming in to give their statement.",
        "Estates",
        "A family room was set up at two stations.",
        "",
    ),
    ActionWords(
        "Housing and money",
        "Add housing options to the first letter after a DA report",
        "People did not know where to turn when they could not go home.",
        "",
        "The housing options line is now in the first letter.",
        "",
        PartnerType.LOCAL_AUTHORITY,
    ),
    ActionWords(
        "Time and delays",
        "Call back within 48 hours after an online report",
        "Some waited over a week to hear anything after reporting online.",
        "Force Control Room",
        "Online reports are now called back within two days in most cases.",
        "Covered by the control room's own review; no separate action needed.",
    ),
)
DECLINE_FALLBACK = "Not within the force's remit; passed to the partner concerned instead."
UPDATE_NOTES = (
    "Discussed with the owning department; they agreed to look at it.",
    "Owner sent a first draft for comment.",
    "Victim Reference Group members gave their views on the draft.",
    "Progress reported to the force board.",
    "Delayed by a change of lead; new lead in place.",
    "Owner asked for more examples from feedback; sent anonymised themes.",
)
AGREED_NOTE = "Agreed with the owner at the monthly meeting."
DONE_NOTE = "Marked done: the change is in place."
DECLINED_NOTE = "Declined by the owner; reason recorded."
TOLD = (
    "Explained what changed because of what they said, and thanked them.",
    "Told them the outcome and that their feedback had led to it.",
    "Read the outcome over; they were pleased it had been taken up.",
    "Explained why it was declined and what happens next.",
)

# (concern, department, steps, outcome)
CONCERNS = (
    (
        "No update from the officer in the case for seven weeks; calls not returned.",
        "Criminal Investigation Department",
        ("Raised with the detective sergeant.", "Officer in the case called the survivor."),
        "Officer apologised and agreed fortnightly updates by text.",
    ),
    (
        "Phone not returned four months after download was finished.",
        "Digital Forensics Unit",
        ("Asked the unit for the exhibit's status.", "Return booked at the local station."),
        "Phone returned; the unit reviewed its return process.",
    ),
    (
        "Survivor not told the suspect had been released on bail.",
        "Custody and Criminal Justice",
        ("Checked the custody record with the inspector.", "Safety plan reviewed with the IDVA."),
        "Bail conditions explained; the team reminded of the same-day rule.",
    ),
    (
        "Officer's manner at the home visit left the survivor feeling blamed.",
        "Neighbourhood Policing",
        ("Discussed with the officer's supervisor.", "Supervisor spoke with the officer."),
        "Supervisor apologised in writing; the officer is booked on the course.",
    ),
    (
        "Welsh-language statement requested but taken in English.",
        "Operational Support",
        ("Asked for a Welsh-speaking officer.", "New statement appointment arranged."),
        "Statement retaken in Welsh; checklist updated.",
    ),
    (
        "Crime reference not given after reporting online.",
        "Force Control Room",
        ("Traced the online report.", "Reference sent by the survivor's safe channel."),
        "Reference given; the online form now shows it on submission.",
    ),
    (
        "Survivor not referred to support after the first visit.",
        "Public Protection Unit",
        ("Checked the referral record.", "Referral made with the survivor's agreement."),
        "Referral made late; the team's referral checks were reviewed.",
    ),
)

# (title, what came of it as the survivor chose to share it)
OPPORTUNITY_WORDS = {
    OpportunityKind.TRAINING_COURSE: (
        "Peer support skills course",
        "Finished the course; now helps at the peer support group.",
    ),
    OpportunityKind.SPEAKING: (
        "Speak at the partner conference",
        "Spoke to about eighty people; said it felt good to be heard.",
    ),
    OpportunityKind.WRITING: (
        "Write for the Survivor Network newsletter",
        "Wrote a short piece about going to court.",
    ),
    OpportunityKind.VOLUNTEERING: (
        "Volunteer at the community drop-in",
        "Volunteers there twice a month.",
    ),
    OpportunityKind.OTHER: (
        "Sit on the interview panel for a new IDVA",
        "Sat on the panel; would do it again.",
    ),
}
