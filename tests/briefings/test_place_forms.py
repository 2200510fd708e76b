"""The built-in forms of country names: what a newsroom writes resolves to the right country."""

import re
from collections import Counter

import pytest

from briefings.place_forms import FORMS, code_for, forms_of, name_index

# Outside the 193 UN member states, the table also covers these.
OTHER_PLACES = {"TW", "XK", "PS", "EH", "HK", "GL", "VA"}


def test_no_form_is_listed_for_two_countries():
    written = Counter(form.casefold() for _, forms in FORMS.values() for form in set(forms))

    assert [form for form, count in written.items() if count > 1] == []


def test_no_form_is_another_countrys_name():
    names = {name.casefold(): code for code, (name, _) in FORMS.items()}

    clashes = [
        (code, form)
        for code, (_, forms) in FORMS.items()
        for form in forms
        if names.get(form.casefold(), code) != code
    ]
    assert clashes == []


def test_every_code_is_two_capital_letters():
    assert [code for code in FORMS if not re.fullmatch(r"[A-Z]{2}", code)] == []


def test_every_un_member_state_and_the_other_places_are_covered():
    assert FORMS.keys() >= OTHER_PLACES
    assert len(FORMS.keys() - OTHER_PLACES) >= 193


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("UK", "GB"),
        ("U.K.", "GB"),
        ("Britons", "GB"),
        ("British", "GB"),
        ("U.S.", "US"),
        ("Americans", "US"),
        ("Türkiye", "TR"),
        ("Turkish", "TR"),
        ("DRC", "CD"),
        ("Emirati", "AE"),
        ("the Emirates", "AE"),
        ("Burma", "MM"),
        ("Czechia", "CZ"),
        ("Côte d’Ivoire", "CI"),
        ("Timor-Leste", "TL"),
        ("Swaziland", "SZ"),
        ("South Korean", "KR"),
        ("DPRK", "KP"),
        ("Nigerien", "NE"),
        ("Nigerian", "NG"),
    ],
)
def test_a_form_a_newsroom_writes_names_its_country(written, code):
    assert code_for(written) == code


def test_a_canonical_name_names_its_country_whatever_its_case():
    assert code_for("united kingdom") == "GB"
    assert code_for("  Tuvalu ") == "TV"


@pytest.mark.parametrize(
    "capital", ["Moscow", "Kyiv", "Beijing", "Washington", "London", "Paris", "Mexico City"]
)
def test_a_capital_names_no_country(capital):
    assert code_for(capital) is None


@pytest.mark.parametrize(
    "ambiguous", ["Korean", "Korea", "Congolese", "Congo", "Guinean", "Dominican", "Sudanese"]
)
def test_an_adjective_shared_by_two_countries_names_neither(ambiguous):
    assert code_for(ambiguous) is None


@pytest.mark.parametrize("not_a_country", ["the Gulf states", "Holland", "Polish", "", "   "])
def test_a_region_or_a_common_word_names_no_country(not_a_country):
    assert code_for(not_a_country) is None


def test_the_forms_of_a_country_are_found_by_its_code_in_either_case():
    assert "Britons" in forms_of("gb")
    assert forms_of("GB") == forms_of("gb")
    assert "United Kingdom" not in forms_of("GB")


def test_an_unknown_code_has_no_forms():
    assert forms_of("ZZ") == ()
    assert forms_of("") == ()


def test_a_table_listing_one_form_for_two_countries_is_refused():
    table = {"KR": ("South Korea", ("Korean",)), "KP": ("North Korea", ("korean",))}

    with pytest.raises(ValueError, match=r"[Kk]orean.* KR and KP"):
        name_index(table)
