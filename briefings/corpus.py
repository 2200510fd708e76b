"""A synthetic corpus in bulk: realistic-looking briefings, actors, quotes and FAQ entries for load tests.

`generate_corpus(briefings=N, seed=S)` writes N briefings with everything around them (topics,
places, actors with aliases, offices and tenures, sources, quotes, FAQ entries) using
`bulk_create`, and fills every field a normal `save()` computes: rendered Markdown, tables of
contents, normalised quote text, tenure flags. The same seed writes the same corpus; a second
seed adds a second corpus beside the first. The people, organisations and publishers are
invented; the countries, cities and seas are real.
"""

import bisect
import datetime
import functools
import itertools
import multiprocessing
import os
import random
import re
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

from briefings import markdown as site_markdown
from briefings.dates import PartialDate
from briefings.markdown import render_markdown
from briefings.models import (
    Actor,
    ActorAlias,
    Briefing,
    BriefingActor,
    BriefingQuote,
    Correction,
    FAQEntry,
    Office,
    Place,
    Quote,
    Source,
    Tenure,
    Topic,
    normalise_quote_text,
)
from briefings.search import rebuild_search_vectors

BATCH_SIZE = 1000
RENDER_CHUNK = 100
MIN_ACTORS, MAX_ACTORS = 50, 5000
YEARS_OF_BRIEFINGS = 6

# ---------------------------------------------------------------------------------------------
# Reference data: topics, places, names.
# ---------------------------------------------------------------------------------------------

# (name, parent name or None, description)
TOPICS = [
    ("Security", None, "War, peace and the balance of power."),
    ("Ceasefires and peace talks", "Security", "How wars pause and how they might end."),
    ("Security guarantees", "Security", "Promises of protection and what backs them."),
    ("Alliances and defence", "Security", "Military alliances, defence budgets and deployments."),
    ("Arms control", "Security", "Treaties, inspections and the spread of weapons."),
    ("Maritime security", "Security", "Shipping lanes, navies and disputed waters."),
    ("Terrorism and insurgency", "Security", "Armed groups, insurgencies and the response."),
    ("Drone warfare", "Security", "Uncrewed aircraft, strikes and air defence."),
    ("Cyber security", "Security", "Attacks on networks and critical infrastructure."),
    ("Economy", None, "Money, trade and economic pressure."),
    ("Sanctions", "Economy", "Economic pressure: who imposes it, who evades it, whether it works."),
    ("Trade and tariffs", "Economy", "Duties, trade deals and supply chains."),
    ("Sovereign debt", "Economy", "Borrowing, default and bailouts."),
    ("Energy", "Economy", "Oil, gas, power and the politics of supply."),
    ("Food security", "Economy", "Harvests, grain exports and hunger."),
    ("Critical minerals", "Economy", "Lithium, rare earths and the race for supply."),
    ("Politics", None, "Who governs, and how power changes hands."),
    ("Elections", "Politics", "Votes, campaigns and disputed results."),
    ("Coups and transitions", "Politics", "Seizures of power and the road back."),
    ("Diplomacy and summits", "Politics", "Meetings, envoys and agreements between governments."),
    ("Disinformation", "Politics", "Influence campaigns and the fight over facts."),
    ("Society", None, "People caught up in politics and war."),
    ("Migration", "Society", "Refugees, borders and asylum."),
    ("Humanitarian aid", "Society", "Relief, access and the funding behind it."),
    ("Human rights", "Society", "Repression, accountability and justice."),
    ("Environment", None, "Climate, water and the politics of resources."),
    ("Climate", "Environment", "Emissions, climate finance and adaptation."),
    ("Water", "Environment", "Rivers, dams and droughts."),
    ("Technology", None, "Chips, networks and space."),
    ("Semiconductors", "Technology", "Chip supply chains and export controls."),
    ("Space", "Technology", "Satellites, launches and the militarisation of orbit."),
]

# (name, the-article in running text, kind)
REGIONS = [
    ("Europe", False, "region"),
    ("Eastern Europe", False, "region"),
    ("Balkans", True, "region"),
    ("Middle East", True, "region"),
    ("Gulf", True, "region"),
    ("North Africa", False, "region"),
    ("Sahel", True, "region"),
    ("Horn of Africa", True, "region"),
    ("East Africa", False, "region"),
    ("Sub-Saharan Africa", False, "region"),
    ("Central Asia", False, "region"),
    ("South Caucasus", True, "region"),
    ("South Asia", False, "region"),
    ("East Asia", False, "region"),
    ("Southeast Asia", False, "region"),
    ("Indo-Pacific", True, "region"),
    ("Latin America", False, "region"),
    ("North America", False, "region"),
    ("Arctic", True, "region"),
    ("Black Sea", True, "sea"),
    ("Baltic Sea", True, "sea"),
    ("Red Sea", True, "sea"),
    ("Mediterranean Sea", True, "sea"),
    ("South China Sea", True, "sea"),
    ("Caspian Sea", True, "sea"),
    ("Strait of Hormuz", True, "sea"),
    ("Taiwan Strait", True, "sea"),
]

# (name, ISO code, demonym, capital, name pool, regions, the-article, kind)
COUNTRIES = [
    ("Ukraine", "UA", "Ukrainian", "Kyiv", "ua", ("Europe", "Eastern Europe", "Black Sea"), False),
    ("Russia", "RU", "Russian", "Moscow", "ru", ("Europe", "Eastern Europe", "Arctic"), False),
    ("Poland", "PL", "Polish", "Warsaw", "pl", ("Europe", "Eastern Europe", "Baltic Sea"), False),
    ("Belarus", "BY", "Belarusian", "Minsk", "ru", ("Europe", "Eastern Europe"), False),
    ("Moldova", "MD", "Moldovan", "Chisinau", "se", ("Europe", "Eastern Europe"), False),
    ("Romania", "RO", "Romanian", "Bucharest", "se", ("Europe", "Black Sea"), False),
    ("Hungary", "HU", "Hungarian", "Budapest", "se", ("Europe",), False),
    ("Germany", "DE", "German", "Berlin", "de", ("Europe",), False),
    ("France", "FR", "French", "Paris", "fr", ("Europe", "Mediterranean Sea"), False),
    ("United Kingdom", "GB", "British", "London", "en", ("Europe",), True),
    ("Italy", "IT", "Italian", "Rome", "it", ("Europe", "Mediterranean Sea"), False),
    ("Spain", "ES", "Spanish", "Madrid", "it", ("Europe", "Mediterranean Sea"), False),
    ("Netherlands", "NL", "Dutch", "The Hague", "de", ("Europe",), True),
    ("Belgium", "BE", "Belgian", "Brussels", "fr", ("Europe",), False),
    ("Switzerland", "CH", "Swiss", "Bern", "de", ("Europe",), False),
    ("Austria", "AT", "Austrian", "Vienna", "de", ("Europe",), False),
    ("Sweden", "SE", "Swedish", "Stockholm", "nordic", ("Europe", "Baltic Sea", "Arctic"), False),
    ("Finland", "FI", "Finnish", "Helsinki", "nordic", ("Europe", "Baltic Sea", "Arctic"), False),
    ("Norway", "NO", "Norwegian", "Oslo", "nordic", ("Europe", "Arctic"), False),
    ("Estonia", "EE", "Estonian", "Tallinn", "nordic", ("Europe", "Baltic Sea"), False),
    ("Latvia", "LV", "Latvian", "Riga", "nordic", ("Europe", "Baltic Sea"), False),
    ("Lithuania", "LT", "Lithuanian", "Vilnius", "nordic", ("Europe", "Baltic Sea"), False),
    ("Greece", "GR", "Greek", "Athens", "se", ("Europe", "Mediterranean Sea"), False),
    ("Serbia", "RS", "Serbian", "Belgrade", "se", ("Europe", "Balkans"), False),
    ("Georgia", "GE", "Georgian", "Tbilisi", "caucasus", ("South Caucasus", "Black Sea"), False),
    ("Armenia", "AM", "Armenian", "Yerevan", "caucasus", ("South Caucasus",), False),
    ("Azerbaijan", "AZ", "Azerbaijani", "Baku", "caucasus", ("South Caucasus", "Caspian Sea"), False),
    ("Turkey", "TR", "Turkish", "Ankara", "tr", ("Europe", "Middle East", "Black Sea"), False),
    ("Israel", "IL", "Israeli", "Tel Aviv", "he", ("Middle East",), False),
    ("Iran", "IR", "Iranian", "Tehran", "fa", ("Middle East", "Strait of Hormuz", "Caspian Sea"), False),
    ("Iraq", "IQ", "Iraqi", "Baghdad", "ar", ("Middle East",), False),
    ("Syria", "SY", "Syrian", "Damascus", "ar", ("Middle East",), False),
    ("Lebanon", "LB", "Lebanese", "Beirut", "ar", ("Middle East",), False),
    ("Jordan", "JO", "Jordanian", "Amman", "ar", ("Middle East",), False),
    ("Saudi Arabia", "SA", "Saudi", "Riyadh", "ar", ("Middle East", "Gulf", "Red Sea"), False),
    ("United Arab Emirates", "AE", "Emirati", "Abu Dhabi", "ar", ("Middle East", "Gulf"), True),
    ("Qatar", "QA", "Qatari", "Doha", "ar", ("Middle East", "Gulf"), False),
    ("Yemen", "YE", "Yemeni", "Sanaa", "ar", ("Middle East", "Red Sea"), False),
    ("Egypt", "EG", "Egyptian", "Cairo", "ar", ("North Africa", "Middle East", "Red Sea"), False),
    ("Libya", "LY", "Libyan", "Tripoli", "ar", ("North Africa", "Sahel"), False),
    ("Sudan", "SD", "Sudanese", "Khartoum", "horn", ("Horn of Africa", "Sahel", "Red Sea"), False),
    ("Ethiopia", "ET", "Ethiopian", "Addis Ababa", "horn", ("Horn of Africa", "East Africa"), False),
    ("Somalia", "SO", "Somali", "Mogadishu", "horn", ("Horn of Africa", "East Africa"), False),
    ("Kenya", "KE", "Kenyan", "Nairobi", "horn", ("East Africa", "Sub-Saharan Africa"), False),
    ("Nigeria", "NG", "Nigerian", "Abuja", "west", ("Sub-Saharan Africa",), False),
    ("Mali", "ML", "Malian", "Bamako", "west", ("Sahel", "Sub-Saharan Africa"), False),
    ("Niger", "NE", "Nigerien", "Niamey", "west", ("Sahel", "Sub-Saharan Africa"), False),
    ("Burkina Faso", "BF", "Burkinabe", "Ouagadougou", "west", ("Sahel",), False),
    ("Chad", "TD", "Chadian", "N'Djamena", "west", ("Sahel",), False),
    ("Democratic Republic of the Congo", "CD", "Congolese", "Kinshasa", "west", ("Sub-Saharan Africa",), True),
    ("South Africa", "ZA", "South African", "Pretoria", "west", ("Sub-Saharan Africa",), False),
    ("China", "CN", "Chinese", "Beijing", "zh", ("East Asia", "Indo-Pacific", "South China Sea"), False),
    ("Japan", "JP", "Japanese", "Tokyo", "ja", ("East Asia", "Indo-Pacific"), False),
    ("South Korea", "KR", "South Korean", "Seoul", "ko", ("East Asia", "Indo-Pacific"), False),
    ("North Korea", "KP", "North Korean", "Pyongyang", "ko", ("East Asia",), False),
    ("India", "IN", "Indian", "New Delhi", "sa", ("South Asia", "Indo-Pacific"), False),
    ("Pakistan", "PK", "Pakistani", "Islamabad", "sa", ("South Asia",), False),
    ("Afghanistan", "AF", "Afghan", "Kabul", "fa", ("South Asia", "Central Asia"), False),
    ("Bangladesh", "BD", "Bangladeshi", "Dhaka", "sa", ("South Asia",), False),
    ("Indonesia", "ID", "Indonesian", "Jakarta", "sea", ("Southeast Asia", "Indo-Pacific"), False),
    ("Philippines", "PH", "Philippine", "Manila", "sea", ("Southeast Asia", "South China Sea"), True),
    ("Vietnam", "VN", "Vietnamese", "Hanoi", "sea", ("Southeast Asia", "South China Sea"), False),
    ("Malaysia", "MY", "Malaysian", "Kuala Lumpur", "sea", ("Southeast Asia", "South China Sea"), False),
    ("Australia", "AU", "Australian", "Canberra", "en", ("Indo-Pacific",), False),
    ("Kazakhstan", "KZ", "Kazakh", "Astana", "ca", ("Central Asia", "Caspian Sea"), False),
    ("Uzbekistan", "UZ", "Uzbek", "Tashkent", "ca", ("Central Asia",), False),
    ("United States", "US", "American", "Washington", "en", ("North America", "Indo-Pacific", "Arctic"), True),
    ("Canada", "CA", "Canadian", "Ottawa", "en", ("North America", "Arctic"), False),
    ("Mexico", "MX", "Mexican", "Mexico City", "latam", ("Latin America", "North America"), False),
    ("Brazil", "BR", "Brazilian", "Brasilia", "latam", ("Latin America",), False),
    ("Argentina", "AR", "Argentine", "Buenos Aires", "latam", ("Latin America",), False),
    ("Venezuela", "VE", "Venezuelan", "Caracas", "latam", ("Latin America",), False),
    ("Colombia", "CO", "Colombian", "Bogota", "latam", ("Latin America",), False),
]  # fmt: skip

# Cities stored as places, with their country; the other capitals appear in the text only.
CITIES = [
    ("Kyiv", "UA"), ("Odesa", "UA"), ("Kharkiv", "UA"), ("Moscow", "RU"), ("Warsaw", "PL"),
    ("Berlin", "DE"), ("Paris", "FR"), ("London", "GB"), ("Brussels", "BE"), ("Geneva", "CH"),
    ("Vienna", "AT"), ("Istanbul", "TR"), ("Ankara", "TR"), ("Tehran", "IR"), ("Baghdad", "IQ"),
    ("Damascus", "SY"), ("Riyadh", "SA"), ("Doha", "QA"), ("Cairo", "EG"), ("Khartoum", "SD"),
    ("Addis Ababa", "ET"), ("Nairobi", "KE"), ("Bamako", "ML"), ("Beijing", "CN"),
    ("Tokyo", "JP"), ("Seoul", "KR"), ("New Delhi", "IN"), ("Washington", "US"),
    ("New York", "US"), ("Brasilia", "BR"),
]  # fmt: skip

# Given names and family names by region. `surname_first` pools write the family name first.
NAME_POOLS = {
    "ua": (
        "Oleksandr Volodymyr Andriy Mykola Dmytro Yuliia Olena Iryna Oksana Serhiy Taras Bohdan "
        "Kateryna Halyna Yaroslav Natalia Viktoriia Roman Maryna Stepan",
        "Kovalenko Bondarenko Tkachenko Kravchuk Melnyk Oliynyk Lysenko Hrytsenko Savchenko "
        "Marchenko Rudenko Moroz Kovalchuk Polishchuk Levchenko Petrenko Zinchenko Honcharenko "
        "Yaremchuk Dovzhenko Sydorenko Hnatyuk",
    ),
    "ru": (
        "Aleksandr Dmitry Sergei Mikhail Andrei Nikolai Yelena Olga Tatiana Irina Anastasia Pavel "
        "Igor Vladislav Maria Yuri Konstantin Svetlana Grigory Ksenia",
        "Ivanov Smirnov Kuznetsov Popov Sokolov Lebedev Kozlov Novikov Morozov Orlov Zaitsev "
        "Pavlov Semyonov Belov Tarasov Zhukov Sorokin Vinogradov Gusev Titov Komarov",
    ),
    "pl": (
        "Piotr Krzysztof Tomasz Agnieszka Katarzyna Joanna Marek Pawel Ewa Magdalena Jakub Zofia "
        "Wojciech Anna Barbara Michal",
        "Nowak Kowalski Wisniewski Wojcik Kaminski Lewandowski Zielinski Szymanski Dabrowski "
        "Kozlowski Jankowski Mazur Krawczyk Piotrowski Grabowski Pawlak",
    ),
    "de": (
        "Katrin Matthias Stefan Sabine Julia Thomas Claudia Markus Lena Felix Johannes Anke "
        "Tobias Miriam Henrik Ruth",
        "Müller Schmidt Schneider Fischer Weber Wagner Becker Hoffmann Schulz Koch Richter Klein "
        "Neumann Braun Zimmermann Krüger Hartmann Lange Vogel Jansen de Vries Bakker",
    ),
    "fr": (
        "Claire Camille Nicolas Julien Isabelle Sophie Antoine Mathilde Pierre Céline Hugo "
        "Laurent Marianne Théo Amélie Benoît",
        "Bernard Dubois Durand Lefebvre Moreau Girard Roux Fournier Mercier Blanc Garnier "
        "Chevalier Faure Rousseau Lambert Bonnet Peeters Janssens",
    ),
    "en": (
        "James Sarah Michael Emily David Rebecca Daniel Laura Christopher Hannah Andrew Rachel "
        "Benjamin Olivia Catherine Patrick Eleanor Jonathan",
        "Whitfield Harrington Caldwell Brennan Ashworth Mitchell Sullivan Pemberton Hayes "
        "Donnelly Fletcher Carver Lockwood Gallagher Prescott Holloway Thornton Ellison Walsh "
        "Hughes Abbott Radcliffe",
    ),
    "nordic": (
        "Erik Anders Ingrid Sofia Lars Maja Henrik Elin Mikael Kristiina Jüri Liis Tomas Ieva "
        "Andris Kaisa Rasmus Signe",
        "Lindqvist Andersson Nieminen Korhonen Virtanen Halvorsen Berg Tamm Saar Kalnins Ozols "
        "Kazlauskas Petrauskas Johansson Nyström Dahl Mäkinen Lukas",
    ),
    "it": (
        "Marco Giulia Luca Francesca Alessandro Chiara Javier Carmen Pablo Elena Matteo Sara "
        "Lorenzo Inés Raúl Paola",
        "Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Moretti Fernández Navarro "
        "Ruiz Ortega Castillo Vidal Marino Serrano",
    ),
    "se": (
        "Andrei Ioana Mihai Elena Gábor Zsófia László Dimitris Eleni Nikos Marko Jelena Stefan "
        "Milica Katerina Vlad Doina",
        "Popescu Ionescu Dumitru Nagy Kovács Szabó Papadopoulos Georgiou Nikolaidis Jovanović "
        "Petrović Marković Horvat Rusu Ciobanu Varga Stavrou",
    ),
    "caucasus": (
        "Giorgi Nino Levan Tamar Armen Anahit Tigran Lilit Elnur Leyla Rashad Aysel Davit Mariam",
        "Beridze Kapanadze Gelashvili Lomidze Sargsyan Hakobyan Petrosyan Grigoryan Mammadov "
        "Huseynov Hasanov Guliyev Tsiklauri Abashidze",
    ),
    "tr": (
        "Mehmet Ayşe Emre Zeynep Murat Elif Burak Selin Kemal Deniz Hakan Esra Cem Gül",
        "Yılmaz Kaya Demir Şahin Çelik Yıldız Aydın Öztürk Arslan Doğan Koç Kurt Aksoy Polat",
    ),
    "ar": (
        "Mohammed Ahmed Omar Khaled Youssef Fatima Layla Nour Hassan Rania Samir Karim Amal "
        "Tariq Huda Ibrahim Salma Faisal Hala Walid",
        "al-Masri Haddad Khoury al-Rashid Nasser Mansour Saleh Aziz Hamdan al-Amin Qasim "
        "Barakat Darwish Farouk el-Sayed Shami Awad Jaber al-Tamimi Sabbagh",
    ),
    "fa": (
        "Reza Mahmoud Ali Maryam Zahra Hossein Parisa Dariush Shirin Kaveh Nasrin Arash Ahmad "
        "Farzana",
        "Hosseini Karimi Rahimi Mousavi Ahmadi Tehrani Rostami Jafari Sadeghi Moradi Farahani "
        "Bagheri Rahmani Wardak",
    ),
    "he": (
        "Yael Noam Avi Tamar Eitan Michal Yossi Shira Amir Dana Oren Ruth",
        "Cohen Levi Mizrahi Peretz Biton Friedman Azoulay Katz Shapiro Ben-David Golan Dahan",
    ),
    "horn": (
        "Abebe Almaz Tesfaye Mulugeta Hodan Abdi Faduma Wanjiru Otieno Amina Kiprop Njeri "
        "Bashir Halima Yonas Selam",
        "Tadesse Bekele Haile Girma Warsame Farah Mohamud Odhiambo Kamau Mwangi Kiplagat "
        "Ochieng Abdalla Osman Gebremedhin Wolde",
    ),
    "west": (
        "Chinedu Ngozi Oluwaseun Amadou Aissata Moussa Fatoumata Adama Mariam Sipho Thandiwe "
        "Kwame Ama Boubacar Chiamaka Tendai",
        "Okafor Adeyemi Balogun Eze Traoré Diallo Keïta Coulibaly Ouédraogo Sawadogo Maïga "
        "Ndlovu Dlamini Mensah Nkosi Mahamat Ilunga Kabongo",
    ),
    "zh": (
        "Wei Jing Hui Xiaoming Yan Jun Lei Mei Hao Ying Tao Qiang Xinyi Zhiwei",
        "Wang Zhang Liu Chen Yang Zhao Huang Zhou Wu Xu Sun Ma Zhu Guo He Luo",
    ),
    "ja": (
        "Hiroshi Yuki Takeshi Akiko Kenji Naoko Satoshi Emi Daisuke Haruka Kaito Sayuri",
        "Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi Kato Yoshida "
        "Yamada Matsumoto Inoue",
    ),
    "ko": (
        "Min-jun Seo-yeon Ji-ho Hye-jin Dong-hyun Soo-ah Jae-won Eun-ji Sung-min Ha-eun",
        "Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Han Oh Shin Kwon",
    ),
    "sa": (
        "Arjun Priya Rahul Ananya Vikram Sunita Imran Ayesha Farhan Nadia Rohan Kavita Bilal "
        "Sana Tanvir Meera",
        "Sharma Verma Gupta Iyer Reddy Chaudhry Qureshi Malik Siddiqui Rahman Hossain Nair "
        "Mehta Bhatt Kapoor Chowdhury",
    ),
    "sea": (
        "Budi Siti Agus Dewi Rizal Maria Jose Ana Minh Thu Hoang Nurul Ramon Lan",
        "Santoso Wijaya Halim Reyes Santos Cruz Nguyen Tran Pham Abdullah Tan Ong Hidayat "
        "Bautista Vu",
    ),
    "ca": (
        "Timur Aigerim Dilnoza Rustam Gulnara Bekzod Saule Askar Madina Farkhod Yerlan Zarina",
        "Abenov Nurlanov Akhmetov Yusupov Rakhimov Saidov Ermekov Iskakov Kasymov Umarov "
        "Seitkali Tursunov",
    ),
    "latam": (
        "Carlos María José Ana Luis Gabriela Diego Valentina Andrés Camila Fernando Lucía João "
        "Beatriz Rafael Mariana",
        "García Rodríguez Martínez López González Pérez Sánchez Ramírez Torres Flores Rivera "
        "Gómez Díaz Morales Silva Oliveira Souza Costa Ferreira Almeida",
    ),
}
SURNAME_FIRST = {"zh", "ko"}

# Other spellings of names, for transliteration aliases.
TRANSLITERATIONS = {
    "Oleksandr": "Alexander", "Volodymyr": "Vladimir", "Andriy": "Andrii", "Mykola": "Nikolai",
    "Dmytro": "Dmitro", "Yuliia": "Yulia", "Olena": "Elena", "Iryna": "Irina", "Serhiy": "Sergii",
    "Bohdan": "Bogdan", "Kateryna": "Katerina", "Halyna": "Galina", "Viktoriia": "Viktoria",
    "Natalia": "Nataliya", "Maryna": "Marina", "Aleksandr": "Alexander", "Dmitry": "Dmitri",
    "Sergei": "Sergey", "Andrei": "Andrey", "Nikolai": "Nikolay", "Yelena": "Elena",
    "Tatiana": "Tatyana", "Yuri": "Yury", "Grigory": "Grigori", "Ksenia": "Kseniya",
    "Mohammed": "Muhammad", "Ahmed": "Ahmad", "Omar": "Umar", "Khaled": "Khalid",
    "Youssef": "Yusuf", "Hassan": "Hasan", "Samir": "Sameer", "Karim": "Kareem", "Tariq": "Tarek",
    "Ibrahim": "Ebrahim", "Faisal": "Faysal", "Huda": "Hoda", "Walid": "Waleed",
    "Hossein": "Hussein", "Mahmoud": "Mahmud", "Maryam": "Mariam", "Mousavi": "Musavi",
    "Hosseini": "Husseini", "Zhang": "Chang", "Zhou": "Chou", "Xu": "Hsu", "Zhao": "Chao",
    "Lee": "Yi", "Park": "Pak", "Choi": "Choe", "Jung": "Chung", "Kovalenko": "Kowalenko",
    "Melnyk": "Melnik", "Oliynyk": "Oleinik", "Hrytsenko": "Gritsenko", "Zaitsev": "Zaytsev",
    "Semyonov": "Semenov", "Honcharenko": "Goncharenko", "Hnatyuk": "Gnatyuk",
    "Yaremchuk": "Jaremchuk", "Qasim": "Kassem", "Khoury": "Khouri", "Müller": "Mueller",
    "Krüger": "Krueger", "Nyström": "Nystrom", "Mäkinen": "Makinen", "Yılmaz": "Yilmaz",
    "Şahin": "Sahin", "Çelik": "Celik", "Öztürk": "Ozturk", "Doğan": "Dogan", "Aydın": "Aydin",
    "Yıldız": "Yildiz", "Traoré": "Traore", "Keïta": "Keita", "Ouédraogo": "Ouedraogo",
}  # fmt: skip

# Ukrainian in Cyrillic, longest Latin spelling first: enough for the names in the "ua" pool.
_UKRAINIAN = [
    ("shch", "щ"), ("iia", "ія"), ("zh", "ж"), ("kh", "х"), ("ts", "ц"), ("ch", "ч"),
    ("sh", "ш"), ("yu", "ю"), ("ya", "я"), ("ye", "є"), ("yi", "ї"), ("iy", "ій"), ("ia", "ія"),
    ("a", "а"), ("b", "б"), ("v", "в"), ("h", "г"), ("g", "ґ"), ("d", "д"), ("e", "е"),
    ("z", "з"), ("y", "и"), ("i", "і"), ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"),
    ("o", "о"), ("p", "п"), ("r", "р"), ("s", "с"), ("t", "т"), ("u", "у"), ("f", "ф"),
]  # fmt: skip

# ---------------------------------------------------------------------------------------------
# Vocabulary: themes, each with its own words, so that a search finds some briefings, not all.
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Theme:
    topics: tuple
    nouns: tuple  # noun phrases that take "the"
    actions: tuple  # verb phrases after "to"
    adjectives: tuple
    commodities: tuple
    titles: tuple
    headings: tuple
    sentences: tuple
    questions: tuple
    quotes: tuple


def _theme(topics, **parts):
    """A Theme from `|`-separated lists, easier to read and edit than tuples of strings."""
    return Theme(
        topics=tuple(topics),
        **{key: tuple(part.strip() for part in text.split("|")) for key, text in parts.items()},
    )


THEMES = {
    "sanctions": _theme(
        topics=["Sanctions"],
        nouns=(
            "sanctions package | asset freeze | export-control regime | threat of secondary "
            "sanctions | oil price cap | shadow fleet | sanctions regime | bank blacklist | ban on"
            " dual-use goods | freeze on central bank reserves | enforcement push"
        ),
        actions=(
            "tighten the oil price cap | close the loopholes in export controls | target the "
            "shadow fleet | extend the asset freeze | impose secondary sanctions | lift the "
            "sanctions | seize frozen reserves | delist the state banks"
        ),
        adjectives="punitive | leaky | targeted | sweeping",
        commodities="oil | diesel | microchips",
        titles=(
            "Why the {noun} is not working as planned | {Place} and the limits of the {noun} | The"
            " {noun}, two years on | Who is paying for the {noun}? | How {place} learned to live "
            "with the {noun}"
        ),
        headings=(
            "How evasion works | Who enforces the {noun} | The banks in the middle | Does economic"
            " pressure change behaviour?"
        ),
        sentences=(
            "Tankers from the shadow fleet still call at ports that officially observe the {noun}."
            " | Enforcement has lagged: only a handful of firms have been fined for breaching the "
            "{noun}. | Trade data suggest that dual-use goods now reach {place} through third "
            "countries. | The Treasury-style enforcement unit in {city} has doubled its staff "
            "since {year}. | Sanctions lawyers in {city} report a surge in requests for licences."
        ),
        questions=(
            "What is a {noun}? | Are the sanctions on {place} working? | Who decides to {action}? "
            "| How do companies evade the {noun}?"
        ),
        quotes=(
            "Sanctions are a tool, not a strategy, and we should stop pretending otherwise. | "
            "Every loophole we leave open is paid for by {place}. | We will {action} as soon as "
            "our partners are ready. | The {noun} has cost us less than our critics hoped."
        ),
    ),
    "ceasefire": _theme(
        topics=["Ceasefires and peace talks", "Security guarantees"],
        nouns=(
            "ceasefire | truce | peace process | demarcation line | prisoner exchange | monitoring"
            " mission | buffer zone | framework agreement | security guarantee | line of contact"
        ),
        actions=(
            "agree a ceasefire | freeze the line of contact | exchange prisoners | withdraw heavy "
            "weapons | deploy ceasefire monitors | return to the negotiating table | sign a "
            "framework agreement | offer security guarantees"
        ),
        adjectives="fragile | shaky | provisional | durable",
        commodities="grain | gas",
        titles=(
            "Can the {noun} in {place} hold? | The long road to a {noun} | What a {noun} would "
            "mean for {place} | {Place} peace talks and the new security landscape | Mediators, "
            "maps and the {noun}"
        ),
        headings=(
            "The shifting sands of security guarantees | Who monitors the {noun}? | The risks of a"
            " bilateral approach | Lines on a map"
        ),
        sentences=(
            "Mediators shuttled between delegations in {city} for three days before the {noun} was"
            " announced. | Violations of the {noun} were reported within hours along the line of "
            "contact. | A monitoring mission of some {number} observers would cover a front of "
            "hundreds of kilometres. | Prisoner exchanges have been the one reliable channel "
            "between the sides."
        ),
        questions=(
            "What are security guarantees? | Why did the last {noun} collapse? | Who would monitor"
            " a {noun} in {place}? | Could a {noun} freeze the conflict?"
        ),
        quotes=(
            "Today was really about security guarantees and what happens the day after. | A {noun}"
            " without guarantees is only a pause before the next offensive. | We are ready to "
            "{action}, but not at any price. | Nobody in {city} believes the {noun} will survive "
            "the winter."
        ),
    ),
    "trade": _theme(
        topics=["Trade and tariffs"],
        nouns=(
            "tariff regime | trade deal | round of retaliatory duties | import quota | customs "
            "union | supply chain | anti-dumping case | trade surplus | steel tariff | free trade "
            "agreement"
        ),
        actions=(
            "raise tariffs on steel | negotiate a trade deal | impose retaliatory duties | join "
            "the customs union | reroute supply chains | file a complaint at the WTO | cut import "
            "quotas"
        ),
        adjectives="protectionist | reciprocal | lopsided | tit-for-tat",
        commodities="steel | soybeans | electric vehicles | aluminium",
        titles=(
            "Tariffs, {place} and the end of cheap trade | Who wins the {noun} fight? | The {noun}"
            " and the new map of supply chains | {Place} bets on a {noun}"
        ),
        headings=(
            "The arithmetic of tariffs | Supply chains on the move | Retaliation and its limits | "
            "What exporters in {place} fear"
        ),
        sentences=(
            "Exporters in {place} have front-loaded shipments ahead of the new tariffs. | Customs "
            "data show imports of {commodity} from {place} falling by {percent}. | Economists "
            "estimate that the tariffs add {money} a year to consumer prices. | The dispute has "
            "already reached the World Trade Organization, where it may sit for years."
        ),
        questions=(
            "What are tariffs and who pays them? | How would a {noun} affect {place}? | Why are "
            "supply chains moving to {place}?"
        ),
        quotes=(
            "Tariffs are taxes on our own consumers, whatever the slogans say. | We will answer "
            "every tariff with a tariff of our own. | A {noun} with {place} is within reach if the"
            " politics allow it."
        ),
    ),
    "energy": _theme(
        topics=["Energy"],
        nouns=(
            "gas pipeline | LNG terminal | oil output target | energy security strategy | gas "
            "storage plan | power grid | production quota | nuclear power plant | interconnector |"
            " refinery"
        ),
        actions=(
            "diversify gas supplies | build a new LNG terminal | cut oil output | fill gas storage"
            " | synchronise the power grid | halt pipeline transit | restart the nuclear power "
            "plant"
        ),
        adjectives="energy-hungry | import-dependent | volatile | resilient",
        commodities="gas | oil | electricity | coal",
        titles=(
            "The {noun} and the politics of winter | {Place}'s energy gamble | After the pipeline:"
            " how {place} keeps the lights on | Power, prices and the {noun}"
        ),
        headings=(
            "The winter test | Prices and politics | The pipeline question | Who controls supply"
        ),
        sentences=(
            "Gas storage in {place} stood at {percent} of capacity at the start of the heating "
            "season. | The pipeline through {place} has carried no gas since {year}. | Drone "
            "strikes on substations left parts of {place} without power for days. | Spot prices "
            "for gas rose {percent} in a week after the announcement."
        ),
        questions=(
            "Why does the {noun} matter for {place}? | Could {place} run short of gas this winter?"
            " | What would it take to {action}?"
        ),
        quotes=(
            "Energy is security; we learned that the hard way. | We will not let anyone use gas as"
            " a weapon against us again. | The {noun} will be ready before the winter, whatever "
            "the sceptics say."
        ),
    ),
    "food": _theme(
        topics=["Food security"],
        nouns=(
            "grain corridor | wheat export route | fertiliser shortage | food security plan | "
            "harvest | shipping insurance scheme | export ban | grain deal | port expansion | food"
            " aid programme"
        ),
        actions=(
            "reopen the grain corridor | guarantee safe passage for grain ships | lift the export "
            "ban | insure grain shipments | rebuild port capacity | ship wheat to {place}"
        ),
        adjectives="hungry | import-dependent | bumper | drought-hit",
        commodities="wheat | maize | fertiliser | sunflower oil",
        titles=(
            "The grain corridor and the price of bread in {place} | Harvest, hunger and the {noun}"
            " | How the {noun} reshaped the Black Sea | Who feeds {place}?"
        ),
        headings=(
            "From field to port | The insurance problem | Bread prices and politics | Hunger as a "
            "weapon"
        ),
        sentences=(
            "Grain ships leaving the ports of the Black Sea need war-risk insurance that few "
            "underwriters will offer. | Wheat exports through the corridor passed {number} million"
            " tonnes last season. | Bread prices in {place} rose {percent} within a month. | "
            "Fertiliser shortages threaten next year's harvest as much as this one."
        ),
        questions=(
            "What is the grain corridor? | Why do wheat prices matter in {place}? | Who guarantees"
            " safe passage for grain ships?"
        ),
        quotes=(
            "Food must never become a weapon of war. | The grain corridor is a lifeline for "
            "millions who have never heard of it. | We are ready to {action} tomorrow if the ships"
            " are safe."
        ),
    ),
    "elections": _theme(
        topics=["Elections"],
        nouns=(
            "election | runoff | electoral commission | opposition campaign | coalition deal | "
            "constitutional court ruling | election observer mission | vote count | campaign"
        ),
        actions=(
            "call early elections | certify the results | contest the vote count | form a "
            "coalition | postpone the runoff | invite election observers | ban the opposition "
            "candidate"
        ),
        adjectives="disputed | snap | landslide | closely fought",
        commodities="bonds | the currency",
        titles=(
            "{Place} votes: what is at stake | After the {noun}: {place} and its next government |"
            " A {noun} that could reshape {region} | Five things to know about the {noun} in "
            "{place}"
        ),
        headings="The candidates | How the vote works | What the polls say | The morning after",
        sentences=(
            "Turnout reached {percent}, the highest since {year}. | Election observers reported "
            "irregularities at {number} polling stations. | The electoral commission delayed the "
            "announcement of results twice. | Coalition talks could take months, as they did after"
            " the last vote."
        ),
        questions=(
            "When are the elections in {place}? | Who are the main candidates? | Could the results"
            " be annulled? | What happens if no one wins the runoff?"
        ),
        quotes=(
            "The people of {place} will decide, not foreign capitals. | We will accept the results"
            " if the count is honest. | This election is a referendum on the last {number} years."
        ),
    ),
    "defence": _theme(
        topics=["Alliances and defence"],
        nouns=(
            "defence budget | mutual defence clause | air defence shield | joint exercise | troop "
            "deployment | arms pipeline | rapid reaction force | munitions drive | forward "
            "presence | alliance summit"
        ),
        actions=(
            "raise defence spending | deploy air defence systems | station troops in {place} | "
            "ramp up munitions production | hold joint exercises | invoke the mutual defence "
            "clause"
        ),
        adjectives="deterrent | forward-deployed | interoperable | overstretched",
        commodities="artillery shells | air defence missiles",
        titles=(
            "Alliances under strain: {place} and the {noun} | The {noun} debate in {city} | What "
            "the {noun} means for {region} | Rearming {place}"
        ),
        headings=(
            "The spending gap | Deterrence on the eastern flank | Who pays for defence? | Industry"
            " and its bottlenecks"
        ),
        sentences=(
            "Defence budgets in {region} have risen by {percent} in real terms since {year}. | "
            "Factories are producing artillery shells at {number} times the pre-war rate. | Joint "
            "exercises near the border involved some {number} troops. | Air defence interceptors "
            "remain the scarcest item on every shopping list."
        ),
        questions=(
            "How much does {place} spend on defence? | What does the mutual defence clause say? | "
            "Why are air defence systems in short supply?"
        ),
        quotes=(
            "Deterrence only works if it is credible, and credibility costs money. | We will "
            "{action} because the threat has not gone away. | Our alliance is stronger today than "
            "it was a year ago."
        ),
    ),
    "nuclear": _theme(
        topics=["Arms control"],
        nouns=(
            "arms control treaty | uranium enrichment programme | inspection regime | nuclear "
            "doctrine | non-proliferation regime | missile programme | verification regime | "
            "strategic stability dialogue | enrichment facility | warhead limit"
        ),
        actions=(
            "resume nuclear inspections | cap uranium enrichment | extend the arms control treaty "
            "| halt missile tests | restore the verification regime | revise the nuclear doctrine"
        ),
        adjectives="verifiable | destabilising | clandestine | reversible",
        commodities="uranium",
        titles=(
            "Arms control after the treaties | {Place}, enrichment and the bomb question | The "
            "{noun} and the next arms race | Missiles over {region}"
        ),
        headings=(
            "What the inspectors saw | The end of verification | Doctrine and deterrence | The "
            "proliferation risk"
        ),
        sentences=(
            "Inspectors have not had access to the enrichment facility since {year}. | Uranium "
            "enriched to {percent} purity has no credible civilian use. | The last arms control "
            "treaty between the major powers lapsed without a successor. | Missile tests over "
            "{region} have become more frequent and more provocative."
        ),
        questions=(
            "What is uranium enrichment? | Why do nuclear inspections matter? | Could the arms "
            "control treaty be revived?"
        ),
        quotes=(
            "Without verification, trust is just a word. | We have no intention of building a "
            "bomb, and we never had. | The {noun} kept the peace for decades; abandoning it is "
            "reckless."
        ),
    ),
    "maritime": _theme(
        topics=["Maritime security"],
        nouns=(
            "shipping lane | naval patrol | freedom-of-navigation operation | territorial waters "
            "dispute | coast guard | undersea cable network | naval blockade | exclusive economic "
            "zone | maritime boundary | convoy system"
        ),
        actions=(
            "patrol the shipping lanes | protect undersea cables | escort merchant convoys | "
            "enforce the maritime boundary | lift the naval blockade | challenge the territorial "
            "claims"
        ),
        adjectives="contested | congested | strategic | militarised",
        commodities="shipping insurance | container freight",
        titles=(
            "Trouble in the shipping lanes off {place} | Who guards the {noun}? | The {noun} and "
            "the fight over {region} | Cables, convoys and the {noun}"
        ),
        headings="Chokepoints | The law of the sea | Insurers and shipowners | Gray-zone tactics",
        sentences=(
            "Container ships have been rerouted around Africa, adding {number} days to the voyage."
            " | Damage to two undersea cables cut internet traffic in {place} by {percent}. | "
            "Coast guard vessels have used water cannon against fishing boats near the reef. | "
            "War-risk premiums for ships calling at {place} have tripled."
        ),
        questions=(
            "Why do shipping lanes near {place} matter? | Who owns the exclusive economic zone? | "
            "How are undersea cables protected?"
        ),
        quotes=(
            "Freedom of navigation is not negotiable. | These are our territorial waters and we "
            "will defend them. | Every ship that turns back is a victory for the attackers."
        ),
    ),
    "cyber": _theme(
        topics=["Cyber security", "Semiconductors"],
        nouns=(
            "cyberattack | semiconductor supply chain | chip export ban | critical infrastructure "
            "plan | ransomware campaign | data localisation law | telecoms network | artificial "
            "intelligence race | satellite internet service | tech decoupling drive"
        ),
        actions=(
            "restrict chip exports | harden critical infrastructure | attribute the cyberattacks |"
            " ban foreign telecoms equipment | build domestic chip plants | regulate artificial "
            "intelligence"
        ),
        adjectives="state-backed | sophisticated | cutting-edge | dual-use",
        commodities="microchips | rare earths",
        titles=(
            "Chips, power and the {noun} | {Place} and the new tech cold war | The hack that shook"
            " {place} | Who controls the {noun}?"
        ),
        headings=(
            "The attack, hour by hour | Attribution is political | Factories and fabs | The talent"
            " problem"
        ),
        sentences=(
            "The ransomware attack shut down hospital systems in {city} for {number} days. | "
            "Investigators traced the intrusion to servers rented through shell companies. | "
            "Advanced chips made up {percent} of the country's imports of electronics. | A new "
            "chip plant near {city} will not produce at scale before {year}."
        ),
        questions=(
            "Who was behind the cyberattacks on {place}? | Why do chip export controls matter? | "
            "How exposed is critical infrastructure in {place}?"
        ),
        quotes=(
            "Cyberattacks on hospitals are attacks on civilians, full stop. | Whoever controls the"
            " chips controls the century. | We know who did this, and there will be consequences."
        ),
    ),
    "migration": _theme(
        topics=["Migration", "Humanitarian aid"],
        nouns=(
            "refugee crisis | asylum backlog | border crossing | humanitarian aid effort | "
            "displacement camp | resettlement scheme | aid convoy | returns agreement | smuggling "
            "network | humanitarian corridor"
        ),
        actions=(
            "open a humanitarian corridor | resettle refugees | tighten border controls | fund the"
            " aid appeal | dismantle smuggling networks | sign a returns agreement"
        ),
        adjectives="displaced | overstretched | unaccompanied | desperate",
        commodities="food aid",
        titles=(
            "Displaced: {place}'s {noun} crisis | The politics of {noun} in {region} | Borders, "
            "boats and the {noun} | Aid that cannot get through"
        ),
        headings="Life in the camps | The funding gap | Borders and politics | Who gets asylum",
        sentences=(
            "More than {number} thousand people crossed into {place} in the first week alone. | "
            "The aid appeal for {place} is only {percent} funded. | Aid convoys waited at the "
            "border for days awaiting permission to cross. | Smuggling networks charge up to "
            "{money} a person for the crossing."
        ),
        questions=(
            "How many refugees has {place} taken in? | Why are aid convoys blocked? | What is a "
            "returns agreement?"
        ),
        quotes=(
            "Behind every number is a family that lost everything. | Aid must reach civilians "
            "without conditions. | We cannot {action} alone; this is a shared responsibility."
        ),
    ),
    "climate": _theme(
        topics=["Climate", "Critical minerals", "Water"],
        nouns=(
            "climate finance pledge | critical minerals deal | lithium deposit | rare earths "
            "supply | carbon border tax | drought | water-sharing treaty | loss and damage fund | "
            "emissions target | mining licence"
        ),
        actions=(
            "secure critical minerals | tax carbon at the border | share the river's water | fund "
            "climate adaptation | cut emissions | renegotiate mining licences"
        ),
        adjectives="resource-rich | drought-stricken | low-carbon | climate-vulnerable",
        commodities="lithium | cobalt | copper",
        titles=(
            "The scramble for {noun} in {place} | Water, drought and the {noun} | {Place}'s {noun}"
            " and the energy transition | Who pays for the {noun}?"
        ),
        headings=(
            "Mines and money | A river between rivals | The finance gap | Winners of the transition"
        ),
        sentences=(
            "Lithium deposits near {city} could supply {percent} of the region's battery makers. |"
            " The river's flow has fallen by a third since {year}. | Pledges to the loss and "
            "damage fund fall far short of {money}. | Mining licences were renegotiated after a "
            "change of government in {year}."
        ),
        questions=(
            "What are critical minerals? | How does the carbon border tax work? | Who controls the"
            " water of the river?"
        ),
        quotes=(
            "The climate crisis is a security crisis. | Our minerals will be refined here, not "
            "shipped away raw. | Rich countries made this problem; they must help pay for it."
        ),
    ),
    "debt": _theme(
        topics=["Sovereign debt"],
        nouns=(
            "debt restructuring | IMF programme | bond market | currency devaluation | inflation "
            "spike | central bank | sovereign default | capital control regime | reserve buffer | "
            "bailout"
        ),
        actions=(
            "restructure the debt | agree an IMF programme | devalue the currency | impose capital"
            " controls | raise interest rates | rebuild foreign reserves"
        ),
        adjectives="heavily indebted | cash-strapped | solvent | inflation-weary",
        commodities="bonds | the currency | gold",
        titles=(
            "{Place} on the brink of default | The price of the {noun} in {place} | Debt, bailouts"
            " and the {noun} | Can {place} avoid a {noun}?"
        ),
        headings=(
            "The numbers | Creditors at the table | Austerity and anger | The central bank's "
            "dilemma"
        ),
        sentences=(
            "Inflation in {place} reached {percent} last month. | Bond yields jumped after the "
            "finance minister resigned. | Foreign reserves cover barely {number} months of "
            "imports. | The bailout comes with conditions that will be hard to sell at home."
        ),
        questions=(
            "What is a debt restructuring? | Why does {place} need an IMF programme? | What "
            "happens in a sovereign default?"
        ),
        quotes=(
            "We will honour our obligations, but not at the cost of our people. | Without a "
            "restructuring, the numbers simply do not add up. | The currency will find its level; "
            "defending it is a waste of reserves."
        ),
    ),
    "insurgency": _theme(
        topics=["Terrorism and insurgency"],
        nouns=(
            "insurgency | counter-terrorism operation | militant network | jihadist offensive | "
            "kidnapping wave | peacekeeping mission | mercenary contract | security vacuum | "
            "military base | ambush"
        ),
        actions=(
            "withdraw the peacekeepers | negotiate with the militants | expel the mercenaries | "
            "retake the northern towns | close the military bases | fund local self-defence groups"
        ),
        adjectives="lawless | porous | jihadist | embattled",
        commodities="gold",
        titles=(
            "The {noun} in {place} and the limits of force | After the peacekeepers leave | "
            "Mercenaries, militants and the {noun} | {Place}'s forgotten war"
        ),
        headings=(
            "The armed groups | The foreign forces | Civilians in the crossfire | Talking to "
            "militants"
        ),
        sentences=(
            "Militants have attacked {number} villages in the border region since {month}. | The "
            "withdrawal of peacekeepers left a security vacuum in the north. | Mercenaries were "
            "paid in mining concessions rather than cash. | Kidnappings for ransom have become a "
            "steady source of income for armed groups."
        ),
        questions=(
            "Who are the armed groups in {place}? | Why are the peacekeepers leaving? | Can "
            "negotiations with the militants work?"
        ),
        quotes=(
            "There is no military solution to this insurgency. | We will not negotiate with those "
            "who kill civilians. | The foreign troops came to help and stayed to profit."
        ),
    ),
    "diplomacy": _theme(
        topics=["Diplomacy and summits"],
        nouns=(
            "summit | joint communiqué | state visit | bilateral dialogue | strategic partnership "
            "| back channel | special envoy | normalisation deal | diplomatic recognition | "
            "embassy"
        ),
        actions=(
            "host a summit | sign a strategic partnership | reopen the embassy | appoint a special"
            " envoy | normalise relations | issue a joint communiqué"
        ),
        adjectives="cordial | frosty | historic | carefully choreographed",
        commodities="arms | gas",
        titles=(
            "What the {noun} in {city} achieved | {Place} and the art of the {noun} | Handshakes "
            "and hard bargains: the {noun} | Inside the {noun} between {place} and {place2}"
        ),
        headings=(
            "What was agreed | What was left out | The choreography | The view from the capitals"
        ),
        sentences=(
            "The summit ended with a joint communiqué that papered over the main disagreements. | "
            "The special envoy has visited {city} {number} times this year. | A back channel "
            "through {place} kept the talks alive during the crisis. | The state visit was the "
            "first by a head of government in {number} years."
        ),
        questions=(
            "What did the summit agree? | Why does the normalisation deal matter? | Who is the "
            "special envoy to {place}?"
        ),
        quotes=(
            "We came to {city} to listen as much as to talk. | The {noun} opens a new chapter in "
            "our relations. | Diplomacy is slow, but the alternatives are worse."
        ),
    ),
    "coups": _theme(
        topics=["Coups and transitions", "Human rights"],
        nouns=(
            "coup | junta | transition timetable | martial law decree | state of emergency | "
            "constitutional referendum | presidential decree | protest movement | crackdown | "
            "curfew"
        ),
        actions=(
            "restore constitutional order | hold a constitutional referendum | lift the curfew | "
            "release political prisoners | suspend the constitution | hand power to civilians"
        ),
        adjectives="military-led | authoritarian | transitional | repressive",
        commodities="gold | uranium",
        titles=(
            "One year after the {noun} in {place} | The junta's {noun} | {Place} and the long road"
            " back to civilian rule | Protests, {noun} and the army"
        ),
        headings=(
            "How the soldiers took power | The street | Regional reaction | The transition on paper"
        ),
        sentences=(
            "The junta has pushed back the transition timetable twice. | Security forces detained "
            "{number} protesters in {city} in a single night. | Regional leaders suspended {place}"
            " from their bloc after the coup. | The curfew in {city} has been in force since "
            "{month}."
        ),
        questions=(
            "Who leads the junta in {place}? | When will {place} return to civilian rule? | Why "
            "did the army seize power?"
        ),
        quotes=(
            "The army will hand over power when the country is secure. | This is not a transition;"
            " it is a confiscation of power. | We demand the release of every political prisoner."
        ),
    ),
    "warfare": _theme(
        topics=["Drone warfare", "Alliances and defence"],
        nouns=(
            "drone war | front line | counteroffensive | artillery duel | long-range strike "
            "campaign | mobilisation drive | electronic warfare effort | air raid alert system | "
            "trench line | reconnaissance drone fleet"
        ),
        actions=(
            "launch a counteroffensive | strike targets deep behind the lines | mobilise more "
            "troops | jam the enemy drones | shore up the front line | rotate exhausted brigades"
        ),
        adjectives="grinding | attritional | static | drone-saturated",
        commodities="artillery shells",
        titles=(
            "Drones, trenches and the {noun} in {place} | The {noun} enters a new phase | How the "
            "{noun} changed the war | {Place}'s front line, mile by mile"
        ),
        headings=(
            "The battlefield today | The drone revolution | Men and munitions | What could break "
            "the stalemate"
        ),
        sentences=(
            "Both sides now launch hundreds of reconnaissance drones a day along the front. | "
            "Electronic warfare units can jam a drone's signal within seconds of launch. | The "
            "front line has moved by less than {number} kilometres in six months. | Air raid "
            "alerts sounded in {city} for {number} hours on a single night."
        ),
        questions=(
            "What is drone warfare? | Why has the front line barely moved? | Could a "
            "counteroffensive succeed this year?"
        ),
        quotes=(
            "Every drone we shoot down saves lives in our cities. | The front is holding, but our "
            "soldiers are exhausted. | We will {action} when we are ready, not when others expect "
            "it."
        ),
    ),
    "disinformation": _theme(
        topics=["Disinformation"],
        nouns=(
            "disinformation campaign | influence operation | fake-account network | propaganda "
            "outlet | deepfake video | election interference plot | media freedom law | content "
            "moderation policy | bot network | state media push"
        ),
        actions=(
            "take down the fake accounts | ban the propaganda outlets | label state media | expose"
            " the influence operations | protect media freedom"
        ),
        adjectives="coordinated | covert | viral | state-sponsored",
        commodities="advertising",
        titles=(
            "Fake accounts and the {noun} in {place} | The {noun} nobody saw coming | {Place} "
            "fights the {noun} | Bots, trolls and the {noun}"
        ),
        headings=(
            "How the campaign worked | Who was targeted | The platforms' response | Free speech "
            "and its limits"
        ),
        sentences=(
            "Researchers identified {number} fake accounts posing as local news sites. | The "
            "deepfake video was viewed millions of times before it was taken down. | State media "
            "amplified the story within an hour of its first appearance. | Platforms removed the "
            "bot network only after journalists asked about it."
        ),
        questions=(
            "What is an influence operation? | How were the fake accounts discovered? | Is {place}"
            " doing enough against disinformation?"
        ),
        quotes=(
            "Disinformation is cheap to produce and expensive to correct. | We will not let "
            "foreign bots decide our elections. | Banning outlets is what our adversaries do; we "
            "must be better."
        ),
    ),
    "space": _theme(
        topics=["Space"],
        nouns=(
            "satellite launch programme | anti-satellite test | space debris problem | satellite "
            "constellation | launch site | space station | orbital surveillance effort | satellite"
            " imagery deal | lunar mission | space command"
        ),
        actions=(
            "ban anti-satellite tests | launch a satellite constellation | share satellite imagery"
            " | track space debris | build a new launch site"
        ),
        adjectives="orbital | reusable | militarised | crowded",
        commodities="launch contracts",
        titles=(
            "The race in orbit: {place} and the {noun} | The {noun} and the militarisation of "
            "space | Above {region}: satellites and strategy"
        ),
        headings="The view from orbit | Debris and danger | A new space race | Rules for orbit",
        sentences=(
            "The anti-satellite test left more than {number} pieces of debris in orbit. | "
            "Commercial satellite imagery showed new construction at the base within days. | The "
            "constellation will eventually number {number} satellites. | Launch sites in {place} "
            "have tripled their annual launch rate since {year}."
        ),
        questions=(
            "What is an anti-satellite test? | Why does space debris matter? | Who owns the "
            "satellite constellation?"
        ),
        quotes=(
            "Space must remain free for peaceful use by all. | Whoever sees first, acts first. | "
            "One reckless test can pollute orbit for decades."
        ),
    ),
}

THEME_NAMES = sorted(THEMES)

# Sentences any briefing may use. Slots: {actor} a linked actor; {place}/{place2} the briefing's
# places; {city}, {region}; {noun}/{noun2}, {action}/{action2}, {adj}, {commodity} from the
# theme; {official}, {timeframe}, {number}, {percent}, {money}, {month}, {year}.
SENTENCES = [
    "{actor} {says} that the {noun} would not survive without progress on the {noun2}.",
    "The decision to {action} has divided {official}.",
    "For {place}, the stakes are high: much of its economy depends on the {noun}.",
    "{Official} say the {noun} could unravel {timeframe} if {actor} refuses to {action}.",
    "In {month}, {actor} moved to {action}, a step that {official} had long resisted.",
    "The {noun} has become a test of whether {place} can {action}.",
    "Critics argue that the {noun} rewards delay rather than compromise.",
    "Negotiators in {city} have spent weeks on the wording of a single paragraph.",
    "{actor} has signalled a readiness to {action}, but only if {place} agrees to {action2}.",
    "A {adj} {noun} would leave {place} exposed.",
    "According to {actor}, the {noun} cost {place} roughly {money} last year.",
    "Behind closed doors, {official} concede that the {noun} remains {state}.",
    "The pressure to {action} is unlikely to ease {timeframe}.",
    "Much depends on {actor}, who has so far declined to {action}.",
    "That leaves {place} with few options beyond the {noun}.",
    "The numbers tell part of the story: prices for {commodity} rose by {percent} in {year}.",
    "Few expect a breakthrough {timeframe}.",
    "Supporters of the {noun} point to {place}, where a similar arrangement has held since {year}.",
    "For now, the {noun} remains {state}, and {actor} has little incentive to {action}.",
    "Governments across {region} watch the {noun} closely.",
    "The last attempt to {action} ended in {year} with recriminations on both sides.",
    "Diplomats describe the mood in {city} as {mood}.",
    "Any lasting settlement would need the backing of {actor}.",
    "Markets reacted quickly: prices for {commodity} moved {percent} within a day.",
    "{actor} has made the {noun} a personal priority.",
    "The timing is not accidental.",
    "None of this is new, but the scale is.",
    "It is a gamble, and {official} know it.",
    "Officials in {city} privately acknowledge that the {noun} was never meant to last.",
    "The question is no longer whether to {action}, but how quickly.",
    "{actor} {says} in {month} that {place} would not be rushed.",
    "Public opinion in {place} has hardened over the past {number} months.",
    "That calculation may be changing.",
    "The {noun2} complicates matters further.",
    "A senior official in {city}, speaking on condition of anonymity, called the plan {state}.",
    "Both sides claim the other moved first.",
    "The fine print matters more than the headlines.",
    "Polls suggest that {percent} of voters in {place} back a tougher line.",
    "Even sympathetic observers doubt that {place} can {action} {timeframe}.",
    "In private, {actor} is said to be more flexible than in public.",
    "The cost of doing nothing is rising.",
    "Three scenarios are plausible, and none of them is comfortable for {place}.",
    "The {noun} also has a domestic audience.",
    "{actor} and {actor} met twice in {month} without announcing any result.",
    "A compromise would likely involve a phased plan to {action}.",
    "History offers few encouraging precedents.",
    "For {actor}, the priority is to {action} before the political window closes.",
    "The risk of miscalculation is real.",
    "What happens in {place} rarely stays there.",
    "Some {number} delegations attended, fewer than the organisers had hoped.",
    "The {noun} is not the only issue on the table.",
    "{actor} has been careful not to rule anything out.",
    "A deal on the {noun} would be a start, not an end.",
    "Nobody in {city} expects {actor} to back down.",
    "The details remain vague, perhaps deliberately so.",
    "That is a long way from where the talks began.",
    "The government in {city} faces pressure from both directions.",
    "For {place2}, the calculation is different.",
    "Neighbouring {place2} has its own reasons to worry.",
    "The view from {city} is more sceptical.",
    "{Official} point out that similar promises were made in {year}.",
    "The last time the {noun} was tested, in {year}, it held only briefly.",
    "Turning words into action will be harder.",
    "Some in {city} suspect the real aim is to buy time.",
    "{actor} has domestic pressures to manage, which narrows the room for manoeuvre.",
    "The {noun} was supposed to settle the question; it has not.",
    "The gap between public rhetoric and private diplomacy is wide.",
    "A {adj} approach has its defenders, including {actor}.",
    "At stake is more than the {noun} itself.",
    "So far, the results are mixed.",
    "Much of this happens out of public view.",
    "The {noun} may yet prove more durable than its critics expect.",
    "There are early signs of fatigue among {official}.",
    "{actor} has framed the {noun} as a matter of sovereignty.",
    "Critics in {place} call it a betrayal; supporters call it realism.",
    "The precedent matters well beyond {region}.",
    "Expect more of the same {timeframe}.",
    "The crucial vote is expected in {month}.",
    "Much will depend on what happens in {city} {timeframe}.",
]

OFFICIALS = [
    "Western officials", "diplomats in {city}", "analysts", "people familiar with the talks",
    "senior officials", "European diplomats", "regional governments", "aid agencies",
    "business leaders", "opposition politicians", "military planners", "investors",
]  # fmt: skip
TIMEFRAMES = [
    "in the coming weeks", "before the end of the year", "by the spring", "any time soon",
    "before the next round of talks", "this year", "in the short term", "within months",
]  # fmt: skip
SAYS = ["said", "argued", "warned", "insisted", "noted", "told reporters", "suggested"]
MOODS = ["tense", "cautious", "sombre", "guarded", "unexpectedly upbeat", "brittle", "weary"]
MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip
GENERAL_ADJECTIVES = ["cautious", "piecemeal", "maximalist", "unilateral", "phased", "hardline"]
STATES = ["uncertain", "contested", "precarious", "fragile", "unresolved", "in flux", "stalled"]

GENERAL_HEADINGS = [
    "What {actor_name} wants", "Why {place} matters", "The view from {city}", "What comes next",
    "Winners and losers", "The risks of a {adj} approach", "Where things stand",
    "A short history", "Three scenarios", "What to watch", "The domestic politics",
    "The regional picture", "The economics", "Red lines", "Background",
]  # fmt: skip

STANDFIRSTS = [
    "The {noun} in {place} is {state}. This briefing explains what {actor_name} wants and what could come next.",
    "{Place} faces a choice over the {noun}. We look at the options, the players and the risks.",
    "Why the {noun} matters beyond {place}, and what to watch {timeframe}.",
    "A guide to the {noun}: who is involved, what has been agreed and what remains open.",
    "{actor_name} wants to {action}. Here is why that is harder than it sounds.",
    "The {noun} has changed the calculus in {region}. We explain how, and what it means for {place}.",
]  # fmt: skip

GENERAL_QUESTIONS = [
    "What does {actor_name} want?", "Why does this matter for {region}?",
    "What happens next in {place}?", "How did we get here?", "Who else is involved?",
]  # fmt: skip

ANSWER_SENTENCES = [
    "In short, the {noun} is about who bears the cost and who sets the terms.",
    "The answer depends largely on {place}.",
    "Most analysts expect little to change {timeframe}.",
    "{actor_name} has said little in public, but the direction is clear.",
    "The {noun} has been on the agenda since at least {year}.",
    "It would take a decision to {action}, which none of the parties has yet made.",
    "The main players are {actor_name}, the government of {place} and its neighbours in {region}.",
    "A {adj} outcome is the most likely one, at least for now.",
]  # fmt: skip

QUOTE_SENTENCES = [
    "We are not going to {action} under pressure.",
    "Our position on the {noun} has not changed, and it will not change.",
    "Nobody should be surprised by what happened in {place}.",
    "There can be no {noun} without {noun2}.",
    "We have asked our partners to {action} {timeframe}.",
    "The situation in {place} is {state}, and we have to be honest about that.",
    "I told my counterparts in {city} exactly what I am telling you.",
    "History will judge us by what we do about the {noun}.",
    "We have been patient, but patience has limits.",
    "The door to dialogue remains open.",
]  # fmt: skip
OCCASIONS = [
    "Press conference in {city}", "Interview with {media}", "Speech to parliament",
    "Remarks to reporters in {city}", "Speech at a security conference in {city}",
    "Joint press conference in {city}", "Television address", "Briefing for journalists in {city}",
    "Post on social media", "Panel discussion in {city}",
]  # fmt: skip
QUOTE_CONTEXTS = [
    "Asked whether talks could resume {timeframe}.",
    "Responding to criticism from {place}.",
    "After a meeting with counterparts from {region}.",
    "On the eve of a vote on the {noun}.",
]  # fmt: skip

PUBLISHERS = [
    ("Meridian Wire", "meridianwire.example", "press_report"),
    ("The Global Ledger", "globalledger.example", "press_report"),
    ("Continental Post", "continentalpost.example", "press_report"),
    ("Frontline Dispatch", "frontlinedispatch.example", "press_report"),
    ("Eastern Review", "easternreview.example", "analysis"),
    ("World Affairs Monitor", "worldaffairsmonitor.example", "analysis"),
    ("Policy Quarterly", "policyquarterly.example", "analysis"),
    ("Capital Broadcast", "capitalbroadcast.example", "video"),
    ("Pulse Social", "pulse.example", "social_post"),
]  # fmt: skip

PERSON_ROLES = [
    "diplomat", "politician", "opposition leader", "economist", "energy analyst",
    "security analyst", "journalist", "military commander", "member of parliament",
    "human rights lawyer", "trade negotiator", "central banker", "envoy", "academic",
    "defence analyst", "activist", "business leader",
]  # fmt: skip

# Organisation name parts: each yields names with plenty of combinations.
IGO_REGIONS = [
    "Black Sea", "Baltic", "Caspian", "Danube", "Sahel", "Eastern Mediterranean",
    "Indo-Pacific", "Arctic", "Gulf", "Horn of Africa", "Central Asian", "Andean", "Mekong",
    "Adriatic", "Red Sea", "Great Lakes", "Pacific Islands", "South Caucasus", "North Atlantic",
    "Southern African", "Levant", "Nordic",
]  # fmt: skip
IGO_FIELDS = [
    "Security", "Economic", "Energy", "Trade", "Maritime", "Water", "Grain", "Development",
    "Defence", "Migration", "Climate", "Monetary",
]  # fmt: skip
IGO_BODIES = [
    "Council", "Forum", "Partnership", "Commission", "Organisation", "Community", "Union",
    "Compact", "Initiative", "Cooperation Council", "Authority",
]  # fmt: skip
THINK_TANK_WORDS = [
    "Meridian", "Horizon", "Compass", "Atlas", "Keystone", "Crossroads", "Lighthouse",
    "Northgate", "Bridgewater", "Pillar", "Vantage", "Ridgeline", "Beacon", "Harbour",
    "Cornerstone", "Lodestar", "Watershed", "Bastion",
]  # fmt: skip
THINK_TANK_FIELDS = [
    "Strategic Studies", "International Affairs", "Security Policy", "Energy Transition",
    "Eurasian Studies", "Conflict Research", "Economic Security", "Peace and Development",
    "Maritime Affairs", "Democracy and Governance", "Defence Analysis", "Migration Studies",
    "Global Trade", "Arms Control",
]  # fmt: skip
MINISTRIES = [
    ("Foreign Affairs", "Foreign Minister"), ("Defence", "Defence Minister"),
    ("Energy", "Energy Minister"), ("Finance", "Finance Minister"),
    ("the Interior", "Interior Minister"), ("Trade", "Trade Minister"),
    ("Agriculture", "Agriculture Minister"), ("the Economy", "Economy Minister"),
]  # fmt: skip
NEWSPAPERS = ["Courier", "Herald", "Observer", "Post", "Chronicle", "Dispatch", "Gazette"]
ARMED_PREFIXES = [
    "Northern", "Eastern", "Southern", "Western", "Coastal", "Highland", "Free", "United",
    "Popular", "Revolutionary", "Patriotic", "Desert",
]  # fmt: skip
ARMED_NOUNS = [
    "Liberation Front", "Defence Forces", "Resistance Movement", "Brigades", "Support Forces",
    "Liberation Army", "Mobilisation Units", "Self-Defence Militia",
]  # fmt: skip
ARMED_GROUP_COUNTRIES = [
    "SY", "IQ", "YE", "LY", "SD", "SO", "ML", "NE", "BF", "TD", "CD", "NG", "AF", "CO", "ET",
    "LB", "PK",
]  # fmt: skip
COMPANY_INDUSTRIES = [
    ("Energy", "energy"), ("Shipping", "shipping"), ("Grain Holdings", "agribusiness"),
    ("Gas", "gas"), ("Mining", "mining"), ("Logistics", "logistics"),
    ("Defence Systems", "defence"), ("Semiconductors", "chipmaking"), ("Petroleum", "oil"),
    ("Telecom", "telecoms"), ("Aerospace", "aerospace"), ("Minerals", "mining"),
]  # fmt: skip

# The share of each kind among generated actors.
ACTOR_KINDS = [
    (Actor.Kind.PERSON, 64),
    (Actor.Kind.IGO, 6),
    (Actor.Kind.THINK_TANK, 7),
    (Actor.Kind.GOVERNMENT_BODY, 8),
    (Actor.Kind.MEDIA, 4),
    (Actor.Kind.ARMED_GROUP, 3),
    (Actor.Kind.COMPANY, 6),
    (Actor.Kind.STATE, 2),
]

STATUS_WEIGHTS = [
    ("published", 89),
    ("scheduled", 1),
    ("draft", 5),
    ("in_review", 3),
    ("archived", 2),
]
KIND_WEIGHTS = [
    (Briefing.Kind.ANALYSIS, 40),
    (Briefing.Kind.BACKGROUND, 20),
    (Briefing.Kind.EXPLAINER, 20),
    (Briefing.Kind.REPORTAGE, 12),
    (Briefing.Kind.OPINION, 8),
]
VERIFICATION_WEIGHTS = [
    (Quote.Verification.REPORTED, 45),
    (Quote.Verification.UNVERIFIED, 33),
    (Quote.Verification.VERIFIED, 14),
    (Quote.Verification.DISPUTED, 6),
    (Quote.Verification.MISATTRIBUTED, 2),
]


# ---------------------------------------------------------------------------------------------
# The generator.
# ---------------------------------------------------------------------------------------------


class CorpusExists(Exception):
    """A corpus with this seed is in the database already; nothing was added."""

    def __init__(self, seed):
        self.seed = seed
        super().__init__(
            f"A corpus with seed {seed} exists already; nothing was added. "
            "Use another --seed to add a second corpus."
        )


@dataclass
class CorpusResult:
    seed: int
    counts: dict[str, int]
    seconds: float
    search_seconds: float
    search_rows: int  # search vectors computed; none on SQLite, which stores none


def actor_count_for(briefings):
    """About one actor for every five briefings, within sensible bounds."""
    return min(MAX_ACTORS, max(MIN_ACTORS, briefings // 5))


def generate_corpus(*, briefings, seed, progress=None, now=None, workers=None) -> CorpusResult:
    """Writes `briefings` synthetic briefings and everything they refer to, in one transaction.

    `progress(label, done, total)` is called as the work advances. Raises CorpusExists, having
    written nothing, when a corpus with this seed was generated before.

    Rendering Markdown costs more than writing the text or inserting the rows, so `workers`
    processes render each batch while this one inserts the previous batch; by default one per
    CPU from two batches on, and none (rendering here) for smaller corpora.
    """
    if briefings < 1:
        raise ValueError("A corpus needs at least one briefing.")
    if workers is None:
        workers = (os.cpu_count() or 1) if briefings > BATCH_SIZE else 0
    started = time.monotonic()
    builder = _Builder(seed=seed, now=now or timezone.now(), progress=progress)
    with transaction.atomic(), _markdown_renderer(workers) as render:
        builder.build_taxonomy()
        builder.refuse_existing_corpus()
        builder.build_actors(actor_count_for(briefings))
        builder.build_sources(max(20, briefings // 2))
        builder.progress("briefings", 0, briefings)
        previous = None
        for first in range(0, briefings, BATCH_SIZE):
            # Small chunks go to the renderers as soon as they are written, so that rendering
            # overlaps with both writing this batch and inserting the previous one.
            chunks = []
            for start in range(first, min(first + BATCH_SIZE, briefings), RENDER_CHUNK):
                plans = builder.plan_briefings(range(start, min(start + RENDER_CHUNK, briefings)))
                chunks.append((plans, render(_BriefingPlan.texts(plans))))
            if previous:
                builder.save_briefings(previous, total=briefings)
            previous = chunks
        builder.save_briefings(previous, total=briefings)
        search_seconds, search_rows = builder.rebuild_search()
    return CorpusResult(
        seed=seed,
        counts=dict(builder.counts),
        seconds=time.monotonic() - started,
        search_seconds=search_seconds,
        search_rows=search_rows,
    )


_Renderer = site_markdown.Renderer


_renderer = None


def _render_texts(texts):
    """Rendered HTML and contents of each text; runs in a worker process, or in this one."""
    global _renderer  # one per process
    if _renderer is None:
        _renderer = _Renderer()
    return [_renderer(text) for text in texts]


@contextmanager
def _markdown_renderer(workers):
    """A function that starts rendering a list of texts and returns how to collect the result."""
    if not workers or "fork" not in multiprocessing.get_all_start_methods():

        def render_here(texts):
            result = _render_texts(texts)
            return lambda: result

        yield render_here
        return
    # Forked workers only render strings; they never touch the database connection.
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:

        def render(texts):
            size = -(-len(texts) // workers)
            parts = [
                pool.submit(_render_texts, texts[start : start + size])
                for start in range(0, len(texts), size)
            ]
            return lambda: [result for part in parts for result in part.result()]

        yield render


@dataclass
class _Place:
    obj: Place
    text: str  # as running text writes it: "the United States"
    regions: tuple = ()
    demonym: str = ""
    capital: str = ""
    pool: str = ""
    iso: str = ""


@dataclass
class _Actor:
    obj: Actor | None
    person: bool
    country: _Place | None
    short: str = ""  # the name on second mention: a surname, an acronym
    article: bool = False  # "the Black Sea Security Council"
    role: str = ""
    aliases: list = field(default_factory=list)
    offices: list = field(default_factory=list)  # (title, single holder)
    tenures: list = field(default_factory=list)
    quotes: list = field(default_factory=list)  # Quote objects spoken by this actor
    quote_texts: set = field(default_factory=set)  # their normalised texts

    @property
    def text(self):
        name = self.obj.name
        if name.startswith("The "):
            return f"the {name[4:]}"
        return f"the {name}" if self.article else name

    @property
    def short_text(self):
        if self.short == self.obj.name:
            return self.text
        return self.short


def _weighted(rng, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights)[0]


def _possessives(text):
    # "the United States's" reads "the United States'".
    return re.sub(r"(?<=s)'s\b", "'", text)


def _capitalise(text):
    return text[:1].upper() + text[1:]


def _acronym(name):
    letters = [word[0] for word in re.split(r"[\s-]+", name) if word[:1].isupper()]
    return "".join(letters) if len(letters) >= 2 else ""


def _cyrillic(name):
    out, text = [], name.lower()
    while text:
        for latin, cyrillic in _UKRAINIAN:
            if text.startswith(latin):
                out.append(cyrillic)
                text = text[len(latin) :]
                break
        else:
            out.append(text[0])
            text = text[1:]
    return " ".join(_capitalise(word) for word in "".join(out).split(" "))


_SLOT = re.compile(r"\{(\w+)\}")


@functools.cache
def _compiled(template):
    """The template as [text, (slot method, capitalised), text, …], parsed once."""
    parts = _SLOT.split(template)
    for index in range(1, len(parts), 2):
        parts[index] = (f"_{parts[index].lower()}", parts[index][0].isupper())
    return parts


def _slug_with_suffix(text, suffix, max_length=200):
    return f"{slugify(text)[: max_length - len(suffix) - 1].strip('-')}-{suffix}"


class _Builder:
    def __init__(self, *, seed, now, progress):
        self.seed = seed
        self.now = now
        self.today = now.date()
        self.progress = progress or (lambda label, done, total: None)
        self.counts = defaultdict(int)
        self.theme_sources = defaultdict(list)  # theme -> [(date, Source)] in date order
        self.theme_briefings = defaultdict(list)  # theme -> recent Briefing objects

    def _rng(self, *parts):
        # One stream per purpose, so that one part of the corpus does not shift another.
        return random.Random(":".join(str(part) for part in (self.seed, *parts)))

    def _save(self, label, model, objects):
        model.objects.bulk_create(objects, batch_size=2000)
        self.counts[label] += len(objects)
        return objects

    # The seed's mark ----------------------------------------------------------------------

    def briefing_slug(self, index, title):
        return _slug_with_suffix(title, f"{self.seed}-{index + 1}")

    def refuse_existing_corpus(self):
        first_title, _, _ = self._title_plan(0)
        if Briefing.objects.filter(slug=self.briefing_slug(0, first_title)).exists():
            raise CorpusExists(self.seed)

    # Topics and places: shared by every corpus, created once ------------------------------

    def build_taxonomy(self):
        self.progress("taxonomy", 0, 1)
        existing = {}
        for topic in Topic.objects.all():
            existing[topic.slug] = existing[topic.name.casefold()] = topic
        self.topics, new_topics = {}, []
        for name, parent, description in TOPICS:
            topic = existing.get(slugify(name)) or existing.get(name.casefold())
            if topic is None:
                topic = Topic(
                    name=name,
                    slug=slugify(name),
                    description=description,
                    description_html=render_markdown(description),
                    parent=self.topics.get(parent),
                )
                new_topics.append(topic)
            self.topics[name] = topic
        # Parents first: a child refers to its parent's primary key.
        self._save("topics", Topic, [t for t in new_topics if t.parent is None])
        for topic in new_topics:
            if topic.parent is not None:
                topic.parent_id = topic.parent.pk
        self._save("topics", Topic, [t for t in new_topics if t.parent is not None])
        self._build_places()
        self.progress("taxonomy", 1, 1)

    def _build_places(self):
        existing = {}
        for place in Place.objects.all():
            existing[place.slug] = existing[(place.name, place.kind)] = place
            if place.kind == Place.Kind.COUNTRY and place.iso_code:
                existing[place.iso_code] = place

        def find_or_plan(name, kind, iso=""):
            place = (
                existing.get(slugify(name))
                or existing.get((name, kind))
                or (existing.get(iso) if iso else None)
            )
            if place is not None:
                return place, False
            place = Place(name=name, slug=slugify(name), kind=kind, iso_code=iso)
            existing[place.slug] = existing[(name, kind)] = place
            return place, True

        new_places, parent_links = [], []
        self.regions = {}
        for name, article, kind in REGIONS:
            place, new = find_or_plan(name, kind)
            self.regions[name] = _Place(place, f"the {name}" if article else name)
            if new:
                new_places.append(place)
        self.countries = []
        self.by_iso = {}
        for name, iso, demonym, capital, pool, regions, article in COUNTRIES:
            place, new = find_or_plan(name, Place.Kind.COUNTRY, iso)
            country = _Place(
                place, f"the {name}" if article else name, regions, demonym, capital, pool, iso
            )
            self.countries.append(country)
            self.by_iso[iso] = country
            if new:
                new_places.append(place)
                parent_links += [(place, self.regions[region].obj) for region in regions]
        self.cities = defaultdict(list)
        for name, iso in CITIES:
            place, new = find_or_plan(name, Place.Kind.CITY)
            self.cities[iso].append(_Place(place, name))
            if new:
                new_places.append(place)
                parent_links.append((place, self.by_iso[iso].obj))
        self._save("places", Place, new_places)
        through = Place.parents.through
        self._save(
            "place parents",
            through,
            [through(from_place=child, to_place=parent) for child, parent in parent_links],
        )
        self.land_regions = [r for r in self.regions.values() if r.obj.kind == Place.Kind.REGION]
        # Some countries are in the news far more often than others.
        self.country_weights = list(
            itertools.accumulate(1 / (rank + 4) for rank in range(len(self.countries)))
        )

    # Actors, their aliases, offices and tenures -------------------------------------------

    def build_actors(self, count):
        self.progress("actors", 0, count)
        rng = self._rng("actors")
        taken_names = set(Actor.objects.values_list("name", "short_description"))
        taken_slugs = set(Actor.objects.values_list("slug", flat=True))
        state_countries = [
            c for c in self.countries if (c.obj.name, "Sovereign state") not in taken_names
        ]
        rng.shuffle(state_countries)
        plans = []
        for _ in range(count):
            kind = _weighted(rng, ACTOR_KINDS)
            if kind == Actor.Kind.STATE and not state_countries:
                kind = Actor.Kind.PERSON
            plan = self._plan_actor(rng, kind, state_countries)
            plans.append(plan)
        people = [plan for plan in plans if plan.person]
        offices, tenures = self._plan_offices(rng, plans, people)
        for plan in plans:
            actor = plan.obj
            if plan.person:
                actor.short_description = self._person_description(plan)
                if rng.random() < 0.5:
                    actor.bio = (
                        f"**{actor.name}** (born {actor.born}): {actor.short_description}.\n\n"
                        f"{plan.short} is often quoted on {rng.choice(TOPICS)[0].lower()} "
                        f"and {rng.choice(TOPICS)[0].lower()}."
                    )
            base = actor.short_description
            for attempt in itertools.count(1):
                if (actor.name, actor.short_description) not in taken_names:
                    break
                born = f", born {actor.born_on.year}" if attempt == 1 else f" ({attempt})"
                actor.short_description = f"{base}{born}"
            taken_names.add((actor.name, actor.short_description))
            slug = slugify(actor.name) or "actor"
            candidate = slug
            for number in itertools.count(2):
                if candidate not in taken_slugs:
                    break
                candidate = f"{slug}-{number}"
            actor.slug = candidate
            taken_slugs.add(candidate)
            if actor.bio:
                actor.bio_html = render_markdown(actor.bio)
        self._save("actors", Actor, [plan.obj for plan in plans])
        self._save("actor aliases", ActorAlias, [a for plan in plans for a in plan.aliases])
        self._save("offices", Office, offices)
        self._save("tenures", Tenure, tenures)
        self.actors = plans
        self.people = people
        self.media_names = [
            plan.obj.name for plan in plans if plan.obj.kind == Actor.Kind.MEDIA
        ] or [publisher for publisher, _, _ in PUBLISHERS]
        rank = list(range(len(plans)))
        rng.shuffle(rank)
        # A few actors appear everywhere, most appear now and then.
        self.actor_weights = list(itertools.accumulate(1 / (r + 3) for r in rank))
        self.actors_by_country = defaultdict(list)
        for plan in plans:
            if plan.country is not None:
                self.actors_by_country[plan.country.iso].append(plan)
        self.progress("actors", count, count)

    def _plan_actor(self, rng, kind, state_countries):
        country = rng.choice(self.countries)
        plan = _Actor(obj=None, person=kind == Actor.Kind.PERSON, country=country)
        if plan.person:
            return self._plan_person(rng, plan)
        founded = datetime.date(rng.randint(1949, 2018), 1, 1)
        acronym = ""
        if kind == Actor.Kind.IGO:
            name = f"{rng.choice(IGO_REGIONS)} {rng.choice(IGO_FIELDS)} {rng.choice(IGO_BODIES)}"
            acronym = _acronym(name)
            description = f"Intergovernmental organisation founded in {founded.year}"
            plan.country = None
            plan.offices = [
                (f"{acronym} Secretary General", True),
                (f"{acronym} Deputy Secretary General", True),
                (f"Member of the {acronym} Council", False),
            ]
        elif kind == Actor.Kind.THINK_TANK:
            word, subject = rng.choice(THINK_TANK_WORDS), rng.choice(THINK_TANK_FIELDS)
            name = rng.choice(
                [
                    f"{word} Institute for {subject}",
                    f"Centre for {subject}",
                    f"{country.capital} Institute for {subject}",
                    f"{word} Council on {subject}",
                ]
            )
            acronym = _acronym(name)
            description = f"Think tank based in {country.capital}"
            plan.offices = [
                (f"Director of the {name}", True),
                (f"Senior Fellow at the {name}", False),
            ]
        elif kind == Actor.Kind.GOVERNMENT_BODY:
            ministry, minister = rng.choice(MINISTRIES)
            name = f"{country.demonym} Ministry of {ministry}"
            description = f"Government ministry of {country.text}"
            plan.offices = [
                (f"{country.demonym} {minister}", True),
                (f"Deputy {country.demonym} {minister}", False),
            ]
        elif kind == Actor.Kind.MEDIA:
            name = rng.choice(
                [
                    f"The {country.capital} {rng.choice(NEWSPAPERS)}",
                    f"{rng.choice(THINK_TANK_WORDS)} News Agency",
                    f"Radio {rng.choice(THINK_TANK_WORDS)}",
                ]
            )
            description = f"{country.demonym} news organisation"
            plan.offices = [
                (f"Editor-in-chief of {name}", True),
                (f"Correspondent for {name}", False),
            ]
        elif kind == Actor.Kind.ARMED_GROUP:
            country = plan.country = self.by_iso[rng.choice(ARMED_GROUP_COUNTRIES)]
            name = f"{rng.choice(ARMED_PREFIXES)} {rng.choice(ARMED_NOUNS)}"
            if rng.random() < 0.5:
                name = f"{name} of {country.obj.name}"
            acronym = _acronym(name)
            description = f"Armed group active in {country.text}"
            plan.offices = [
                (f"Commander of the {name}", True),
                (f"Spokesperson for the {name}", True),
            ]
        elif kind == Actor.Kind.COMPANY:
            industry, sector = rng.choice(COMPANY_INDUSTRIES)
            owner = rng.choice(NAME_POOLS[country.pool][1].split())
            name = f"{rng.choice([rng.choice(THINK_TANK_WORDS), owner])} {industry}"
            description = f"{country.demonym} {sector} company"
            plan.offices = [
                (f"Chief Executive of {name}", True),
                (f"Board member of {name}", False),
            ]
        else:  # a state
            country = plan.country = state_countries.pop()
            name = country.obj.name
            description = "Sovereign state"
            founded = None
            plan.offices = [
                (f"President of {country.obj.name}", True),
                (f"Prime Minister of {country.obj.name}", True),
            ]
            plan.aliases.append(
                ActorAlias(name=country.capital, kind=ActorAlias.Kind.OTHER, language="en")
            )
        plan.article = kind in (
            Actor.Kind.IGO,
            Actor.Kind.THINK_TANK,
            Actor.Kind.GOVERNMENT_BODY,
            Actor.Kind.ARMED_GROUP,
        ) or (kind == Actor.Kind.STATE and country.text.startswith("the "))
        if acronym:
            plan.aliases.append(ActorAlias(name=acronym, kind=ActorAlias.Kind.ACRONYM))
        if kind == Actor.Kind.MEDIA and name.startswith("The "):
            plan.aliases.append(ActorAlias(name=name[4:], kind=ActorAlias.Kind.SHORT))
        if rng.random() < 0.3 or not plan.aliases:
            former = f"{name.rsplit(' ', 1)[0]} {rng.choice(['Group', 'Association', 'Committee'])}"
            plan.aliases.append(ActorAlias(name=former, kind=ActorAlias.Kind.FORMER, language="en"))
        plan.short = acronym or name
        bio = ""
        if kind != Actor.Kind.STATE and rng.random() < 0.6:
            bio = (
                f"The **{name}**{f' ({acronym})' if acronym else ''} is "
                f"{'an' if description[0] in 'AEIOU' else 'a'} {description[0].lower()}{description[1:]}. "
                f"It features in briefings on {rng.choice(TOPICS)[0].lower()} and "
                f"{rng.choice(TOPICS)[0].lower()}.\n\n"
                f"- Headquarters: {country.capital}\n"
                f"- Staff: about {rng.randint(2, 90) * 10}"
            )
        plan.obj = Actor(
            name=name,
            kind=kind,
            short_description=description,
            bio=bio,
            country=plan.country.obj if plan.country else None,
            born_on=founded,
            born_on_precision="year" if founded else "",
        )
        for alias in plan.aliases:
            alias.actor = plan.obj
        return plan

    def _plan_person(self, rng, plan):
        country = plan.country
        firsts, lasts = (part.split() for part in NAME_POOLS[country.pool])
        first, last = rng.choice(firsts), rng.choice(lasts)
        surname_first = country.pool in SURNAME_FIRST
        name = f"{last} {first}" if surname_first else f"{first} {last}"
        plan.short = last
        candidates = [ActorAlias(name=last, kind=ActorAlias.Kind.SHORT)]
        variant_first = TRANSLITERATIONS.get(first, first)
        variant_last = TRANSLITERATIONS.get(last, last)
        if (variant_first, variant_last) != (first, last):
            variant = (
                f"{variant_last} {variant_first}"
                if surname_first
                else f"{variant_first} {variant_last}"
            )
            candidates.append(
                ActorAlias(name=variant, kind=ActorAlias.Kind.TRANSLITERATION, language="en")
            )
        if country.pool == "ua":
            candidates.append(
                ActorAlias(name=_cyrillic(name), kind=ActorAlias.Kind.NATIVE, language="uk")
            )
        if surname_first:
            candidates.append(
                ActorAlias(name=f"{first} {last}", kind=ActorAlias.Kind.OTHER, language="en")
            )
        else:
            candidates.append(ActorAlias(name=f"{first[0]}. {last}", kind=ActorAlias.Kind.OTHER))
        plan.aliases = [
            candidates[0],
            *rng.sample(candidates[1:], rng.randint(0, min(2, len(candidates) - 1))),
        ]
        precision = "day" if rng.random() < 0.7 else "year"
        born = datetime.date(rng.randint(1940, 1988), rng.randint(1, 12), rng.randint(1, 28))
        born = PartialDate.normalised(born, precision)
        plan.role = rng.choice(PERSON_ROLES)
        plan.obj = Actor(
            name=name,
            kind=Actor.Kind.PERSON,
            country=country.obj,
            born_on=born.date,
            born_on_precision=born.precision,
        )
        for alias in plan.aliases:
            alias.actor = plan.obj
        return plan

    def _plan_offices(self, rng, plans, people):
        offices, tenures = [], []
        first_year = self.today.year - 15
        people_by_country = defaultdict(list)
        for person in people:
            people_by_country[id(person.country)].append(person)
        for plan in plans:
            if plan.person or not people:
                continue
            for title, single in plan.offices[: rng.randint(1, len(plan.offices))]:
                office = Office(title=title, organisation=plan.obj, single_holder=single)
                offices.append(office)
                # Holders come from the organisation's country when it has enough people.
                local = people_by_country.get(id(plan.country), ())
                local = local if len(local) >= 3 else people
                if single:
                    start = datetime.date(
                        rng.randint(first_year, first_year + 7),
                        rng.randint(1, 12),
                        rng.randint(1, 28),
                    )
                    holder = None
                    while start < self.today:
                        holder = rng.choice([p for p in local if p is not holder] or people)
                        end = start + datetime.timedelta(days=rng.randint(500, 2200))
                        if end >= self.today:
                            end = (
                                None
                                if rng.random() < 0.85
                                else self.today - datetime.timedelta(days=rng.randint(1, 60))
                            )
                            if end is not None and end <= start:
                                end = None
                        tenures.append(self._tenure(holder, office, start, end))
                        if end is None:
                            break
                        start = end + datetime.timedelta(days=rng.choice([0, 0, 0, 1, 14, 60]))
                else:
                    for holder in rng.sample(local, min(len(local), rng.randint(2, 4))):
                        start = datetime.date(
                            rng.randint(first_year, self.today.year - 1), rng.randint(1, 12), 1
                        )
                        end = (
                            None
                            if rng.random() < 0.6
                            else start + datetime.timedelta(days=rng.randint(200, 1500))
                        )
                        if end is not None and end >= self.today:
                            end = None
                        tenures.append(self._tenure(holder, office, start, end))
        return offices, tenures

    @staticmethod
    def _tenure(holder, office, start, end):
        tenure = Tenure(
            actor=holder.obj,
            office=office,
            started_on=start,
            ended_on=end,
            single_holder=office.single_holder,
            note="acting" if end is not None and (end - start).days < 200 else "",
        )
        holder.tenures.append(tenure)
        return tenure

    @staticmethod
    def _person_description(plan):
        if plan.tenures:
            latest = max(plan.tenures, key=lambda tenure: tenure.started_on)
            if latest.ended_on is None:
                return f"{latest.office.title} since {latest.started_on.year}"
            return f"Former {latest.office.title}"
        return f"{plan.country.demonym} {plan.role}"

    # Sources ---------------------------------------------------------------------------------

    def build_sources(self, count):
        self.progress("sources", 0, count)
        rng = self._rng("sources")
        organisations = [
            plan
            for plan in self.actors
            if plan.obj.kind in (Actor.Kind.IGO, Actor.Kind.GOVERNMENT_BODY, Actor.Kind.STATE)
        ]
        span = (YEARS_OF_BRIEFINGS + 1) * 365
        sources = []
        for index in range(count):
            theme_name = rng.choice(THEME_NAMES)
            theme = THEMES[theme_name]
            published = self.today - datetime.timedelta(days=rng.randint(0, span))
            kind = _weighted(
                rng,
                [("press_report", 40), ("transcript", 14), ("official_statement", 14), ("video", 8),
                 ("government_document", 7), ("analysis", 11), ("social_post", 6)],
            )  # fmt: skip
            place = rng.choice(self.countries)
            writer = _Writer(rng, self, theme, [place], [], published)
            headline = writer.fill(rng.choice(theme.titles))
            if (
                kind in ("official_statement", "transcript", "government_document")
                and organisations
            ):
                organisation = rng.choice(organisations)
                publisher = organisation.obj.name
                domain = f"{slugify(organisation.short)}.example"
                title = {
                    "official_statement": f"Statement on the {rng.choice(theme.nouns)}",
                    "transcript": f"Transcript: {writer.fill(rng.choice(OCCASIONS))}",
                    "government_document": f"{_capitalise(rng.choice(theme.nouns))}: policy paper",
                }[kind]
                section = "news"
            else:
                publisher, domain, _ = rng.choice(
                    [p for p in PUBLISHERS if p[2] == kind] or PUBLISHERS
                )
                title = {"video": f"Video: {headline}", "social_post": f"Post: {headline}"}.get(
                    kind, headline
                )
                section = rng.choice(["world", "politics", "economy", "security"])
            url = f"https://{domain}/{section}/{published:%Y/%m/%d}/{_slug_with_suffix(title, f'{self.seed}-{index + 1}', 120)}"
            accessed = min(self.today, published + datetime.timedelta(days=rng.randint(0, 90)))
            source = Source(
                url=url,
                title=title[:300],
                publisher=publisher,
                kind=kind,
                published_on=published,
                accessed_on=accessed,
                archive_url=f"https://archive.example/{accessed:%Y%m%d}/{url}"
                if rng.random() < 0.2
                else "",
            )
            sources.append(source)
            self.theme_sources[theme_name].append((published, source))
        self._save("sources", Source, sources)
        for pairs in self.theme_sources.values():
            pairs.sort(key=lambda pair: pair[0])
        self.theme_source_dates = {
            theme: [published for published, _ in pairs]
            for theme, pairs in self.theme_sources.items()
        }
        self.all_sources = sources
        self.progress("sources", count, count)

    def source_before(self, rng, theme_name, day):
        """A source on the theme published shortly before `day`, or any source."""
        pairs = self.theme_sources.get(theme_name) or []
        end = bisect.bisect_right(self.theme_source_dates.get(theme_name, []), day)
        candidates = pairs[max(0, end - 30) : end]
        return rng.choice(candidates)[1] if candidates else rng.choice(self.all_sources)

    # Briefings ------------------------------------------------------------------------------

    def _title_plan(self, index):
        """Title, themes and countries of briefing `index`.

        They come from a stream of their own and from fixed lists only, so that briefing 1 of a
        seed has the same title (and slug) whatever the corpus size or the database holds.
        """
        rng = self._rng("title", index)
        themes = [rng.choice(THEME_NAMES)]
        if rng.random() < 0.3:
            themes.append(rng.choice([name for name in THEME_NAMES if name != themes[0]]))
        countries = []
        for _ in range(rng.randint(1, 3)):
            country = rng.choices(self.countries, cum_weights=self.country_weights)[0]
            if country not in countries:
                countries.append(country)
        writer = _Writer(rng, self, THEMES[themes[0]], countries, [], self.today)
        title = writer.fill(rng.choice(THEMES[themes[0]].titles), count=False)
        return _possessives(_capitalise(title))[:200], themes, countries

    def plan_briefings(self, indexes):
        batch = [self._plan_briefing(index) for index in indexes]
        if Briefing.objects.filter(slug__in=[plan.briefing.slug for plan in batch]).exists():
            raise CorpusExists(self.seed)
        return batch

    def save_briefings(self, chunks, *, total):
        batch = []
        for plans, rendered in chunks:
            results = iter(rendered())
            for plan in plans:
                plan.briefing.body_html, plan.briefing.body_toc = next(results)
            for plan in plans:
                for entry in plan.faq_entries:
                    entry.answer_html = next(results)[0]
            batch += plans
        briefings = [plan.briefing for plan in batch]
        self._save("briefings", Briefing, briefings)
        new_quotes = [quote for plan in batch for quote in plan.new_quotes]
        self._save("quotes", Quote, new_quotes)
        self._save(
            "quote links", BriefingQuote, [link for plan in batch for link in plan.quote_links]
        )
        self._save(
            "actor links", BriefingActor, [link for plan in batch for link in plan.actor_links]
        )
        entries = [entry for plan in batch for entry in plan.faq_entries]
        self._save("FAQ entries", FAQEntry, entries)
        self._save("corrections", Correction, [c for plan in batch for c in plan.corrections])
        topics, places, sources = (
            Briefing.topics.through,
            Briefing.places.through,
            Briefing.sources.through,
        )
        self._save(
            "topic links",
            topics,
            [topics(briefing=p.briefing, topic=topic) for p in batch for topic in p.topics],
        )
        self._save(
            "place links",
            places,
            [places(briefing=p.briefing, place=place) for p in batch for place in p.places],
        )
        self._save(
            "source links",
            sources,
            [sources(briefing=p.briefing, source=source) for p in batch for source in p.sources],
        )
        related = Briefing.related.through
        self._save(
            "related links",
            related,
            [
                related(from_briefing=plan.briefing, to_briefing=other)
                for plan in batch
                for other in plan.related
            ],
        )
        faq_topics = FAQEntry.topics.through
        self._save(
            "FAQ topic links",
            faq_topics,
            [
                faq_topics(faqentry=entry, topic=plan.topics[0])
                for plan in batch
                for entry in plan.faq_entries
            ],
        )
        # A briefing last changed when it was published, not when the corpus was generated.
        Briefing.objects.filter(
            pk__in=[b.pk for b in briefings if b.published_at and b.published_at <= self.now]
        ).update(created_at=F("published_at"), updated_at=F("published_at"))
        self.progress("briefings", self.counts["briefings"], total)

    def _plan_briefing(self, index):
        title, theme_names, places = self._title_plan(index)
        themes = [THEMES[name] for name in theme_names]

        rng = self._rng("briefing", index)
        plan = _BriefingPlan()
        status = _weighted(rng, STATUS_WEIGHTS)
        day = datetime.timedelta(days=1)
        if status == "published":
            published_at = self.now - rng.uniform(0.1, YEARS_OF_BRIEFINGS * 365) * day
        elif status == "scheduled":
            status, published_at = "published", self.now + rng.uniform(1, 30) * day
        elif status == "archived":
            published_at = self.now - rng.uniform(365, YEARS_OF_BRIEFINGS * 365) * day
        else:
            published_at = None
        reference = (published_at or self.now).date()
        if reference > self.today:
            reference = self.today

        plan.topics = list(
            dict.fromkeys(self.topics[name] for theme in themes for name in theme.topics)
        )[: rng.randint(1, 3)]
        linked_places = [place.obj for place in places]
        if rng.random() < 0.5:
            region = self.regions[rng.choice(places[0].regions)]
            linked_places.append(region.obj)
        if rng.random() < 0.25 and self.cities.get(places[0].iso):
            linked_places.append(rng.choice(self.cities[places[0].iso]).obj)
        plan.places = list(dict.fromkeys(linked_places))[:3]

        actors = self._choose_actors(rng, places)
        quotes, plan.new_quotes = self._choose_quotes(
            rng, actors, theme_names[0], themes[0], places, reference
        )
        writer = _Writer(rng, self, themes[0], places, actors, reference, extra_themes=themes[1:])
        body = writer.body(quotes)
        standfirst = _possessives(_capitalise(writer.fill(rng.choice(STANDFIRSTS), count=False)))
        briefing = Briefing(
            title=title,
            slug=self.briefing_slug(index, title),
            standfirst=standfirst[:600],
            body=body,
            kind=_weighted(rng, KIND_WEIGHTS),
            status=status,
            published_at=published_at,
            information_as_of=reference - rng.randint(0, 3) * day if published_at else None,
            featured=status == "published" and rng.random() < 0.02,
        )
        plan.briefing = briefing

        speakers = {id(quote.speaker) for quote in quotes}
        for order, actor in enumerate(actors):
            role = (
                BriefingActor.Role.SUBJECT if order == 0
                else BriefingActor.Role.QUOTED if id(actor.obj) in speakers
                else BriefingActor.Role.MENTIONED
            )  # fmt: skip
            plan.actor_links.append(
                BriefingActor(
                    briefing=briefing,
                    actor=actor.obj,
                    role=role,
                    mention_count=writer.mentions[id(actor)],
                )
            )
        for order, quote in enumerate(quotes, start=1):
            plan.quote_links.append(BriefingQuote(briefing=briefing, quote=quote, order=order))
        plan.sources = list(dict.fromkeys(
            [quote.source for quote in quotes if quote.source is not None]
            + [self.source_before(rng, theme_names[0], reference) for _ in range(rng.randint(1, 2))]
        ))  # fmt: skip
        plan.faq_entries = writer.faq_entries(briefing, published_at)
        if status == "published" and published_at <= self.now and rng.random() < 0.03:
            noted = min(self.now, published_at + rng.uniform(1, 60) * day)
            plan.corrections.append(
                Correction(
                    briefing=briefing,
                    kind=rng.choice(Correction.Kind.values),
                    published_at=noted,
                    text=_capitalise(writer.fill(rng.choice(CORRECTIONS), count=False)),
                )
            )
        recent = self.theme_briefings[theme_names[0]]
        if recent and rng.random() < 0.4:
            plan.related = rng.sample(recent, min(len(recent), rng.randint(1, 2)))
        if briefing.status == Briefing.Status.PUBLISHED:
            recent.append(briefing)
            del recent[:-50]
        return plan

    def _choose_actors(self, rng, places):
        wanted = rng.randint(2, 6)
        chosen, shorts = [], set()
        for _ in range(wanted * 4):
            if len(chosen) == wanted:
                break
            local = self.actors_by_country.get(rng.choice(places).iso)
            if local and rng.random() < 0.5:
                actor = rng.choice(local)
            else:
                actor = rng.choices(self.actors, cum_weights=self.actor_weights)[0]
            # Two actors called alike in one text would make its mentions ambiguous.
            if actor in chosen or actor.short in shorts or actor.obj.name in shorts:
                continue
            chosen.append(actor)
            shorts.update((actor.short, actor.obj.name))
        if not any(actor.person for actor in chosen):
            # Someone has to speak the quotes.
            person = rng.choice(self.people)
            for _ in range(20):
                if person.short not in shorts and person.obj.name not in shorts:
                    break
                person = rng.choice(self.people)
            if len(chosen) == wanted:
                chosen[-1] = person
            else:
                chosen.append(person)
        return chosen

    def _choose_quotes(self, rng, actors, theme_name, theme, places, reference):
        """The briefing's quotes, and those of them that are new."""
        speakers = [actor for actor in actors if actor.person] or actors
        quotes, new = [], []
        for _ in range(rng.randint(4, 6)):
            speaker = rng.choice(speakers if rng.random() < 0.85 else actors)
            # Now and then a briefing uses a quote stored for another one, said before it.
            if speaker.quotes and rng.random() < 0.1:
                quote = rng.choice(speaker.quotes)
                if quote.said_on <= reference and not any(quote is used for used in quotes):
                    quotes.append(quote)
                    continue
            quote = self._new_quote(rng, speaker, theme_name, theme, places, reference)
            quotes.append(quote)
            new.append(quote)
        return quotes, new

    def _new_quote(self, rng, speaker, theme_name, theme, places, reference):
        writer = _Writer(rng, self, theme, places, [], reference)
        said = reference - datetime.timedelta(days=rng.randint(1, 150))
        source = self.source_before(rng, theme_name, said) if rng.random() < 0.9 else None
        if source is not None and source.published_on <= reference:
            said = source.published_on - datetime.timedelta(days=rng.choice([0, 0, 0, 1, 2]))
        precision = _weighted(rng, [("day", 80), ("month", 15), ("year", 5)])
        partial = PartialDate.normalised(said, precision)
        known = speaker.quote_texts
        for attempt in range(12):
            first = rng.choice(theme.quotes if rng.random() < 0.6 else QUOTE_SENTENCES)
            text = _possessives(_capitalise(writer.fill(first, count=False)))
            if attempt > 3 or rng.random() < 0.3:
                second = rng.choice([t for t in QUOTE_SENTENCES if t != first])
                text = f"{text} {_possessives(_capitalise(writer.fill(second, count=False)))}"
            if normalise_quote_text(text) not in known:
                break
        else:
            text = f"{text} I said it in {said.year}, and I say it again."
        verification = _weighted(rng, VERIFICATION_WEIGHTS)
        if source is None and verification == Quote.Verification.VERIFIED:
            verification = Quote.Verification.REPORTED
        tenure = self._tenure_on(speaker, partial)
        quote = Quote(
            text=text,
            text_normalised=normalise_quote_text(text),
            speaker=speaker.obj,
            tenure=tenure,
            attributed_as=(
                ""
                if tenure is not None or rng.random() < 0.5
                else speaker.obj.short_description[:200]
            ),
            said_on=partial.date,
            said_on_precision=partial.precision,
            occasion=writer.fill(rng.choice(OCCASIONS), count=False),
            context=writer.fill(rng.choice(QUOTE_CONTEXTS), count=False)
            if rng.random() < 0.3
            else "",
            source=source,
            source_locator=(
                rng.choice(
                    [
                        f"{rng.randint(0, 1):02}:{rng.randint(0, 59):02}:{rng.randint(0, 59):02}",
                        f"para. {rng.randint(1, 20)}",
                        f"p. {rng.randint(1, 40)}",
                    ]
                )
                if source is not None and rng.random() < 0.6
                else ""
            ),
            verification=verification,
            verified_at=(
                datetime.datetime.combine(
                    min(self.today, said + datetime.timedelta(days=rng.randint(1, 30))),
                    datetime.time(12),
                    tzinfo=datetime.UTC,
                )
                if verification == Quote.Verification.VERIFIED
                else None
            ),
        )
        speaker.quotes.append(quote)
        known.add(quote.text_normalised)
        return quote

    @staticmethod
    def _tenure_on(speaker, partial):
        """The tenure held throughout the date said, when exactly one fits (as Actor.tenure_on)."""
        fitting = [
            tenure
            for tenure in speaker.tenures
            if tenure.covers(partial.earliest) and tenure.covers(partial.latest)
        ]
        return fitting[0] if len(fitting) == 1 else None

    # Search -----------------------------------------------------------------------------------

    def rebuild_search(self):
        """bulk_create sends no signals, so the vectors are computed once, at the end."""
        self.progress("search", 0, 1)
        started = time.monotonic()
        if connection.vendor == "postgresql":
            # Statistics for the freshly filled tables, so that the rebuild's joins use indexes.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        rows = sum(rebuild_search_vectors().values())
        self.progress("search", 1, 1)
        return time.monotonic() - started, rows


CORRECTIONS = [
    "An earlier version of this briefing gave the wrong year for the last attempt to {action}.",
    "This briefing was updated to reflect developments in {city}.",
    "An earlier version misstated the position of {place} on the {noun}.",
    "A quotation was attributed to the wrong speaker; it has been corrected.",
]


@dataclass
class _BriefingPlan:
    """A briefing and the rows around it, before they are saved."""

    briefing: Briefing = None
    topics: list = field(default_factory=list)
    places: list = field(default_factory=list)
    sources: list = field(default_factory=list)
    related: list = field(default_factory=list)
    actor_links: list = field(default_factory=list)
    quote_links: list = field(default_factory=list)
    new_quotes: list = field(default_factory=list)
    faq_entries: list = field(default_factory=list)
    corrections: list = field(default_factory=list)

    @staticmethod
    def texts(batch):
        """The Markdown to render, in the order save_briefings() reads the results."""
        return [plan.briefing.body for plan in batch] + [
            entry.answer for plan in batch for entry in plan.faq_entries
        ]


class _Writer:
    """Fills sentence templates from a theme, the briefing's places and its actors."""

    def __init__(self, rng, builder, theme, places, actors, reference, extra_themes=()):
        self.rng = rng
        self.builder = builder
        self.themes = [theme, *extra_themes]
        self.theme = theme
        self.places = places
        self.actors = actors
        self.reference = reference
        self.mentions = defaultdict(int)
        self.introduced = set()
        self.counting = False
        self.next_actor = rng.randrange(len(actors)) if actors else 0
        self.sentence_state = {}

    def fill(self, template, count=True):
        """The template with every {slot} filled; mentions of actors are counted when `count`."""
        self.counting = count
        self.sentence_state = {}
        if len(self.themes) > 1 and self.rng.random() < 0.2:
            self.theme = self.rng.choice(self.themes[1:])
        else:
            self.theme = self.themes[0]
        return self._fill(template)

    def _fill(self, template):
        parts = _compiled(template)
        out = [parts[0]]
        for index in range(1, len(parts), 2):
            method, capitalised = parts[index]
            value = getattr(self, method)()
            if "{" in value:
                value = self._fill(value)
            out.append(_capitalise(value) if capitalised else value)
            out.append(parts[index + 1])
        return "".join(out)

    # Slots.

    def _mention(self, actor):
        if self.counting:
            self.mentions[id(actor)] += 1
            if id(actor) in self.introduced:
                return actor.short_text
            self.introduced.add(id(actor))
        return actor.text

    def _actor(self):
        if not self.actors:
            return self._official()
        actor = self.actors[self.next_actor % len(self.actors)]
        self.next_actor += 1
        return self._mention(actor)

    def _actor_name(self):
        return self._mention(self.actors[0]) if self.actors else "the government"

    def _place(self):
        return self.rng.choice(self.places).text

    def _place2(self):
        others = self.places[1:] or [c for c in self.builder.countries if c not in self.places]
        return self.rng.choice(others).text

    def _city(self):
        country = self.rng.choice(self.places)
        cities = self.builder.cities.get(country.iso) or ()
        return self.rng.choice([country.capital, *(city.text for city in cities)])

    @functools.cached_property
    def regions(self):
        regions = [
            self.builder.regions[name]
            for place in self.places
            for name in place.regions
            if self.builder.regions[name].obj.kind == Place.Kind.REGION
        ]
        return regions or self.builder.land_regions

    def _region(self):
        return self.rng.choice(self.regions).text

    def _pick(self, key, options):
        # Two slots of one kind in a sentence ({noun} and {noun2}) get different words.
        used = self.sentence_state.setdefault(key, set())
        choices = [option for option in options if option not in used] or options
        value = self.rng.choice(choices)
        used.add(value)
        return value

    def _noun(self):
        return self._pick("noun", self.theme.nouns)

    _noun2 = _noun

    def _action(self):
        return self._pick("action", self.theme.actions)

    _action2 = _action

    def _adj(self):
        pool = self.theme.adjectives if self.rng.random() < 0.6 else GENERAL_ADJECTIVES
        return self.rng.choice(pool)

    def _commodity(self):
        return self.rng.choice(self.theme.commodities)

    def _state(self):
        return self.rng.choice(STATES)

    def _official(self):
        return self.rng.choice(OFFICIALS)

    def _timeframe(self):
        return self.rng.choice(TIMEFRAMES)

    def _says(self):
        return self.rng.choice(SAYS)

    def _mood(self):
        return self.rng.choice(MOODS)

    def _month(self):
        return self.rng.choice(MONTHS)

    def _year(self):
        return str(self.rng.randint(self.reference.year - 8, self.reference.year - 1))

    def _number(self):
        return str(self.rng.choice([5, 6, 8, 10, 12, 15, 20, 25, 30, 40, 60, 120, 300]))

    def _percent(self):
        return f"{self.rng.randint(3, 64)} per cent"

    def _money(self):
        if self.rng.random() < 0.5:
            return f"${self.rng.randint(12, 480) / 10:g}bn"
        return f"€{self.rng.randint(15, 95) * 10}m"

    def _media(self):
        return self.rng.choice(self.builder.media_names)

    # Whole texts.

    def sentence(self, used):
        """A sentence whose template the text has not used yet, while there are any left."""
        pools = [self.themes[0].sentences, SENTENCES]
        if self.rng.random() >= 0.2:
            pools.reverse()
        for pool in pools:
            fresh = [template for template in pool if template not in used]
            if fresh:
                break
        template = self.rng.choice(fresh or SENTENCES)
        used.add(template)
        return _possessives(_capitalise(self.fill(template)))

    def body(self, quotes):
        rng = self.rng
        section_count = rng.randint(3, 6)
        budget = rng.randint(420, 700) // section_count
        list_in = rng.randrange(section_count) if rng.random() < 0.4 else None
        quote_in = rng.randrange(section_count) if quotes and rng.random() < 0.35 else None
        headings, used, sections = set(), set(), []
        for number in range(section_count):
            heading = self._heading(headings)
            paragraphs, words = [], 0
            while words < budget:
                sentences = []
                for _ in range(rng.randint(3, 5)):
                    sentences.append(self.sentence(used))
                    words += len(sentences[-1].split())
                    if words >= budget:
                        break
                paragraphs.append(" ".join(sentences))
            if number == list_in:
                paragraphs.insert(1, self._list(used))
            if number == quote_in:
                paragraphs.insert(len(paragraphs) - 1, self._blockquote(quotes[0]))
            sections.append([f"## {heading}", *paragraphs])
        # Every linked actor is named at least once.
        for actor in self.actors:
            if not self.mentions[id(actor)]:
                self.counting = True
                sentence = rng.choice(
                    [
                        "{} did not respond to a request for comment.",
                        "{} has so far stayed out of the debate.",
                        "{} is expected to weigh in before long.",
                    ]
                ).format(self._mention(actor))
                sections[-1][-1] += " " + _capitalise(sentence)
        return "\n\n".join("\n\n".join(section) for section in sections)

    def _heading(self, taken):
        for _ in range(10):
            pool = self.themes[0].headings if self.rng.random() < 0.5 else GENERAL_HEADINGS
            heading = _possessives(_capitalise(self.fill(self.rng.choice(pool))))
            if heading.casefold() not in taken:
                break
        else:
            heading = f"{heading}, continued"
        taken.add(heading.casefold())
        return heading

    def _list(self, used):
        nouns = self.rng.sample(self.themes[0].nouns, self.rng.randint(3, 4))
        intro = self.rng.choice(["What to watch:", "The main points of friction:", "In brief:"])
        items = [f"- **{_capitalise(noun)}**: {self.sentence(used)}" for noun in nouns]
        return "\n".join([intro, "", *items])

    def _blockquote(self, quote):
        speaker = next((a for a in self.actors if a.obj is quote.speaker), None)
        name = self._mention(speaker) if speaker else quote.speaker.name
        return f"> {quote.text}\n>\n> — {_capitalise(name)}"

    def faq_entries(self, briefing, published_at):
        rng = self.rng
        pool = list(self.themes[0].questions) + GENERAL_QUESTIONS
        rng.shuffle(pool)
        wanted = rng.randint(2, 4)
        entries, asked = [], set()
        for template in pool:
            if len(entries) == wanted:
                break
            question = _possessives(_capitalise(self.fill(template, count=False)))
            if question.casefold() in asked:
                continue
            asked.add(question.casefold())
            used = set()
            paragraphs = [" ".join(self._answer_sentence(used) for _ in range(rng.randint(2, 4)))]
            if rng.random() < 0.25:
                nouns = rng.sample(self.themes[0].nouns, 3)
                paragraphs.append("\n".join(f"- the {noun}" for noun in nouns))
            if rng.random() < 0.2:
                paragraphs.append(self._answer_sentence(used))
            answer = "\n\n".join(paragraphs)
            reviewed = None
            if published_at and published_at.date() <= self.builder.today and rng.random() < 0.6:
                reviewed = published_at.date() + datetime.timedelta(
                    days=rng.randint(0, max(0, (self.builder.today - published_at.date()).days))
                )
            entries.append(
                FAQEntry(
                    question=question[:300],
                    answer=answer,
                    briefing=briefing,
                    order=len(entries) + 1,
                    last_reviewed_on=reviewed,
                )
            )
        return entries

    def _answer_sentence(self, used):
        pool = ANSWER_SENTENCES if self.rng.random() < 0.6 else self.themes[0].sentences
        template = self.rng.choice([t for t in pool if t not in used] or pool)
        used.add(template)
        return _possessives(_capitalise(self.fill(template, count=False)))
