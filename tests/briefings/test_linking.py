"""Finding actors' names in text: one pass, longest name first, never inside code or links."""

from briefings.linking import NameIndex, markdown_prose

ZELENSKY, TRUMP, US, EU, XI = 1, 2, 3, 4, 5

INDEX = NameIndex(
    [
        (ZELENSKY, "Volodymyr Zelensky"),
        (ZELENSKY, "Zelensky"),
        (ZELENSKY, "Zelenskyy"),
        (TRUMP, "Donald Trump"),
        (TRUMP, "Trump"),
        (US, "United States"),
        (US, "US"),
        (EU, "EU"),
        (XI, "Xi Jinping"),
        (XI, "Xi"),
    ]
)


def test_names_and_aliases_are_counted_per_actor():
    text = "Volodymyr Zelensky met Donald Trump. Zelenskyy said Trump listened; Zelensky agreed."
    assert INDEX.counts(text) == {ZELENSKY: 3, TRUMP: 2}


def test_the_longest_name_wins_and_is_one_mention():
    (mention,) = INDEX.mentions("Today Volodymyr Zelensky spoke.")
    assert "Today Volodymyr Zelensky spoke."[mention.start : mention.end] == "Volodymyr Zelensky"


def test_possessives_case_and_typographic_apostrophes_are_folded():
    assert INDEX.counts("Trump’s plan, TRUMP's tweet and trump's rally") == {TRUMP: 3}


def test_acronyms_must_be_capitals():
    assert INDEX.counts("The US and the EU told us to wait.") == {US: 1, EU: 1}


def test_short_names_count_only_in_full():
    assert INDEX.counts("Xi met Xi Jinping.") == {XI: 1}


def test_a_name_shared_by_two_actors_names_neither():
    index = NameIndex([(1, "John Smith"), (2, "John Smith"), (3, "Jane Roe")])
    assert index.counts("John Smith met Jane Roe.") == {3: 1}


def test_code_headings_links_and_html_are_not_prose():
    text = (
        "## Zelensky in Kyiv\n\n"
        "Zelensky spoke. `Zelensky` in code, [Zelensky](https://example.org/Zelensky) linked,\n"
        "<span title='Zelensky'>x</span>\n\n"
        "```\nZelensky\n```\n\n"
        "And Trump replied."
    )
    prose = markdown_prose(text)
    assert len(prose) == len(text)
    assert INDEX.counts(prose) == {ZELENSKY: 1, TRUMP: 1}


def test_ten_thousand_names_in_one_index():
    names = [(n, f"Given{n} Family{n}") for n in range(100, 10_100)]
    index = NameIndex([*names, (ZELENSKY, "Zelensky")])
    text = ("Zelensky met Given420 Family420 and Given421 alone. " * 400).strip()
    assert index.counts(text) == {ZELENSKY: 400, 420: 400}
