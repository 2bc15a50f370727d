"""What each staff role may do with events: the drafter keeps events and sessions, runs the
door (registrations), merges and picks topics, keeps the Q&A and the questionnaire (and reads
its answers, free texts included); the administrator sees them. Synced by
organisations.roles."""

from __future__ import annotations

from organisations.roles import ADMINISTRATOR, DRAFTER

_VIEW = [
    "events.view_event",
    "events.view_session",
    "events.view_registration",
    "events.view_topic",
    "events.view_topicvote",
    "events.view_eventphoto",
    "events.view_eventquestionanswer",
    "events.view_questionnaire",
    "events.view_question",
    "events.view_questionoption",
    "events.view_questionnaireresponse",
    "events.view_questionnaireanswer",
]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    DRAFTER: [
        *_VIEW,
        "events.add_event",
        "events.change_event",
        "events.add_session",
        "events.change_session",
        "events.delete_session",
        "events.change_registration",
        "events.change_topic",
        "events.add_eventphoto",
        "events.change_eventphoto",
        "events.delete_eventphoto",
        "events.add_eventquestionanswer",
        "events.change_eventquestionanswer",
        "events.delete_eventquestionanswer",
        "events.add_questionnaire",
        "events.change_questionnaire",
        "events.add_question",
        "events.change_question",
        "events.delete_question",
        "events.add_questionoption",
        "events.change_questionoption",
        "events.delete_questionoption",
    ],
    ADMINISTRATOR: list(_VIEW),
}
