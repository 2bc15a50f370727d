"""How citizens' queries are read: dictionary words split in the retry, synonyms,
the any-word retry's order, number fragments, exact highlights, spaces."""

from __future__ import annotations

URL = "/search/"


def titles(response) -> list[str]:
    return [hit.entry.title for hit in response.context["result"].hits]


def test_a_dictionary_word_does_not_block_the_word_by_word_retry(citizen, indexed):
    indexed(title="关于市民来电办理的通知", body="<p>市民可拨打12345市民服务热线反映问题。</p>")
    indexed(title="徐泾镇创业带动就业补贴申领指南")

    assert titles(citizen.get(URL, {"q": "12345热线"})) == ["关于市民来电办理的通知"]
    assert titles(citizen.get(URL, {"q": "创业补贴"})) == ["徐泾镇创业带动就业补贴申领指南"]
