"""The embedded broker writes each message whole before a worker can see it."""

from __future__ import annotations

import json
import os

from kombu import Connection

from xujing_portal import broker


def test_a_message_appears_only_when_it_is_complete(tmp_path, monkeypatch):
    queue = tmp_path / "queue"
    queue.mkdir()
    seen = []
    real_replace = os.replace

    def replace(source, target):
        # At the moment the message takes its queue name, it is complete.
        seen.append((os.path.exists(target), json.loads((tmp_path / "queue" / source).read_bytes())))
        real_replace(source, target)

    monkeypatch.setattr(broker.os, "replace", replace)
    options = {"data_folder_in": str(queue), "data_folder_out": str(queue), "control_folder": str(tmp_path / "c")}
    with Connection(f"{broker.SCHEME}://localhost/", transport_options=options) as connection:
        simple = connection.SimpleQueue("portal-test")
        simple.put({"subject": "主题"})
        message = simple.get(timeout=1)

    assert message.payload == {"subject": "主题"}
    assert seen and all(not existed and payload["body"] for existed, payload in seen)
    assert not [name for name in os.listdir(queue) if name.endswith(".part")]
