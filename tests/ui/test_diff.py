"""The word diff: escaped tokens, deletions and insertions marked."""

from app.ui.diff import word_diff


def test_changed_words_are_marked() -> None:
    html = word_diff("Go to Settings > Billing", "Go to Settings > Security now")
    assert str(html) == "Go to Settings &gt; <del>Billing</del><ins>Security now</ins>"


def test_markup_in_either_text_is_escaped() -> None:
    html = word_diff("<b>old</b>", "<script>alert(1)</script> new")
    assert str(html) == "<del>&lt;b&gt;old&lt;/b&gt;</del><ins>&lt;script&gt;alert(1)&lt;/script&gt; new</ins>"


def test_objects_are_compared_as_json_text() -> None:
    html = word_diff({"answer": "a"}, "a")
    assert str(html) == '<del>{\n  &#34;answer&#34;: &#34;a&#34;\n}</del><ins>a</ins>'
