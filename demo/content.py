"""Kenyan CBC demo content: names, places, strands, courses, questions, products.

Plain data only, shared by the base demo set and the `--scale` volume. Strand
and sub-strand names follow the KICD curriculum designs loosely; they are
demo material, not an official syllabus.
"""

from __future__ import annotations

from urbanhome.core.cbc import SchoolLevel

# ------------------------------------------------------------------ people
FIRST_NAMES = [
    "Amani",
    "Baraka",
    "Wanjiku",
    "Achieng",
    "Otieno",
    "Kiprop",
    "Chebet",
    "Njeri",
    "Kamau",
    "Akinyi",
    "Wafula",
    "Nafula",
    "Muthoni",
    "Jeptoo",
    "Omondi",
    "Atieno",
    "Mwende",
    "Kioko",
    "Nduta",
    "Wairimu",
    "Waweru",
    "Auma",
    "Ochieng",
    "Halima",
    "Abdi",
    "Fatuma",
    "Hassan",
    "Zawadi",
    "Imani",
    "Neema",
    "Faith",
    "Brian",
    "Kevin",
    "Mercy",
    "Grace",
    "Joy",
    "Sharon",
    "Dennis",
    "Collins",
    "Esther",
    "Purity",
    "Ian",
    "Tabitha",
    "Makena",
    "Kendi",
    "Gitonga",
    "Nyambura",
    "Jelimo",
    "Rotich",
    "Cherono",
    "Wekesa",
    "Nekesa",
    "Mumbi",
    "Karimi",
    "Mugo",
    "Kariuki",
    "Shani",
    "Juma",
    "Rehema",
    "Salim",
    "Lokai",
    "Naserian",
    "Saitoti",
    "Nasimiyu",
]

LAST_NAMES = [
    "Odhiambo",
    "Kamau",
    "Otieno",
    "Mwangi",
    "Njoroge",
    "Kiptoo",
    "Wanyama",
    "Mutua",
    "Kiprono",
    "Ochieng",
    "Wambui",
    "Kimani",
    "Onyango",
    "Chepkoech",
    "Mohamed",
    "Ali",
    "Barasa",
    "Simiyu",
    "Wekesa",
    "Langat",
    "Koech",
    "Rotich",
    "Karanja",
    "Gitau",
    "Musyoka",
    "Kilonzo",
    "Maina",
    "Njuguna",
    "Owino",
    "Achieng",
    "Nyaga",
    "Mbugua",
    "Kariuki",
    "Waweru",
    "Ndirangu",
    "Opiyo",
    "Korir",
    "Bett",
    "Lemayian",
    "Ekiru",
]

# Safaricom and Airtel mobile prefixes (national significant number starts).
PHONE_PREFIXES = [
    "710",
    "711",
    "712",
    "713",
    "714",
    "715",
    "716",
    "717",
    "718",
    "719",
    "720",
    "721",
    "722",
    "723",
    "724",
    "725",
    "726",
    "727",
    "728",
    "729",
    "740",
    "741",
    "742",
    "745",
    "746",
    "748",
    "757",
    "758",
    "759",
    "768",
    "769",
    "790",
    "791",
    "792",
    "793",
    "794",
    "795",
    "796",
    "797",
    "798",
    "799",
    "733",
    "734",
    "735",
    "750",
    "751",
    "752",
    "780",
    "110",
    "111",
    "112",
    "113",
    "114",
    "115",
    "100",
    "101",
]

# (county code, town, postal code, [estates / streets]) used for addresses.
PLACES = [
    (
        "047",
        "Nairobi",
        "00100",
        [
            "Kilimani, Argwings Kodhek Road",
            "South B, Mchumbi Road",
            "Donholm, Savannah Estate",
            "Umoja II, Moi Drive",
        ],
    ),
    ("047", "Westlands", "00800", ["Parklands, 3rd Avenue", "Westlands, Mpaka Road"]),
    ("047", "Kasarani", "00608", ["Roysambu, TRM Drive", "Mwiki Road, Sunton"]),
    ("022", "Ruiru", "00232", ["Membley Estate", "Kimbo, Ruiru-Kamiti Road"]),
    ("022", "Thika", "01000", ["Section 9, Kenyatta Highway", "Makongeni Phase 3"]),
    ("022", "Kikuyu", "00902", ["Kidfarmaco Estate", "Kikuyu Town, Gikuyu Road"]),
    (
        "034",
        "Kitengela",
        "00241",
        ["Milimani Estate, Kitengela", "Acacia, Namanga Road"],
    ),
    ("034", "Ongata Rongai", "00511", ["Tuala, Magadi Road", "Kandisi Road"]),
    ("016", "Athi River", "00204", ["Syokimau, Katani Road", "Greenpark Estate"]),
    ("016", "Machakos", "90100", ["Mjini, Ngei Road", "Eastleigh Estate, Machakos"]),
    (
        "001",
        "Mombasa",
        "80100",
        ["Nyali, Links Road", "Bamburi, Mtambo Road", "Tudor, Moi Avenue"],
    ),
    ("003", "Malindi", "80200", ["Casuarina Road", "Shella, Lamu Road"]),
    ("042", "Kisumu", "40100", ["Milimani, Aga Khan Road", "Nyalenda, Ring Road"]),
    ("032", "Nakuru", "20100", ["Milimani, Kenyatta Avenue", "Section 58"]),
    ("032", "Naivasha", "20117", ["Kabati Estate", "Moi South Lake Road"]),
    ("027", "Eldoret", "30100", ["Elgon View, Kapsoya Road", "Pioneer Estate"]),
    ("019", "Nyeri", "10100", ["Ruring'u, Kimathi Way", "Skuta Estate"]),
    ("012", "Meru", "60200", ["Makutano, Meru-Nanyuki Road", "Milimani, Meru"]),
    ("014", "Embu", "60100", ["Majengo, Embu", "Blue Valley Estate"]),
    ("037", "Kakamega", "50100", ["Milimani, Kakamega", "Amalemba Estate"]),
    ("039", "Bungoma", "50200", ["Mashambani Estate", "Kanduyi, Bungoma-Mumias Road"]),
    ("035", "Kericho", "20200", ["Tea Estate Road", "Brooke, Kericho"]),
    ("045", "Kisii", "40200", ["Jogoo Estate", "Daraja Mbili"]),
    ("031", "Nanyuki", "10400", ["Likii Estate", "Kenyatta Avenue, Nanyuki"]),
]

LANDMARKS = [
    "opposite Naivas supermarket",
    "next to Quickmart",
    "behind the Total petrol station",
    "near the chief's camp",
    "opposite the AIC church",
    "next to Equity Bank",
    "after the boda boda stage",
    "near the county hospital gate",
    "opposite the primary school",
    "next to the M-Pesa shop",
    "",
]

LEARNING_STYLES = ["visual", "auditory", "kinesthetic", "reading_writing"]
INTERESTS = [
    "football",
    "athletics",
    "robotics",
    "drawing",
    "music",
    "reading storybooks",
    "swimming",
    "chess",
    "gardening",
    "coding",
    "drama",
    "science experiments",
    "netball",
    "scouting",
    "choir",
    "cooking",
]
GOALS = [
    "Improve in Mathematics",
    "Read a storybook every week",
    "Join the STEM pathway",
    "Score Exceeding Expectations in KPSEA",
    "Prepare well for KJSEA",
    "Learn to code in Python",
    "Speak Kiswahili more fluently",
    "Represent the county in athletics",
    "Write neater compositions",
    "Understand Integrated Science practicals",
]

# --------------------------------------------------------------- curriculum
LEVEL_CATEGORY = {
    SchoolLevel.PRE_PRIMARY: ("pre-primary", "Pre-Primary (PP1–PP2)", "bi-balloon"),
    SchoolLevel.LOWER_PRIMARY: (
        "lower-primary",
        "Lower Primary (Grade 1–3)",
        "bi-pencil",
    ),
    SchoolLevel.UPPER_PRIMARY: (
        "upper-primary",
        "Upper Primary (Grade 4–6)",
        "bi-book",
    ),
    SchoolLevel.JUNIOR_SCHOOL: (
        "junior-school",
        "Junior School (Grade 7–9)",
        "bi-backpack",
    ),
    SchoolLevel.SENIOR_SCHOOL: (
        "senior-school",
        "Senior School (Grade 10–12)",
        "bi-mortarboard",
    ),
}

AREA_ICONS = {
    "Mathematics": "bi-calculator",
    "Mathematical Activities": "bi-123",
    "Advanced Mathematics": "bi-graph-up",
    "English": "bi-chat-quote",
    "Kiswahili": "bi-translate",
    "Integrated Science": "bi-droplet-half",
    "Science and Technology": "bi-lightbulb",
    "Biology": "bi-flower1",
    "Chemistry": "bi-eyedropper",
    "Physics": "bi-lightning-charge",
    "Computer Studies": "bi-laptop",
    "Social Studies": "bi-globe-africa",
    "Geography": "bi-map",
    "Creative Arts": "bi-palette",
    "Creative Arts and Sports": "bi-trophy",
    "Creative Activities": "bi-brush",
    "Music and Dance": "bi-music-note-beamed",
    "Physical Education": "bi-bicycle",
    "Agriculture and Nutrition": "bi-tree",
    "Business Studies": "bi-briefcase",
    "Religious Education": "bi-heart",
}

# Strands with their sub-strands per learning area; a (area, level) key
# overrides the area for levels whose content differs a lot.
AREA_STRANDS: dict = {
    "Language Activities": [
        (
            "Listening and Speaking",
            [
                "Greetings and polite words",
                "Naming familiar objects",
                "Listening to stories",
            ],
        ),
        (
            "Reading Readiness",
            ["Picture reading", "Letter sounds a to e", "Left-to-right eye movement"],
        ),
        (
            "Writing Readiness",
            ["Holding a pencil", "Tracing patterns", "Writing my name"],
        ),
    ],
    "Mathematical Activities": [
        (
            "Classification",
            ["Sorting by colour", "Sorting by size", "Matching and pairing"],
        ),
        (
            "Numbers",
            ["Counting 1 to 10", "Recognising numbers 1 to 5", "Counting objects"],
        ),
        ("Measurement", ["Long and short", "Heavy and light", "Full and empty"]),
        ("Geometry", ["Shapes around us", "Patterns with shapes"]),
    ],
    "Creative Activities": [
        (
            "Songs and Rhymes",
            ["Action songs", "Kenyan nursery rhymes", "Clapping games"],
        ),
        (
            "Art and Craft",
            ["Colouring", "Paper tearing and pasting", "Modelling with clay"],
        ),
        ("Movement", ["Running and stopping", "Jumping and hopping", "Ball skills"]),
    ],
    "Environmental Activities": [
        ("Social Environment", ["My family", "My school", "People who help us"]),
        (
            "Natural Environment",
            ["Weather around us", "Plants near home", "Domestic and wild animals"],
        ),
        (
            "Health Practices",
            ["Washing hands", "Keeping my body clean", "Safe drinking water"],
        ),
        ("Care for the Environment", ["Picking litter", "Caring for plants"]),
    ],
    "Religious Education Activities": [
        ("Creation", ["God's wonderful creation", "Caring for animals"]),
        ("Family and Friends", ["Love in the family", "Sharing with friends"]),
        ("Prayer and Worship", ["Simple prayers", "Saying thank you"]),
    ],
    "Indigenous Language": [
        (
            "Listening and Speaking",
            ["Greetings in my language", "Names of family members", "Oral narratives"],
        ),
        ("Reading", ["Letter sounds", "Reading short words"]),
        ("Writing", ["Forming letters", "Writing simple words"]),
        ("Culture", ["Songs and riddles", "Proverbs for children"]),
    ],
    ("English", SchoolLevel.LOWER_PRIMARY): [
        (
            "Listening and Speaking",
            [
                "Greetings and introductions",
                "Pronunciation of sounds",
                "Listening to instructions",
            ],
        ),
        (
            "Reading",
            ["Phonics: letter sounds", "Blending sounds into words", "Reading aloud"],
        ),
        (
            "Writing",
            [
                "Letter formation",
                "Writing simple sentences",
                "Capital letters and full stops",
            ],
        ),
    ],
    "English": [
        (
            "Listening and Speaking",
            [
                "Pronunciation and vocabulary",
                "Conversational skills",
                "Listening comprehension",
            ],
        ),
        ("Reading", ["Reading fluency", "Reading comprehension", "Intensive reading"]),
        (
            "Grammar in Use",
            [
                "Nouns and pronouns",
                "Verbs and tenses",
                "Adjectives and adverbs",
                "Punctuation",
            ],
        ),
        (
            "Writing",
            [
                "Composition writing",
                "Functional writing: letters and emails",
                "Creative writing",
            ],
        ),
    ],
    "Kiswahili": [
        (
            "Kusikiliza na Kuzungumza",
            ["Matamshi bora", "Mazungumzo", "Kusikiliza hadithi"],
        ),
        ("Kusoma", ["Kusoma kwa ufasaha", "Ufahamu"]),
        ("Sarufi", ["Ngeli za nomino", "Nyakati", "Viunganishi"]),
        ("Kuandika", ["Insha ya masimulizi", "Barua ya kirafiki", "Imla"]),
    ],
    ("Mathematics", SchoolLevel.LOWER_PRIMARY): [
        ("Numbers", ["Counting 1 to 100", "Place value", "Addition", "Subtraction"]),
        (
            "Measurement",
            ["Kenyan coins and notes", "Days, weeks and months", "Length with a ruler"],
        ),
        ("Geometry", ["Lines", "Flat shapes"]),
    ],
    "Mathematics": [
        (
            "Numbers",
            [
                "Whole numbers",
                "Factors and multiples",
                "Fractions",
                "Decimals",
                "Squares and square roots",
                "Integers",
            ],
        ),
        (
            "Algebra",
            ["Algebraic expressions", "Linear equations", "Linear inequalities"],
        ),
        (
            "Measurement",
            ["Area and perimeter", "Volume and capacity", "Money", "Time and speed"],
        ),
        (
            "Geometry",
            [
                "Angles",
                "Geometrical constructions",
                "Coordinates and graphs",
                "3D objects",
            ],
        ),
        (
            "Data Handling",
            ["Collecting data", "Bar graphs and pie charts", "Mean, median and mode"],
        ),
    ],
    "Religious Education": [
        ("Creation", ["The story of creation", "Stewardship of the environment"]),
        ("The Family", ["Family values", "Respect for parents and elders"]),
        ("Moral Values", ["Honesty", "Responsibility", "Forgiveness"]),
        ("Worship", ["Prayer", "Sacred places"]),
    ],
    "Science and Technology": [
        ("Living Things", ["Plants", "Animals", "The human body"]),
        ("Environment", ["Water", "Soil", "Weather"]),
        ("Matter", ["States of matter", "Mixtures"]),
        (
            "Force and Energy",
            ["Light", "Sound", "Electricity and magnetism", "Simple machines"],
        ),
        ("Computing Devices", ["Parts of a computer", "Safe use of digital devices"]),
    ],
    "Agriculture and Nutrition": [
        ("Conservation of Resources", ["Soil conservation", "Water harvesting"]),
        (
            "Food Production",
            ["Kitchen gardens", "Growing vegetables", "Poultry keeping"],
        ),
        ("Nutrition", ["A balanced diet", "Food hygiene", "Preparing simple meals"]),
        ("Consumer Education", ["Caring for clothes", "Smart shopping"]),
    ],
    "Social Studies": [
        (
            "Natural and Built Environments",
            [
                "Maps and compass directions",
                "Physical features of Kenya",
                "Weather and climate",
            ],
        ),
        ("People and Population", ["Communities in Kenya", "Population distribution"]),
        (
            "Citizenship",
            [
                "Children's rights and responsibilities",
                "National symbols",
                "Good governance",
            ],
        ),
        (
            "Resources and Economic Activities",
            ["Farming in Kenya", "Trade and markets", "Transport and communication"],
        ),
        ("Life Skills", ["Self-awareness", "Coping with peer pressure"]),
    ],
    "Creative Arts": [
        ("Visual Arts", ["Drawing and painting", "Pattern making", "Weaving"]),
        ("Performing Arts", ["Kenyan folk songs", "Dance", "Drama"]),
        ("Physical and Health Education", ["Athletics", "Ball games", "Water safety"]),
    ],
    "Integrated Science": [
        (
            "Scientific Investigation",
            ["Laboratory safety", "Laboratory apparatus", "The scientific method"],
        ),
        (
            "Mixtures, Elements and Compounds",
            [
                "Mixtures and separation",
                "Acids, bases and indicators",
                "Elements and compounds",
            ],
        ),
        (
            "Living Things and Their Environment",
            [
                "The cell",
                "Classification of living things",
                "Human digestive system",
                "Reproduction in plants",
            ],
        ),
        ("Force and Energy", ["Electrical energy", "Magnetism", "Heat transfer"]),
        (
            "Health Education",
            ["Communicable diseases", "Drug and substance abuse", "First aid"],
        ),
    ],
    "Pre-Technical Studies": [
        ("Foundations", ["Safety in the workshop", "Handling materials"]),
        ("Communication", ["Drawing instruments", "Oblique and isometric drawing"]),
        (
            "Materials and Tools",
            ["Wood, metal and plastics", "Measuring and marking tools"],
        ),
        (
            "Computer Science",
            [
                "Computer hardware",
                "Internet and e-safety",
                "Introduction to programming",
            ],
        ),
        (
            "Business Studies",
            [
                "Needs and wants",
                "Budgeting and saving",
                "Entrepreneurship",
                "Banking and mobile money",
            ],
        ),
    ],
    "Creative Arts and Sports": [
        (
            "Creating and Executing",
            ["Drawing and painting", "Making musical instruments", "Choreography"],
        ),
        (
            "Performing and Displaying",
            ["Athletics", "Football skills", "Theatre performance"],
        ),
        ("Appreciation", ["Kenyan art and artists", "Music festivals"]),
    ],
    "Community Service Learning": [
        (
            "Citizenship and Service",
            [
                "Identifying community needs",
                "Planning a service project",
                "Working with partners",
            ],
        ),
        ("Implementation", ["Carrying out the project", "Safety and ethics"]),
        ("Reflection", ["Reporting on the project", "Evaluating impact"]),
    ],
    "Advanced Mathematics": [
        (
            "Algebra",
            ["Surds and logarithms", "Quadratic equations", "Sequences and series"],
        ),
        ("Calculus", ["Differentiation", "Integration", "Rates of change"]),
        ("Vectors and Matrices", ["Vectors", "Matrices and transformations"]),
        ("Statistics and Probability", ["Probability", "Probability distributions"]),
    ],
    "Biology": [
        ("Cell Biology", ["Cell structure", "Cell physiology"]),
        ("Nutrition", ["Nutrition in plants", "Nutrition in animals"]),
        ("Transport", ["Transport in plants", "The circulatory system"]),
        ("Ecology", ["Ecosystems", "Conservation in Kenya"]),
        ("Genetics", ["Inheritance", "Variation"]),
    ],
    "Chemistry": [
        (
            "Structure of Matter",
            ["Atomic structure", "The periodic table", "Chemical bonding"],
        ),
        (
            "Chemical Reactions",
            ["Acids, bases and salts", "Rates of reaction", "Redox reactions"],
        ),
        ("Organic Chemistry", ["Hydrocarbons", "Alkanols and alkanoic acids"]),
        ("Industrial Chemistry", ["Soda ash from Lake Magadi", "Fertilisers"]),
    ],
    "Physics": [
        (
            "Mechanics",
            ["Linear motion", "Newton's laws of motion", "Work, energy and power"],
        ),
        ("Waves", ["Properties of waves", "Sound"]),
        ("Electricity", ["Current electricity", "Electromagnetic induction"]),
        ("Thermal Physics", ["Heat transfer", "The gas laws"]),
        ("Modern Physics", ["Radioactivity"]),
    ],
    "Computer Studies": [
        ("Computer Systems", ["Hardware and software", "Number systems"]),
        (
            "Programming",
            ["Algorithms and flowcharts", "Python basics", "Loops and functions"],
        ),
        ("Networks", ["Networking basics", "Online safety"]),
        ("Data", ["Spreadsheets", "Databases"]),
    ],
    "Business Studies": [
        ("Business Environment", ["Forms of business units", "Business ethics"]),
        ("Entrepreneurship", ["Generating business ideas", "Writing a business plan"]),
        ("Finance", ["Banking", "Mobile money and M-Pesa", "Bookkeeping"]),
        ("Trade", ["Home trade", "Trade in the East African Community"]),
        ("Production", ["Factors of production"]),
    ],
    "Geography": [
        (
            "Physical Geography",
            [
                "The Earth and the solar system",
                "Weathering",
                "Rivers and lakes of Kenya",
                "The Great Rift Valley",
            ],
        ),
        ("Climate", ["Weather and climate", "Climate change"]),
        (
            "Economic Geography",
            [
                "Tea and coffee farming",
                "Fishing on Lake Victoria",
                "Tourism",
                "Geothermal energy at Olkaria",
            ],
        ),
        ("Map Work", ["Map reading", "Fieldwork"]),
    ],
    "History and Citizenship": [
        ("Early History", ["Early humans in East Africa", "Kenyan communities"]),
        ("Colonial Period", ["Colonial rule", "The struggle for independence"]),
        (
            "Independent Kenya",
            ["The Constitution of Kenya 2010", "Devolution and the 47 counties"],
        ),
        ("Citizenship", ["Human rights", "National values"]),
    ],
    "Literature in English": [
        ("Prose", ["The novel: character and theme", "Short stories"]),
        ("Drama", ["Reading a play", "Staging a scene"]),
        ("Poetry", ["Imagery and sound", "Oral poetry"]),
        ("Oral Literature", ["Narratives", "Riddles and proverbs"]),
    ],
    "Fasihi ya Kiswahili": [
        ("Fasihi Simulizi", ["Hadithi", "Methali na vitendawili", "Nyimbo"]),
        ("Riwaya", ["Wahusika", "Dhamira"]),
        ("Tamthilia", ["Muundo wa tamthilia", "Uigizaji"]),
        ("Ushairi", ["Bahari za ushairi", "Mbinu za lugha"]),
    ],
    "Fine Arts": [
        ("Drawing", ["Pencil drawing", "Perspective"]),
        ("Painting", ["Colour theory", "Landscape painting"]),
        ("Sculpture", ["Clay modelling", "Kisii soapstone carving"]),
        ("Design", ["Graphic design", "Kitenge textile design"]),
    ],
    "Music and Dance": [
        ("Music Theory", ["Staff notation", "Rhythm and metre"]),
        ("Performance", ["Choral singing", "Nyatiti, orutu and litungu"]),
        ("Dance", ["Kenyan folk dances", "Choreography"]),
        ("Music Production", ["Recording basics"]),
    ],
    "Physical Education": [
        ("Athletics", ["Sprints", "Middle-distance running", "Field events"]),
        ("Games", ["Football", "Volleyball", "Netball"]),
        (
            "Health and Fitness",
            ["Fitness testing", "Nutrition for athletes", "First aid in sport"],
        ),
    ],
}


AREA_FAMILY = {
    "Mathematics": "maths",
    "Mathematical Activities": "maths",
    "Advanced Mathematics": "maths",
    "Integrated Science": "science",
    "Science and Technology": "science",
    "Biology": "science",
    "Chemistry": "science",
    "Physics": "science",
    "Computer Studies": "science",
    "Pre-Technical Studies": "science",
    "Agriculture and Nutrition": "science",
    "English": "language",
    "Kiswahili": "language",
    "Language Activities": "language",
    "Indigenous Language": "language",
    "Literature in English": "language",
    "Fasihi ya Kiswahili": "language",
    "Social Studies": "social",
    "Geography": "social",
    "History and Citizenship": "social",
    "Business Studies": "social",
    "Community Service Learning": "social",
    "Religious Education": "social",
    "Religious Education Activities": "social",
    "Environmental Activities": "science",
}
# Anything not listed (the arts, sports) is "creative".

# "Try it at home" activities: local, everyday situations per family.
ACTIVITIES = {
    "maths": [
        "At the market, tomatoes cost KES 20 each and a bunch of sukuma wiki KES 30. "
        "Work out what your family spends on them in a week and check it with a grown-up.",
        "A matatu from town to your estate carries 14 passengers at KES 80 each. "
        "How much does the conductor collect on three full trips?",
        "Your family uses a 20-litre jerrican of water every day. How many litres is that "
        "in a school term of 13 weeks?",
        "Look at an M-Pesa message on a parent's phone (with permission) and use the amounts "
        "to practise today's skill.",
        "Measure your classroom or sitting room with a tape measure and draw it to scale.",
    ],
    "science": [
        "Observe three plants in your kitchen garden or shamba for a week and record what "
        "changes in your notebook.",
        "Boil water in a sufuria with an adult and note what happens to the steam on a cold lid.",
        "Collect five materials at home (a spoon, a bottle top, paper, a nail, a rubber band) "
        "and sort them by one property you learnt about today.",
        "Interview a farmer, nurse or mechanic near you about how they use today's idea at work.",
        "Draw and label what you observed, then explain it to a family member.",
    ],
    "language": [
        "Read the passage aloud to a family member and ask them two questions about it.",
        "Listen to the evening news on radio and write down five new words you hear.",
        "Write a short diary entry about your day using what you learnt today.",
        "Retell a story an elder told you, in your own words, to a younger sibling.",
        "Make flash cards of today's new words and play a matching game at home.",
    ],
    "social": [
        "Ask an elder in your family how this was different when they were your age.",
        "Find your county on a map of Kenya and mark the places mentioned today.",
        "Visit (or think about) your nearest market and list the goods and services you see.",
        "Discuss with your family one way to practise today's value at home this week.",
        "Write three questions you would ask your Member of County Assembly about this topic.",
    ],
    "creative": [
        "Learn a folk song from your community and teach it to a friend.",
        "Use locally available materials (banana fibres, bottle tops, old newspapers) to make "
        "something that shows today's skill.",
        "Practise the movement for 15 minutes in the compound and note how your body feels.",
        "Perform what you made for your family and ask for one compliment and one suggestion.",
    ],
}

OUTCOME_VERBS = {
    "maths": ["identify and use", "solve problems involving", "apply", "explain"],
    "science": [
        "describe",
        "carry out a simple investigation on",
        "explain",
        "give everyday examples of",
    ],
    "language": ["use", "read and respond to", "write about", "talk confidently about"],
    "social": ["explain", "discuss", "appreciate", "describe"],
    "creative": ["create", "perform", "appreciate", "practise"],
}

INQUIRY_QUESTIONS = [
    "How do we use {topic} in our daily lives?",
    "Why is it important to understand {topic}?",
    "How can {topic} help us solve problems in our community?",
    "Where do we see {topic} around our home and school?",
]

PERTINENT_ISSUES = [
    "Financial literacy",
    "Environmental conservation",
    "Health education",
    "Safety and security",
    "Citizenship",
    "Social cohesion",
    "Digital citizenship",
    "Gender equality",
]

# Worked examples for the maths lessons of the flagship free course.
WORKED_EXAMPLES = {
    "Whole numbers": "Write 4,503,270 in words: *four million, five hundred and three thousand, "
    "two hundred and seventy*. The digit 5 is in the hundred-thousands place, so its value "
    "is 500,000.",
    "Factors and multiples": "The GCD of 24 and 36 is 12 and their LCM is 72. Two matatus leave "
    "the stage every 24 and 36 minutes: if they leave together at 6:00 a.m., they next leave "
    "together at 7:12 a.m.",
    "Fractions": "Mama shares 3/4 of a 2 kg packet of sugar equally among 3 neighbours: "
    "3/4 × 2 = 1½ kg, so each neighbour gets ½ kg.",
    "Decimals": "A litre of milk costs KES 62.50. Five litres cost 5 × 62.50 = KES 312.50.",
    "Squares and square roots": "A square shamba has an area of 1,225 m². Its side is "
    "√1225 = 35 m, so fencing it needs 4 × 35 = 140 m of wire.",
    "Integers": "At 6:00 a.m. the temperature on Mount Kenya was −4 °C; by noon it rose by "
    "11 °C. −4 + 11 = 7 °C.",
    "Algebraic expressions": "Otieno buys x exercise books at KES 45 each and a pen at KES 20. "
    "He spends 45x + 20 shillings; with x = 6 that is KES 290.",
    "Linear equations": "3(x − 2) = 2x + 5 → 3x − 6 = 2x + 5 → x = 11. Check: 3 × 9 = 27 and "
    "2 × 11 + 5 = 27.",
    "Linear inequalities": "A boda boda can carry at most 120 kg. The rider weighs 70 kg, so the "
    "load L satisfies 70 + L ≤ 120, that is L ≤ 50 kg.",
    "Area and perimeter": "A classroom is 8 m long and 6 m wide: area = 48 m², perimeter = 28 m.",
    "Volume and capacity": "A water tank 2 m long, 1.5 m wide and 1 m high holds "
    "2 × 1.5 × 1 = 3 m³ = 3,000 litres.",
    "Money": "A school bag costs KES 2,500 and is discounted by 10%. The new price is "
    "2,500 − 250 = KES 2,250.",
    "Time and speed": "The SGR train covers the 472 km from Nairobi to Mombasa in about "
    "6 hours: average speed ≈ 472 ÷ 6 ≈ 79 km/h.",
    "Angles": "Angles on a straight line add up to 180°: if one is 65°, the other is 115°.",
    "Geometrical constructions": "To bisect an angle, draw arcs of equal radius from the vertex, "
    "then from where they cut the arms, and join the vertex to the crossing point.",
    "Coordinates and graphs": "Plot A(2, 3) and B(6, 3): AB is horizontal and 4 units long.",
    "3D objects": "A cuboid-shaped box of chalk has 6 faces, 12 edges and 8 vertices.",
    "Collecting data": "Count the vehicles passing your gate in 10 minutes and tally them: "
    "matatus, boda bodas, lorries and private cars.",
    "Bar graphs and pie charts": "If 18 of 36 learners walk to school, walkers take "
    "18/36 × 360° = 180° of the pie chart.",
    "Mean, median and mode": "Marks 12, 15, 15, 18, 20: mean 16, median 15, mode 15.",
}

# ----------------------------------------------------------------- courses
# The base catalogue: (slug, title, grades, area, price, owner, featured,
# strand names to use (None = the first strands), description).
# owner: "instructor" (the demo instructor), "languages", "sciences",
# "humanities" (the other demo instructors) or "platform".
BASE_COURSES = [
    (
        "pp1-language-activities-listening-and-speaking",
        "PP1 Language Activities: Listening and Speaking",
        ["PP1"],
        "Language Activities",
        "0",
        "platform",
        False,
        None,
        "Playful listening, speaking and pre-reading activities for four-year-olds: greetings, "
        "naming things at home, picture reading and the first letter sounds.",
    ),
    (
        "pp1-mathematical-activities-sorting-and-counting",
        "PP1 Mathematical Activities: Sorting and Counting",
        ["PP1"],
        "Mathematical Activities",
        "0",
        "platform",
        False,
        ["Classification", "Numbers"],
        "Sorting bottle tops by colour, matching socks and counting to ten with everyday objects "
        "found in a Kenyan home.",
    ),
    (
        "pp2-environmental-activities-my-home-and-school",
        "PP2 Environmental Activities: My Home and School",
        ["PP2"],
        "Environmental Activities",
        "0",
        "platform",
        False,
        None,
        "Learners explore their family, school and neighbourhood, the weather and safe hygiene "
        "habits such as hand washing and safe drinking water.",
    ),
    (
        "pp2-creative-activities-songs-rhymes-and-play",
        "PP2 Creative Activities: Songs, Rhymes and Play",
        ["PP2"],
        "Creative Activities",
        "500",
        "languages",
        False,
        None,
        "Action songs, Kenyan nursery rhymes, clay modelling and outdoor movement games that build "
        "coordination and confidence.",
    ),
    (
        "grade-1-english-phonics-and-first-readers",
        "Grade 1 English: Phonics and First Readers",
        ["Grade 1"],
        "English",
        "0",
        "languages",
        True,
        None,
        "Letter sounds, blending and reading aloud with short decodable stories set in Kenyan homes, "
        "markets and schools.",
    ),
    (
        "grade-1-mathematics-numbers-to-100",
        "Grade 1 Mathematics: Numbers to 100",
        ["Grade 1"],
        "Mathematics",
        "0",
        "platform",
        False,
        ["Numbers"],
        "Counting, place value, addition and subtraction up to 100 using beans, bottle tops and "
        "an abacus.",
    ),
    (
        "grade-2-kiswahili-kusoma-na-kuandika",
        "Grade 2 Kiswahili: Kusoma na Kuandika",
        ["Grade 2"],
        "Kiswahili",
        "800",
        "languages",
        False,
        None,
        "Kozi ya Kiswahili kwa Gredi ya 2: matamshi, kusoma kwa ufasaha, sarufi rahisi na kuandika "
        "sentensi fupi.",
    ),
    (
        "grade-2-environmental-activities-water-and-hygiene",
        "Grade 2 Environmental Activities: Water and Hygiene",
        ["Grade 2"],
        "Environmental Activities",
        "0",
        "platform",
        False,
        ["Health Practices", "Natural Environment"],
        "Where our water comes from, keeping it safe, and the hygiene habits that keep families "
        "healthy.",
    ),
    (
        "grade-3-mathematics-money-and-measurement",
        "Grade 3 Mathematics: Money and Measurement",
        ["Grade 3"],
        "Mathematics",
        "800",
        "instructor",
        False,
        ["Measurement", "Numbers"],
        "Using Kenyan coins and notes, telling the time and measuring length, with shopping and "
        "market role-play.",
    ),
    (
        "grade-3-creative-activities-music-and-movement",
        "Grade 3 Creative Activities: Music and Movement",
        ["Grade 3"],
        "Creative Activities",
        "0",
        "platform",
        False,
        ["Songs and Rhymes", "Movement"],
        "Singing games, rhythm with clapping and drums, and movement activities for the compound.",
    ),
    (
        "grade-4-science-and-technology-plants-and-animals",
        "Grade 4 Science and Technology: Plants and Animals",
        ["Grade 4"],
        "Science and Technology",
        "0",
        "sciences",
        True,
        ["Living Things", "Environment"],
        "Hands-on investigations of plants, animals and the human body using the kitchen garden "
        "and the neighbourhood as the laboratory.",
    ),
    (
        "grade-4-english-reading-comprehension",
        "Grade 4 English: Reading Comprehension",
        ["Grade 4"],
        "English",
        "1000",
        "languages",
        False,
        ["Reading", "Grammar in Use"],
        "Short passages about Kenyan life with comprehension, vocabulary and grammar practice.",
    ),
    (
        "grade-4-mathematics-whole-numbers-and-fractions",
        "Grade 4 Mathematics: Whole Numbers and Fractions",
        ["Grade 4"],
        "Mathematics",
        "0",
        "instructor",
        False,
        ["Numbers"],
        "Place value to 10,000, the four operations and a first look at fractions using everyday "
        "examples.",
    ),
    (
        "grade-5-social-studies-our-county-and-its-resources",
        "Grade 5 Social Studies: Our County and Its Resources",
        ["Grade 5"],
        "Social Studies",
        "0",
        "humanities",
        False,
        None,
        "Maps, physical features, communities and economic activities of Kenya's counties, with "
        "citizenship and life skills.",
    ),
    (
        "grade-5-agriculture-and-nutrition-kitchen-gardens",
        "Grade 5 Agriculture and Nutrition: Kitchen Gardens",
        ["Grade 5"],
        "Agriculture and Nutrition",
        "700",
        "sciences",
        False,
        None,
        "Planning a kitchen garden, conserving soil and water, and preparing balanced family meals "
        "from what you grow.",
    ),
    (
        "grade-5-mathematics-decimals-and-money",
        "Grade 5 Mathematics: Decimals and Money",
        ["Grade 5"],
        "Mathematics",
        "1200",
        "instructor",
        False,
        ["Numbers", "Measurement"],
        "Decimals, percentages and money problems from shops, M-Pesa and the market.",
    ),
    (
        "grade-6-kpsea-revision-mathematics",
        "Grade 6 KPSEA Revision: Mathematics",
        ["Grade 6"],
        "Mathematics",
        "1500",
        "instructor",
        True,
        None,
        "Timed practice across all strands with worked solutions, exam technique and three full "
        "KPSEA-style papers.",
    ),
    (
        "grade-6-science-and-technology-electricity-and-magnetism",
        "Grade 6 Science and Technology: Electricity and Magnetism",
        ["Grade 6"],
        "Science and Technology",
        "1000",
        "sciences",
        False,
        ["Force and Energy", "Computing Devices"],
        "Simple circuits, magnets, light and sound, and using digital devices safely.",
    ),
    (
        "grade-6-kiswahili-insha-na-sarufi",
        "Grade 6 Kiswahili: Insha na Sarufi",
        ["Grade 6"],
        "Kiswahili",
        "900",
        "languages",
        False,
        ["Sarufi", "Kuandika"],
        "Sarufi ya Kiswahili, insha za masimulizi na barua, kwa maandalizi ya KPSEA.",
    ),
    (
        "grade-6-creative-arts-drawing-music-and-pe",
        "Grade 6 Creative Arts: Drawing, Music and PE",
        ["Grade 6"],
        "Creative Arts",
        "0",
        "platform",
        False,
        None,
        "Drawing, weaving, Kenyan folk songs and dance, athletics and ball games.",
    ),
    (
        "grade-7-mathematics-numbers-algebra-and-geometry",
        "Grade 7 Mathematics: Numbers, Algebra and Geometry",
        ["Grade 7"],
        "Mathematics",
        "0",
        "instructor",
        True,
        ["Numbers", "Algebra", "Geometry"],
        "The full Grade 7 (Junior School) Mathematics journey: whole numbers, fractions, decimals, "
        "algebraic expressions, linear equations and angles, with worked examples from Kenyan daily "
        "life. Free for every learner.",
    ),
    (
        "grade-7-integrated-science-living-things",
        "Grade 7 Integrated Science: Living Things",
        ["Grade 7"],
        "Integrated Science",
        "1200",
        "sciences",
        True,
        ["Scientific Investigation", "Living Things and Their Environment"],
        "Laboratory safety, the cell, classification and human body systems, with home-friendly "
        "practical activities.",
    ),
    (
        "grade-7-pre-technical-studies-safety-tools-and-computers",
        "Grade 7 Pre-Technical Studies: Safety, Tools and Computers",
        ["Grade 7"],
        "Pre-Technical Studies",
        "0",
        "sciences",
        False,
        ["Foundations", "Materials and Tools", "Computer Science"],
        "Workshop safety, materials and tools, and a first contact with computers and programming.",
    ),
    (
        "grade-7-english-grammar-in-use",
        "Grade 7 English: Grammar in Use",
        ["Grade 7"],
        "English",
        "0",
        "languages",
        False,
        ["Grammar in Use", "Writing"],
        "Nouns, verbs, tenses and punctuation in context, with functional and creative writing.",
    ),
    (
        "grade-8-mathematics-ratios-equations-and-data",
        "Grade 8 Mathematics: Ratios, Equations and Data",
        ["Grade 8"],
        "Mathematics",
        "1500",
        "instructor",
        False,
        ["Algebra", "Measurement", "Data Handling"],
        "Equations and inequalities, area and volume, speed and data handling for Grade 8.",
    ),
    (
        "grade-8-social-studies-citizenship-and-governance",
        "Grade 8 Social Studies: Citizenship and Governance",
        ["Grade 8"],
        "Social Studies",
        "0",
        "humanities",
        False,
        ["Citizenship", "Life Skills", "People and Population"],
        "Rights and responsibilities, national symbols, good governance and life skills for "
        "teenagers.",
    ),
    (
        "grade-8-agriculture-and-nutrition-food-production",
        "Grade 8 Agriculture and Nutrition: Food Production",
        ["Grade 8"],
        "Agriculture and Nutrition",
        "800",
        "sciences",
        False,
        ["Food Production", "Nutrition"],
        "Growing vegetables, poultry keeping and nutrition, with a term-long home project.",
    ),
    (
        "grade-9-kjsea-revision-integrated-science",
        "Grade 9 KJSEA Revision: Integrated Science",
        ["Grade 9"],
        "Integrated Science",
        "1500",
        "sciences",
        True,
        None,
        "Topic-by-topic revision of Integrated Science for the Kenya Junior School Education "
        "Assessment, with practice questions.",
    ),
    (
        "grade-9-kjsea-revision-mathematics",
        "Grade 9 KJSEA Revision: Mathematics",
        ["Grade 9"],
        "Mathematics",
        "2000",
        "instructor",
        True,
        None,
        "Exam-style practice and worked solutions across all Junior School Mathematics strands.",
    ),
    (
        "grade-9-english-language-and-literature",
        "Grade 9 English: Language and Literature",
        ["Grade 9"],
        "English",
        "1200",
        "languages",
        False,
        None,
        "Listening and speaking, reading for meaning, grammar in use and writing for Grade 9, "
        "with Kenyan poems, short stories and plays to read closely and enjoy before KJSEA.",
    ),
    (
        "grade-9-creative-arts-and-sports-performing-arts",
        "Grade 9 Creative Arts and Sports: Performing Arts",
        ["Grade 9"],
        "Creative Arts and Sports",
        "0",
        "platform",
        False,
        None,
        "Music, dance, theatre and athletics: create, perform and appreciate Kenyan arts.",
    ),
    (
        "grade-10-core-mathematics-functions-and-graphs",
        "Grade 10 Core Mathematics: Functions and Graphs",
        ["Grade 10"],
        "Mathematics",
        "2500",
        "instructor",
        False,
        ["Algebra", "Geometry"],
        "Senior School core mathematics for the STEM pathway: expressions, equations, coordinates "
        "and graphs.",
    ),
    (
        "grade-10-biology-cells-and-nutrition",
        "Grade 10 Biology: Cells and Nutrition",
        ["Grade 10"],
        "Biology",
        "1800",
        "sciences",
        False,
        ["Cell Biology", "Nutrition"],
        "Cell structure and physiology, and nutrition in plants and animals, for the STEM pathway.",
    ),
    (
        "grade-10-community-service-learning-project-planning",
        "Grade 10 Community Service Learning: Project Planning",
        ["Grade 10"],
        "Community Service Learning",
        "0",
        "humanities",
        False,
        None,
        "Identify a real need in your community, plan a service project with partners and reflect "
        "on its impact.",
    ),
    (
        "grade-11-chemistry-acids-bases-and-salts",
        "Grade 11 Chemistry: Acids, Bases and Salts",
        ["Grade 11"],
        "Chemistry",
        "1800",
        "sciences",
        False,
        ["Chemical Reactions", "Industrial Chemistry"],
        "Acids, bases and salts, rates of reaction and Kenyan industrial chemistry, from Magadi "
        "soda ash to fertilisers.",
    ),
    (
        "grade-11-physics-mechanics-and-motion",
        "Grade 11 Physics: Mechanics and Motion",
        ["Grade 11"],
        "Physics",
        "1800",
        "sciences",
        False,
        ["Mechanics", "Waves"],
        "Linear motion, Newton's laws, work, energy and power, and waves.",
    ),
    (
        "grade-11-computer-studies-programming-with-python",
        "Grade 11 Computer Studies: Programming with Python",
        ["Grade 11"],
        "Computer Studies",
        "2000",
        "sciences",
        True,
        ["Programming", "Computer Systems"],
        "Algorithms, flowcharts and Python programming, from variables to loops and functions.",
    ),
    (
        "grade-12-geography-kenya-physical-and-economic",
        "Grade 12 Geography: Kenya's Physical and Economic Geography",
        ["Grade 12"],
        "Geography",
        "1500",
        "humanities",
        False,
        ["Physical Geography", "Economic Geography"],
        "The Rift Valley, rivers and lakes, tea and coffee, fishing, tourism and geothermal energy.",
    ),
    (
        "grade-12-business-studies-entrepreneurship-in-kenya",
        "Grade 12 Business Studies: Entrepreneurship in Kenya",
        ["Grade 12"],
        "Business Studies",
        "1500",
        "humanities",
        False,
        ["Entrepreneurship", "Finance"],
        "From a business idea to a business plan, banking, M-Pesa and simple bookkeeping.",
    ),
    (
        "grade-12-literature-in-english-set-texts",
        "Grade 12 Literature in English: Set Texts",
        ["Grade 12"],
        "Literature in English",
        "1200",
        "languages",
        False,
        None,
        "Reading the novel, drama and poetry closely: character, theme, style and oral literature.",
    ),
    (
        "grade-11-12-advanced-mathematics-calculus",
        "Grade 11–12 Advanced Mathematics: Calculus",
        ["Grade 11", "Grade 12"],
        "Advanced Mathematics",
        "2500",
        "instructor",
        False,
        ["Calculus", "Algebra"],
        "Differentiation, integration and rates of change, with the algebra they rest on.",
    ),
]

# A draft the demo instructor is still writing (not published).
DRAFT_COURSE = (
    "grade-8-mathematics-geometry-constructions-draft",
    "Grade 8 Mathematics: Geometry Constructions (draft)",
    ["Grade 8"],
    "Mathematics",
    "1000",
    "instructor",
    False,
    ["Geometry"],
    "Constructions with a ruler and compasses: bisectors, perpendiculars and polygons.",
)

# Extra demo instructors owning part of the base catalogue.
BASE_INSTRUCTORS = {
    "languages": (
        "wanjiku.kariuki",
        "Wanjiku",
        "Kariuki",
        "English and Kiswahili teacher",
        ["English", "Kiswahili", "Literature in English"],
    ),
    "sciences": (
        "kiprop.langat",
        "Kiprop",
        "Langat",
        "Science and technology teacher",
        ["Integrated Science", "Biology", "Chemistry", "Physics", "Computer Studies"],
    ),
    "humanities": (
        "fatuma.hassan",
        "Fatuma",
        "Hassan",
        "Humanities and business teacher",
        ["Social Studies", "Geography", "Business Studies"],
    ),
}

# --------------------------------------------------------------- questions
# (type, question, options or None, correct answer, points)
QUESTION_BANKS = {
    "maths": [
        (
            "multiple_choice",
            "What is 3/4 of KES 1,200?",
            ["KES 300", "KES 600", "KES 900", "KES 1,000"],
            "KES 900",
            2,
        ),
        (
            "multiple_choice",
            "Which of these numbers is a prime number?",
            ["21", "27", "29", "33"],
            "29",
            1,
        ),
        ("multiple_choice", "Solve for x: 2x + 5 = 17.", ["5", "6", "7", "11"], "6", 2),
        ("true_false", "The angles in a triangle add up to 180°.", None, True, 1),
        ("true_false", "0.5 is smaller than 0.45.", None, False, 1),
        ("short_answer", "Simplify 12/18 to its lowest terms.", None, ["2/3"], 2),
        ("short_answer", "Write 0.75 as a percentage.", None, ["75%", "75"], 1),
        (
            "multiple_choice",
            "A matatu leaves Nairobi at 7:45 a.m. and reaches Nakuru at "
            "10:15 a.m. How long is the journey?",
            ["2 h 15 min", "2 h 30 min", "2 h 45 min", "3 h 30 min"],
            "2 h 30 min",
            2,
        ),
        (
            "multiple_choice",
            "What is the mean of 4, 8, 6 and 10?",
            ["6", "7", "8", "28"],
            "7",
            1,
        ),
        ("true_false", "A square has exactly two lines of symmetry.", None, False, 1),
    ],
    "science": [
        (
            "multiple_choice",
            "Which apparatus measures the volume of a liquid accurately?",
            ["Beaker", "Measuring cylinder", "Test tube", "Bunsen burner"],
            "Measuring cylinder",
            1,
        ),
        (
            "true_false",
            "Red litmus paper turns blue in a basic solution.",
            None,
            True,
            1,
        ),
        (
            "multiple_choice",
            "Which part of a cell controls its activities?",
            ["Cell membrane", "Cytoplasm", "Nucleus", "Vacuole"],
            "Nucleus",
            1,
        ),
        (
            "short_answer",
            "Name the process by which green plants make their own food.",
            None,
            ["photosynthesis"],
            2,
        ),
        (
            "true_false",
            "Cholera is spread through contaminated water and food.",
            None,
            True,
            1,
        ),
        (
            "multiple_choice",
            "Which method separates sand from water?",
            ["Filtration", "Evaporation", "Distillation", "Using a magnet"],
            "Filtration",
            1,
        ),
        (
            "multiple_choice",
            "Which of these is a good conductor of electricity?",
            ["Copper wire", "Dry wood", "Plastic ruler", "Rubber band"],
            "Copper wire",
            1,
        ),
        ("true_false", "Sound travels faster in air than in solids.", None, False, 1),
    ],
    "language": [
        (
            "multiple_choice",
            "Choose the correct word: The pupils ___ playing football when it "
            "started to rain.",
            ["was", "were", "is", "be"],
            "were",
            1,
        ),
        (
            "multiple_choice",
            "Which of these words is an adjective?",
            ["quickly", "beautiful", "run", "under"],
            "beautiful",
            1,
        ),
        ("true_false", "A full stop is used at the end of a question.", None, False, 1),
        ("short_answer", "Give the plural of 'child'.", None, ["children"], 1),
        (
            "multiple_choice",
            "Identify the pronoun: 'Achieng gave her book to Baraka.'",
            ["Achieng", "gave", "her", "book"],
            "her",
            1,
        ),
        (
            "multiple_choice",
            "Chagua wingi wa 'mtoto'.",
            ["watoto", "mitoto", "vitoto", "matoto"],
            "watoto",
            1,
        ),
        ("short_answer", "Andika kinyume cha 'juu'.", None, ["chini"], 1),
        (
            "multiple_choice",
            "Kamilisha methali: Haba na haba...",
            ["hujaza kibaba", "huleta mvua", "ni mwendo", "hazibi"],
            "hujaza kibaba",
            1,
        ),
    ],
    "social": [
        (
            "multiple_choice",
            "How many counties does Kenya have?",
            ["37", "42", "47", "52"],
            "47",
            1,
        ),
        (
            "multiple_choice",
            "Which is the highest mountain in Kenya?",
            ["Mount Elgon", "Mount Kenya", "Mount Longonot", "Ngong Hills"],
            "Mount Kenya",
            1,
        ),
        (
            "true_false",
            "The current Constitution of Kenya was promulgated in 2010.",
            None,
            True,
            1,
        ),
        (
            "short_answer",
            "Name the lake Kenya shares with Uganda and Tanzania.",
            None,
            ["Lake Victoria", "Victoria"],
            1,
        ),
        (
            "multiple_choice",
            "Which of these is a national symbol of Kenya?",
            ["The Coat of Arms", "A matatu", "A football", "A school bus"],
            "The Coat of Arms",
            1,
        ),
        ("true_false", "Integrity is one of Kenya's national values.", None, True, 1),
        (
            "multiple_choice",
            "Which economic activity is common around Lake Victoria?",
            ["Fishing", "Mining soda ash", "Tea growing", "Ranching camels"],
            "Fishing",
            1,
        ),
    ],
    "creative": [
        (
            "multiple_choice",
            "Which of these is a traditional Luo string instrument?",
            ["Nyatiti", "Djembe", "Piano", "Trumpet"],
            "Nyatiti",
            1,
        ),
        (
            "true_false",
            "Warming up before exercise helps to prevent injuries.",
            None,
            True,
            1,
        ),
        (
            "multiple_choice",
            "Which colours are primary colours in painting?",
            [
                "Red, yellow and blue",
                "Green, orange and purple",
                "Black and white",
                "Brown, pink and grey",
            ],
            "Red, yellow and blue",
            1,
        ),
        ("short_answer", "Name one Kenyan folk dance you know.", None, None, 1),
        ("true_false", "A relay race team has four runners.", None, True, 1),
    ],
}

COMPETENCY_QUESTION = (
    "multiple_choice",
    "Planning a kitchen garden together with a classmate mostly develops which core competency?",
    [
        "Communication and Collaboration",
        "Digital Literacy",
        "Self-efficacy",
        "Citizenship",
    ],
    "Communication and Collaboration",
    1,
)

# Essay prompts by kind, and answers written for each kind: a demo answer
# always answers the prompt it is under, about the prompt's topic.
ESSAY_PROMPTS = {
    "apply": "In about 150 words, explain how you would use what you learnt about {topic} "
    "at home or in your community.",
    "situation": "Describe a real situation in Kenya where {topic} matters, and what you "
    "would do about it.",
    "project": "Write a short report (about 200 words) on a mini project about {topic}. "
    "Include what you did, what you found and what you would do differently.",
}

ESSAY_ANSWERS = {
    "apply": [
        "At home I would use what I learnt about {topic} when I help my parents. Last "
        "Saturday I explained {topic} to my younger sister with things we have in the "
        "house, and she asked me good questions that made me think again. In our community "
        "I could share it with my friends at the church youth group. I will keep practising "
        "so that I can explain {topic} step by step without looking at my notes.",
        "I learnt that {topic} is not only for the classroom. At home I can use it when we "
        "plan our week and when I help in the shamba with my grandmother. In our estate I "
        "would make a simple poster about {topic} for the notice board, so that other "
        "children can learn it too. Teaching someone else shows me what I have understood.",
    ],
    "situation": [
        "In my school community in Kisumu many learners find {topic} hard, and some fall "
        "behind because nobody explains it with examples from daily life. I would start a "
        "small study group on Saturday mornings, use examples from the market and from our "
        "homes, and ask our teacher to check our work so that we learn {topic} correctly.",
        "When I visited my uncle in Nyeri I saw that people there need {topic} in their "
        "everyday work, and mistakes cost them time and money. I would talk to the chief "
        "about holding a short meeting at the barazas, where young people who understand "
        "{topic} explain it to others in simple words, in English and in Kiswahili.",
    ],
    "project": [
        "For my mini project on {topic} I worked with my cousin for one week. First we wrote "
        "down one question we wanted to answer. Each day we collected examples and recorded "
        "them in a table, then we drew a bar graph. We found that what we saw changed from "
        "day to day, so one day of work would not have been enough. Next time I would ask "
        "more people, start earlier and take photos of each step.",
        "My project was about {topic}. I read my lesson notes again, asked my parents and "
        "two neighbours what they knew, and wrote their answers in my exercise book. Most "
        "people knew a little about {topic} but not how to use it. I made a short summary "
        "and presented it to my family after supper. If I did it again, I would plan the "
        "questions better and share the report with my class.",
    ],
}

# Teacher feedback by CBC rubric level, so the comment agrees with the result.
FEEDBACK = {
    "EE": [
        "Excellent: you met all the learning outcomes. Keep it up!",
        "Well done! Clear working and a good local example.",
    ],
    "ME": [
        "Good effort. Revise the second question and show each step of your working.",
        "Nice reasoning. Check your spelling and punctuation in the long answer.",
    ],
    "AE": [
        "You are approaching expectations. Re-read the lesson notes and try the practice set again.",
    ],
    "BE": [
        "Let us go through this topic together again; start with the worked example.",
    ],
}


REVIEWS = [
    "Very clear explanations; my daughter finally understands fractions.",
    "Good content, but I wish there were more practice questions.",
    "Mwalimu explains step by step. Asante sana!",
    "The lessons are short and easy to follow after school.",
    "Worth the price: the revision papers helped a lot before the exams.",
    "My son enjoys the home activities, especially the market examples.",
    "Well organised by strand, just like the KICD design.",
    "Some videos were slow to load on our Safaricom bundles, but the notes are great.",
]

# ------------------------------------------------------------------- store
# (slug, category slug, name, price, compare-at, stock, weight g, sku, tags, featured, active)
PRODUCT_CATEGORIES = [
    # (slug, name, parent slug, display order, description)
    (
        "stationery",
        "Stationery",
        None,
        1,
        "Exercise books, pens, pencils and maths instruments.",
    ),
    (
        "exercise-books",
        "Exercise Books",
        "stationery",
        1,
        "Ruled, squared and drawing books.",
    ),
    (
        "writing-and-drawing",
        "Writing and Drawing",
        "stationery",
        2,
        "Pens, pencils and crayons.",
    ),
    (
        "maths-instruments",
        "Maths Instruments",
        "stationery",
        3,
        "Geometry sets and calculators.",
    ),
    ("books", "Books", None, 2, "CBC learner's books, revision guides and readers."),
    ("cbc-textbooks", "CBC Textbooks", "books", 1, "Learner's books for every grade."),
    ("revision-books", "Revision Books", "books", 2, "KPSEA and KJSEA practice."),
    (
        "readers-and-atlases",
        "Readers and Atlases",
        "books",
        3,
        "Storybooks and atlases.",
    ),
    (
        "bags-and-apparel",
        "Bags and Apparel",
        None,
        3,
        "School bags, T-shirts and hoodies.",
    ),
    (
        "learning-kits",
        "Learning Kits",
        None,
        4,
        "Science kits, abacuses and accessories.",
    ),
]

PRODUCTS = [
    (
        "exercise-book-a5-96-pages-ruled-pack-of-10",
        "exercise-books",
        "Exercise Book A5, 96 Pages, Ruled (Pack of 10)",
        "650",
        "720",
        480,
        1900,
        "UHS-STA-0001",
        ["stationery", "exercise books"],
        True,
        True,
    ),
    (
        "exercise-book-a4-200-pages-squared",
        "exercise-books",
        "Exercise Book A4, 200 Pages, Squared (Maths)",
        "95",
        None,
        900,
        520,
        "UHS-STA-0002",
        ["stationery", "maths"],
        False,
        True,
    ),
    (
        "drawing-book-a3-40-pages",
        "exercise-books",
        "Drawing Book A3, 40 Pages",
        "150",
        None,
        300,
        400,
        "UHS-STA-0003",
        ["art", "stationery"],
        False,
        True,
    ),
    (
        "blue-ballpoint-pens-box-of-20",
        "writing-and-drawing",
        "Blue Ballpoint Pens (Box of 20)",
        "400",
        None,
        250,
        240,
        "UHS-STA-0004",
        ["pens"],
        False,
        True,
    ),
    (
        "hb-pencils-with-eraser-pack-of-12",
        "writing-and-drawing",
        "HB Pencils with Eraser (Pack of 12)",
        "180",
        None,
        420,
        150,
        "UHS-STA-0005",
        ["pencils"],
        False,
        True,
    ),
    (
        "wax-crayons-24-colours",
        "writing-and-drawing",
        "Wax Crayons, 24 Colours",
        "250",
        "300",
        260,
        200,
        "UHS-STA-0006",
        ["art", "pre-primary"],
        False,
        True,
    ),
    (
        "geometry-set-9-piece",
        "maths-instruments",
        "Geometry Set, 9 Pieces",
        "450",
        "550",
        200,
        180,
        "UHS-STA-0007",
        ["maths", "junior school"],
        True,
        True,
    ),
    (
        "scientific-calculator-two-line",
        "maths-instruments",
        "Scientific Calculator, Two-Line Display",
        "1650",
        None,
        75,
        110,
        "UHS-STA-0008",
        ["maths", "senior school"],
        False,
        True,
    ),
    (
        "cbc-mathematics-learners-book-grade-7",
        "cbc-textbooks",
        "CBC Mathematics Learner's Book, Grade 7",
        "850",
        None,
        140,
        450,
        "UHS-BK-0001",
        ["grade 7", "mathematics", "textbook"],
        True,
        True,
    ),
    (
        "cbc-integrated-science-learners-book-grade-8",
        "cbc-textbooks",
        "CBC Integrated Science Learner's Book, Grade 8",
        "900",
        None,
        110,
        480,
        "UHS-BK-0002",
        ["grade 8", "integrated science", "textbook"],
        False,
        True,
    ),
    (
        "cbc-english-activities-grade-4",
        "cbc-textbooks",
        "CBC English Activities, Grade 4",
        "650",
        None,
        160,
        350,
        "UHS-BK-0003",
        ["grade 4", "english", "textbook"],
        False,
        True,
    ),
    (
        "kiswahili-kwa-furaha-gredi-ya-5",
        "cbc-textbooks",
        "Kiswahili kwa Furaha, Gredi ya 5",
        "620",
        None,
        0,
        340,
        "UHS-BK-0004",
        ["grade 5", "kiswahili", "textbook"],
        False,
        True,
    ),
    (
        "kpsea-revision-papers-grade-6",
        "revision-books",
        "KPSEA Revision Papers, Grade 6",
        "700",
        "850",
        220,
        380,
        "UHS-BK-0005",
        ["grade 6", "kpsea", "revision"],
        True,
        True,
    ),
    (
        "kjsea-revision-guide-grade-9",
        "revision-books",
        "KJSEA Revision Guide, Grade 9",
        "1100",
        None,
        180,
        520,
        "UHS-BK-0006",
        ["grade 9", "kjsea", "revision"],
        True,
        True,
    ),
    (
        "safari-ya-amani-swahili-reader-level-2",
        "readers-and-atlases",
        "Safari ya Amani (Swahili Reader, Level 2)",
        "350",
        None,
        90,
        160,
        "UHS-BK-0007",
        ["kiswahili", "reader"],
        False,
        True,
    ),
    (
        "primary-atlas-for-kenya",
        "readers-and-atlases",
        "Primary Atlas for Kenya",
        "1200",
        "1400",
        60,
        600,
        "UHS-BK-0008",
        ["social studies", "geography"],
        False,
        True,
    ),
    (
        "uhs-backpack-20-litres-navy",
        "bags-and-apparel",
        "Urban Home School Backpack, 20 L, Navy",
        "2500",
        "2900",
        85,
        700,
        "UHS-AP-0001",
        ["bags", "merchandise"],
        True,
        True,
    ),
    (
        "uhs-t-shirt-kids",
        "bags-and-apparel",
        "Urban Home School T-shirt, Kids (Ages 4-14)",
        "800",
        None,
        240,
        180,
        "UHS-AP-0002",
        ["apparel", "merchandise"],
        False,
        True,
    ),
    (
        "uhs-hoodie-teen",
        "bags-and-apparel",
        "Urban Home School Hoodie, Teen",
        "1800",
        "2200",
        70,
        520,
        "UHS-AP-0003",
        ["apparel", "merchandise"],
        False,
        True,
    ),
    (
        "reusable-water-bottle-750ml",
        "bags-and-apparel",
        "Reusable Water Bottle, 750 ml",
        "600",
        None,
        150,
        210,
        "UHS-AP-0004",
        ["accessories"],
        False,
        True,
    ),
    (
        "science-kit-simple-circuits",
        "learning-kits",
        "Science Kit: Simple Circuits",
        "2200",
        None,
        40,
        900,
        "UHS-KIT-0001",
        ["science", "grade 6", "hands-on"],
        True,
        True,
    ),
    (
        "abacus-100-beads",
        "learning-kits",
        "Abacus, 100 Beads (Lower Primary)",
        "450",
        None,
        130,
        350,
        "UHS-KIT-0002",
        ["maths", "lower primary"],
        False,
        True,
    ),
    (
        "tablet-cover-with-stand-10-inch",
        "learning-kits",
        "Tablet Cover with Stand, 10-inch",
        "1300",
        None,
        25,
        300,
        "UHS-KIT-0003",
        ["devices"],
        False,
        False,
    ),
]

# Every plan unlocks what its features promise (payments.models.Feature keys):
# all premium courses, the AI tutor without the free daily cap, and reports.
PLAN_ENTITLEMENTS = ["all_courses", "unlimited_tutor", "parent_reports"]

PLANS = [
    # (slug, name, price, interval, max children, display order, description,
    #  features, entitlements)
    (
        "learner-monthly",
        "Learner Monthly",
        "800",
        "month",
        1,
        1,
        "All free and premium lessons for one learner, billed monthly.",
        ["All premium courses for 1 learner", "AI tutor", "Progress reports"],
        PLAN_ENTITLEMENTS,
    ),
    (
        "family-monthly",
        "Family Monthly",
        "1500",
        "month",
        3,
        2,
        "Up to three children in one family, billed monthly via M-Pesa or card.",
        [
            "All premium courses for up to 3 learners",
            "AI tutor",
            "Parent dashboard reports",
        ],
        PLAN_ENTITLEMENTS,
    ),
    (
        "family-termly",
        "Family Termly",
        "4000",
        "term",
        3,
        3,
        "One payment per school term for up to three children.",
        ["Everything in Family Monthly", "Save about 10% per term"],
        PLAN_ENTITLEMENTS,
    ),
    (
        "family-yearly",
        "Family Yearly",
        "12000",
        "year",
        5,
        4,
        "A whole school year for up to five children.",
        [
            "Everything in Family Termly",
            "Up to 5 learners",
            "Free KPSEA/KJSEA revision packs",
        ],
        PLAN_ENTITLEMENTS,
    ),
]

# ------------------------------------------------------------------- forum
FORUM_CATEGORIES = [
    "general",
    "homework-help",
    "parents-corner",
    "cbc-curriculum",
    "announcements",
    "study-groups",
    "tech-support",
]

FORUM_TEMPLATES = {
    "homework-help": [
        (
            "{grade} {area}: help with {topic}",
            "I am stuck on the {topic} exercise in my {area} book. Can someone explain the first "
            "step? I have tried twice and keep getting a different answer from the book.",
        ),
        (
            "Question on {topic} ({grade})",
            "Our teacher gave us a question on {topic} and I don't understand what it is asking. "
            "Any tips?",
        ),
    ],
    "parents-corner": [
        (
            "How do you make {area} practice fun for a {grade} learner?",
            "My child gets bored with {area} homework after 20 minutes. What routines or games have "
            "worked for your family?",
        ),
        (
            "Balancing screen time and {area} lessons",
            "How much time do your children spend on the online lessons each day? We are trying "
            "to keep it under two hours for our {grade} child.",
        ),
    ],
    "cbc-curriculum": [
        (
            "What does {grade} {area} cover this term?",
            "Could someone share which strands of {area} are covered in {grade} this term? I want "
            "to plan revision with my child.",
        ),
    ],
    "study-groups": [
        (
            "{area} study group for {grade} learners",
            "We meet online on Saturdays at 10 a.m. to revise {topic} and other {area} topics. "
            "Everyone is welcome.",
        ),
    ],
    "general": [
        (
            "Educational trips near {town}?",
            "We want to visit a museum, park or farm near {town} during the holidays that connects "
            "to {area}. Suggestions?",
        ),
    ],
    "tech-support": [
        (
            "M-Pesa prompt did not appear",
            "I tried to pay for a course but the STK push did not appear on my phone. The money "
            "was not deducted. What should I do?",
        ),
        (
            "Lesson video keeps buffering",
            "The lesson videos buffer a lot on mobile data. Is there a way to lower the quality?",
        ),
    ],
}

FORUM_REPLIES = [
    "Start by writing down what you know and what you are asked to find; then try one step at "
    "a time.",
    "We had the same problem last week. The worked example in lesson 3 explains it well.",
    "Try the home activity at the end of the lesson; it made it click for my son.",
    "Thank you, this helped a lot!",
    "Our family does 30 minutes after supper with a short break. Consistency matters more than "
    "length.",
    "Asante sana for sharing. We will join on Saturday.",
    "Please check that your line is Safaricom and that the phone is unlocked when you pay; the "
    "prompt expires after about a minute.",
    "You can also ask the AI tutor for a hint without getting the full answer.",
]

BASE_FORUM_THREADS = [
    # (key, author key, category, title, content, tags, pinned, solved, views,
    #  [(reply author key, content, is_solution)], [likers])
    (
        "welcome",
        "admin",
        "announcements",
        "Welcome to the Urban Home School community!",
        "Karibu! This forum is for learners, parents and teachers following the CBC at home. "
        "Be kind, keep children's personal details private, and use the categories so others can "
        "find your question. Moderators are online on weekdays from 8 a.m. to 6 p.m.",
        ["welcome", "rules"],
        True,
        False,
        1840,
        [
            ("parent", "Asante! Happy to be here with my daughter Amani.", False),
            (
                "instructor",
                "Karibuni wote. Post your maths questions in Homework help.",
                False,
            ),
        ],
        ["parent", "student", "instructor", "parent_1", "parent_2"],
    ),
    (
        "grade7-equation",
        "student",
        "homework-help",
        "Grade 7 Maths: how do I solve 3(x − 2) = 2x + 5?",
        "I expanded the bracket and got 3x − 2 = 2x + 5, so x = 7, but the book says 11. "
        "Where did I go wrong?",
        ["grade 7", "mathematics", "linear equations"],
        False,
        True,
        212,
        [
            (
                "instructor",
                "Careful with the bracket: 3 multiplies both terms, so 3(x − 2) = 3x − 6. "
                "Then 3x − 6 = 2x + 5 gives x = 11. Always check by substituting back!",
                True,
            ),
            ("student", "Now I see it. Thank you, Mwalimu!", False),
            ("parent_3", "Great explanation, my son had the same mistake.", False),
        ],
        ["parent", "parent_3", "student_2"],
    ),
    (
        "homeschool-day",
        "parent",
        "parents-corner",
        "How do you structure a homeschool day with a Grade 4 and a Grade 7 learner?",
        "I have two children at different levels. Do you teach them together for some learning "
        "areas (like Creative Arts) and separately for Mathematics? Please share your timetables.",
        ["timetable", "siblings"],
        False,
        False,
        530,
        [
            (
                "parent_1",
                "We do Creative Arts and Kiswahili together in the morning, then maths "
                "separately after 10 a.m. tea.",
                False,
            ),
            (
                "parent_4",
                "A printed weekly timetable on the fridge helped us a lot.",
                False,
            ),
            (
                "staff",
                "The parent dashboard shows each child's progress; some families plan the week "
                "from it every Sunday.",
                False,
            ),
        ],
        ["parent_1", "parent_4"],
    ),
    (
        "rationalised-areas",
        "parent_2",
        "cbc-curriculum",
        "What changed in the rationalised Junior School learning areas (2024)?",
        "I keep reading that Junior School now has nine learning areas. Which subjects were "
        "merged?",
        ["junior school", "rationalisation"],
        False,
        True,
        760,
        [
            (
                "instructor",
                "Since January 2024 Junior School has nine areas: English, Kiswahili, "
                "Mathematics, Religious Education, Social Studies (with Life Skills), Integrated Science "
                "(with Health Education), Pre-Technical Studies (with Business Studies and Computer "
                "Science), Agriculture and Nutrition, and Creative Arts and Sports.",
                True,
            )
        ],
        ["parent", "parent_5"],
    ),
    (
        "kjsea-group",
        "student_3",
        "study-groups",
        "KJSEA 2026 revision group: Integrated Science",
        "Grade 9 learners, let's revise together every Saturday at 2 p.m. This week: acids, "
        "bases and indicators.",
        ["kjsea", "integrated science", "grade 9"],
        False,
        False,
        145,
        [("student_4", "Count me in!", False)],
        ["student_4", "student"],
    ),
    (
        "mpesa-prompt",
        "parent_5",
        "tech-support",
        "M-Pesa prompt did not appear when paying",
        "I tried to pay KES 1,500 for the Grade 6 KPSEA revision course but no prompt came to my "
        "phone. Was I charged?",
        ["m-pesa", "payments"],
        False,
        True,
        98,
        [
            (
                "staff",
                "No money was deducted: the attempt shows as failed on our side. Please make "
                "sure your Safaricom line is active and try again; the prompt expires after about "
                "a minute.",
                True,
            ),
            ("parent_5", "It worked the second time. Thanks!", False),
        ],
        [],
    ),
    (
        "nairobi-trips",
        "parent_1",
        "general",
        "Educational trips around Nairobi?",
        "We are planning holiday trips linked to Social Studies and Science. So far: Nairobi "
        "National Park, the Nairobi National Museum and the Karura Forest. Other ideas?",
        ["trips", "nairobi"],
        False,
        False,
        330,
        [
            (
                "parent_2",
                "The Bomas of Kenya is great for the communities topic.",
                False,
            ),
            (
                "parent",
                "Try the Giraffe Centre in Lang'ata; the children loved it.",
                False,
            ),
        ],
        ["parent_2"],
    ),
    (
        "senior-pathways",
        "parent_4",
        "parents-corner",
        "Senior School pathways: STEM or Social Sciences for my Grade 9 daughter?",
        "She loves Biology but also writes beautifully. How did you decide on a pathway?",
        ["senior school", "pathways"],
        False,
        False,
        410,
        [
            (
                "instructor",
                "Look at her Grade 7–9 results and interests together; two of her three "
                "electives should come from the pathway, so there is some room for both.",
                False,
            )
        ],
        ["parent"],
    ),
]

NOTIFICATION_TEMPLATES = {
    "enrollment": (
        "Enrolled in {course}",
        "{child} is now enrolled in {course}. Happy learning!",
    ),
    "grade": ("New grade released", "{child} scored {score}/{total} in {assessment}."),
    "certificate": (
        "Certificate issued",
        "Congratulations! {child} completed {course}.",
    ),
    "payment": (
        "Payment received",
        "We received KES {amount} via {gateway}. Ref {reference}.",
    ),
    "order": ("Order {order} update", "Your order {order} is now {status}."),
    "reminder": (
        "Keep the streak going",
        "{child} has not opened {course} for a few days.",
    ),
    "forum": ("New reply to your post", 'Someone replied to "{title}".'),
}


# ------------------------------------------------------------ base set
# Demo families: (key, first, last, place index, [(kid key, first, grade)]).
BASE_FAMILIES = [
    (
        "parent_1",
        "Wambui",
        "Mwangi",
        3,
        [("student_1", "Neema", "Grade 4"), ("student_2", "Brian", "Grade 7")],
    ),
    ("parent_2", "Otieno", "Ochieng", 12, [("student_5", "Akinyi", "Grade 2")]),
    (
        "parent_3",
        "Fatuma",
        "Ali",
        10,
        [
            ("student_3", "Zawadi", "Grade 9"),
            ("student_6", "Salim", "Grade 6"),
            ("student_7", "Rehema", "PP2"),
        ],
    ),
    ("parent_4", "Kiprono", "Koech", 15, [("student_4", "Jelimo", "Grade 9")]),
    (
        "parent_5",
        "Mwende",
        "Musyoka",
        8,
        [("student_8", "Kioko", "Grade 5"), ("student_9", "Mumbi", "Grade 1")],
    ),
    ("parent_6", "Njoroge", "Kamau", 0, [("student_10", "Ian", "Grade 10")]),
    (
        "parent_7",
        "Nafula",
        "Wekesa",
        20,
        [("student_11", "Nekesa", "Grade 3"), ("student_12", "Wafula", "Grade 6")],
    ),
    ("parent_8", "Halima", "Hassan", 0, [("student_13", "Imani", "Grade 11")]),
    (
        "parent_9",
        "Lemayian",
        "Saitoti",
        6,
        [("student_14", "Naserian", "Grade 7"), ("student_15", "Lokai", "PP1")],
    ),
    (
        "parent_10",
        "Karimi",
        "Gitonga",
        17,
        [("student_16", "Kendi", "Grade 12"), ("student_17", "Makena", "Grade 4")],
    ),
]

# The demo children's courses: (slug, status, lessons done; None = pick).
DEMO_STUDENT_COURSES = [
    ("grade-7-mathematics-numbers-algebra-and-geometry", "active", 5),
    ("grade-7-integrated-science-living-things", "active", 3),
    ("grade-7-english-grammar-in-use", "completed", None),
    ("grade-6-kpsea-revision-mathematics", "completed", None),
    ("grade-7-pre-technical-studies-safety-tools-and-computers", "active", 1),
    ("grade-8-mathematics-ratios-equations-and-data", "pending_payment", 0),
]
# The demo parent's Family Monthly plan covers these children: a course of
# theirs waiting for payment opens with the plan ("Start with your plan"), so
# no per-course payment is started for it.
PLAN_COVERED_CHILDREN = {"student", "student_0"}
# The pay-per-course example: the first child of these families (none has a
# live plan) with a paid course of their grade not already theirs waits for
# it with one failed and one pending M-Pesa attempt, and their parent is
# reminded to complete the payment.
PAY_PER_COURSE_FAMILIES = ["parent_1", "parent_2", "parent_4", "parent_5"]
SIBLING_COURSES = [
    ("grade-4-science-and-technology-plants-and-animals", "active", 4),
    ("grade-4-mathematics-whole-numbers-and-fractions", "active", 2),
    ("grade-4-english-reading-comprehension", "completed", None),
]

# The demo sibling (Grade 4) asks this through the real tutor service.
TUTOR_SIBLING_QUESTION = "How do plants make their own food?"

TUTOR_CONVERSATION = [
    (
        "user",
        "Ndege, can you help me with ratios? I don't get how to share KES 600 in the "
        "ratio 1:2.",
    ),
    (
        "assistant",
        "Of course! First add the parts: 1 + 2 = 3 parts. Then find one part: "
        "600 ÷ 3 = KES 200. The first person gets 1 × 200 = KES 200 and the second 2 × 200 = "
        "KES 400. Check: 200 + 400 = 600. Now you try: share 900 mangoes in the ratio 2:3.",
    ),
    ("user", "2 + 3 = 5 parts, 900 ÷ 5 = 180, so 360 and 540?"),
    (
        "assistant",
        "Exactly right, well done! 360 + 540 = 900. Ratios also help when mixing "
        "things, like 1 cup of sugar to 4 cups of flour for mandazi. Want a harder one with "
        "three people?",
    ),
    ("user", "Yes please, but tomorrow. Asante!"),
    (
        "assistant",
        "Karibu! Tomorrow we'll try sharing KES 1,200 among three friends in the "
        "ratio 1:2:3. Keep practising!",
    ),
]
