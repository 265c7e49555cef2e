"""Sentence templates and word lists for the synthetic corpus (``bench/corpus.py``).

Written for this project, not copied from any article.  Each topic has a
title pattern and sentences with slots in braces; ``bench/corpus.py`` fills the
slots.  The figure slots are the mix a news corpus has: counts with scale words
and separators, money in several currencies (symbols, codes, names, crore),
percent, percentage points, ranges, fractions, qualifiers ("about", "more than").
The trap slots are what the extractors must not take for statistics: years,
dates, times, ordinals, names with digits, scores, page numbers.

Slots:
  figures: {count} {count_small} {money} {usd} {pct} {pct_change} {pp} {range}
           {fraction} {word_number} {duration}
  traps:   {year} {prev_year} {date} {time} {ordinal} {product} {score} {page}
  names:   {place} {company} {team} {team2} {person} {agency} {city} {sector}
           {drug} {month}
"""

from __future__ import annotations

PLACES = (
    "Portugal", "Kenya", "Vietnam", "Chile", "Poland", "Indonesia", "Canada", "Ghana",
    "Norway", "Peru", "Thailand", "Morocco", "Ireland", "Colombia", "Malaysia", "Finland",
    "the Philippines", "New Zealand", "Egypt", "Romania", "India", "Brazil", "Japan",
    "Germany", "Mexico", "South Africa", "the United Kingdom", "the United States", "China",
)  # fmt: skip
CITIES = (
    "Lisbon", "Nairobi", "Hanoi", "Santiago", "Krakow", "Surabaya", "Calgary", "Accra",
    "Bergen", "Lima", "Chiang Mai", "Casablanca", "Cork", "Medellin", "Penang", "Tampere",
)  # fmt: skip
COMPANIES = (
    "Northwind Logistics", "Brightwater Foods", "Halvorsen Energy", "Quillfeather Media",
    "Tamarind Telecom", "Ostrava Steelworks", "Bluecrest Pharmaceuticals", "Kestrel Motors",
    "Lindqvist Retail", "Marigold Insurance", "Pinecone Software", "Rutherford Mining",
    "Saffron Airlines", "Corvid Semiconductors", "Wexford Breweries", "Zephyr Shipping",
)  # fmt: skip
TEAMS = (
    "Riverside Rovers", "Harbour City", "Northgate United", "Eastfield Athletic",
    "Southbank Wanderers", "Millbrook Town", "Westmoor Rangers", "Kingsport Albion",
)  # fmt: skip
PEOPLE = (
    "Amara Okafor", "Lukas Brandt", "Mei Lin Tan", "Rafael Ortega", "Ingrid Solberg",
    "Tomasz Wojcik", "Priya Raman", "Hamid Karimi", "Chloe Dubois", "Kwame Mensah",
)  # fmt: skip
AGENCIES = (
    "the national statistics office", "the central bank", "the finance ministry",
    "the health ministry", "an industry association", "the regulator", "a trade body",
    "researchers at the state university", "the labour ministry", "the treasury",
)  # fmt: skip
SECTORS = (
    "manufacturing", "retail", "construction", "tourism", "agriculture", "logistics",
    "financial services", "mining", "hospitality", "software",
)  # fmt: skip
DRUGS = ("Veltrazine", "Orimab", "Calnovir", "Dexaprol", "Lumenta", "Pravostat")
PRODUCTS = (
    "Windows 11", "the Galaxy S24", "iPhone 15", "the Boeing 737", "the Airbus A320",
    "Model 3", "PlayStation 5", "the A17 chip", "Android 14", "the Pixel 8",
)  # fmt: skip
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
PUBLISHERS = (
    "The Harbour Ledger", "Daily Meridian", "Northern Courier", "The Civic Standard",
    "Coastline Post", "The Evening Lantern", "Metro Dispatch", "Global Wire Review",
)  # fmt: skip

CURRENCIES = (
    # (weight, how an amount is written: {n} is the number with its scale word)
    (30, "${n}"),
    (8, "US${n}"),
    (10, "€{n}"),
    (6, "{n} euros"),
    (8, "£{n}"),
    (4, "{n} pounds"),
    (6, "{n} yuan"),
    (3, "RMB {n}"),
    (4, "¥{n}"),
    (3, "{n} yen"),
    (4, "Rs {n}"),
    (3, "{n} rupees"),
    (3, "CHF {n}"),
    (2, "{n} Swiss francs"),
    (3, "A${n}"),
    (3, "C${n}"),
    (2, "{n} reais"),
    (2, "{n} rand"),
    (2, "{n} zloty"),
)  # fmt: skip

QUALIFIERS = (
    (60, ""),
    (6, "about "),
    (4, "around "),
    (3, "roughly "),
    (4, "nearly "),
    (3, "almost "),
    (5, "more than "),
    (3, "over "),
    (2, "at least "),
    (3, "less than "),
    (2, "up to "),
    (2, "an estimated "),
)  # fmt: skip

FRACTIONS = (
    "half", "one-third", "two-thirds", "one-fourth", "a quarter", "three in four",
    "one in five", "nine out of 10", "one in 10",
)  # fmt: skip
WORD_NUMBERS = (
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve",
    "fifteen", "twenty", "thirty", "forty",
)  # fmt: skip
ORDINALS = ("second", "third", "fifth", "10th", "13th", "21st", "first", "fourth")

ECONOMY = (
    "{place}'s economy grew {pct} in the {ordinal} quarter of {year}, {agency} said on {date}.",
    "Inflation eased to {pct} in {month} from {pct} a month earlier, the lowest since {prev_year}.",
    "Unemployment fell by {pp} to {pct}, with {count} people out of work.",
    "Exports rose {pct_change} to {money}, while imports reached {money}.",
    "The government plans to spend {money} on roads and rail over the next five years.",
    "The trade deficit widened to {usd} in {month}, according to {agency}.",
    "Household debt stands at {pct} of disposable income, {agency} estimates.",
    "Some {count} jobs were added in {sector} in {year}, more than in any year since {prev_year}.",
    "The central bank raised its key rate by 25 basis points to {pct} at its meeting on {date}.",
    "Retail sales were {pct_change} higher than a year earlier at {money}.",
    "Public debt is forecast to reach {pct} of GDP by {year}, up from {pct} in {prev_year}.",
    "Remittances from abroad totalled {money} ({usd}), or {pct} of output.",
    "{fraction} of households said prices had risen faster than wages, a survey of "
    "{count} people found.",
    "Minimum wages will rise to {money} a month from {month}, the labour ministry said.",
    "Tax revenue came in at {money} between January and {month}, {pct_change} more than planned.",
    "Growth is expected to be {range} percent next year, economists polled by {agency} said.",
    "The budget, presented at {time} on {date}, sets aside {money} for pensions.",
    "Foreign direct investment fell {pct_change} to {usd}, the {ordinal} decline in a row.",
)  # fmt: skip
TECH = (
    "{company} said it had {count} monthly users of its app at the end of {year}.",
    "Smartphone shipments in {place} fell {pct_change} to {count} units, led by {product}.",
    "The company will invest {usd} in a data centre near {city} over the next decade.",
    "Broadband now reaches {pct} of homes in {place}, up from {pct} in {prev_year}.",
    "Online retailers sold {money} worth of goods in {month}, {agency} said.",
    "{company} plans to hire {count_small} engineers and open {word_number} offices by {year}.",
    "The update to {product} was downloaded {count} times in its first week.",
    "Cyber attacks on banks rose {pct_change} in {year}, with losses of about {usd}.",
    "Chip sales reached {usd} in the quarter, {pct_change} more than a year earlier.",
    "A survey of {count_small} firms found that {fraction} use cloud software daily.",
    "The start-up raised {usd} in a funding round led by investors from {city}.",
    "Electric car registrations climbed to {count}, or {pct} of new cars sold.",
    "Average download speeds rose to {count_small} megabits per second, page {page} of the "
    "report shows.",
    "{company}'s cloud unit had revenue of {money}, the {ordinal} quarter of growth above {pct}.",
    "The regulator fined the platform {money} on {date} for breaching privacy rules.",
    "Mobile payments processed {money} in {year}, almost {pct_change} up on {prev_year}.",
)  # fmt: skip
SPORT = (
    "{team} beat {team2} {score} on {date} in front of {count_small} fans.",
    "The club paid a record {money} for the striker, who signed a {word_number}-year deal.",
    "Ticket sales for the final topped {count}, the organisers said.",
    "{person} has scored {count_small} goals in {word_number} seasons since joining in "
    "{prev_year}.",
    "Broadcast rights for the league were sold for {money} for the next three seasons.",
    "The marathon in {city} drew {count} runners, about {pct_change} more than in {prev_year}.",
    "Attendance at the stadium averaged {count_small} a match, {pct} of capacity.",
    "{team} finished {ordinal} after a {score} draw at {time} on {date}.",
    "The federation says {fraction} of registered players are under 18.",
    "Prize money for the tournament rose to {money}, with {usd} for the winner.",
    "Club revenue fell {pct_change} to {money} in the {year} season, its accounts show.",
    "{person} ran the distance in 2 hours and 4 minutes, the {ordinal} fastest time ever.",
    "About {count} people watched the match on television, {agency} estimated.",
)  # fmt: skip
HEALTH = (
    "Hospital admissions for flu rose to {count_small} in the week to {date}, {agency} said.",
    "The trial of {drug} enrolled {count_small} patients in {word_number} countries.",
    "Waiting lists reached {count}, with {count_small} people waiting more than a year.",
    "The vaccine was {pct} effective against severe illness, researchers reported.",
    "Spending on health will rise to {money} in {year}, or {pct} of the budget.",
    "Obesity affects {fraction} adults in {place}, up from {pct} in {prev_year}.",
    "The country has {count_small} doctors for every 10,000 people, below the regional "
    "average of {count_small}.",
    "Deaths from heart disease fell {pct_change} over the decade, {agency} found.",
    "{drug} costs {money} a year per patient, page {page} of the filing shows.",
    "A new hospital with {count_small} beds will open in {city} in {year} at a cost of {money}.",
    "Cases of COVID-19 fell to {count_small} in the week, after a peak of {count} in {prev_year}.",
    "Life expectancy in {place} rose to {count_small} years, {duration} more than in {prev_year}.",
    "Nearly {pct} of nurses said they planned to leave within {word_number} years, a survey found.",
)  # fmt: skip
RESULTS = (
    "{company} reported net profit of {money} for {year}, up {pct_change} from {prev_year}.",
    "Revenue rose to {money} ({usd}) in the three months to {month}.",
    "The group will pay a dividend of {money} a share on {date}.",
    "Operating margin narrowed by {pp} to {pct}, the company said at {time}.",
    "{company} shares fell {pct_change} after the results, wiping {usd} off its market value.",
    "The company employs {count} people and plans to cut {count_small} jobs by {year}.",
    "Sales in {place} accounted for {fraction} of the total, or {money}.",
    "Chief executive {person} said orders worth {money} had been booked since {month}.",
    "Net debt was {money} at the end of the quarter, against {money} a year earlier.",
    "The board approved a share buyback of up to {usd}, its {ordinal} in {word_number} years.",
    "Costs rose {pct_change} to {money}, driven by wages and energy.",
    "Guidance for {year} was kept at revenue growth of {range} percent.",
    "{company} delivered {count} vehicles in the quarter, including {count_small} of the "
    "{product}.",
    "Earnings per share were {money}, ahead of the {money} analysts had expected.",
)  # fmt: skip
FILLER = (
    "{person}, who leads the team, said the figures were encouraging but fragile.",
    "Officials did not say when further details would be published.",
    "The announcement was made at a news conference in {city}.",
    "Critics argue the numbers hide large differences between regions.",
    "Analysts expect the trend to continue into next year.",
    "The report, released on {date}, draws on data collected since {prev_year}.",
    "\"We are seeing a real change in how people behave,\" {person} said.",
    "The findings are due to be discussed by lawmakers later this month.",
    "Opposition politicians called for an independent review of the data.",
    "Several companies declined to comment on the figures.",
    "The {ordinal} edition of the survey was carried out by {agency}.",
    "Section 12 of the law sets out how the money may be spent.",
    "The meeting ended shortly before {time}.",
    "People in {city} who spoke to this newspaper described a mixed picture, with some "
    "doing better than they had feared and others struggling to keep up.",
    "The figures were compiled from tax records, company filings and household surveys, "
    "{agency} said, and may be revised when more returns come in.",
    "Economists cautioned against reading too much into a single release, pointing out that "
    "the numbers for the same period last year had been revised twice.",
    "{person} said the government would publish a fuller account once the audit was "
    "complete, and promised that the methods would be made public.",
    "Trade unions welcomed the news but said that many of their members had yet to feel "
    "any benefit, especially outside the capital.",
    "The opposition said the announcement was timed to distract from other problems and "
    "asked for the underlying data to be released in full.",
    "Industry groups had lobbied for months for clearer rules, arguing that uncertainty was "
    "holding back investment in {sector}.",
    "Local officials in {city} said they had not been consulted and would study the plans "
    "before deciding whether to take part.",
    "A spokesperson for {company} said the company did not comment on market speculation.",
    "The changes will be phased in gradually, starting with the largest firms, and smaller "
    "businesses will be given more time to adapt.",
    "Independent experts said the approach was sound in principle but that much would depend "
    "on how the rules were enforced in practice.",
    "The details were first reported by {person}, a columnist who has followed the sector "
    "for many years.",
    "Residents of {city} have long complained about the state of public services, and the "
    "issue is expected to feature in the coming election campaign.",
    "The ministry's statement did not say how the programme would be paid for, and officials "
    "declined to give a timetable.",
    "Markets barely moved on the news, which had been widely expected by investors.",
    "In a letter to shareholders, the board said it remained confident about the long-term "
    "outlook despite a difficult year.",
    "Researchers involved in the study said larger samples would be needed before firm "
    "conclusions could be drawn.",
    "The story was updated on {date} to include a response from {agency}.",
)  # fmt: skip

TOPICS = {
    # topic: (weight, title patterns, sentence templates)
    "economy": (
        30,
        ("{place}'s economy grows {pct} as exports pick up", "Inflation in {place} eases to {pct}",
         "{place} budget sets aside {money} for infrastructure"),
        ECONOMY,
    ),
    "technology": (
        20,
        ("{company} reaches {count} users", "Smartphone sales slip in {place}",
         "{company} to invest {usd} in {city} data centre"),
        TECH,
    ),
    "sport": (
        15,
        ("{team} beat {team2} {score}", "Record {money} deal for {team}",
         "{city} marathon draws {count} runners"),
        SPORT,
    ),
    "health": (
        15,
        ("Hospital waiting lists reach {count}", "{drug} trial reports results",
         "Health spending in {place} to rise to {money}"),
        HEALTH,
    ),
    "company results": (
        20,
        ("{company} profit rises {pct_change}", "{company} revenue reaches {money}",
         "{company} shares fall after results"),
        RESULTS,
    ),
}  # fmt: skip
