/// Countries: ISO 3166-1 alpha-2 code, English short name, an approximate centroid (latitude,
/// longitude in degrees) and the spellings addresses use for it (Web of Science's "Peoples R
/// China", "USA", "England"; Scopus's "United States"; native names), one country per line,
/// fields separated by tabs, variants by `|`.
///
/// Written by hand from public knowledge (ISO 3166-1 names; centroids rounded to about 0.1°, good
/// enough to place a node on a world map, not for geodesy). Parsed once, at first use
/// (`CountryTable.shared`); `CountryTableTests` checks every line.
enum CountryData {
    static let table = """
AD	Andorra	42.55	1.58	
AE	United Arab Emirates	23.9	54.3	UAE|U Arab Emirates
AF	Afghanistan	33.9	67.7	
AG	Antigua and Barbuda	17.07	-61.8	Antigua & Barbu
AL	Albania	41.15	20.17	
AM	Armenia	40.07	45.04	
AO	Angola	-11.2	17.87	
AR	Argentina	-35.4	-65.2	
AT	Austria	47.6	14.14	Österreich
AU	Australia	-25.7	134.5	
AZ	Azerbaijan	40.15	47.58	
BA	Bosnia and Herzegovina	44.17	17.79	Bosnia & Herceg|Bosnia & Herzegovina|Bosnia
BB	Barbados	13.19	-59.54	
BD	Bangladesh	23.8	90.3	
BE	Belgium	50.64	4.66	Belgique|België
BF	Burkina Faso	12.27	-1.75	
BG	Bulgaria	42.76	25.23	
BH	Bahrain	26.04	50.54	
BI	Burundi	-3.36	29.88	
BJ	Benin	9.64	2.34	
BN	Brunei Darussalam	4.52	114.72	Brunei
BO	Bolivia	-16.7	-64.66	Bolivia (Plurinational State of)
BR	Brazil	-10.8	-52.9	Brasil
BS	Bahamas	24.3	-76.6	The Bahamas
BT	Bhutan	27.41	90.4	
BW	Botswana	-22.18	23.8	
BY	Belarus	53.53	28.03	
BZ	Belize	17.2	-88.7	
CA	Canada	61.4	-98.3	
CD	Democratic Republic of the Congo	-2.88	23.64	Dem Rep Congo|Congo, Democratic Republic|DR Congo|DRC|Zaire
CF	Central African Republic	6.57	20.47	Cent Afr Republ
CG	Congo	-0.84	15.22	Rep Congo|Republic of the Congo|Congo Republic
CH	Switzerland	46.8	8.21	Schweiz|Suisse
CI	Côte d'Ivoire	7.6	-5.55	Cote Ivoire|Cote d'Ivoire|Ivory Coast
CL	Chile	-37.7	-71.4	
CM	Cameroon	5.69	12.74	
CN	China	36.6	103.8	Peoples R China|People's Republic of China|PR China|P.R. China|P. R. China|PRC
CO	Colombia	3.9	-73.08	
CR	Costa Rica	9.98	-84.19	
CU	Cuba	21.62	-79.02	
CV	Cabo Verde	15.96	-23.96	Cape Verde
CY	Cyprus	34.92	33.01	
CZ	Czechia	49.73	15.31	Czech Republic
DE	Germany	51.11	10.39	Deutschland|Fed Rep Ger|West Germany|Ger Dem Rep|East Germany
DJ	Djibouti	11.75	42.56	
DK	Denmark	56.0	10.0	Danmark
DM	Dominica	15.44	-61.36	
DO	Dominican Republic	18.89	-70.5	Dominican Rep
DZ	Algeria	28.16	2.62	
EC	Ecuador	-1.42	-78.75	
EE	Estonia	58.67	25.54	
EG	Egypt	26.5	29.86	
ER	Eritrea	15.36	38.85	
ES	Spain	40.24	-3.65	España
ET	Ethiopia	8.62	39.6	
FI	Finland	64.5	26.27	Suomi
FJ	Fiji	-17.43	178.0	
FM	Micronesia	6.88	158.23	Micronesia (Federated States of)|Fed States Micronesia
FR	France	46.63	2.45	
GA	Gabon	-0.59	11.79	
GB	United Kingdom	54.12	-2.87	UK|U.K.|England|Scotland|Wales|North Ireland|Northern Ireland|Great Britain|United Kingdom of Great Britain and Northern Ireland
GD	Grenada	12.12	-61.68	
GE	Georgia	42.17	43.5	Republic of Georgia
GH	Ghana	7.95	-1.22	
GM	Gambia	13.45	-15.4	The Gambia
GN	Guinea	10.44	-10.94	
GQ	Equatorial Guinea	1.71	10.34	Equat Guinea
GR	Greece	39.07	22.96	
GT	Guatemala	15.69	-90.36	
GW	Guinea-Bissau	12.05	-14.95	Guinea Bissau
GY	Guyana	4.79	-58.98	
HK	Hong Kong	22.4	114.11	Hong Kong SAR|Hong Kong, China
HN	Honduras	14.82	-86.62	
HR	Croatia	45.08	16.4	Hrvatska
HT	Haiti	18.94	-72.68	
HU	Hungary	47.16	19.4	
ID	Indonesia	-2.22	117.24	
IE	Ireland	53.18	-8.14	Irish Republic|Eire
IL	Israel	31.1	35.0	
IN	India	22.89	79.61	
IQ	Iraq	33.04	43.74	
IR	Iran	32.57	54.3	Iran, Islamic Republic of|Islamic Republic of Iran
IS	Iceland	64.99	-18.57	
IT	Italy	42.8	12.07	Italia
JM	Jamaica	18.16	-77.31	
JO	Jordan	31.25	36.77	
JP	Japan	37.59	138.03	
KE	Kenya	0.6	37.8	
KG	Kyrgyzstan	41.46	74.54	Kyrgyz Republic
KH	Cambodia	12.72	104.91	
KI	Kiribati	1.87	-157.36	
KM	Comoros	-11.88	43.68	
KN	Saint Kitts and Nevis	17.26	-62.69	St Kitts & Nevi
KP	North Korea	40.15	127.19	Democratic People's Republic of Korea|DPR Korea
KR	South Korea	36.39	127.84	Republic of Korea|Korea, Republic of|Korea|Rep. of Korea|S Korea
KW	Kuwait	29.33	47.59	
KZ	Kazakhstan	48.16	67.29	
LA	Laos	18.5	103.74	Lao People's Democratic Republic|Lao PDR
LB	Lebanon	33.92	35.88	
LC	Saint Lucia	13.89	-60.97	St Lucia
LI	Liechtenstein	47.14	9.54	
LK	Sri Lanka	7.61	80.7	
LR	Liberia	6.45	-9.32	
LS	Lesotho	-29.58	28.23	
LT	Lithuania	55.33	23.89	
LU	Luxembourg	49.77	6.07	
LV	Latvia	56.85	24.91	
LY	Libya	27.03	18.01	
MA	Morocco	29.84	-8.46	
MC	Monaco	43.75	7.41	
MD	Moldova	47.19	28.46	Republic of Moldova
ME	Montenegro	42.79	19.24	
MG	Madagascar	-19.37	46.7	
MH	Marshall Islands	7.0	170.34	Marshall Island
MK	North Macedonia	41.6	21.68	Macedonia|Republic of North Macedonia
ML	Mali	17.35	-3.54	
MM	Myanmar	21.19	96.49	Burma
MN	Mongolia	46.83	103.05	
MO	Macao	22.2	113.55	Macau
MR	Mauritania	20.26	-10.35	
MT	Malta	35.92	14.41	
MU	Mauritius	-20.28	57.57	
MV	Maldives	3.73	73.46	
MW	Malawi	-13.22	34.29	
MX	Mexico	23.95	-102.52	México
MY	Malaysia	3.79	109.7	
MZ	Mozambique	-17.27	35.53	
NA	Namibia	-22.13	17.21	
NE	Niger	17.42	9.39	
NG	Nigeria	9.59	8.09	
NI	Nicaragua	12.85	-85.03	
NL	Netherlands	52.1	5.28	The Netherlands|Holland|Nederland
NO	Norway	64.57	17.89	Norge
NP	Nepal	28.25	83.92	
NR	Nauru	-0.52	166.93	
NZ	New Zealand	-41.81	171.48	
OM	Oman	20.61	56.09	
PA	Panama	8.52	-80.1	
PE	Peru	-9.15	-74.38	
PG	Papua New Guinea	-6.46	145.21	Papua N Guinea
PH	Philippines	11.78	122.88	
PK	Pakistan	29.95	69.34	
PL	Poland	52.13	19.39	Polska
PR	Puerto Rico	18.23	-66.47	
PS	Palestine	31.89	35.2	State of Palestine|Palestinian Territories
PT	Portugal	39.6	-8.5	
PW	Palau	7.29	134.41	
PY	Paraguay	-23.23	-58.4	
QA	Qatar	25.31	51.18	
RO	Romania	45.85	24.97	
RS	Serbia	44.22	20.79	Serbia Monteneg|Yugoslavia
RU	Russia	61.98	96.69	Russian Federation|Russian Federat|USSR
RW	Rwanda	-1.99	29.92	
SA	Saudi Arabia	24.12	44.54	
SB	Solomon Islands	-8.92	159.63	Solomon Isl
SC	Seychelles	-4.66	55.48	
SD	Sudan	15.99	29.94	
SE	Sweden	62.78	16.75	Sverige
SG	Singapore	1.36	103.82	
SI	Slovenia	46.12	14.8	
SK	Slovakia	48.71	19.49	Slovak Republic
SL	Sierra Leone	8.56	-11.79	
SM	San Marino	43.94	12.46	
SN	Senegal	14.37	-14.47	
SO	Somalia	4.75	45.71	
SR	Suriname	4.13	-55.91	
SS	South Sudan	7.31	30.25	
ST	Sao Tome and Principe	0.44	6.72	Sao Tome & Prin
SV	El Salvador	13.74	-88.87	
SY	Syria	35.03	38.51	Syrian Arab Republic
SZ	Eswatini	-26.56	31.48	Swaziland
TD	Chad	15.33	18.64	
TG	Togo	8.53	0.96	
TH	Thailand	15.12	101.0	
TJ	Tajikistan	38.53	71.01	
TL	Timor-Leste	-8.83	125.84	East Timor
TM	Turkmenistan	39.12	59.37	
TN	Tunisia	34.12	9.55	
TO	Tonga	-20.43	-174.81	
TR	Türkiye	39.06	35.17	Turkey|Turkiye
TT	Trinidad and Tobago	10.46	-61.27	Trinid & Tobago
TV	Tuvalu	-7.47	178.68	
TW	Taiwan	23.75	120.95	Taiwan, Province of China|Republic of China
TZ	Tanzania	-6.27	34.81	United Republic of Tanzania
UA	Ukraine	49.0	31.38	
UG	Uganda	1.27	32.37	
US	United States	45.68	-112.46	USA|U.S.A.|U.S.|United States of America|US
UY	Uruguay	-32.8	-56.01	
UZ	Uzbekistan	41.75	63.17	
VA	Holy See	41.9	12.45	Vatican|Vatican City
VC	Saint Vincent and the Grenadines	13.22	-61.2	St Vincent
VE	Venezuela	7.12	-66.18	Venezuela (Bolivarian Republic of)
VN	Viet Nam	16.65	106.3	Vietnam
VU	Vanuatu	-15.38	166.91	
WS	Samoa	-13.75	-172.16	
XK	Kosovo	42.57	20.87	
YE	Yemen	15.89	47.59	
ZA	South Africa	-29.0	25.08	
ZM	Zambia	-13.46	27.77	
ZW	Zimbabwe	-19.0	29.85	
GL	Greenland	74.71	-41.34	
NC	New Caledonia	-21.3	165.68	
PF	French Polynesia	-17.6	-149.4	Tahiti
RE	Réunion	-21.12	55.54	Reunion
GP	Guadeloupe	16.2	-61.55	
MQ	Martinique	14.65	-61.02	
GF	French Guiana	3.92	-53.24	Guyane
FO	Faroe Islands	62.05	-6.88	Faeroe Islands
GU	Guam	13.44	144.79	
BM	Bermuda	32.31	-64.75	
KY	Cayman Islands	19.31	-81.25	
CW	Curaçao	12.19	-69.0	Curacao
AW	Aruba	12.52	-69.98	
GI	Gibraltar	36.14	-5.35	
VI	United States Virgin Islands	18.34	-64.93	US Virgin Isl|Virgin Islands (U.S.)
VG	British Virgin Islands	18.43	-64.62	Brit Virgin Isl
"""

    /// US states (and DC), written without "USA" at the end of some addresses: the whole last part of
    /// an address equal to one of these places it in the United States, and so do the two-letter postal
    /// codes (`Austin, MN 55912`). "Georgia" is left out (it is also a country, which wins).
    static let usStates = "Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming|District of Columbia|AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC"
}
