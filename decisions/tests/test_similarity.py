from __future__ import annotations

from decisions import similarity


def test_copies_with_small_changes_form_one_cluster():
    texts = [
        "反对在小区东门设置湿垃圾收集点，要求迁到北侧绿地旁边。",
        "反对在小区东门设置湿垃圾收集点，要求迁至北侧绿地旁！！",
        "建议投放时间延长到晚上9点。",
        "反对在小区东门设置湿垃圾收集点 要求迁到北侧绿地旁边",
        "建议给志愿者发放补贴。",
    ]
    assert similarity.clusters(texts) == [[0, 1, 3], [2], [4]]


def test_different_opinions_on_the_same_topic_stay_apart():
    texts = ["建议提高加装电梯的补贴标准。", "建议降低加装电梯的业主同意比例。"]
    assert similarity.clusters(texts) == [[0], [1]]


def test_full_width_and_punctuation_are_ignored():
    assert similarity.normalise("ＡＢＣ，１２３！") == "abc123"
