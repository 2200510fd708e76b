"""Illustrative demo content, as plain data: what `briefings.demo.load_demo_content()` creates.

Rows refer to each other by slug (topics, places, actors, briefings) or by key (sources, quotes).
Quotes by real people are never "verified" here: nobody has checked them against a primary source.
Only the fictional Northbridge Institute's analysts have verified quotes, from its example.org pages.
"""

from datetime import UTC, date, datetime

TOPICS = [
    {
        "name": "Alliances",
        "slug": "alliances",
        "description": "How states bind themselves to defend one another, and how far those promises hold.",
    },
    {
        "name": "Security guarantees",
        "slug": "security-guarantees",
        "description": "Commitments by one state or group of states to help defend another, from "
        "**binding treaties** such as NATO's Article 5 to looser pledges of assistance.",
        "parent": "alliances",
    },
    {
        "name": "Deterrence",
        "slug": "deterrence",
        "description": "Preventing an attack by making it look too costly or unlikely to succeed.",
    },
    {
        "name": "Arms control",
        "slug": "arms-control",
        "description": "Treaties and understandings that limit weapons, their testing and deployment.",
    },
    {
        "name": "Economic security",
        "slug": "economic-security",
        "description": "Trade, technology and finance used as instruments of power, and protection "
        "against their use by others.",
    },
    {
        "name": "Sanctions",
        "slug": "sanctions",
        "description": "Restrictions on trade, finance and travel imposed to change a state's behaviour "
        "or to raise the cost of it.",
        "parent": "economic-security",
    },
    {
        "name": "Critical minerals",
        "slug": "critical-minerals",
        "description": "Minerals that modern industry and defence depend on and whose supply is "
        "concentrated in few countries.",
        "parent": "economic-security",
    },
    {
        "name": "Maritime security",
        "slug": "maritime-security",
        "description": "Freedom of navigation, shipping routes, chokepoints and the navies that "
        "protect them.",
    },
    {
        "name": "Insurgency and counter-terrorism",
        "slug": "insurgency-and-counter-terrorism",
        "description": "Armed groups fighting states from within, and the campaigns against them.",
    },
    {
        "name": "Defence industry",
        "slug": "defence-industry",
        "description": "Who builds weapons and ammunition, how fast, and who pays for them.",
    },
]

# Parents come before the places that belong to them.
PLACES = [
    {"name": "Europe", "slug": "europe", "kind": "region"},
    {"name": "Africa", "slug": "africa", "kind": "region"},
    {"name": "Indo-Pacific", "slug": "indo-pacific", "kind": "region"},
    {"name": "Middle East", "slug": "middle-east", "kind": "region"},
    {"name": "Arctic", "slug": "arctic", "kind": "region"},
    {"name": "Sahel", "slug": "sahel", "kind": "region", "parents": ["africa"]},
    {"name": "Black Sea", "slug": "black-sea", "kind": "sea", "parents": ["europe"]},
    {"name": "Red Sea", "slug": "red-sea", "kind": "sea", "parents": ["middle-east"]},
    {"name": "Taiwan Strait", "slug": "taiwan-strait", "kind": "sea", "parents": ["indo-pacific"]},
    {"name": "Ukraine", "slug": "ukraine", "iso_code": "UA", "parents": ["europe", "black-sea"]},
    {"name": "Russia", "slug": "russia", "iso_code": "RU", "parents": ["europe", "arctic"]},
    {"name": "United States", "slug": "united-states", "iso_code": "US"},
    {"name": "United Kingdom", "slug": "united-kingdom", "iso_code": "GB", "parents": ["europe"]},
    {"name": "France", "slug": "france", "iso_code": "FR", "parents": ["europe"]},
    {"name": "Netherlands", "slug": "netherlands", "iso_code": "NL", "parents": ["europe"]},
    {"name": "Norway", "slug": "norway", "iso_code": "NO", "parents": ["europe", "arctic"]},
    {"name": "Denmark", "slug": "denmark", "iso_code": "DK", "parents": ["europe"]},
    {"name": "China", "slug": "china", "iso_code": "CN", "parents": ["indo-pacific"]},
    {"name": "Taiwan", "slug": "taiwan", "iso_code": "TW", "parents": ["indo-pacific"]},
    {"name": "Yemen", "slug": "yemen", "iso_code": "YE", "parents": ["middle-east"]},
    {"name": "Mali", "slug": "mali", "iso_code": "ML", "parents": ["africa", "sahel"]},
    {
        "name": "Burkina Faso",
        "slug": "burkina-faso",
        "iso_code": "BF",
        "parents": ["africa", "sahel"],
    },
    {"name": "Niger", "slug": "niger", "iso_code": "NE", "parents": ["africa", "sahel"]},
    {
        "name": "Greenland",
        "slug": "greenland",
        "kind": "territory",
        "iso_code": "GL",
        "parents": ["arctic", "denmark"],
    },
]

# Wikidata IDs only where they are certain; aliases are (name, kind, language).
ACTORS = [
    {
        "name": "Donald Trump",
        "slug": "donald-trump",
        "short_description": "President of the United States (2017–2021, since 2025)",
        "bio": "Businessman and Republican politician, **45th and 47th President of the United "
        "States**: a first term from 2017 to 2021 and a second from January 2025. Has pressed "
        "European allies to spend more on defence and made a negotiated end to the war in "
        "Ukraine a stated priority.",
        "country": "united-states",
        "born_on": date(1946, 6, 14),
        "wikidata_id": "Q22686",
        "aliases": [("Donald J. Trump", "other", "en"), ("Trump", "short", "")],
    },
    {
        "name": "Vladimir Putin",
        "slug": "vladimir-putin",
        "short_description": "President of Russia",
        "bio": "President of Russia since 2012, and before that from 2000 to 2008, with a spell "
        "as prime minister in between. A former KGB officer. Ordered the full-scale invasion "
        "of Ukraine in February 2022.",
        "country": "russia",
        "born_on": date(1952, 10, 7),
        "wikidata_id": "Q7747",
        "aliases": [("Владимир Путин", "native", "ru"), ("Putin", "short", "")],
    },
    {
        "name": "Volodymyr Zelensky",
        "slug": "volodymyr-zelensky",
        "short_description": "President of Ukraine since 2019",
        "bio": "President of Ukraine since May 2019. A former actor and television producer, "
        "elected with a large majority; has led Ukraine's wartime government since Russia's "
        "full-scale invasion in February 2022.",
        "country": "ukraine",
        "born_on": date(1978, 1, 25),
        "wikidata_id": "Q3874799",
        "aliases": [
            ("Zelenskyy", "transliteration", "en"),
            ("Zelenskiy", "transliteration", "en"),
            ("Volodymyr Zelenskyy", "transliteration", "en"),
            ("Володимир Зеленський", "native", "uk"),
        ],
    },
    {
        "name": "Mark Rutte",
        "slug": "mark-rutte",
        "short_description": "NATO Secretary General since 2024",
        "bio": "Secretary General of NATO since 1 October 2024. Before that **Prime Minister of "
        "the Netherlands** from 2010 to 2024, the longest-serving head of government in the "
        "country's history.",
        "country": "netherlands",
        "born_on": date(1967, 2, 14),
        "aliases": [("Rutte", "short", "")],
    },
    {
        "name": "Jens Stoltenberg",
        "slug": "jens-stoltenberg",
        "short_description": "NATO Secretary General 2014–2024",
        "bio": "Secretary General of NATO from 2014 to 2024, after two periods as Prime Minister "
        "of Norway. Returned to Norwegian politics as finance minister in 2025.",
        "country": "norway",
        "born_on": date(1959, 3, 16),
    },
    {
        "name": "Keir Starmer",
        "slug": "keir-starmer",
        "short_description": "Prime Minister of the United Kingdom since 2024",
        "bio": "Prime Minister of the United Kingdom since July 2024 and leader of the Labour "
        "Party since 2020. A former Director of Public Prosecutions. With France, has led "
        "European planning for a force to support a ceasefire in Ukraine.",
        "country": "united-kingdom",
        "born_on": date(1962, 9, 2),
        "aliases": [("Sir Keir Starmer", "other", "en")],
    },
    {
        "name": "Rishi Sunak",
        "slug": "rishi-sunak",
        "short_description": "Prime Minister of the United Kingdom 2022–2024",
        "bio": "Conservative Prime Minister of the United Kingdom from October 2022 until his "
        "party lost the general election of July 2024.",
        "country": "united-kingdom",
        "born_on": date(1980, 5, 12),
    },
    {
        "name": "Emmanuel Macron",
        "slug": "emmanuel-macron",
        "short_description": "President of France since 2017",
        "bio": "President of France since May 2017, re-elected in 2022. A long-standing advocate "
        "of European _strategic autonomy_: a Europe able to act in defence without depending "
        "wholly on the United States.",
        "country": "france",
        "born_on": date(1977, 12, 21),
        "wikidata_id": "Q3052772",
        "aliases": [("Macron", "short", "")],
    },
    {
        "name": "Xi Jinping",
        "slug": "xi-jinping",
        "short_description": "President of the People's Republic of China since 2013",
        "bio": "General Secretary of the Chinese Communist Party since 2012 and President of the "
        "People's Republic of China since 2013.",
        "country": "china",
        "born_on": date(1953, 6, 15),
        "wikidata_id": "Q15031",
        "aliases": [("习近平", "native", "zh")],
    },
    {
        "name": "Lai Ching-te",
        "slug": "lai-ching-te",
        "short_description": "President of Taiwan since 2024",
        "bio": "President of Taiwan since May 2024, from the Democratic Progressive Party; "
        "vice president from 2020 to 2024.",
        "country": "taiwan",
        "born_on": date(1959, 1, 1),
        "born_on_precision": "year",
        "aliases": [("William Lai", "other", "en"), ("賴清德", "native", "zh")],
    },
    {
        "name": "Dr. Jane Doe",
        "slug": "jane-doe",
        "short_description": "Senior Fellow, Northbridge Institute (fictional analyst)",
        "bio": "**Fictional.** A demo analyst of alliances and deterrence at the equally "
        "fictional Northbridge Institute for Security Studies.",
        "aliases": [("Jane Doe", "short", "")],
    },
    {
        "name": "Dr. John Roe",
        "slug": "john-roe",
        "short_description": "Senior Fellow, Northbridge Institute (fictional analyst)",
        "bio": "**Fictional.** A demo analyst of maritime security, the Sahel and supply chains "
        "at the fictional Northbridge Institute for Security Studies.",
        "aliases": [("John Roe", "short", "")],
    },
    {
        "name": "NATO",
        "slug": "nato",
        "kind": "igo",
        "short_description": "North Atlantic alliance",
        "bio": "Political and military alliance founded by the North Atlantic Treaty of 1949. "
        "Has had 32 members since Sweden joined in March 2024; headquartered in Brussels.",
        "born_on": date(1949, 4, 4),
        "wikidata_id": "Q7184",
        "aliases": [
            ("North Atlantic Treaty Organization", "other", "en"),
            ("North Atlantic Alliance", "other", "en"),
            ("OTAN", "acronym", "fr"),
        ],
    },
    {
        "name": "European Union",
        "slug": "european-union",
        "kind": "igo",
        "short_description": "Union of 27 European states",
        "bio": "Political and economic union of 27 European states. Its sanctions are adopted "
        "by unanimity of the member states in the Council.",
        "born_on": date(1993, 11, 1),
        "wikidata_id": "Q458",
        "aliases": [("EU", "acronym", "")],
    },
    {
        "name": "ECOWAS",
        "slug": "ecowas",
        "kind": "igo",
        "short_description": "Economic Community of West African States",
        "bio": "Regional bloc of West African states, founded in 1975. Mali, Burkina Faso and "
        "Niger left it in January 2025.",
        "born_on": date(1975, 1, 1),
        "born_on_precision": "year",
        "aliases": [
            ("Economic Community of West African States", "other", "en"),
            ("CEDEAO", "acronym", "fr"),
        ],
    },
    {
        "name": "Alliance of Sahel States",
        "slug": "alliance-of-sahel-states",
        "kind": "igo",
        "short_description": "Alliance of Mali, Burkina Faso and Niger",
        "bio": "Formed in 2023 by the military governments of Mali, Burkina Faso and Niger as a "
        "mutual defence pact, and later turned into a confederation.",
        "born_on": date(2023, 9, 1),
        "born_on_precision": "month",
        "aliases": [("AES", "acronym", ""), ("Alliance des États du Sahel", "native", "fr")],
    },
    {
        "name": "Arctic Council",
        "slug": "arctic-council",
        "kind": "igo",
        "short_description": "Forum of the eight Arctic states",
        "bio": "Forum of the eight Arctic states, with Indigenous peoples' organisations as "
        "permanent participants. Works on environment, science and search and rescue; "
        "military security is outside its mandate.",
        "born_on": date(1996, 1, 1),
        "born_on_precision": "year",
    },
    {
        "name": "Ukraine",
        "slug": "ukraine-state",
        "kind": "state",
        "short_description": "State in Eastern Europe",
        "country": "ukraine",
        "wikidata_id": "Q212",
        "aliases": [("Україна", "native", "uk")],
    },
    {
        "name": "Russia",
        "slug": "russia-state",
        "kind": "state",
        "short_description": "Russian Federation",
        "country": "russia",
        "wikidata_id": "Q159",
        "aliases": [("Russian Federation", "other", "en"), ("Россия", "native", "ru")],
    },
    {
        "name": "United States",
        "slug": "united-states-state",
        "kind": "state",
        "short_description": "United States of America",
        "country": "united-states",
        "wikidata_id": "Q30",
        "aliases": [("United States of America", "other", "en"), ("USA", "acronym", "")],
    },
    {
        "name": "United Kingdom",
        "slug": "united-kingdom-state",
        "kind": "state",
        "short_description": "United Kingdom of Great Britain and Northern Ireland",
        "country": "united-kingdom",
        "wikidata_id": "Q145",
        "aliases": [("UK", "acronym", ""), ("Britain", "short", "en")],
    },
    {
        "name": "France",
        "slug": "france-state",
        "kind": "state",
        "short_description": "French Republic",
        "country": "france",
        "wikidata_id": "Q142",
    },
    {
        "name": "China",
        "slug": "china-state",
        "kind": "state",
        "short_description": "People's Republic of China",
        "country": "china",
        "wikidata_id": "Q148",
        "aliases": [("People's Republic of China", "other", "en"), ("PRC", "acronym", "")],
    },
    {
        "name": "Houthis",
        "slug": "houthis",
        "kind": "armed_group",
        "short_description": "Ansar Allah, the movement controlling much of northern Yemen",
        "bio": "Armed political movement from northern Yemen that has held the capital, Sanaa, "
        "since 2014. Backed by Iran. Has attacked merchant shipping in the Red Sea and the "
        "Gulf of Aden since November 2023.",
        "country": "yemen",
        "aliases": [("Ansar Allah", "transliteration", "en"), ("أنصار الله", "native", "ar")],
    },
    {
        "name": "Northbridge Institute for Security Studies",
        "slug": "northbridge-institute",
        "kind": "think_tank",
        "short_description": "Fictional security think tank (demo content)",
        "bio": "**Fictional.** Exists only in this demo. Its publications live at example.org "
        "addresses, and its analysts' quotes are the only ones marked verified here.",
        "aliases": [("Northbridge Institute", "short", "en"), ("NISS", "acronym", "")],
    },
    {
        "name": "Bureau of Industry and Security",
        "slug": "bureau-of-industry-and-security",
        "kind": "government_body",
        "short_description": "US Commerce Department agency for export controls",
        "bio": "The agency of the US Department of Commerce that writes and enforces export "
        "controls, including those on advanced semiconductors and chipmaking equipment.",
        "country": "united-states",
        "aliases": [("BIS", "acronym", "")],
    },
    {
        "name": "Reuters",
        "slug": "reuters",
        "kind": "media",
        "short_description": "International news agency",
        "bio": "International news agency based in London, part of Thomson Reuters.",
        "country": "united-kingdom",
    },
]

# Tenures of one single-holder office may not overlap; a successor may start on the day the
# predecessor's tenure ends (a handover).
OFFICES = [
    {
        "title": "NATO Secretary General",
        "organisation": "nato",
        "tenures": [
            {
                "actor": "jens-stoltenberg",
                "started_on": date(2014, 10, 1),
                "ended_on": date(2024, 9, 30),
            },
            {"actor": "mark-rutte", "started_on": date(2024, 10, 1)},
        ],
    },
    {
        "title": "President of Ukraine",
        "organisation": "ukraine-state",
        "tenures": [{"actor": "volodymyr-zelensky", "started_on": date(2019, 5, 20)}],
    },
    {
        "title": "President of Russia",
        "organisation": "russia-state",
        "tenures": [
            {
                "actor": "vladimir-putin",
                "started_on": date(2000, 5, 7),
                "ended_on": date(2008, 5, 7),
                "note": "First and second terms",
            },
            {
                "actor": "vladimir-putin",
                "started_on": date(2012, 5, 7),
                "note": "Third term onwards",
            },
        ],
    },
    {
        "title": "President of the United States",
        "organisation": "united-states-state",
        "tenures": [
            {
                "actor": "donald-trump",
                "started_on": date(2017, 1, 20),
                "ended_on": date(2021, 1, 20),
                "note": "First term",
            },
            {"actor": "donald-trump", "started_on": date(2025, 1, 20), "note": "Second term"},
        ],
    },
    {
        "title": "Prime Minister of the United Kingdom",
        "organisation": "united-kingdom-state",
        "tenures": [
            {
                "actor": "rishi-sunak",
                "started_on": date(2022, 10, 25),
                "ended_on": date(2024, 7, 5),
            },
            {"actor": "keir-starmer", "started_on": date(2024, 7, 5)},
        ],
    },
    {
        "title": "President of France",
        "organisation": "france-state",
        "tenures": [
            {
                "actor": "emmanuel-macron",
                "started_on": date(2017, 5, 14),
                "note": "Re-elected 2022",
            },
        ],
    },
    {
        "title": "Prime Minister of the Netherlands",
        "tenures": [
            {"actor": "mark-rutte", "started_on": date(2010, 10, 14), "ended_on": date(2024, 7, 2)},
        ],
    },
    {
        "title": "President of the People's Republic of China",
        "organisation": "china-state",
        "tenures": [{"actor": "xi-jinping", "started_on": date(2013, 3, 14)}],
    },
    {
        "title": "President of Taiwan",
        "tenures": [{"actor": "lai-ching-te", "started_on": date(2024, 5, 20)}],
    },
    {
        "title": "Senior Fellow",
        "organisation": "northbridge-institute",
        "single_holder": False,
        "tenures": [
            {"actor": "jane-doe", "started_on": date(2019, 9, 1), "note": "Fictional"},
            {"actor": "john-roe", "started_on": date(2021, 1, 4), "note": "Fictional"},
        ],
    },
]

# Real organisations' URLs point only at index or section pages; fictional ones at example.org.
SOURCES = [
    {
        "key": "reuters-white-house-2025",
        "url": "https://www.reuters.com/world/europe/",
        "title": "Coverage of the White House meeting on Ukraine with European leaders",
        "publisher": "Reuters",
        "kind": "press_report",
        "published_on": date(2025, 8, 18),
        "accessed_on": date(2025, 10, 14),
    },
    {
        "key": "ap-russia-ukraine",
        "url": "https://apnews.com/hub/russia-ukraine",
        "title": "Russia-Ukraine war",
        "publisher": "Associated Press",
        "kind": "press_report",
        "accessed_on": date(2025, 10, 14),
    },
    {
        "key": "kremlin-transcripts",
        "url": "http://en.kremlin.ru/events/president/transcripts",
        "title": "Annual Address to the Federal Assembly of the Russian Federation",
        "publisher": "President of Russia",
        "kind": "transcript",
        "published_on": date(2005, 4, 25),
        "accessed_on": date(2025, 10, 14),
    },
    {
        "key": "economist-macron-2019",
        "url": "https://www.economist.com/europe",
        "title": "Interview with Emmanuel Macron on Europe, NATO and strategy",
        "publisher": "The Economist",
        "kind": "press_report",
        "published_on": date(2019, 11, 7),
    },
    {
        "key": "times-trump-2017",
        "url": "https://www.thetimes.com/world",
        "title": "Interview with President-elect Donald Trump",
        "publisher": "The Times",
        "kind": "press_report",
        "published_on": date(2017, 1, 15),
    },
    {
        "key": "nato-transcripts",
        "url": "https://www.nato.int/cps/en/natohq/opinions.htm",
        "title": "Joint press conference of the US President and the NATO Secretary General",
        "publisher": "NATO",
        "kind": "transcript",
        "published_on": date(2017, 4, 12),
    },
    {
        "key": "nato-news",
        "url": "https://www.nato.int/cps/en/natohq/news.htm",
        "title": "NATO news",
        "publisher": "NATO",
        "kind": "official_statement",
        "accessed_on": date(2025, 10, 14),
    },
    {
        "key": "nato-hague-declaration",
        "url": "https://www.nato.int/cps/en/natohq/official_texts.htm",
        "title": "The Hague Summit Declaration",
        "publisher": "NATO",
        "kind": "government_document",
        "published_on": date(2025, 6, 25),
    },
    {
        "key": "eu-sanctions-russia",
        "url": "https://www.consilium.europa.eu/en/policies/sanctions-against-russia/",
        "title": "EU sanctions against Russia",
        "publisher": "Council of the European Union",
        "kind": "official_statement",
        "accessed_on": date(2025, 10, 14),
    },
    {
        "key": "xinhua-taiwan-2019",
        "url": "https://english.news.cn/",
        "title": "Speech marking the 40th anniversary of the Message to Compatriots in Taiwan",
        "publisher": "Xinhua",
        "kind": "official_statement",
        "published_on": date(2019, 1, 2),
    },
    {
        "key": "northbridge-guarantees",
        "url": "https://northbridge.example.org/publications/guarantees-without-membership",
        "title": "Guarantees without membership: options for Ukraine after a ceasefire",
        "publisher": "Northbridge Institute for Security Studies",
        "kind": "analysis",
        "published_on": date(2025, 9, 2),
    },
    {
        "key": "northbridge-lecture",
        "url": "https://northbridge.example.org/events/annual-lecture-2025",
        "title": "Annual lecture 2025: when deterrence fails",
        "publisher": "Northbridge Institute for Security Studies",
        "kind": "video",
        "published_on": date(2025, 6, 12),
    },
    {
        "key": "northbridge-red-sea",
        "url": "https://northbridge.example.org/publications/red-sea-return",
        "title": "What would bring shipping back to the Red Sea?",
        "publisher": "Northbridge Institute for Security Studies",
        "kind": "analysis",
        "published_on": date(2025, 10, 21),
    },
    {
        "key": "northbridge-sahel",
        "url": "https://northbridge.example.org/commentary/sahel-sovereignty-and-security",
        "title": "Sovereignty and security in the central Sahel",
        "publisher": "Northbridge Institute for Security Studies",
        "kind": "analysis",
        "published_on": date(2025, 11, 18),
    },
    {
        "key": "northbridge-arctic",
        "url": "https://northbridge.example.org/publications/high-north-2025",
        "title": "The High North after cooperation",
        "publisher": "Northbridge Institute for Security Studies",
        "kind": "analysis",
        "published_on": date(2025, 11, 24),
    },
    {
        "key": "roe-social-post",
        "url": "https://social.example.org/@johnroe/posts/1842",
        "title": "Post on export controls and supply chains",
        "publisher": "Dr. John Roe",
        "kind": "social_post",
        "published_on": date(2025, 10, 13),
    },
]

# The speaker's tenure is looked up from the date said; None where no single office covers it.
QUOTES = [
    {
        "key": "rutte-security-guarantees",
        "text": "Today was really about security guarantees.",
        "speaker": "mark-rutte",
        "attributed_as": "NATO chief",
        "said_on": date(2025, 8, 18),
        "occasion": "Meeting of European leaders with President Trump and President Zelensky at "
        "the White House, Washington",
        "context": "Remarks after talks on how Ukraine's security would be ensured once the "
        "fighting stops, as reported in the press.",
        "source": "reuters-white-house-2025",
        "verification": "reported",
    },
    {
        "key": "zelensky-ammunition",
        "text": "The fight is here; I need ammunition, not a ride.",
        "speaker": "volodymyr-zelensky",
        "attributed_as": "Ukrainian President",
        "said_on": date(2022, 2, 1),
        "said_on_precision": "month",
        "occasion": "Reply to a US offer to help him leave Kyiv in the first days of the "
        "full-scale invasion",
        "context": "Reported by the Associated Press, citing a US official with knowledge of the "
        "conversation. No recording has been published.",
        "source": "ap-russia-ukraine",
        "verification": "reported",
    },
    {
        "key": "putin-catastrophe",
        "text": "The collapse of the Soviet Union was the greatest geopolitical catastrophe of "
        "the century.",
        "speaker": "vladimir-putin",
        "attributed_as": "Russian President",
        "said_on": date(2005, 4, 25),
        "occasion": "Annual address to the Federal Assembly, Moscow",
        "context": "The widely quoted English wording is disputed. The Kremlin's own translation "
        "reads “a major geopolitical disaster of the century”, which some translators "
        "consider closer to the Russian.",
        "source": "kremlin-transcripts",
        "verification": "disputed",
    },
    {
        "key": "macron-brain-death",
        "text": "What we are currently experiencing is the brain death of NATO.",
        "speaker": "emmanuel-macron",
        "attributed_as": "French President",
        "said_on": date(2019, 1, 1),
        "said_on_precision": "year",
        "occasion": "Interview with The Economist",
        "context": "Macron was criticising the lack of coordination among allies after the US "
        "withdrawal from north-east Syria and Turkey's military operation there.",
        "source": "economist-macron-2019",
        "verification": "reported",
    },
    {
        "key": "trump-obsolete",
        "text": "I said a long time ago that NATO had problems. Number one, it was obsolete.",
        "speaker": "donald-trump",
        "attributed_as": "President-elect",
        "said_on": date(2017, 1, 1),
        "said_on_precision": "month",
        "occasion": "Joint interview with The Times and Bild before his first inauguration",
        "context": "Trump also said that many allies were not paying what he considered their "
        "fair share for defence.",
        "source": "times-trump-2017",
        "verification": "reported",
    },
    {
        "key": "trump-no-longer-obsolete",
        "text": "I said it was obsolete. It's no longer obsolete.",
        "speaker": "donald-trump",
        "attributed_as": "US President",
        "said_on": date(2017, 4, 12),
        "occasion": "Joint press conference with NATO Secretary General Jens Stoltenberg at the "
        "White House",
        "source": "nato-transcripts",
        "verification": "reported",
    },
    {
        "key": "stoltenberg-weapons-peace",
        "text": "Weapons are the way to peace.",
        "speaker": "jens-stoltenberg",
        "attributed_as": "NATO Secretary General",
        "said_on": date(2023, 1, 1),
        "said_on_precision": "year",
        "occasion": "Remarks on military support for Ukraine",
        "context": "A line Stoltenberg used in several forms during 2023. The exact wording and "
        "occasion have not been matched to a transcript.",
        "source": "nato-news",
        "verification": "unverified",
    },
    {
        "key": "xi-use-of-force",
        "text": "We make no promise to renounce the use of force and reserve the option of "
        "taking all necessary measures.",
        "speaker": "xi-jinping",
        "attributed_as": "Chinese President",
        "said_on": date(2019, 1, 2),
        "occasion": "Speech marking the 40th anniversary of the Message to Compatriots in "
        "Taiwan, Beijing",
        "context": "English wording as carried in official translations. The same speech "
        "restated Beijing's preference for “peaceful reunification”.",
        "language": "en",
        "source": "xinhua-taiwan-2019",
        "verification": "reported",
    },
    {
        "key": "doe-guarantee-strength",
        "text": "A guarantee is only as strong as the forces that stand behind it on the day it "
        "is tested.",
        "speaker": "jane-doe",
        "attributed_as": "Senior Fellow, Northbridge Institute for Security Studies",
        "said_on": date(2025, 9, 2),
        "occasion": "Northbridge Institute policy paper on guarantees for Ukraine",
        "source": "northbridge-guarantees",
        "source_locator": "p. 4",
        "verification": "verified",
        "verified_at": datetime(2025, 9, 4, 10, 0, tzinfo=UTC),
    },
    {
        "key": "doe-deterrence-fails-quietly",
        "text": "Deterrence fails quietly at first: not when a line is crossed, but when an "
        "adversary stops believing it will be defended.",
        "speaker": "jane-doe",
        "attributed_as": "Dr. Jane Doe, Analyst, Northbridge Institute",
        "said_on": date(2025, 6, 1),
        "said_on_precision": "month",
        "occasion": "Northbridge Institute annual lecture",
        "source": "northbridge-lecture",
        "source_locator": "00:14:30",
        "verification": "verified",
        "verified_at": datetime(2025, 6, 20, 14, 30, tzinfo=UTC),
    },
    {
        "key": "doe-arctic-trust",
        "text": "The Arctic did not become contested because the ice melted; it became "
        "contested because trust did.",
        "speaker": "jane-doe",
        "attributed_as": "Senior Fellow, Northbridge Institute",
        "said_on": date(2025, 11, 24),
        "occasion": "Launch of the Northbridge Institute report on the High North",
        "source": "northbridge-arctic",
        "source_locator": "Foreword",
        "verification": "verified",
        "verified_at": datetime(2025, 11, 26, 9, 15, tzinfo=UTC),
    },
    {
        "key": "roe-red-sea-insurers",
        "text": "Shipping lines do not need a peace agreement to return; they need an insurer "
        "willing to write the policy.",
        "speaker": "john-roe",
        "attributed_as": "Northbridge analyst",
        "said_on": date(2025, 10, 1),
        "said_on_precision": "month",
        "occasion": "Northbridge Institute briefing for journalists on Red Sea shipping",
        "source": "northbridge-red-sea",
        "source_locator": "section 3",
        "verification": "verified",
        "verified_at": datetime(2025, 10, 22, 8, 0, tzinfo=UTC),
    },
    {
        "key": "roe-sahel-sovereignty",
        "text": "The juntas promised sovereignty and security; so far they have delivered more "
        "of the first than the second.",
        "speaker": "john-roe",
        "attributed_as": "Senior Fellow, Northbridge Institute",
        "said_on": date(2025, 11, 18),
        "occasion": "Northbridge Institute commentary on the central Sahel",
        "source": "northbridge-sahel",
        "source_locator": "para. 2",
        "verification": "verified",
        "verified_at": datetime(2025, 11, 19, 11, 0, tzinfo=UTC),
    },
    {
        "key": "roe-chains-of-leverage",
        "text": "Supply chains are also chains of leverage, and export controls on minerals "
        "prove it.",
        "speaker": "john-roe",
        "attributed_as": "analyst John Roe",
        "said_on": date(2025, 10, 13),
        "occasion": "Post on social media",
        "context": "The post has since been deleted; the text comes from a screenshot that has "
        "not been matched to the original.",
        "source": "roe-social-post",
        "verification": "unverified",
    },
]

UKRAINE_BODY = """\
## Where the talks stand

Since returning to the White House in January 2025, Donald Trump has made ending the war in Ukraine
a declared priority, and Washington has talked directly to Moscow as well as to Kyiv. His meeting
with Vladimir Putin in Alaska in August 2025 produced no ceasefire, but it moved the discussion
toward the terms of a settlement rather than whether one was possible at all.

Days later Volodymyr Zelensky returned to the White House with a group of European leaders, among
them Keir Starmer, Emmanuel Macron and NATO Secretary General Mark Rutte. Their presence was itself
a message: Europe expects a say in any arrangement that shapes its own security, and Ukraine does
not want to negotiate alone.

The positions remain far apart. Moscow continues to press territorial demands and limits on
Ukraine's armed forces and alignments; Kyiv rejects any settlement that would leave it unable to
defend itself or that formally concedes occupied land. Fighting, including long-range strikes on
cities and energy infrastructure, has continued alongside the diplomacy.

## The shifting sands of security guarantees

For Ukraine, a ceasefire without guarantees would be a pause in which Russia could rearm. Kyiv's
experience of the 1994 Budapest Memorandum, under which it gave up the nuclear weapons left on its
territory in return for assurances that did not prevent the annexation of Crimea in 2014, shapes
how it reads any promise short of a binding commitment.

NATO membership, the strongest guarantee available to a European state, is not on the table for
now: the United States has said it does not see Ukrainian accession as realistic in the near term,
and several allies share that view. Discussion has turned instead to arrangements that borrow
elements of Article 5 without membership, to long-term agreements on arms and training, and to a
reassurance force drawn from European states.

The United Kingdom and France have led planning among a "coalition of the willing" for such a
force, to deploy only once fighting stops. Its size, mandate and rules of engagement are still
open, and European governments have said it would need some American backing, such as intelligence,
air defence or logistics, to be credible. Public statements on how far Washington would go have
shifted more than once, which is why "guarantee" has come to mean very different things to
different parties.

## The risks of a bilateral approach

Much of the diplomacy has run through direct channels between Washington and Moscow. That can speed
things up, but it carries risks. An understanding reached between the two could leave Ukraine and
European states to carry out terms they did not shape, and Moscow has long sought to treat European
security as a matter for great powers to settle over the heads of smaller states.

Bilateral guarantees from individual states, of the kind Ukraine signed with many Western
governments in 2024, are also weaker than an alliance commitment. They promise weapons, training,
financing and consultation, not the defence of Ukrainian territory. Their value depends on budgets
and politics in each capital, and they can be revisited after an election.

For NATO, the task is to support a settlement without appearing to reward aggression or to weaken
its own credibility. At The Hague summit in June 2025 its members agreed to raise defence spending
toward 5 per cent of GDP by 2035, partly to show that Europe will carry more of its own defence.
Whether those pledges turn into forces in time matters as much as any text agreed with Moscow.

## Sanctions and arms control as bargaining chips

Sanctions are the main economic lever the West holds. The European Union has adopted successive
packages since 2022, aimed at Russia's energy revenues, its financial sector and its access to
military technology, and the United States has repeatedly threatened further measures against
Russia and against buyers of its oil. Any settlement raises the question of which sanctions could
be lifted, in what order, and how they could be reimposed if the terms were broken.

Arms control is the quieter part of the picture. New START, the last treaty limiting American and
Russian strategic nuclear forces, expires in February 2026, and Russia suspended its participation
in 2023. Without a follow-on arrangement, the two largest nuclear arsenals would be unconstrained
for the first time in decades. Some officials argue that a wider dialogue on strategic stability
could accompany talks on Ukraine; others warn against linking the two.

## What to watch

Three questions will decide whether the talks produce a durable settlement: whether Russia accepts
any foreign military presence in Ukraine as part of a guarantee; what concrete commitment the
United States makes behind a European force; and whether Ukraine's own armed forces can be
sustained at a strength that deters a renewed offensive.

Until those are answered, a ceasefire is more likely to be a pause than a peace. The most useful
indicators are not summit communiqués but budgets, force plans and the terms on which Western
military aid continues.
"""

RED_SEA_BODY = """\
## How the campaign began

In November 2023, weeks after the war in Gaza began, the Houthis seized the car carrier Galaxy
Leader and started attacking merchant ships in the southern Red Sea and the Gulf of Aden. The
movement, which calls itself Ansar Allah and controls much of northern Yemen including the capital
Sanaa and the port of Hodeidah, said it was targeting vessels linked to Israel. In practice many of
the ships it struck had distant links to Israel, or none.

The attacks have used drones, anti-ship cruise and ballistic missiles and small boats. Much of the
arsenal draws on Iranian designs and supplies, but the Houthis act on their own calculations: the
campaign has raised their standing at home and in the region at relatively low cost.

## The naval response

The United States launched Operation Prosperity Guardian in December 2023 to protect shipping, and
from January 2024 American and British forces struck Houthi targets in Yemen. The European Union
set up its own mission, Aspides, in February 2024. Aspides is defensive: it escorts and protects
ships at sea and does not strike targets on land.

In 2025 the United States mounted a more intensive air campaign from March, until an understanding
mediated by Oman in May under which the Houthis stopped targeting American ships. The arrangement
did not cover other vessels, and in July 2025 the Houthis sank two bulk carriers. Israel has struck
Houthi-held ports and infrastructure in response to missile and drone attacks on its territory.

## The cost to trade

Most large container lines diverted their Asia–Europe services around the Cape of Good Hope, adding
one to two weeks to each voyage as well as fuel and charter costs. Traffic through the Suez Canal
fell sharply, costing Egypt much of its canal revenue, and war-risk insurance premiums for ships
still using the route rose steeply.

The disruption has been absorbed rather than resolved. Freight rates spiked in early 2024 and eased
as the industry added ships and adjusted schedules. That adaptation has lowered the pressure on
shipping lines to return quickly, because the longer route is now priced into contracts.

## Conditions for a return

The Houthis have tied their campaign to the war in Gaza, and the ceasefire agreed there in October
2025 raised the prospect of a pause. Shipping lines have been cautious. A return requires
confidence that attacks will not resume at short notice, insurance on reasonable terms, and naval
protection that stays in place. Any large-scale return of container traffic is likely to be gradual
and easily reversed.

The broader lesson concerns chokepoints. A non-state group with comparatively cheap weapons has
shown that it can disrupt one of the world's main trade routes for years. Navies have spent
expensive interceptor missiles on inexpensive drones, an imbalance that is driving investment in
cheaper air defence.
"""

TAIWAN_BODY = """\
## A steady rise in pressure

China's armed forces now operate around Taiwan on most days: aircraft crossing the median line of
the Strait, which Beijing no longer recognises, naval patrols, and coast guard activity near
Taiwan-controlled islands. Large named exercises, held after Lai Ching-te took office as president
in May 2024 and repeatedly since, rehearse elements of a blockade and of strikes on key targets.

Beijing regards Taiwan as part of China and has never ruled out the use of force to bring it under
its control; Xi Jinping has described unification as a historic task. Much of the pressure stays
below the threshold of war: patrols, cyber activity, economic measures and efforts to isolate
Taiwan diplomatically. These grey-zone tactics aim to wear down Taiwan's defences and its public's
confidence without giving others a clear reason to respond.

## Deterrence by denial

Taiwan and the United States have shifted emphasis toward denial: making an invasion or blockade
fail rather than promising to punish it afterwards. That means large numbers of mobile,
hard-to-find weapons such as anti-ship missiles, air defences, drones and sea mines, rather than a
few expensive platforms. Taiwan restored one year of compulsory military service from 2024 and has
raised defence spending, though budgets remain contested in its legislature.

The United States sells weapons to Taiwan under the Taiwan Relations Act of 1979, which commits it
to provide the means of self-defence but not to defend the island itself. Washington has long kept
a policy of strategic ambiguity about whether it would intervene. A backlog of weapons ordered but
not yet delivered has been a recurring concern in Taipei and in Congress.

## Allies and the wider region

Japan, whose southernmost islands lie close to Taiwan, has become more explicit that a conflict in
the Strait would affect its own security, and is carrying out a large defence build-up. The
Philippines has widened American access to its bases, some of them in its north facing Taiwan.
AUKUS, the 2021 pact between Australia, the United Kingdom and the United States, is a longer-term
investment in the region's submarine forces.

Europe's stake is mostly economic: Taiwan makes most of the world's most advanced semiconductors,
and a blockade would disrupt supply chains far beyond Asia. Several European navies have sailed
through the Strait in recent years to assert freedom of navigation, which Beijing protests.

## Risks to watch

The greatest near-term danger may be an accident rather than a decision: a collision at sea or in
the air during close encounters that are now routine. Military-to-military communication between
the United States and China has been intermittent. Indicators to follow are the tempo and character
of exercises, especially any move from rehearsal toward a sustained quarantine of Taiwan's ports;
changes in American policy language; and Taiwan's defence budget and reserve reforms.
"""

ARCTIC_BODY = """\
## A region kept apart from politics

For three decades after the Cold War the Arctic was treated as a zone of low tension. The Arctic
Council, created in 1996 by the eight Arctic states (Canada, Denmark, Finland, Iceland, Norway,
Russia, Sweden and the United States), worked on environmental protection, science and search and
rescue, with Indigenous peoples' organisations at the table. Military security was deliberately
left off its agenda.

That model broke down in 2022. After Russia's full-scale invasion of Ukraine, the seven other
members paused their work with Russia, which then held the council's rotating chair. Some technical
cooperation has resumed in limited form, but the council no longer bridges the divide it was built
to manage.

## NATO's new northern flank

Finland joined NATO in April 2023 and Sweden in March 2024. Seven of the eight Arctic states are
now allies, and the Nordic region can be planned and defended as a whole. Russia's Northern Fleet,
based on the Kola Peninsula, carries much of its sea-based nuclear deterrent, which keeps the
region central to Moscow's security whatever happens elsewhere.

Allied exercises in the High North have grown in size and frequency. So has attention to undersea
cables and pipelines, after several incidents of damage to such infrastructure in the Baltic Sea
raised concern about sabotage.

## Routes and resources

The Northern Sea Route along Russia's Arctic coast is shorter between Asia and Europe than the
route through Suez, but it is navigable for only part of the year and depends on icebreakers and
Russian permission. Its traffic is mostly Russian energy exports, a growing share of them bound for
China. China calls itself a near-Arctic state and has invested in Russian Arctic energy projects.

Greenland holds deposits of rare earths and other minerals, and its position between North America
and Europe matters for missile warning and for the sea lanes of the North Atlantic. President
Donald Trump has repeatedly spoken of acquiring the island, an idea rejected by the governments of
Greenland and Denmark.

## Why it matters beyond the region

Capabilities in the Arctic take years to build. Icebreakers, ice-capable ships and cold-weather
forces are scarce among the Western allies, while Russia operates the world's largest icebreaker
fleet. The United States, Canada and Finland agreed in 2024 to cooperate on building icebreakers, a
recognition of the gap.

For Europe the Arctic is no longer a separate theatre. Its security is tied to the defence of the
North Atlantic, to the reinforcement routes from North America, and to how the wider confrontation
with Russia develops.
"""

SAHEL_BODY = """\
## From coups to a new alliance

Between 2020 and 2023 the armed forces took power in Mali (in 2020 and again in 2021), Burkina Faso
(twice in 2022) and Niger (in July 2023). Each junta pointed to the failure of civilian governments
and their foreign partners to contain jihadist insurgencies that had spread across the region for a
decade.

In September 2023 the three governments formed the Alliance of Sahel States, first as a mutual
defence pact and later as a confederation. In January 2024 they announced their withdrawal from
ECOWAS, the regional bloc that had imposed sanctions after the coup in Niger and had threatened to
intervene militarily; the departure took effect in January 2025.

## Foreign forces leave, others arrive

France withdrew its troops from Mali in 2022 and from Burkina Faso and Niger in 2023. The UN
peacekeeping mission in Mali ended in 2023 at the government's request, and the United States
completed its withdrawal from Niger in 2024, including from a drone base it had built there.

Russia has filled part of the space. Fighters from the Wagner Group deployed to Mali from late
2021; Russian security operations in Africa have since been brought under closer control of the
Russian state and rebranded as the Africa Corps. Moscow offers military support without conditions
on governance or human rights, which suits governments that reject Western criticism.

## The security picture

The security situation has not improved. Jama'at Nusrat al-Islam wal-Muslimin (JNIM), al-Qaeda's
affiliate in the Sahel, and the Islamic State's Sahel branch control or contest large rural areas,
tax local populations and attack army posts and supply routes. Violence has spread south toward the
coastal states of West Africa, including Benin and Togo.

Civilians bear most of the cost. Human rights organisations have documented mass killings by
jihadist groups and also by national armed forces and their allied fighters. Millions of people are
displaced, and humanitarian access is restricted in many areas.

## What to watch

Three things will shape the coming period: whether the juntas can secure fuel and supply routes to
their capitals against insurgent pressure; how relations with ECOWAS and coastal neighbours develop
on trade and border security; and how disputes with foreign mining companies, after the juntas
rewrote mining rules to claim a larger share of revenue, affect public finances.
"""

MINERALS_BODY = """\
## Why some minerals are critical

Batteries, electric motors, semiconductors, wind turbines and precision weapons all depend on a
group of minerals that are mined or processed in only a few places: lithium, cobalt, graphite,
gallium, germanium and the rare earth elements among them. Governments call them critical when
supply is concentrated and substitutes are scarce.

## China's position and its controls

China dominates the processing of many of these minerals, even where the ore is mined elsewhere.
Since 2023 it has required export licences for gallium and germanium, then for graphite, and in
2025 for several rare earth elements and the magnets made from them. Licensing gives Beijing a
lever it can tighten or loosen as relations change.

## The Western response

The United States has imposed export controls on advanced chips and chipmaking equipment since
2022, administered by the Bureau of Industry and Security. The European Union's Critical Raw
Materials Act, adopted in 2024, sets targets for domestic extraction, processing and recycling and
for limiting dependence on any single supplier. New mines and refineries take years to build, so
the imbalance will last well into the next decade.

_Draft: figures on processing shares to be added and checked before review._
"""

DEFENCE_SPENDING_BODY = """\
## The new targets

At The Hague summit in June 2025 NATO allies agreed to raise defence spending toward 5 per cent of
GDP by 2035, of which 3.5 per cent is meant for core defence and up to 1.5 per cent for related
spending such as infrastructure and resilience. The European Union has added loans and looser
fiscal rules to help its members spend more.

## The production problem

Money does not become capability on its own. Ammunition lines, air-defence interceptors and
armoured vehicles all face long lead times, scarce components and a shortage of skilled workers.
Orders placed now will arrive over several years, and firms want long-term contracts before they
invest in new capacity.

## Who builds, and who pays

European governments are divided between buying ready-made equipment, often American, and building
up their own industries, which is slower. Joint procurement can cut costs and improve
compatibility, but it requires governments to agree on requirements and on where the work is done,
which has often proved harder than agreeing on the money.
"""

BRIEFINGS = [
    {
        "title": "Ukraine peace talks and the new security landscape",
        "slug": "ukraine-peace-talks-and-the-new-security-landscape",
        "kind": "analysis",
        "status": "published",
        "published_at": datetime(2025, 10, 20, 7, 30, tzinfo=UTC),
        "information_as_of": date(2025, 10, 15),
        "featured": True,
        "standfirst": "Diplomacy over the war in Ukraine has moved from the battlefield to the "
        "question of what would keep a ceasefire in place. The answer depends on security "
        "guarantees that Ukraine, Europe and the United States do not yet agree on.",
        "body": UKRAINE_BODY,
        "topics": ["security-guarantees", "alliances", "sanctions", "arms-control"],
        "places": ["ukraine", "russia", "europe", "united-states"],
        "sources": [
            "reuters-white-house-2025",
            "ap-russia-ukraine",
            "kremlin-transcripts",
            "economist-macron-2019",
            "times-trump-2017",
            "nato-transcripts",
            "nato-news",
            "nato-hague-declaration",
            "eu-sanctions-russia",
            "northbridge-guarantees",
            "northbridge-lecture",
        ],
        "related": [
            "the-arctic-competition-in-a-warming-north",
            "deterrence-in-the-taiwan-strait",
        ],
        "actors": [
            ("ukraine-state", "subject", 9),
            ("russia-state", "subject", 5),
            ("nato", "subject", 3),
            ("donald-trump", "quoted", 1),
            ("vladimir-putin", "quoted", 1),
            ("volodymyr-zelensky", "quoted", 1),
            ("mark-rutte", "quoted", 1),
            ("emmanuel-macron", "quoted", 1),
            ("jens-stoltenberg", "quoted", 0),
            ("jane-doe", "quoted", 0),
            ("keir-starmer", "mentioned", 1),
            ("european-union", "mentioned", 1),
            ("united-states-state", "mentioned", 3),
            ("united-kingdom-state", "mentioned", 1),
            ("france-state", "mentioned", 1),
        ],
        "quotes": [
            "rutte-security-guarantees",
            "doe-guarantee-strength",
            "zelensky-ammunition",
            "trump-obsolete",
            "trump-no-longer-obsolete",
            "macron-brain-death",
            "stoltenberg-weapons-peace",
            "putin-catastrophe",
            "doe-deterrence-fails-quietly",
        ],
    },
    {
        "title": "Red Sea shipping and the Houthi campaign",
        "slug": "red-sea-shipping-and-the-houthi-campaign",
        "kind": "background",
        "status": "published",
        "published_at": datetime(2025, 11, 10, 8, 0, tzinfo=UTC),
        "information_as_of": date(2025, 11, 3),
        "standfirst": "Two years of Houthi attacks have turned one of the world's busiest trade "
        "routes into a risk that shipping lines, insurers and navies still price in. How the "
        "campaign developed, and why traffic has been slow to return.",
        "body": RED_SEA_BODY,
        "topics": ["maritime-security", "economic-security"],
        "places": ["red-sea", "yemen", "middle-east"],
        "sources": ["northbridge-red-sea"],
        "actors": [
            ("houthis", "subject", 6),
            ("john-roe", "quoted", 0),
            ("united-states-state", "mentioned", 2),
            ("european-union", "mentioned", 1),
        ],
        "quotes": ["roe-red-sea-insurers"],
    },
    {
        "title": "Deterrence in the Taiwan Strait: pressure without war",
        "slug": "deterrence-in-the-taiwan-strait",
        "kind": "analysis",
        "status": "published",
        "published_at": datetime(2025, 9, 22, 6, 0, tzinfo=UTC),
        "information_as_of": date(2025, 9, 15),
        "featured": True,
        "standfirst": "China's military activity around Taiwan has grown in scale and become "
        "routine. The United States and its allies are trying to make deterrence credible "
        "without provoking the crisis they want to avoid.",
        "body": TAIWAN_BODY,
        "topics": ["deterrence", "alliances", "maritime-security"],
        "places": ["taiwan", "china", "taiwan-strait", "indo-pacific", "united-states"],
        "sources": ["xinhua-taiwan-2019", "northbridge-lecture"],
        "related": ["ukraine-peace-talks-and-the-new-security-landscape"],
        "actors": [
            ("china-state", "subject", 3),
            ("xi-jinping", "quoted", 1),
            ("lai-ching-te", "mentioned", 1),
            ("united-states-state", "mentioned", 4),
            ("jane-doe", "quoted", 0),
            ("united-kingdom-state", "mentioned", 1),
        ],
        "quotes": ["xi-use-of-force", "doe-deterrence-fails-quietly"],
    },
    {
        "title": "The Arctic: competition in a warming north",
        "slug": "the-arctic-competition-in-a-warming-north",
        "kind": "explainer",
        "status": "published",
        "published_at": datetime(2025, 12, 8, 9, 0, tzinfo=UTC),
        "information_as_of": date(2025, 12, 1),
        "standfirst": "Melting sea ice is opening routes and resources in the Arctic just as "
        "cooperation among its states has broken down. Who has interests in the region, and "
        "where they collide.",
        "body": ARCTIC_BODY,
        "topics": ["alliances", "deterrence", "critical-minerals"],
        "places": ["arctic", "russia", "greenland", "norway", "united-states"],
        "sources": ["northbridge-arctic"],
        "related": ["ukraine-peace-talks-and-the-new-security-landscape"],
        "actors": [
            ("arctic-council", "subject", 1),
            ("nato", "mentioned", 2),
            ("russia-state", "mentioned", 7),
            ("china-state", "mentioned", 2),
            ("donald-trump", "mentioned", 1),
            ("jane-doe", "quoted", 0),
        ],
        "quotes": ["doe-arctic-trust"],
    },
    {
        "title": "Sahel security after the juntas",
        "slug": "sahel-security-after-the-juntas",
        "kind": "background",
        "status": "published",
        "published_at": datetime(2025, 11, 27, 8, 0, tzinfo=UTC),
        "information_as_of": date(2025, 11, 20),
        "standfirst": "Military governments in Mali, Burkina Faso and Niger have sent French "
        "forces home, left ECOWAS and turned to Russia. Jihadist groups have kept expanding, "
        "and civilians bear most of the cost.",
        "body": SAHEL_BODY,
        "topics": ["insurgency-and-counter-terrorism", "alliances"],
        "places": ["sahel", "mali", "burkina-faso", "niger", "africa"],
        "sources": ["northbridge-sahel"],
        "actors": [
            ("alliance-of-sahel-states", "subject", 1),
            ("ecowas", "mentioned", 2),
            ("russia-state", "mentioned", 1),
            ("france-state", "mentioned", 1),
            ("united-states-state", "mentioned", 1),
            ("john-roe", "quoted", 0),
        ],
        "quotes": ["roe-sahel-sovereignty"],
    },
    {
        "title": "Critical minerals and the politics of export controls",
        "slug": "critical-minerals-and-the-politics-of-export-controls",
        "kind": "explainer",
        "status": "draft",
        "standfirst": "A handful of minerals underpin batteries, chips and weapons, and their "
        "processing is concentrated in China. Export controls have turned that concentration "
        "into leverage.",
        "body": MINERALS_BODY,
        "topics": ["critical-minerals", "economic-security"],
        "places": ["china", "united-states", "europe"],
        "sources": ["roe-social-post"],
        "related": ["the-arctic-competition-in-a-warming-north"],
        "actors": [
            ("china-state", "subject", 2),
            ("bureau-of-industry-and-security", "mentioned", 1),
            ("european-union", "mentioned", 1),
            ("john-roe", "quoted", 0),
        ],
        "quotes": ["roe-chains-of-leverage"],
    },
    {
        "title": "Europe's defence spending: from pledges to production",
        "slug": "europes-defence-spending-from-pledges-to-production",
        "kind": "analysis",
        "status": "published",
        "publish_in_days": 30,
        "standfirst": "European allies have promised to spend far more on defence. Turning the "
        "money into weapons, ammunition and trained forces is the harder part.",
        "body": DEFENCE_SPENDING_BODY,
        "topics": ["defence-industry", "alliances"],
        "places": ["europe"],
        "sources": ["nato-hague-declaration"],
        "related": ["ukraine-peace-talks-and-the-new-security-landscape"],
        "actors": [("nato", "mentioned", 1), ("european-union", "subject", 1)],
        "quotes": [],
    },
]

FAQ_ENTRIES = [
    {
        "question": "What are bilateral security guarantees?",
        "answer": "Commitments made by one state to another, outside an alliance. Those Ukraine "
        "signed from 2024 onwards promise **weapons, training, financing and consultation** "
        "if it is attacked again; they do not oblige the other state to fight for Ukraine.",
        "briefing": "ukraine-peace-talks-and-the-new-security-landscape",
        "order": 1,
        "topics": ["security-guarantees"],
        "last_reviewed_on": date(2025, 10, 15),
    },
    {
        "question": "How would a guarantee differ from NATO's Article 5?",
        "answer": "Article 5 of the North Atlantic Treaty treats an armed attack on one ally as "
        "an attack on all, backed by integrated military planning and forces. Ideas for an "
        "*Article 5-like* guarantee for Ukraine would borrow the wording of that promise "
        "without membership, so much depends on who signs it and what forces stand behind it.",
        "briefing": "ukraine-peace-talks-and-the-new-security-landscape",
        "order": 2,
        "topics": ["security-guarantees", "alliances"],
    },
    {
        "question": "What is the coalition of the willing?",
        "answer": "A group of mostly European states, led by the United Kingdom and France, "
        "planning a force to support Ukraine once a ceasefire is in place. Its size and "
        "mandate have not been settled.",
        "briefing": "ukraine-peace-talks-and-the-new-security-landscape",
        "order": 3,
        "topics": ["security-guarantees"],
        "last_reviewed_on": date(2025, 10, 15),
    },
    {
        "question": "What happens when New START expires?",
        "answer": "The treaty, the last one limiting American and Russian deployed strategic "
        "nuclear warheads and launchers, runs until February 2026 and cannot be extended "
        "again. Without a new agreement or a political understanding, neither side would be "
        "bound by numerical limits or by its inspection rules.",
        "briefing": "ukraine-peace-talks-and-the-new-security-landscape",
        "order": 4,
        "topics": ["arms-control"],
    },
    {
        "question": "Who are the Houthis?",
        "answer": "An armed political movement from northern Yemen, formally called Ansar "
        "Allah, that has controlled the capital, Sanaa, since 2014. It is backed by Iran but "
        "makes its own decisions.",
        "briefing": "red-sea-shipping-and-the-houthi-campaign",
        "order": 1,
        "last_reviewed_on": date(2025, 11, 3),
    },
    {
        "question": "Why don't navies simply escort every ship?",
        "answer": "There are too few warships for the volume of traffic, escorts cannot "
        "guarantee that every missile or drone is intercepted, and each interceptor costs far "
        "more than the weapon it stops. Escorts reduce the risk; they do not remove it.",
        "briefing": "red-sea-shipping-and-the-houthi-campaign",
        "order": 2,
        "topics": ["maritime-security"],
    },
    {
        "question": "What is strategic ambiguity?",
        "answer": "The long-standing American policy of not saying in advance whether the "
        "United States would defend Taiwan militarily. It is meant to deter Beijing from "
        "attacking and Taipei from provoking a crisis at the same time.",
        "briefing": "deterrence-in-the-taiwan-strait",
        "order": 1,
        "topics": ["deterrence"],
    },
    {
        "question": "What is the median line of the Taiwan Strait?",
        "answer": "An informal line down the middle of the Strait that both sides' aircraft "
        "and ships largely respected for decades. It was never agreed in a treaty, and "
        "Beijing now says it does not exist.",
        "briefing": "deterrence-in-the-taiwan-strait",
        "order": 2,
        "topics": ["maritime-security"],
        "last_reviewed_on": date(2025, 9, 15),
    },
    {
        "question": "Which countries are Arctic states?",
        "answer": "Eight: Canada, Denmark (through Greenland), Finland, Iceland, Norway, "
        "Russia, Sweden and the United States. They are the members of the Arctic Council.",
        "briefing": "the-arctic-competition-in-a-warming-north",
        "order": 1,
    },
    {
        "question": "What is the Alliance of Sahel States?",
        "answer": "A grouping formed in 2023 by the military governments of Mali, Burkina Faso "
        "and Niger: first a mutual defence pact, later a confederation. Its members left "
        "ECOWAS in January 2025.",
        "briefing": "sahel-security-after-the-juntas",
        "order": 1,
        "topics": ["alliances"],
        "last_reviewed_on": date(2025, 11, 20),
    },
    {
        "question": "What does it mean when a quote is marked verified?",
        "answer": "An editor has checked the wording against the **primary source**: a "
        "transcript, a recording or the speaker's own publication, which the quote then "
        "names. *Reported* means the quote comes from a credible report but has not been "
        "checked against the original; *unverified* means it has not been checked at all; "
        "*disputed* means its wording or attribution is contested.",
        "order": 1,
    },
    {
        "question": "Why do quotes name the office the speaker held?",
        "answer": "Words carry different weight from a head of government than from a former "
        "one. Each quote records the office held on the day it was said, so that it reads, "
        "for example, *Mark Rutte, NATO Secretary General*, and not by a title he held before "
        "or after.",
        "order": 2,
    },
    {
        "question": "Is the content of this demo real?",
        "answer": "The briefings describe real events in general terms, but they are "
        "illustrative. The Northbridge Institute and its analysts are fictional, and quotes "
        "by real people are marked *reported*, *unverified* or *disputed*, never verified.",
        "order": 3,
    },
]

CORRECTIONS = [
    {
        "briefing": "red-sea-shipping-and-the-houthi-campaign",
        "kind": "correction",
        "published_at": datetime(2025, 11, 12, 10, 0, tzinfo=UTC),
        "text": "An earlier version said that the EU mission Aspides strikes targets on land. "
        "It is a defensive mission that protects ships at sea.",
    },
    {
        "briefing": "ukraine-peace-talks-and-the-new-security-landscape",
        "kind": "update",
        "published_at": datetime(2025, 10, 24, 9, 0, tzinfo=UTC),
        "text": "Added a question and answer on the expiry of New START.",
    },
]
