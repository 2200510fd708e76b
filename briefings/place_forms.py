"""Forms of country names, so that a place named in an article's text is recognised.

Articles rarely write "United Kingdom": they write "the UK's", "British officials", "Britons".
`FORMS` gives, for each country and a few territories (keyed by ISO 3166-1 alpha-2 code), the
short common English name a newsroom uses and the other forms it writes: official and older names
("Türkiye", "Burma"), abbreviations ("UAE", "DRC"), short forms ("Britain"), adjectives
("Emirati") and plural nouns ("Ukrainians"). A Place row with an ISO code is then found through
these forms with no set-up.

The table was written for this project from general knowledge, not copied from a source.
What it leaves out on purpose:

- A form that could name two countries names neither, so it is not listed: "Korean", "Congolese",
  "Guinean", "Sudanese", "Dominican", "Congo", "Korea"; "Macedonian" and "Micronesian" also
  name regions.
- Capitals are not forms of their country: "Moscow said" is a metonym for the government,
  and the city is a place of its own.
- Forms that are ordinary English words, since names are matched regardless of case: "Polish"
  and "Poles", "Swede", "Kiwi". Parts and regions of a country ("England", "Holland") and
  ethnic or regional words ("Persian", "Malay", "Central African") are left out too.

`code_for(name)` gives the code a canonical name or form belongs to; `forms_of(code)` the forms.
"""

import unicodedata

FORMS: dict[str, tuple[str, tuple[str, ...]]] = {
    "AF": ("Afghanistan", ("Afghan", "Afghans")),
    "AL": ("Albania", ("Albanian", "Albanians")),
    "DZ": ("Algeria", ("Algerian", "Algerians")),
    "AD": ("Andorra", ("Andorran", "Andorrans")),
    "AO": ("Angola", ("Angolan", "Angolans")),
    "AG": ("Antigua and Barbuda", ("Antigua", "Antiguan", "Antiguans")),
    "AR": ("Argentina", ("Argentine", "Argentines", "Argentinian", "Argentinians")),
    "AM": ("Armenia", ("Armenian", "Armenians")),
    "AU": ("Australia", ("Australian", "Australians")),
    "AT": ("Austria", ("Austrian", "Austrians")),
    "AZ": ("Azerbaijan", ("Azerbaijani", "Azerbaijanis", "Azeri", "Azeris")),
    "BS": ("Bahamas", ("The Bahamas", "Bahamian", "Bahamians")),
    "BH": ("Bahrain", ("Bahraini", "Bahrainis")),
    "BD": ("Bangladesh", ("Bangladeshi", "Bangladeshis")),
    "BB": ("Barbados", ("Barbadian", "Barbadians", "Bajan", "Bajans")),
    "BY": ("Belarus", ("Belarusian", "Belarusians")),
    "BE": ("Belgium", ("Belgian", "Belgians")),
    "BZ": ("Belize", ("Belizean", "Belizeans")),
    "BJ": ("Benin", ("Beninese",)),
    "BT": ("Bhutan", ("Bhutanese",)),
    "BO": ("Bolivia", ("Plurinational State of Bolivia", "Bolivian", "Bolivians")),
    "BA": (
        "Bosnia and Herzegovina",
        ("Bosnia", "Bosnia-Herzegovina", "BiH", "Bosnian", "Bosnians"),
    ),
    "BW": ("Botswana", ("Motswana", "Batswana")),
    "BR": ("Brazil", ("Brazilian", "Brazilians")),
    "BN": ("Brunei", ("Brunei Darussalam", "Bruneian", "Bruneians")),
    "BG": ("Bulgaria", ("Bulgarian", "Bulgarians")),
    "BF": ("Burkina Faso", ("Burkinabe", "Burkinabè")),
    "BI": ("Burundi", ("Burundian", "Burundians")),
    "KH": ("Cambodia", ("Cambodian", "Cambodians")),
    "CM": ("Cameroon", ("Cameroonian", "Cameroonians")),
    "CA": ("Canada", ("Canadian", "Canadians")),
    "CV": ("Cape Verde", ("Cabo Verde", "Cape Verdean", "Cape Verdeans")),
    "CF": ("Central African Republic", ("CAR",)),
    "TD": ("Chad", ("Chadian", "Chadians")),
    "CL": ("Chile", ("Chilean", "Chileans")),
    "CN": ("China", ("People's Republic of China", "PRC", "mainland China", "Chinese")),
    "CO": ("Colombia", ("Colombian", "Colombians")),
    "KM": ("Comoros", ("Comorian", "Comorians")),
    "CR": ("Costa Rica", ("Costa Rican", "Costa Ricans")),
    "HR": ("Croatia", ("Croatian", "Croatians", "Croat", "Croats")),
    "CU": ("Cuba", ("Cuban", "Cubans")),
    "CY": ("Cyprus", ("Cypriot", "Cypriots")),
    "CZ": ("Czech Republic", ("Czechia", "Czech", "Czechs")),
    "CD": (
        "Democratic Republic of the Congo",
        ("Democratic Republic of Congo", "DR Congo", "DRC", "Congo-Kinshasa"),
    ),
    "DK": ("Denmark", ("Danish", "Dane", "Danes")),
    "DJ": ("Djibouti", ("Djiboutian", "Djiboutians")),
    "DM": ("Dominica", ("Commonwealth of Dominica",)),
    "DO": ("Dominican Republic", ()),
    "TL": ("East Timor", ("Timor-Leste", "East Timorese", "Timorese")),
    "EC": ("Ecuador", ("Ecuadorian", "Ecuadorians", "Ecuadorean", "Ecuadoreans")),
    "EG": ("Egypt", ("Egyptian", "Egyptians")),
    "SV": ("El Salvador", ("Salvadoran", "Salvadorans", "Salvadorean", "Salvadoreans")),
    "GQ": ("Equatorial Guinea", ("Equatorial Guinean", "Equatoguinean", "Equatoguineans")),
    "ER": ("Eritrea", ("Eritrean", "Eritreans")),
    "EE": ("Estonia", ("Estonian", "Estonians")),
    "SZ": ("Eswatini", ("Swaziland", "Swazi", "Swazis")),
    "ET": ("Ethiopia", ("Ethiopian", "Ethiopians")),
    "FJ": ("Fiji", ("Fijian", "Fijians")),
    "FI": ("Finland", ("Finnish", "Finns")),
    "FR": ("France", ("French",)),
    "GA": ("Gabon", ("Gabonese",)),
    "GM": ("Gambia", ("The Gambia", "Gambian", "Gambians")),
    "GE": ("Georgia", ("Georgian", "Georgians")),
    "DE": ("Germany", ("German", "Germans")),
    "GH": ("Ghana", ("Ghanaian", "Ghanaians")),
    "GR": ("Greece", ("Hellenic Republic", "Greek", "Greeks")),
    "GL": ("Greenland", ("Kalaallit Nunaat", "Greenlandic", "Greenlander", "Greenlanders")),
    "GD": ("Grenada", ("Grenadian", "Grenadians")),
    "GT": ("Guatemala", ("Guatemalan", "Guatemalans")),
    "GN": ("Guinea", ("Guinea-Conakry",)),
    "GW": ("Guinea-Bissau", ("Bissau-Guinean", "Bissau-Guineans")),
    "GY": ("Guyana", ("Guyanese",)),
    "HT": ("Haiti", ("Haitian", "Haitians")),
    "HN": ("Honduras", ("Honduran", "Hondurans")),
    "HK": ("Hong Kong", ("Hong Kong SAR", "HK", "Hongkonger", "Hongkongers", "Hong Konger")),
    "HU": ("Hungary", ("Hungarian", "Hungarians")),
    "IS": ("Iceland", ("Icelandic", "Icelander", "Icelanders")),
    "IN": ("India", ("Indian", "Indians")),
    "ID": ("Indonesia", ("Indonesian", "Indonesians")),
    "IR": ("Iran", ("Islamic Republic of Iran", "Iranian", "Iranians")),
    "IQ": ("Iraq", ("Iraqi", "Iraqis")),
    "IE": ("Ireland", ("Republic of Ireland", "Irish")),
    "IL": ("Israel", ("Israeli", "Israelis")),
    "IT": ("Italy", ("Italian", "Italians")),
    "CI": ("Ivory Coast", ("Côte d'Ivoire", "Cote d'Ivoire", "Ivorian", "Ivorians")),
    "JM": ("Jamaica", ("Jamaican", "Jamaicans")),
    "JP": ("Japan", ("Japanese",)),
    "JO": ("Jordan", ("Jordanian", "Jordanians")),
    "KZ": ("Kazakhstan", ("Kazakh", "Kazakhs", "Kazakhstani", "Kazakhstanis")),
    "KE": ("Kenya", ("Kenyan", "Kenyans")),
    "KI": ("Kiribati", ("I-Kiribati",)),
    "XK": ("Kosovo", ("Republic of Kosovo", "Kosovar", "Kosovars", "Kosovan", "Kosovans")),
    "KW": ("Kuwait", ("Kuwaiti", "Kuwaitis")),
    "KG": ("Kyrgyzstan", ("Kyrgyz Republic", "Kyrgyz", "Kyrgyzstani", "Kyrgyzstanis")),
    "LA": ("Laos", ("Lao PDR", "Lao People's Democratic Republic", "Lao", "Laotian", "Laotians")),
    "LV": ("Latvia", ("Latvian", "Latvians")),
    "LB": ("Lebanon", ("Lebanese",)),
    "LS": ("Lesotho", ("Basotho", "Mosotho")),
    "LR": ("Liberia", ("Liberian", "Liberians")),
    "LY": ("Libya", ("Libyan", "Libyans")),
    "LI": ("Liechtenstein", ("Liechtensteiner", "Liechtensteiners")),
    "LT": ("Lithuania", ("Lithuanian", "Lithuanians")),
    "LU": ("Luxembourg", ("Luxembourgish", "Luxembourger", "Luxembourgers")),
    "MG": ("Madagascar", ("Malagasy",)),
    "MW": ("Malawi", ("Malawian", "Malawians")),
    "MY": ("Malaysia", ("Malaysian", "Malaysians")),
    "MV": ("Maldives", ("The Maldives", "Maldivian", "Maldivians")),
    "ML": ("Mali", ("Malian", "Malians")),
    "MT": ("Malta", ("Maltese",)),
    "MH": ("Marshall Islands", ("Marshallese",)),
    "MR": ("Mauritania", ("Mauritanian", "Mauritanians")),
    "MU": ("Mauritius", ("Mauritian", "Mauritians")),
    "MX": ("Mexico", ("Mexican", "Mexicans")),
    "FM": ("Micronesia", ("Federated States of Micronesia",)),
    "MD": ("Moldova", ("Republic of Moldova", "Moldovan", "Moldovans")),
    "MC": ("Monaco", ("Monegasque", "Monégasque", "Monegasques")),
    "MN": ("Mongolia", ("Mongolian", "Mongolians")),
    "ME": ("Montenegro", ("Montenegrin", "Montenegrins")),
    "MA": ("Morocco", ("Moroccan", "Moroccans")),
    "MZ": ("Mozambique", ("Mozambican", "Mozambicans")),
    "MM": ("Myanmar", ("Burma", "Burmese")),
    "NA": ("Namibia", ("Namibian", "Namibians")),
    "NR": ("Nauru", ("Nauruan", "Nauruans")),
    "NP": ("Nepal", ("Nepali", "Nepalis", "Nepalese")),
    "NL": ("Netherlands", ("The Netherlands", "Dutch")),
    "NZ": ("New Zealand", ("NZ", "Aotearoa", "New Zealander", "New Zealanders")),
    "NI": ("Nicaragua", ("Nicaraguan", "Nicaraguans")),
    "NE": ("Niger", ("Nigerien", "Nigeriens")),
    "NG": ("Nigeria", ("Nigerian", "Nigerians")),
    "KP": (
        "North Korea",
        ("Democratic People's Republic of Korea", "DPRK", "North Korean", "North Koreans"),
    ),
    "MK": ("North Macedonia", ("Republic of North Macedonia", "North Macedonian")),
    "NO": ("Norway", ("Norwegian", "Norwegians")),
    "OM": ("Oman", ("Omani", "Omanis")),
    "PK": ("Pakistan", ("Pakistani", "Pakistanis")),
    "PW": ("Palau", ("Palauan", "Palauans")),
    "PS": (
        "Palestine",
        ("State of Palestine", "Palestinian territories", "Palestinian", "Palestinians"),
    ),
    "PA": ("Panama", ("Panamanian", "Panamanians")),
    "PG": ("Papua New Guinea", ("PNG", "Papua New Guinean", "Papua New Guineans")),
    "PY": ("Paraguay", ("Paraguayan", "Paraguayans")),
    "PE": ("Peru", ("Peruvian", "Peruvians")),
    "PH": ("Philippines", ("The Philippines", "Philippine", "Filipino", "Filipinos", "Filipina")),
    "PL": ("Poland", ("Republic of Poland",)),
    "PT": ("Portugal", ("Portuguese",)),
    "QA": ("Qatar", ("Qatari", "Qataris")),
    "CG": (
        "Republic of the Congo",
        ("Republic of Congo", "Congo-Brazzaville", "Congo Republic"),
    ),
    "RO": ("Romania", ("Romanian", "Romanians")),
    "RU": ("Russia", ("Russian Federation", "Russian", "Russians")),
    "RW": ("Rwanda", ("Rwandan", "Rwandans")),
    "KN": ("Saint Kitts and Nevis", ("St Kitts and Nevis", "St. Kitts and Nevis", "Kittitian")),
    "LC": ("Saint Lucia", ("St Lucia", "St. Lucia", "Saint Lucian", "St Lucian")),
    "VC": (
        "Saint Vincent and the Grenadines",
        ("St Vincent and the Grenadines", "St. Vincent and the Grenadines", "Vincentian"),
    ),
    "WS": ("Samoa", ("Samoan", "Samoans")),
    "SM": ("San Marino", ("Sammarinese", "San Marinese")),
    "ST": ("São Tomé and Príncipe", ("Sao Tome and Principe", "São Toméan", "Sao Tomean")),
    "SA": ("Saudi Arabia", ("Kingdom of Saudi Arabia", "KSA", "Saudi", "Saudis", "Saudi Arabian")),
    "SN": ("Senegal", ("Senegalese",)),
    "RS": ("Serbia", ("Serbian", "Serbians", "Serb", "Serbs")),
    "SC": ("Seychelles", ("Seychellois",)),
    "SL": ("Sierra Leone", ("Sierra Leonean", "Sierra Leoneans")),
    "SG": ("Singapore", ("Singaporean", "Singaporeans")),
    "SK": ("Slovakia", ("Slovak Republic", "Slovak", "Slovaks", "Slovakian")),
    "SI": ("Slovenia", ("Slovenian", "Slovenians", "Slovene", "Slovenes")),
    "SB": ("Solomon Islands", ("Solomons", "Solomon Islander", "Solomon Islanders")),
    "SO": ("Somalia", ("Somali", "Somalis")),
    "ZA": ("South Africa", ("South African", "South Africans")),
    "KR": ("South Korea", ("Republic of Korea", "ROK", "South Korean", "South Koreans")),
    "SS": ("South Sudan", ("South Sudanese",)),
    "ES": ("Spain", ("Spanish", "Spaniard", "Spaniards")),
    "LK": ("Sri Lanka", ("Sri Lankan", "Sri Lankans")),
    "SD": ("Sudan", ("Republic of the Sudan",)),
    "SR": ("Suriname", ("Surinam", "Surinamese")),
    "SE": ("Sweden", ("Swedish",)),
    "CH": ("Switzerland", ("Swiss",)),
    "SY": ("Syria", ("Syrian Arab Republic", "Syrian", "Syrians")),
    "TW": ("Taiwan", ("Republic of China", "ROC", "Chinese Taipei", "Taiwanese")),
    "TJ": ("Tajikistan", ("Tajik", "Tajiks", "Tajikistani")),
    "TZ": ("Tanzania", ("United Republic of Tanzania", "Tanzanian", "Tanzanians")),
    "TH": ("Thailand", ("Thai", "Thais")),
    "TG": ("Togo", ("Togolese",)),
    "TO": ("Tonga", ("Tongan", "Tongans")),
    "TT": ("Trinidad and Tobago", ("Trinidad", "Trinidadian", "Trinidadians")),
    "TN": ("Tunisia", ("Tunisian", "Tunisians")),
    "TR": ("Turkey", ("Türkiye", "Turkiye", "Republic of Türkiye", "Turkish", "Turks")),
    "TM": ("Turkmenistan", ("Turkmen", "Turkmenistani")),
    "TV": ("Tuvalu", ("Tuvaluan", "Tuvaluans")),
    "UG": ("Uganda", ("Ugandan", "Ugandans")),
    "UA": ("Ukraine", ("Ukrainian", "Ukrainians")),
    "AE": (
        "United Arab Emirates",
        ("UAE", "U.A.E.", "the Emirates", "Emirati", "Emiratis"),
    ),
    "GB": (
        "United Kingdom",
        ("UK", "U.K.", "Britain", "Great Britain", "British", "Britons", "Brits"),
    ),
    "US": (
        "United States",
        (
            "United States of America",
            "US",
            "U.S.",
            "USA",
            "U.S.A.",
            "America",
            "American",
            "Americans",
        ),
    ),
    "UY": ("Uruguay", ("Uruguayan", "Uruguayans")),
    "UZ": ("Uzbekistan", ("Uzbek", "Uzbeks", "Uzbekistani")),
    "VU": ("Vanuatu", ("ni-Vanuatu", "Vanuatuan")),
    "VA": ("Vatican City", ("Vatican", "Holy See", "Vatican City State")),
    "VE": (
        "Venezuela",
        ("Bolivarian Republic of Venezuela", "Venezuelan", "Venezuelans"),
    ),
    "VN": ("Vietnam", ("Viet Nam", "Vietnamese")),
    "EH": ("Western Sahara", ("Sahrawi Arab Democratic Republic", "Sahrawi", "Sahrawis")),
    "YE": ("Yemen", ("Yemeni", "Yemenis")),
    "ZM": ("Zambia", ("Zambian", "Zambians")),
    "ZW": ("Zimbabwe", ("Zimbabwean", "Zimbabweans")),
}

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})


def _key(name):
    """How names are compared: "CÔTE D’IVOIRE" and "Côte d'Ivoire" are the same name."""
    name = unicodedata.normalize("NFC", name).translate(_APOSTROPHES)
    return " ".join(name.split()).casefold()


def name_index(forms):
    """{compared name: code} over every canonical name and form; a name under two codes is an error."""
    index = {}
    for code, (name, others) in forms.items():
        for written in (name, *others):
            key = _key(written)
            if index.get(key, code) != code:
                raise ValueError(f"{written!r} is listed for both {index[key]} and {code}.")
            index[key] = code
    return index


_CODES = name_index(FORMS)


def forms_of(iso_code):
    """The other forms of the country with this ISO code ("gb" or "GB"); none for an unknown code."""
    entry = FORMS.get((iso_code or "").strip().upper())
    return entry[1] if entry else ()


def code_for(name):
    """The ISO code whose canonical name or form is `name`, ignoring case; None if there is none."""
    return _CODES.get(_key(name or ""))
