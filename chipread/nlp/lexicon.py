"""Bundled word lists: countries, cities, nationalities, organisations, titles, names, dates."""

from __future__ import annotations


def _lines(block: str) -> list[str]:
    return [x.strip() for x in block.strip().splitlines() if x.strip() and not x.strip().startswith("#")]


def _words(block: str) -> frozenset[str]:
    return frozenset(block.split())


# --- Places -----------------------------------------------------------------------------------
# Sovereign states and a few widely reported territories, with the short forms news uses.
COUNTRIES = _lines(
    """
Afghanistan
Albania
Algeria
Andorra
Angola
Antigua and Barbuda
Argentina
Armenia
Australia
Austria
Azerbaijan
Bahamas
Bahrain
Bangladesh
Barbados
Belarus
Belgium
Belize
Benin
Bhutan
Bolivia
Bosnia and Herzegovina
Bosnia
Herzegovina
Botswana
Brazil
Brunei
Bulgaria
Burkina Faso
Burundi
Cambodia
Cameroon
Canada
Cape Verde
Central African Republic
Chad
Chile
China
People's Republic of China
Colombia
Comoros
Congo
Democratic Republic of Congo
Democratic Republic of the Congo
DR Congo
DRC
Costa Rica
Ivory Coast
Cote d'Ivoire
Croatia
Cuba
Cyprus
Czech Republic
Czechia
Denmark
Djibouti
Dominica
Dominican Republic
East Timor
Timor-Leste
Ecuador
Egypt
El Salvador
Equatorial Guinea
Eritrea
Estonia
Eswatini
Swaziland
Ethiopia
Fiji
Finland
France
Gabon
Gambia
Georgia
Germany
Ghana
Greece
Grenada
Guatemala
Guinea
Guinea-Bissau
Guyana
Haiti
Honduras
Hungary
Iceland
India
Indonesia
Iran
Iraq
Ireland
Israel
Italy
Jamaica
Japan
Jordan
Kazakhstan
Kenya
Kiribati
Kosovo
Kuwait
Kyrgyzstan
Laos
Latvia
Lebanon
Lesotho
Liberia
Libya
Liechtenstein
Lithuania
Luxembourg
Madagascar
Malawi
Malaysia
Maldives
Mali
Malta
Marshall Islands
Mauritania
Mauritius
Mexico
Micronesia
Moldova
Monaco
Mongolia
Montenegro
Morocco
Mozambique
Myanmar
Burma
Namibia
Nauru
Nepal
Netherlands
Holland
New Zealand
Nicaragua
Niger
Nigeria
North Korea
North Macedonia
Macedonia
Norway
Oman
Pakistan
Palau
Palestine
Panama
Papua New Guinea
Paraguay
Peru
Philippines
Poland
Portugal
Qatar
Romania
Russia
Russian Federation
Rwanda
Saint Lucia
Samoa
San Marino
Saudi Arabia
Senegal
Serbia
Seychelles
Sierra Leone
Singapore
Slovakia
Slovenia
Solomon Islands
Somalia
South Africa
South Korea
Republic of Korea
Korea
South Sudan
Spain
Sri Lanka
Sudan
Suriname
Sweden
Switzerland
Syria
Taiwan
Tajikistan
Tanzania
Thailand
Togo
Tonga
Trinidad and Tobago
Tunisia
Turkey
Turkiye
Türkiye
Turkmenistan
Tuvalu
Uganda
Ukraine
United Arab Emirates
UAE
United Kingdom
UK
U.K.
Britain
Great Britain
England
Scotland
Wales
Northern Ireland
United States
United States of America
US
U.S.
USA
U.S.A.
America
Uruguay
Uzbekistan
Vanuatu
Vatican
Vatican City
Venezuela
Vietnam
Viet Nam
Yemen
Zambia
Zimbabwe
Hong Kong
Macau
Macao
Puerto Rico
Greenland
Gaza
West Bank
Crimea
Tibet
Xinjiang
Kashmir
Catalonia
Scotland
Quebec
Chechnya
Donbas
Kurdistan
Western Sahara
New Caledonia
French Guiana
Guam
"""
)

# Capitals and large or much-reported cities; states and provinces of big federations.
CITIES = _lines(
    """
Kabul
Tirana
Algiers
Luanda
Buenos Aires
Cordoba
Rosario
Yerevan
Canberra
Sydney
Melbourne
Brisbane
Perth
Adelaide
Vienna
Baku
Manama
Dhaka
Chittagong
Minsk
Brussels
Antwerp
La Paz
Sarajevo
Gaborone
Brasilia
Brasília
Sao Paulo
São Paulo
Rio de Janeiro
Salvador
Belo Horizonte
Sofia
Phnom Penh
Yaounde
Ottawa
Toronto
Montreal
Vancouver
Calgary
Santiago
Beijing
Shanghai
Guangzhou
Shenzhen
Chongqing
Tianjin
Wuhan
Chengdu
Nanjing
Hangzhou
Xi'an
Harbin
Shenyang
Qingdao
Dalian
Xiamen
Suzhou
Urumqi
Lhasa
Bogota
Bogotá
Medellin
Kinshasa
San Jose
Zagreb
Havana
Nicosia
Prague
Copenhagen
Quito
Guayaquil
Cairo
Alexandria
Tallinn
Addis Ababa
Helsinki
Paris
Marseille
Lyon
Toulouse
Nice
Bordeaux
Strasbourg
Tbilisi
Berlin
Hamburg
Munich
Frankfurt
Cologne
Stuttgart
Dusseldorf
Düsseldorf
Bonn
Leipzig
Dresden
Accra
Athens
Guatemala City
Conakry
Port-au-Prince
Tegucigalpa
Budapest
Reykjavik
New Delhi
Delhi
Mumbai
Bombay
Kolkata
Calcutta
Chennai
Madras
Bengaluru
Bangalore
Hyderabad
Ahmedabad
Pune
Jakarta
Surabaya
Bali
Tehran
Baghdad
Basra
Mosul
Dublin
Jerusalem
Tel Aviv
Rome
Milan
Naples
Turin
Florence
Venice
Kingston
Tokyo
Osaka
Kyoto
Yokohama
Nagoya
Kobe
Sapporo
Fukuoka
Hiroshima
Nagasaki
Okinawa
Fukushima
Amman
Astana
Almaty
Nairobi
Mombasa
Pristina
Kuwait City
Bishkek
Vientiane
Riga
Beirut
Monrovia
Tripoli
Benghazi
Vilnius
Antananarivo
Lilongwe
Kuala Lumpur
Bamako
Valletta
Nouakchott
Mexico City
Guadalajara
Monterrey
Tijuana
Chisinau
Ulaanbaatar
Podgorica
Rabat
Casablanca
Maputo
Naypyidaw
Yangon
Windhoek
Kathmandu
Amsterdam
Rotterdam
The Hague
Eindhoven
Utrecht
Wellington
Auckland
Managua
Niamey
Abuja
Lagos
Pyongyang
Skopje
Oslo
Bergen
Muscat
Islamabad
Karachi
Lahore
Panama City
Asuncion
Lima
Manila
Warsaw
Krakow
Lisbon
Porto
Doha
Bucharest
Moscow
St Petersburg
St. Petersburg
Saint Petersburg
Vladivostok
Kigali
Riyadh
Jeddah
Mecca
Dakar
Belgrade
Freetown
Bratislava
Ljubljana
Mogadishu
Pretoria
Johannesburg
Cape Town
Durban
Seoul
Busan
Incheon
Juba
Madrid
Barcelona
Valencia
Seville
Bilbao
Colombo
Khartoum
Stockholm
Gothenburg
Bern
Zurich
Geneva
Basel
Lausanne
Davos
Damascus
Aleppo
Taipei
Kaohsiung
Dushanbe
Dodoma
Dar es Salaam
Bangkok
Lome
Tunis
Ankara
Istanbul
Izmir
Ashgabat
Kampala
Kyiv
Kiev
Kharkiv
Odesa
Odessa
Lviv
Mariupol
Abu Dhabi
Dubai
London
Manchester
Birmingham
Liverpool
Leeds
Glasgow
Edinburgh
Cardiff
Belfast
Bristol
Oxford
Cambridge
Washington
New York
New York City
Los Angeles
Chicago
Houston
Phoenix
Philadelphia
San Antonio
San Diego
Dallas
San Francisco
Seattle
Boston
Detroit
Atlanta
Miami
Denver
Las Vegas
Baltimore
Pittsburgh
Cleveland
Minneapolis
New Orleans
Silicon Valley
Montevideo
Tashkent
Caracas
Hanoi
Ho Chi Minh City
Sanaa
Aden
Lusaka
Harare
Gaza City
Ramallah
Hebron
Rafah
Kandahar
Mandalay
Singapore City
Macau
Strasbourg
Luxembourg City
Monaco
Gdansk
Porto Alegre
Recife
Brasilia
Quebec City
Winnipeg
Edmonton
Halifax
Auckland
Christchurch
Hobart
Darwin
# US states and other first-level divisions that news names without their country.
Alabama
Alaska
Arizona
Arkansas
California
Colorado
Connecticut
Delaware
Florida
Hawaii
Idaho
Illinois
Indiana
Iowa
Kansas
Kentucky
Louisiana
Maine
Maryland
Massachusetts
Michigan
Minnesota
Mississippi
Missouri
Montana
Nebraska
Nevada
New Hampshire
New Jersey
New Mexico
North Carolina
North Dakota
Ohio
Oklahoma
Oregon
Pennsylvania
Rhode Island
South Carolina
South Dakota
Tennessee
Texas
Utah
Vermont
Virginia
West Virginia
Wisconsin
Wyoming
Ontario
British Columbia
Alberta
Manitoba
Saskatchewan
Nova Scotia
New South Wales
Queensland
Victoria
Tasmania
Western Australia
South Australia
Bavaria
Saxony
Guangdong
Fujian
Zhejiang
Jiangsu
Sichuan
Yunnan
Hubei
Hunan
Henan
Shandong
Hebei
Inner Mongolia
Guangxi
Hainan
Ningxia
Maharashtra
Gujarat
Karnataka
Kerala
Tamil Nadu
Uttar Pradesh
Punjab
Bengal
West Bengal
Rajasthan
Bihar
Assam
Telangana
Hokkaido
Kyushu
Honshu
Sindh
Balochistan
Khyber Pakhtunkhwa
Kurdistan Region
"""
)

NATIONALITIES = _lines(
    """
Afghan
Albanian
Algerian
American
Americans
Angolan
Argentine
Argentinian
Armenian
Australian
Australians
Austrian
Azerbaijani
Bangladeshi
Belarusian
Belgian
Bolivian
Bosnian
Brazilian
Brazilians
British
Briton
Britons
Bulgarian
Burmese
Cambodian
Cameroonian
Canadian
Canadians
Chilean
Chinese
Colombian
Congolese
Croatian
Cuban
Cypriot
Czech
Danish
Dutch
Ecuadorian
Egyptian
Egyptians
Emirati
English
Eritrean
Estonian
Ethiopian
Filipino
Filipinos
Finnish
French
Georgian
German
Germans
Ghanaian
Greek
Greeks
Guatemalan
Haitian
Honduran
Hungarian
Icelandic
Indian
Indians
Indonesian
Iranian
Iranians
Iraqi
Iraqis
Irish
Israeli
Israelis
Italian
Italians
Ivorian
Jamaican
Japanese
Jordanian
Kazakh
Kenyan
Kenyans
Korean
Koreans
Kosovar
Kuwaiti
Kyrgyz
Lao
Latvian
Lebanese
Liberian
Libyan
Lithuanian
Luxembourgish
Malagasy
Malawian
Malaysian
Malian
Maltese
Mexican
Mexicans
Moldovan
Mongolian
Montenegrin
Moroccan
Mozambican
Namibian
Nepali
Nepalese
Nicaraguan
Nigerian
Nigerians
Nigerien
North Korean
North Koreans
Norwegian
Omani
Pakistani
Pakistanis
Palestinian
Palestinians
Panamanian
Paraguayan
Peruvian
Polish
Portuguese
Qatari
Romanian
Russian
Russians
Rwandan
Salvadoran
Saudi
Saudis
Scottish
Senegalese
Serbian
Serb
Serbs
Singaporean
Slovak
Slovenian
Somali
South African
South Africans
South Korean
South Koreans
South Sudanese
Spanish
Sri Lankan
Sudanese
Swedish
Swiss
Syrian
Syrians
Taiwanese
Tajik
Tanzanian
Thai
Tibetan
Tunisian
Turkish
Turkmen
Ugandan
Ukrainian
Ukrainians
Uruguayan
Uzbek
Venezuelan
Venezuelans
Vietnamese
Welsh
Yemeni
Zambian
Zimbabwean
# Regional, religious and political groups (OntoNotes NORP).
African
Africans
Asian
Asians
European
Europeans
Western
Westerners
Arab
Arabs
Latin American
Latino
Latinos
Hispanic
Scandinavian
Nordic
Baltic
Balkan
Caribbean
Pacific Islander
Kurdish
Kurds
Uyghur
Uyghurs
Uighur
Uighurs
Rohingya
Tamil
Tamils
Pashtun
Maori
Aboriginal
Hindu
Hindus
Muslim
Muslims
Islamic
Christian
Christians
Catholic
Catholics
Protestant
Protestants
Evangelical
Jewish
Jews
Buddhist
Buddhists
Sikh
Sikhs
Sunni
Shia
Shiite
Republican
Republicans
Democrat
Democrats
Communist
Communists
Conservatives
Socialist
Socialists
Islamist
Islamists
Zionist
"""
)

# Organisations every news reader meets; companies only when they are household names.
ORGANISATIONS = _lines(
    """
United Nations
UN
U.N.
UN Security Council
Security Council
General Assembly
UN General Assembly
European Union
EU
E.U.
European Commission
European Parliament
European Council
European Central Bank
ECB
NATO
Nato
North Atlantic Treaty Organization
World Health Organization
World Health Organisation
WHO
International Monetary Fund
IMF
World Bank
World Trade Organization
World Trade Organisation
WTO
OPEC
OPEC+
ASEAN
APEC
G7
G-7
G20
G-20
Group of Seven
Group of 20
Group of Twenty
BRICS
OECD
African Union
Arab League
Unicef
UNICEF
UNESCO
UNHCR
UNDP
WFP
World Food Programme
Red Cross
Red Crescent
ICRC
International Committee of the Red Cross
Interpol
Europol
IAEA
International Atomic Energy Agency
International Criminal Court
ICC
International Court of Justice
ICJ
Amnesty International
Human Rights Watch
Greenpeace
Oxfam
Médecins Sans Frontières
Medecins Sans Frontieres
MSF
Doctors Without Borders
Gavi
Wikimedia Foundation
FIFA
UEFA
IOC
International Olympic Committee
Reuters
AFP
Agence France-Presse
AP
Associated Press
Bloomberg
BBC
CNN
Fox News
CNBC
Al Jazeera
Xinhua
Kyodo
Yonhap
Nikkei
NHK
TASS
The New York Times
New York Times
The Washington Post
Washington Post
The Wall Street Journal
Wall Street Journal
Financial Times
The Guardian
The Economist
Politico
NASA
ESA
European Space Agency
Federal Reserve
Pentagon
Kremlin
Congress
Senate
House of Representatives
House of Commons
House of Lords
Supreme Court
Bundestag
Knesset
Duma
State Duma
Parliament
Commerce Department
State Department
Justice Department
Treasury
FBI
CIA
NSA
SEC
FDA
CDC
Apple
Microsoft
Google
Alphabet
Amazon
Meta
Facebook
Tesla
Nvidia
Intel
AMD
Qualcomm
IBM
Oracle
Samsung
Samsung Electronics
Sony
Toyota
Honda
Nissan
Hyundai
Volkswagen
BMW
Mercedes-Benz
Huawei
ZTE
Alibaba
Tencent
Baidu
ByteDance
TikTok
Xiaomi
TSMC
Foxconn
Shell
BP
ExxonMobil
Chevron
Saudi Aramco
Aramco
Gazprom
Rosneft
Boeing
Airbus
JPMorgan
Goldman Sachs
Morgan Stanley
HSBC
Barclays
Citigroup
OpenAI
Twitter
SpaceX
Walmart
Pfizer
Moderna
AstraZeneca
Nestle
Unilever
"""
)

LOCATIONS = _lines(
    """
Africa
Asia
Europe
North America
South America
Latin America
Central America
Antarctica
Antarctic
Arctic
Oceania
Eurasia
Middle East
Near East
Far East
East Asia
Southeast Asia
South Asia
Central Asia
West Africa
East Africa
North Africa
Southern Africa
Sub-Saharan Africa
Horn of Africa
Sahel
Sahara
Balkans
Caucasus
Scandinavia
Siberia
Mediterranean
Atlantic
Pacific
Indian Ocean
Atlantic Ocean
Pacific Ocean
Arctic Ocean
Indo-Pacific
Asia-Pacific
Black Sea
Red Sea
Baltic Sea
North Sea
Caspian Sea
Dead Sea
East China Sea
South China Sea
Yellow Sea
Sea of Japan
Persian Gulf
Gulf
Strait of Hormuz
Taiwan Strait
Korean Peninsula
Gaza Strip
Golan Heights
Himalayas
Alps
Andes
Rockies
Amazon rainforest
Mekong
Nile
Danube
Rhine
Yangtze
Mars
Venus
Mercury
Jupiter
Saturn
Moon
"""
)

FACILITIES = _lines(
    """
White House
Capitol
Capitol Hill
Downing Street
Elysee Palace
Élysée Palace
Great Hall of the People
Zhongnanhai
Tiananmen Square
Red Square
Wembley
Heathrow
"""
)

EVENTS = _lines(
    """
World War I
World War II
First World War
Second World War
Cold War
Olympics
Olympic Games
Paralympics
Paralympic Games
World Cup
Champions League
Europa League
Super Bowl
Wimbledon
Tour de France
Brexit
Holocaust
Arab Spring
Cultural Revolution
Great Depression
El Niño
El Nino
La Niña
La Nina
Davos
Eurovision
"""
)

# --- Words that shape a name ---------------------------------------------------------------
# Honorifics and titles: the capitalised words after them are a person.
HONORIFICS = _words(
    "Mr Mr. Mrs Mrs. Ms Ms. Miss Mx Dr Dr. Prof Prof. Professor Sir Dame Lord Lady Rev Rev. "
    "Reverend Fr Fr. Father Sheikh Sheikha Imam Rabbi Pope Saint"
)
TITLE_HEADS = _words(
    "President Vice-President Premier Minister Secretary Chancellor Governor Mayor Senator Sen Sen. "
    "Representative Rep Rep. Congressman Congresswoman Ambassador Envoy Judge Justice King Queen "
    "Prince Princess Emperor Empress Crown Cardinal Bishop Archbishop General Gen Gen. Admiral Adm. "
    "Colonel Col Col. Captain Capt Capt. Lieutenant Lt Lt. Sergeant Sgt Sgt. Major Maj. Commander "
    "Commissioner Chairman Chairwoman Chairperson Chair Director Spokesman Spokeswoman Spokesperson "
    "Chief Leader Inspector Detective Superintendent Coach Manager Captain Gov Gov. Deputy Officer "
    "Attorney Prosecutor Counsel Sheriff Marshal Premier Speaker Treasurer Auditor Ombudsman CEO "
    "Chief-Executive Founder Co-founder Executive"
)
# Words that sit between a nationality and a title head: "Japanese Trade Minister".
TITLE_MODIFIERS = _words(
    "Foreign Trade Commerce Industry Economy Economic Finance Defence Defense Interior Home Health "
    "Education Energy Environment Justice Labour Labor Agriculture Transport Transportation Culture "
    "Digital Science Technology Industries Foreign-Affairs Affairs Prime Vice Deputy Acting Former "
    "Senior Assistant Associate Executive Managing General Chief Cabinet State Federal National "
    "Opposition Party Army Navy Air Force Police Fire Supreme High Secretary-General Attorney "
    "Solicitor Surgeon Press Communications Security Intelligence Development International Regional "
    "Local County District Provincial Lord Grand Head Sports Tourism Housing Immigration Treasury "
    "Mines Mining Water Fisheries Trade-Representative Representative Information Public Works "
    "Social Welfare Women Youth Veterans Homeland Human Rights Legal Climate Space Research Planning "
    "Investment Competition Monetary Fiscal Budget Revenue Customs Crown Royal Military Naval Air-Force"
)
# Lowercase role nouns before a name: "striker Marek Kowalczyk", "spokeswoman Mao Ning".
ROLE_NOUNS = _words(
    "president minister secretary chancellor governor mayor senator lawmaker legislator "
    "ambassador envoy diplomat judge justice king queen prince princess general admiral colonel "
    "captain commander commissioner chairman chairwoman chair director spokesman spokeswoman "
    "spokesperson leader chief executive ceo cfo coo founder co-founder president-elect official "
    "officer analyst economist strategist lawyer attorney prosecutor counsel defendant suspect "
    "victim scientist researcher professor doctor epidemiologist physician surgeon nurse engineer "
    "author writer journalist reporter correspondent editor columnist photographer artist singer "
    "actor actress director producer player striker midfielder defender goalkeeper forward coach "
    "manager captain substitute winger batsman bowler pitcher quarterback boxer driver rider "
    "athlete sprinter swimmer champion teammate rival opponent candidate challenger incumbent "
    "nominee activist campaigner protester organiser organizer resident residents witness "
    "student teacher farmer worker owner investor trader banker billionaire entrepreneur "
    "businessman businesswoman chair vice-chair deputy head boss manager partner spokesman "
    "counterpart predecessor successor colleague adviser advisor aide negotiator mediator "
    "inspector detective constable sergeant sheriff warden priest bishop imam rabbi pastor "
    "cardinal pope monk nun ruler dictator monarch premier mp mep senator-elect congressman "
    "congresswoman representative delegate councillor councilor alderman official officials "
    "economist chairperson superintendent administrator registrar auditor treasurer trustee "
    "whistleblower survivor widow mother father son daughter brother sister wife husband "
    "grandmother grandfather uncle aunt cousin friend neighbour neighbor"
)
# Lowercase nouns before an unknown capitalised name that make it an organisation.
ORG_DESCRIPTORS = _words(
    "company firm group giant maker makers manufacturer producer supplier carrier airline "
    "insurer lender bank retailer chain startup start-up conglomerate operator developer "
    "broadcaster newspaper agency ministry party club side team outfit brand subsidiary unit "
    "rival rivals partner partners exchange fund platform network publisher studio label "
    "charity organisation organization union watchdog regulator firms companies groups banks "
    "lenders insurers carriers airlines retailers startups clubs teams brands"
)
# Last words that make a capitalised sequence an organisation ("Tokyo Electron" excepted).
ORG_SUFFIXES = _words(
    "Inc Inc. Incorporated Corp Corp. Corporation Co Co. Company Companies Ltd Ltd. Limited LLC "
    "L.L.C. LLP LP Plc PLC plc NV N.V. BV B.V. AG SA S.A. SE SpA S.p.A. ASA AB Oyj GmbH KK K.K. "
    "Pvt Pty Bhd Tbk Holdings Holding Group Groups Partners Associates Ventures Capital "
    "Investments Securities Bank Banks Bancorp Financial Insurance Assurance Trust Fund Funds "
    "Ministry Department Agency Agencies Commission Committee Council Authority Authorities "
    "Administration Office Bureau Board Service Services Directorate Inspectorate Tribunal Court "
    "Parliament Assembly Senate Congress Chamber Cabinet Government Party Movement Front Alliance "
    "Coalition League Federation Confederation Association Union Society Societies Institute "
    "Institution Foundation Trust Center Centre Council Academy College University School "
    "Schools Polytechnic Laboratory Laboratories Labs Clinic Church Mission Network "
    "Organization Organisation Forum Club FC Exchange Exchanges Markets Airlines Airways Air "
    "Motors Motor Automotive Industries Industry Electronics Electric Technologies Technology "
    "Tech Systems Solutions Software Semiconductor Semiconductors Pharmaceuticals Pharma "
    "Biotech Therapeutics Energy Oil Gas Petroleum Power Utilities Mining Metals Steel Chemicals "
    "Renewables Shipping Logistics Telecom Telecommunications Communications Media Studios "
    "Entertainment Records Publishing Press News Times Post Journal Herald Tribune Gazette "
    "Research Insights Analytics Consulting Advisors Advisory Brands Foods Beverages Retail "
    "Stores Construction Engineering Properties Realty Resources Aerospace Defence Defense "
    "Dynamics Robotics Instruments Devices Networks Wireless Mobile Broadcasting Television Radio "
    "Police Army Navy Force Forces Guard Corps Command Brigade Battalion Regiment Militia Taliban "
    "Unit Division Services Commission Lab Collective Cooperative Co-op Party Caucus"
)
# Heads of "X of Y" organisations: "Ministry of Commerce", "University of Bern".
ORG_OF_HEADS = _words(
    "Ministry Department University Bank Court Chamber Council Federation Association Institute "
    "Commission Committee Organization Organisation Union League Office Board Bureau Agency "
    "Academy College School Museum Society Party Church House Parliament Assembly Senate Congress "
    "Order Fund Authority Confederation Alliance Group Coalition Conference Secretariat "
    "Corporation Company Club Friends Directorate Inspectorate Tribunal Cabinet Government "
    "Republic Kingdom Centre Center Foundation"
)
LOC_SUFFIXES = _words(
    "Sea Ocean River Lake Lakes Mountains Mountain Mount Mt Mt. Islands Island Isles Isle Strait "
    "Straits Gulf Bay Peninsula Desert Valley Canyon Crater Plateau Coast Basin Delta Glacier Range "
    "Hills Forest Reef Archipelago Highlands Lowlands Plains Falls Cape Channel Sound Fjord Volcano "
    "Peak Region Riviera Steppe Savanna Rainforest Atoll Lagoon Estuary Marshes Wetlands Plain"
)
LOC_OF_HEADS = _words("Sea Gulf Bay Strait Straits Isle Cape Lake Mount Sound Bight Horn")
FAC_SUFFIXES = _words(
    "Airport Stadium Arena Bridge Tower Towers Palace Guesthouse Station Square Hall Building Hospital "
    "Cathedral Temple Mosque Shrine Prison Jail Dam Harbour Harbor Port Terminal Tunnel Highway "
    "Motorway Expressway Freeway Avenue Street Road Boulevard Memorial Monument Park Gardens "
    "Castle Fort Base Embassy Consulate Plaza Mall Theatre Theater Opera Gallery Library Pier "
    "Wharf Racecourse Circuit Velodrome Ground Field Speedway Raceway Lighthouse Canal Pipeline "
    "Villa Manor"
)
EVENT_SUFFIXES = _words(
    "Cup Games Olympics Championship Championships Open Grand Prix Summit Conference Festival War "
    "Revolution Uprising Massacre Rebellion Expo Exhibition Marathon Derby Classic Series "
    "Tournament Trophy Election Elections Referendum Pandemic Earthquake Hurricane "
    "Typhoon Cyclone Storm Tsunami Olympiad Biennale Week"
)
# Words that may sit inside a multi-word name ("Ministry of Commerce", "Bank of America").
NAME_CONNECTORS = _words("of for and & the de du des la le van von der den di da do dos del al bin ibn y")
PERSON_PARTICLES = _words("van von der den de di da do dos del della la le al bin ibn ben abu")

# Given names (many cultures) and family names written first (Chinese, Korean, Vietnamese).
GIVEN_NAMES = _words(
    """
Aaron Abdul Abdullah Abigail Adam Adrian Ahmed Ahmad Aisha Akira Alan Albert Alberto Alejandro
Aleksandr Alessandro Alex Alexander Alexandra Alexei Alexey Alfred Ali Alice Alicia Alina Alison
Amanda Amelia Amir Amit Amy Ana Anastasia Anders Andrea Andreas Andrei Andrew Andrzej Andy Angela
Angelo Anil Anita Ann Anna Anne Annette Anthony Antoine Anton Antonio Anwar Aoife Arjun Arnaud Arthur
Ashley Aung Ayesha Barbara Barry Beatriz Ben Benjamin Bernard Bernd Bill Bjorn Björn Bob Boris
Brandon Brian Bruce Bruno Camila Carl Carla Carlos Carmen Caroline Catherine Cecilia Charles
Charlotte Chris Christian Christina Christine Christopher Claire Clara Claudia Colin Connor Cristina
Daniel Daniela Danielle Dario David Deborah Deepak Denis Dennis Diana Diego Dmitry Dmitri Dominic
Donald Dorothy Douglas Duncan Edward Elena Elias Elizabeth Ella Ellen Emily Emma Emmanuel Enrique
Eric Erik Ernesto Esther Eva Evan Fabio Fatima Felipe Felix Fernando Francesca Francesco Francis
Francisco Frank Franz Frederick Gabriel Gabriela Gareth Gary Geoffrey George Georg Gerald Gerhard
Giorgio Giovanni Giuseppe Gloria Gordon Grace Graham Greg Gregory Guillaume Gustavo Hamid Hannah
Hans Harold Harry Hassan Heather Hector Heinz Helen Helena Henrik Henry Hiroshi Hugo Hussein Ian
Ibrahim Igor Ilya Ingrid Irene Isaac Isabel Isabella Ivan Jack Jacob Jacques Jaime James Jan Jane
Janet Jason Javier Jean Jeff Jeffrey Jennifer Jens Jeremy Jessica Jim Joan Joanna Joao João Joe
Johan Johannes John Jonathan Jorge Jose José Joseph Joshua Juan Judith Julia Julian Julie Julio
Jun Karen Karim Karl Kate Katherine Kathleen Katja Keith Kenji Kenneth Kevin Khalid Kim Klaus
Kristina Kumar Lars Laura Laurent Lee Leila Leo Leon Leonardo Li Linda Lisa Liam Lorenzo Louis
Lucas Lucia Luis Luca Lukas Magnus Mahmoud Manuel Marc Marco Marcus Margaret Maria María Marie
Marina Mario Mark Marta Martin Mary Masato Matteo Matthew Max Maxim Mehmet Melissa Michael Michel
Michelle Miguel Mikhail Mohamed Mohammad Mohammed Muhammad Mustafa Nadia Nancy Naoko Natalia Nathan
Nicholas Nicola Nicolas Nikolai Nina Noah Noura Olaf Oleg Oliver Olga Omar Oscar Pablo Paolo
Patricia Patrick Paul Paula Pedro Per Peter Philip Philippe Pierre Pieter Priya Rachel Rafael Rahul
Raj Rajesh Ramon Raúl Raul Rebecca Ricardo Richard Robert Roberto Rodrigo Roger Ronald Rosa Ruth
Ryan Sabine Salma Sam Samir Samuel Sandra Sanjay Sara Sarah Satoshi Scott Sean Sebastian Sergei
Sergey Shinzo Simon Sofia Sophie Stefan Stefano Stephanie Stephen Steve Steven Sunil Susan Sven
Takashi Taro Teresa Thomas Tim Timothy Tom Tomas Tomás Tony Ursula Valentina Vanessa Victor
Viktor Vincent Vladimir Walter Wei William Wolfgang Xavier Yasmin Yoshi Youssef Yuki Yuri Yusuf
Zainab Zoe Narendra Rishi Emmanuel Olaf Giorgia Pedro Luiz Lula Recep Volodymyr Xi Fumio Shigeru
Yoshihide Taro Kenta Haruki Hiroko Yuko Akihiro Takeshi Kazuo Nobuo Ichiro Junichiro Yukio Kiyoshi
Hyun Min Seo Ji Jae Sung Young Hye Jin Ngozi Chinua Kwame Kofi Amina Abiy Uhuru William Cyril
Jacob Thabo Nelson Winnie Joyce Mercy Faith Hope Esther Moses Daniel Joseph Samuel
"""
)
SURNAMES_FIRST = _words(
    """
Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Luo Gao Zheng Liang
Xie Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Yu Du Ye Cheng Wei Su
Lu Ding Ren Shen Yao Jin Qin Mao Xi Fu Bai Cui Kong Lei Long Tan Wen Fan Shi Qian Hou Yan
Kim Lee Park Choi Jung Jeong Kang Cho Yoon Jang Lim Han Oh Seo Shin Kwon Hwang Ahn Song Yoo Hong
Nguyen Tran Le Pham Hoang Phan Vu Dang Bui Do Ho Ngo Duong Ly
"""
)

# Ordinary words (months, modals) that are also given names or surnames: "Theresa May",
# "Will Smith", "April Ryan". Names only next to another name word, never alone.
NAME_WORDS = _words("May June April August Will Mark Bill Grace Hope Faith Joy Rose Dawn Frank Price Long Young King")
# What a person does and an organisation does not, or what news says of a person right after
# the name: "Kagame said", "Obama laughed", "Biden told".
PERSON_VERBS = _words(
    "said says told tells added adds insisted insists explained recalled admitted acknowledged "
    "replied responded conceded argued wrote tweeted laughed joked smiled shrugged sighed wept "
    "nodded grinned testified pleaded resigned"
)
# Nouns a person has and an organisation rarely does: "Trump's spokesman", "Starmer's wife".
PERSON_POSSESSED = _words(
    "spokesman spokeswoman spokesperson lawyer lawyers attorney attorneys aide aides adviser "
    "advisers advisor advisors wife husband son sons daughter daughters mother father brother "
    "sister widow family predecessor successor bodyguard biographer chief-of-staff"
)
# Last words of a law or treaty ("First Amendment", "Clean Air Act"): LAW, never an organisation.
LAW_SUFFIXES = _words(
    "Act Acts Amendment Treaty Accord Accords Protocol Constitution Charter Directive Statute Ordinance"
)
# Function words: a sentence with more of another language's than of English's is not
# English, and its capitalised nouns are not names ("Die Opposition", "Haushalt", "Freitag").
ENGLISH_FUNCTION_WORDS = _words(
    "the of and to in is was that for on with as at by from it be are were has have had not but "
    "this which who will would said an or its their they he she we his her"
)
FOREIGN_FUNCTION_WORDS = _words(
    """
der die das und ist nicht mit sich auf für ein eine einem einen dem des den hat haben wir sie es
zu im vom zum zur bei nach aus auch wird wurde sind oder noch nur über am um beim vor dass hatte seine ihre einer
le la les et est une un des du pour dans que qui sur pas avec au aux ont été sont il elle nous
mais ou ce cette ses leur
el los las y es por con para una que se su lo como pero más fue está sus
il gli della delle dei che è una sono
het een en zijn niet met voor dat op ook
"""
)

# --- Words that are not names on their own -------------------------------------------------
# Capitalised only because they start a sentence or a headline; never an entity alone.
COMMON_WORDS = _words(
    """
A An The This That These Those There Here It Its It's He She They We I You His Her Their Our My
Your Him Them Us Me Who Whom Whose What Which When Where Why How Whether If Unless Although Though
While Whilst Because Since As After Before Until Till Once So But And Or Nor Yet For Of In On At By
To From With Without Within Into Onto Upon About Above Below Under Over Between Among Amid Amidst
Across Along Around Behind Beyond Despite During Except Inside Outside Near Through Throughout
Toward Towards Against Via Per Like Unlike Also Still Even Just Only Then Than Now Today Tomorrow
Yesterday Meanwhile However Moreover Furthermore Nevertheless Nonetheless Instead Indeed Thus Hence
Therefore Already Again Not No Yes Never Always Often Sometimes Perhaps Maybe Some Any Many Much
More Most Few Fewer Less Least Several Each Every Either Neither Both All Other Another Such Same
Own One Two Three Four Five Six Seven Eight Nine Ten First Second Third Last Next New Old Other
Earlier Later Recently Previously Currently Finally Eventually Initially Ultimately Separately
Similarly Additionally Overall Asked Speaking Writing Reporting Following According Under Amid
Should Would Could Can Will May Might Must Shall Do Does Did Is Are Was Were Be Been Being Has Have
Had Having Get Got Let Make Made Take Took Go Went Come Came See Seen Say Said Says Tell Told
Read Reading Watch Sign Subscribe Follow Share Click Photo Photos Video Videos Image Images Credit
Source Sources Tags Editor Editors Note Update Updated Advertisement Related More Live Breaking
Analysis Opinion Comment Comments Exclusive Explainer Interview Interviews Column Columns Events
News Newsletter Home Page Top Stories Story Business Markets World Politics Sport Sports Tech
Technology Science Health Culture Lifestyle Travel Economy Economic Finance Financial Trade Global
International National Regional Local Foreign Domestic Federal State Public Private Military
Government Officials Official Authorities Ministry Minister President Prime Chief Executive Senior
Deputy Former Acting Director Spokesman Spokeswoman Analysts Analyst Experts Expert Critics
Leaders Leader People Police Prosecutors Investors Shares Stocks Prices Price Sales Profit Revenue
Oil Gas Energy Power Water Food Sanctions Tariffs Talks Meeting Summit Deal Plan Plans Policy
Security Defence Defense War Peace Crisis Election Elections Vote Votes Court Law Case Report
Reports Data Figures Study Survey Poll Research Many Most Several Some Others Other Earlier
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June
July August September October November December Morning Afternoon Evening Night Week Month Year
Years Day Days Weeks Months Hours Minutes Time Times
Billion Million Trillion Percent Per Cent Dollar Dollars Euro Euros Yen Yuan Pound Pounds
Mr Mrs Ms Dr Sir Madam Miss Lord Lady Please Thank Thanks Welcome Dear Hello Sorry Oh Well
Good Great Big Small Large Major Key Main Top High Low Long Short Full Free Open Close Closed
Hard Soft Strong Weak Early Late Right Left Best Worst Better Worse Real True False Important
Possible Likely Unlikely Clear Serious Critical Special Common General Total Final Fresh Further
Such Certain Various Different Similar Whole Entire Only Single Double Half Quarter Third
Fourth Fifth Sixth Last Past Present Future Recent Current Former Latter Annual Daily Weekly
Monthly Everyone Everything Nothing Something Someone Anyone Nobody None Somebody Anything
Despite Including Excluding Regarding Concerning Considering Given Based Compared Amid Unlike
"""
)
# All-caps words that are not organisations.
NOT_ACRONYMS = _words(
    "I A OK TV CEO CFO COO CTO GDP AI PC PM AM BC AD ID IT II III IV VI VII VIII IX XI XII XX "
    "PHOTO PHOTOS VIDEO NEWS UPDATE BREAKING READ MORE ATTENTION EDITORS THIS IMAGE WAS PROVIDED "
    "BY THIRD PARTY MANDATORY CREDIT OUT NO COMMERCIAL OR EDITORIAL SALES IN AND THE OF TO FOR ON "
    "AT WITH FROM IS ARE BE AS AN IT ITS LIVE EXCLUSIVE WATCH COVID COVID-19 SARS HIV AIDS DNA RNA "
    "CO2 LNG LPG EV EVs GPS USB CD DVD PDF URL HTML FAQ ETA TBA TBC NB PS PPS RIP VIP MP MPs MEP "
    "MEPs ESG IPO IPOs Q1 Q2 Q3 Q4 H1 H2 YoY KM KG MW GW TWh KWH BN MN PCT VAT R&D M&A CEOs"
)

# --- Reporting verbs --------------------------------------------------------------------------
# Verbs that report speech: the clause they introduce is a claim, their subject the speaker.
SPEECH_VERBS = _words(
    """
said says say saying told tells tell telling added adds stated states stressed stresses noted notes
explained explains argued argues insisted insists claimed claims asserted asserts announced
announces declared declares confirmed confirms acknowledged acknowledges admitted admits
reiterated reiterates emphasised emphasized emphasises emphasizes wrote writes tweeted posted
replied replies responded responds countered counters conceded concedes predicted predicts
suggested suggests estimated estimates maintained maintains recalled recalls revealed reveals
disclosed discloses indicated indicates signalled signaled hinted observed remarked commented
quoted testified testifies
"""
)
# Verbs that take a stance: the whole sentence is the claim.
STANCE_VERBS = _words(
    """
urged urges urging warned warns warning accused accuses accusing criticised criticized
criticises criticizes criticising criticizing condemned condemns denied denies denying rejected
rejects dismissed dismisses blamed blames vowed vows pledged pledges promised promises
defended defends welcomed welcomes praised praises questioned questions complained complains
alleged alleges demanded demands appealed appeals protested protests threatened threatens
believes believed thinks hopes fears doubts slammed slams hailed hails labelled labeled
labeling labelling described describes describing expressed expresses insisting calling
cautioned cautions
"""
)
# Every word that introduces reported speech or a stance ("according" as in "according to"),
# lower case as they appear mid-sentence. Public for any layer that needs to know when a
# paragraph reports what somebody said (the suggestions use it to find speakers and claims).
REPORTING_VERBS = SPEECH_VERBS | STANCE_VERBS | frozenset(["according"])
# Verbs whose object is the one spoken to, never the speaker: "told Reuters", "asked the court".
ADDRESSEE_VERBS = frozenset("told tells tell telling asked asks ask asking".split())

# --- Dates ------------------------------------------------------------------------------------
MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
WEEKDAYS = {
    "monday": 0,
    "mon": 0,
    "tuesday": 1,
    "tue": 1,
    "tues": 1,
    "wednesday": 2,
    "wed": 2,
    "thursday": 3,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "friday": 4,
    "fri": 4,
    "saturday": 5,
    "sat": 5,
    "sunday": 6,
    "sun": 6,
}
SEASONS = {"spring", "summer", "autumn", "fall", "winter"}
