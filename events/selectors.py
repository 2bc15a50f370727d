"""What the public sees: published events, upcoming first."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Max, Min
from django.utils import timezone

from .models import RATING_SCALE, Event, EventStatus, QuestionKind, QuestionnaireAnswer, TopicStatus


def public_events():
    return Event.objects.public().select_related("organiser").prefetch_related("sessions")


def upcoming_and_past(today: dt.date | None = None) -> tuple[list[Event], list[Event]]:
    today = today or timezone.localdate()
    events = public_events().annotate(first=Min("sessions__date"), last=Max("sessions__date"))
    upcoming = sorted(
        (e for e in events if e.last and e.last >= today and not e.cancelled), key=lambda e: (e.first, e.pk)
    )
    past = sorted((e for e in events if e not in upcoming), key=lambda e: e.last or today, reverse=True)
    return upcoming, past


def shown_topics(event: Event) -> list:
    """The proposed and selected topics with their vote counts, most votes first."""
    return list(
        event.topics.filter(status__in=[TopicStatus.PROPOSED, TopicStatus.SELECTED])
        .annotate(vote_count=Count("votes"))
        .order_by("-vote_count", "created_at", "pk")
    )


def questionnaire_results(event: Event, now: dt.datetime | None = None) -> dict | None:
    """The questionnaire's results as the event page shows them, or None while there is
    nothing to show (no questionnaire, no answer yet, or the event has not ended).

    Per choice question: the count and share of each option (a multiple choice's shares are
    of the respondents, so they can add up to more than 100%); per rating: the count of each
    score and the average; per free-text question only the number of answers: the texts may
    hold private details and are read by staff in the admin, never published."""
    questionnaire = getattr(event, "questionnaire", None)
    if questionnaire is None or event.status(now) != EventStatus.ENDED:
        return None
    respondents = questionnaire.responses.count()
    if not respondents:
        return None
    counts: dict[tuple[int, int | None, int | None], int] = {
        (row["question_id"], row["option_id"], row["rating"]): row["n"]
        for row in QuestionnaireAnswer.objects.filter(response__questionnaire=questionnaire)
        .values("question_id", "option_id", "rating")
        .annotate(n=Count("pk"))
    }
    questions = []
    for question in questionnaire.questions.prefetch_related("options"):
        item = {"id": question.pk, "text": question.text, "kind": question.kind, "chart": f"q{question.pk}"}
        if question.has_options:
            item["rows"] = [
                _row(option.text, counts.get((question.pk, option.pk, None), 0), respondents)
                for option in question.options.all()
            ]
        elif question.kind == QuestionKind.RATING:
            given = {score: counts.get((question.pk, None, score), 0) for score in RATING_SCALE}
            answered = sum(given.values())
            item["rows"] = [_row(f"{score} 分", n, answered) for score, n in given.items()]
            item["answered"] = answered
            item["average"] = round(sum(s * n for s, n in given.items()) / answered, 1) if answered else None
        else:
            item["answered"] = questionnaire.responses.filter(
                answers__question=question, answers__option__isnull=True
            ).count()
        questions.append(item)
    return {"respondents": respondents, "questions": questions}


def _row(label: str, count: int, of: int) -> dict:
    return {"label": label, "count": count, "percent": round(100 * count / of) if of else 0}


def results_chart_data(results: dict) -> dict:
    """What static/js/events-results.js draws: the same figures as the tables."""
    return {
        question["chart"]: {
            "kind": question["kind"],
            "labels": [row["label"] for row in question["rows"]],
            "counts": [row["count"] for row in question["rows"]],
        }
        for question in results["questions"]
        if "rows" in question
    }
