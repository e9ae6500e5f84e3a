"""The safety filter for minors, on what students write and what the tutor says.

Deliberately simple and auditable: phrase patterns per category (English
and common Kiswahili), checked on the student's message before any provider
sees it and on every reply before the student does. A match blocks the
text, answers kindly and alerts the parent (services.tutor_message_send).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _


class Category:
    SELF_HARM = "self_harm"
    SEXUAL = "sexual"
    VIOLENCE = "violence"
    CONTACT = "contact_details"
    STRANGERS = "meeting_strangers"
    PROMPT_LEAK = "prompt_leak"


_PATTERNS: dict[str, list[str]] = {
    Category.SELF_HARM: [
        r"\b(kill|hurt|harm|cut)\s+my\s*self\b",
        r"\bsuicid",
        r"\b(want|going)\s+to\s+die\b",
        r"\bend\s+my\s+life\b",
        r"\bself[-\s]?harm",
        r"\bkujiua\b",
        r"\bnataka\s+kufa\b",
    ],
    # Specific phrases only: "sexual reproduction" and "the naked eye" are
    # in the science syllabus.
    Category.SEXUAL: [
        r"\bsexy\b",
        r"\bsext(ing)?\b",
        r"\b(have|having|had)\s+sex\b",
        r"\bsex\s+with\b",
        r"\bporn",
        r"\bnudes?\b",
        r"\bnaked\s+(photo|pic|picture|video|selfie|body|girl|boy)s?\b",
        r"\berotic\b",
        r"\bkiss\s+me\b",
    ],
    Category.VIOLENCE: [
        r"\b(kill|stab|shoot|beat\s+up|poison)\s+"
        r"(him|her|them|you|someone|somebody|my\s+\w+)\b",
        r"\b(make|build)\s+(a\s+)?(bomb|gun|weapon|explosive)",
        r"\bhow\s+to\s+(hurt|kill)\b",
    ],
    Category.CONTACT: [
        # Kenyan mobile numbers (07xx / 01xx / +254) and other long numbers.
        r"(\+?254[\s-]?|\b0)[17]\d{2}[\s-]?\d{3}[\s-]?\d{3}\b",
        r"\b\d{3}[\s-]\d{3}[\s-]\d{4}\b",
        r"[\w.+-]+@[\w-]+\.[\w.-]+",
        r"\bmy\s+(home\s+)?address\s+is\b",
        r"\bi\s+live\s+(at|on|in\s+house)\b",
        r"\b(p\.?\s?o\.?\s+box)\s+\d+",
        r"\bnambari\s+yangu\b",
    ],
    Category.STRANGERS: [
        r"\bmeet\s+(me|up|you)\b",
        r"\bcome\s+to\s+my\s+(house|home|place)\b",
        r"\bwhere\s+do\s+you\s+live\b",
        r"\bsend\s+(me\s+)?(a\s+)?(photo|picture|pic)s?\b",
        r"\bour\s+(little\s+)?secret\b",
        r"\bdon'?t\s+tell\s+your\s+(parents?|mum|mom|dad)\b",
    ],
}
_COMPILED = {
    category: [re.compile(p, re.IGNORECASE) for p in patterns]
    for category, patterns in _PATTERNS.items()
}


@dataclass(frozen=True)
class SafetyVerdict:
    safe: bool
    category: str = ""


SAFE = SafetyVerdict(True)


def check_text(text: str) -> SafetyVerdict:
    """Return the first unsafe category `text` falls in, if any."""
    for category, patterns in _COMPILED.items():
        if any(pattern.search(text or "") for pattern in patterns):
            return SafetyVerdict(False, category)
    return SAFE


def _sentences(text: str) -> list[str]:
    return [
        " ".join(part.split()).lower()
        for part in re.split(r"(?<=[.!?:])\s+|\n+", text)
        if len(part.strip()) >= 40
    ]


def leaks_system_prompt(reply: str, system_prompt: str) -> bool:
    """Does `reply` repeat any long sentence of the system prompt?"""
    flat = " ".join(reply.split()).lower()
    return any(sentence in flat for sentence in _sentences(system_prompt))


def check_reply(reply: str, *, system_prompt: str) -> SafetyVerdict:
    """The output filter: unsafe content, or the rules being revealed."""
    if leaks_system_prompt(reply, system_prompt):
        return SafetyVerdict(False, Category.PROMPT_LEAK)
    return check_text(reply)


def kind_reply(category: str) -> str:
    """What the student sees instead of blocked content."""
    if category == Category.SELF_HARM:
        return _(
            "I'm really glad you told me. What you are feeling matters, and you "
            "don't have to carry it alone. Please talk to your parent, a teacher "
            "or another adult you trust today. You can also call Childline Kenya "
            "on 116 — it is free, any time of day. I have let your parent know "
            "so they can help."
        )
    if category == Category.CONTACT:
        return _(
            "Let's keep you safe online: please don't share phone numbers, email "
            "addresses or where you live here, not even your own. I have removed "
            "it. What would you like to learn about?"
        )
    if category == Category.STRANGERS:
        return _(
            "Never agree to meet someone you only know online, and never send "
            "photos to them. If anyone asks you to, tell your parent straight "
            "away. I'm here to help you learn: what shall we study?"
        )
    if category == Category.PROMPT_LEAK:
        return _(
            "I can't share how I'm set up, but I can help you learn! Which "
            "lesson are you working on?"
        )
    return _(
        "That's not something I can talk about here. If something is worrying "
        "you, please talk to your parent or a teacher you trust. Shall we get "
        "back to your lessons?"
    )


def category_label(category: str) -> str:
    return {
        Category.SELF_HARM: _("self-harm"),
        Category.SEXUAL: _("sexual content"),
        Category.VIOLENCE: _("violence"),
        Category.CONTACT: _("personal contact details"),
        Category.STRANGERS: _("meeting strangers"),
        Category.PROMPT_LEAK: _("the tutor's instructions"),
    }.get(category, category)
