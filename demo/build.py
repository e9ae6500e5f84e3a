"""Build the JSON documents of demo rows: syllabi, lessons, questions, answers.

Every builder takes a `random.Random`, so the same seed gives the same
document and a rerun of `seed_demo` regenerates identical rows.
"""

from __future__ import annotations

import random
import re

from urbanhome.core.cbc import CORE_COMPETENCIES, CORE_VALUES, SchoolLevel, rubric_level

from . import content
from . import lessons as demo_lessons

Strands = list[tuple[str, list[str]]]


def family_of(area: str) -> str:
    return content.AREA_FAMILY.get(area, "creative")


def strands_for(area: str, level: str) -> list[tuple[str, list[str]]]:
    """Return the strand bank of `area` at `level`."""
    return content.AREA_STRANDS.get((area, level)) or content.AREA_STRANDS[area]


def feedback_for(*, score: int, total: int, rng) -> str:
    """A feedback comment matching the rubric level of `score` out of `total`."""
    return rng.choice(
        content.FEEDBACK[rubric_level(100 * score / total if total else 0).code]
    )


def choose_strands(
    area: str, level: str, rng: random.Random, *, names: list[str] | None = None
) -> Strands:
    """Pick strands of `area` giving 4 to 8 lessons (sub-strands) in all."""
    bank = strands_for(area, level)
    picked: Strands = []
    if names:
        # Named strands share the eight lessons round-robin, so each gets some.
        chosen = [strand for strand in bank if strand[0] in names]
        taken = [0] * len(chosen)
        while sum(taken) < 8 and any(
            n < len(s[1]) for n, s in zip(taken, chosen, strict=True)
        ):
            for i, (_name, subs) in enumerate(chosen):
                if sum(taken) < 8 and taken[i] < len(subs):
                    taken[i] += 1
        picked = [
            (name, subs[:n]) for n, (name, subs) in zip(taken, chosen, strict=True) if n
        ]
    else:
        start = rng.randrange(len(bank))
        total = 0
        for name, subs in bank[start:] + bank[:start]:
            subs = subs[: 8 - total]
            picked.append((name, subs))
            total += len(subs)
            if total >= 8 or (total >= 4 and rng.random() < 0.5):
                break
    total = sum(len(subs) for _name, subs in picked)
    for name, subs in bank:  # a thin choice: borrow strands until there are 4 lessons
        if total >= 4:
            break
        if all(name != p[0] for p in picked):
            picked.append((name, subs[: 8 - total]))
            total += len(subs[: 8 - total])
    return picked


def build_syllabus(
    *,
    area: str,
    grade_label: str,
    strands: Strands,
    rng: random.Random,
    lesson_count: int | None = None,
) -> dict:
    """Return a course syllabus; `lesson_count` when lessons are not one per sub-strand."""
    topics = [sub for _name, subs in strands for sub in subs]
    lessons_said = (
        "one lesson per sub-strand"
        if lesson_count is None
        else f"in {lesson_count} lesson{'s' if lesson_count != 1 else ''}"
    )
    return {
        "overview": (
            f"{len(strands)} strand{'s' if len(strands) != 1 else ''} and "
            f"{len(topics)} sub-strand{'s' if len(topics) != 1 else ''} of the KICD "
            f"curriculum design for {grade_label} {area}, {lessons_said}."
        ),
        "grade": grade_label,
        "learning_area": area,
        "strands": [
            {"name": name, "sub_strands": list(subs)} for name, subs in strands
        ],
        "key_inquiry_questions": [
            question.format(topic=rng.choice(topics).lower())
            for question in rng.sample(content.INQUIRY_QUESTIONS, 2)
        ],
        "core_competencies": rng.sample(CORE_COMPETENCIES, 3),
        "values": rng.sample(CORE_VALUES, 2),
        "pertinent_issues": rng.sample(content.PERTINENT_ISSUES, 2),
        "assessment": "Formative quizzes after each strand, a practical project and a "
        "summative test, reported on the CBC rubric (EE, ME, AE, BE).",
    }


def _lesson_markdown(
    *, sub: str, strand: str, area: str, grade_label: str, rng: random.Random
) -> str:
    family = family_of(area)
    verbs = rng.sample(content.OUTCOME_VERBS[family], 3)
    topic = sub[0].lower() + sub[1:]
    outcomes = "\n".join(f"- {verb} {topic}" for verb in verbs)
    example = content.WORKED_EXAMPLES.get(sub) if family == "maths" else None
    body = [
        f"*{grade_label} · {area} · Strand: {strand}*",
        "### What you will learn",
        f"By the end of this lesson you should be able to:\n\n{outcomes}",
        # The lesson callouts (learning/content.py): an indented block under
        # its marker line.
        "!!! key-idea\n"
        f"    This lesson belongs to the strand *{strand}*. Read the notes, look for "
        "the idea in familiar places around you, then practise with the activity "
        "below.",
    ]
    if example:
        body += ["### Worked example", example]
    body += [
        "!!! try-at-home\n    " + rng.choice(content.ACTIVITIES[family]),
        "### Key inquiry question",
        "> " + rng.choice(content.INQUIRY_QUESTIONS).format(topic=topic),
    ]
    return "\n\n".join(body)


def build_lessons(
    *, area: str, level: str, grade_label: str, strands: Strands, rng: random.Random
) -> list[dict]:
    """Return the lessons JSON (one lesson per sub-strand) of a course."""
    short = level in (SchoolLevel.PRE_PRIMARY, SchoolLevel.LOWER_PRIMARY)
    lessons = []
    for strand, subs in strands:
        for sub in subs:
            n = len(lessons) + 1
            lessons.append(
                {
                    "id": f"l{n}",
                    "title": sub,
                    "content": _lesson_markdown(
                        sub=sub,
                        strand=strand,
                        area=area,
                        grade_label=grade_label,
                        rng=rng,
                    ),
                    "video_url": None,
                    "duration_minutes": rng.choice(
                        (15, 20, 25, 30) if short else (30, 35, 40, 45)
                    ),
                    "is_free_preview": n == 1,
                    "attachments": [],
                }
            )
    return lessons


def course_lessons(
    *,
    slug: str,
    area: str,
    level: str,
    grade_label: str,
    strand_names: list[str] | None,
    rng: random.Random,
) -> tuple[list[dict], Strands, bool]:
    """Return a demo course's lessons, its strands, and whether they were written.

    A course with a folder in demo/lessons/ takes its lessons and strands
    from the files there; the others get generated lessons, one per
    sub-strand. The generated ones are drawn in both cases, so the random
    stream (and every row drawn after it) stays the same.
    """
    strands = choose_strands(area, level, rng, names=strand_names)
    lessons = build_lessons(
        area=area, level=level, grade_label=grade_label, strands=strands, rng=rng
    )
    written = demo_lessons.lesson_files(slug)
    if written is None:
        return lessons, strands, False
    return (
        demo_lessons.lessons_from_files(written),
        demo_lessons.strands_from_files(written),
        True,
    )


def build_questions(
    *, area: str, strands: Strands, kind: str, rng: random.Random
) -> list[dict]:
    """Return valid questions for a quiz (objective) or an assignment (essays)."""
    topics = [sub for _name, subs in strands for sub in subs]
    if kind != "quiz":
        prompts = rng.sample(list(content.ESSAY_PROMPTS.values()), 2)
        return [
            {
                "id": f"q{n}",
                "type": "essay",
                "question": prompt.format(topic=rng.choice(topics).lower()),
                "points": 10,
            }
            for n, prompt in enumerate(prompts, start=1)
        ]
    bank = content.QUESTION_BANKS[family_of(area)]
    picked = rng.sample(bank, min(len(bank), 4)) + [content.COMPETENCY_QUESTION]
    questions = []
    for n, (qtype, text, options, answer, points) in enumerate(picked, start=1):
        question = {"id": f"q{n}", "type": qtype, "question": text, "points": points}
        if options is not None:
            question["options"] = list(options)
        if answer is not None:
            question["correct_answer"] = answer
        questions.append(question)
    return questions


def _prompt_pattern(prompt: str) -> re.Pattern:
    before, after = prompt.split("{topic}")
    return re.compile(re.escape(before) + "(?P<topic>.+?)" + re.escape(after) + "$")


_PROMPT_PATTERNS = {
    kind: _prompt_pattern(prompt) for kind, prompt in content.ESSAY_PROMPTS.items()
}


def essay_answer(question: str, *, rng: random.Random) -> str:
    """Return a learner's answer to an essay prompt of `content.ESSAY_PROMPTS`,
    written for that prompt and about its topic."""
    for kind, pattern in _PROMPT_PATTERNS.items():
        match = pattern.match(question)
        if match:
            return rng.choice(content.ESSAY_ANSWERS[kind]).format(topic=match["topic"])
    raise ValueError(f"Not a demo essay prompt: {question!r}")


def answer_questions(
    questions: list[dict], *, skill: float, rng: random.Random
) -> tuple[dict, int, bool]:
    """Answer like a learner of `skill` (0-1).

    Return (answers, points scored on objective questions, has an essay).
    """
    answers: dict = {}
    score = 0
    has_essay = False
    for q in questions:
        right = rng.random() < skill
        kind = q["type"]
        if kind == "multiple_choice":
            wrong = [o for o in q["options"] if o != q["correct_answer"]]
            answers[q["id"]] = q["correct_answer"] if right else rng.choice(wrong)
        elif kind == "true_false":
            answers[q["id"]] = q["correct_answer"] if right else not q["correct_answer"]
        elif kind == "short_answer":
            accepted = q.get("correct_answer")
            if accepted is None:
                answers[q["id"]] = rng.choice(
                    ["Isukuti", "Mwomboko", "Chakacha", "Kamba dance"]
                )
                right = True  # open question: any sensible answer earns the point
            else:
                accepted = accepted if isinstance(accepted, list) else [accepted]
                answers[q["id"]] = accepted[0] if right else "I am not sure"
        else:
            answers[q["id"]] = essay_answer(q["question"], rng=rng)
            has_essay = True
            continue
        if right:
            score += q["points"]
    return answers, score, has_essay


# --------------------------------------------------------------- payments
_ALNUM = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"
MPESA_FAILURES = [
    "Request cancelled by user.",
    "The balance is insufficient for the transaction.",
    "DS timeout user cannot be reached.",
    "The initiator information is invalid.",
]
CARD_FAILURES = ["card_declined", "insufficient_funds", "expired_card"]


def kenyan_phone(rng: random.Random) -> str:
    """Return a plausible Kenyan mobile number in E.164 (+2547… / +2541…)."""
    return f"+254{rng.choice(content.PHONE_PREFIXES)}{rng.randrange(1_000_000):06d}"


def gateway_metadata(
    rng: random.Random, *, gateway: str, status: str, purpose: str, phone: str, **extra
) -> dict:
    """Return a transaction's metadata: purpose, object ids and gateway ids."""
    data = {"purpose": purpose, **extra}
    code = "".join(rng.choices(_ALNUM, k=9))
    if gateway == "mpesa":
        data["phone"] = phone
        data["checkout_request_id"] = f"ws_CO_{rng.randrange(10**12):012d}"
        if status in ("completed", "refunded"):
            data["mpesa_receipt"] = rng.choice("QRST") + code
        elif status == "failed":
            data["result_desc"] = rng.choice(MPESA_FAILURES)
    elif gateway == "stripe":
        data["payment_intent"] = f"pi_3{code}{rng.randrange(10**6):06d}"
        data["card_last4"] = f"{rng.randrange(10000):04d}"
        if status == "failed":
            data["failure_code"] = rng.choice(CARD_FAILURES)
    else:
        data["paypal_order_id"] = f"{rng.randrange(10**9):09d}{code[:8]}"
        if status == "failed":
            data["failure_reason"] = "INSTRUMENT_DECLINED"
    if status == "refunded":
        data["refund_reason"] = rng.choice(
            ["requested_by_customer", "duplicate", "course_not_suitable"]
        )
    return data


def pick_gateway(rng: random.Random) -> str:
    roll = rng.random()
    return "mpesa" if roll < 0.75 else "stripe" if roll < 0.9 else "paypal"


def shipping_fee(county_code: str, subtotal) -> int:
    """Courier fee in KES: Nairobi 200, elsewhere 350, free from KES 5,000."""
    if subtotal >= 5000:
        return 0
    return 200 if county_code == "047" else 350
