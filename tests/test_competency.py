"""Competency questions: each named query's full answer compared with what the paper says.

Each case cites the place in the paper. Numbers are in full units (CAD 125 million is
125000000). Rows are compared as tuples, in the order the query returns them.
"""

from __future__ import annotations

import pytest

from kg.query import catalogue as queries

M = 1_000_000
GICS = ["Canada's Ocean Supercluster", "Digital Supercluster", "Next Generation Manufacturing Canada",
        "Protein Industries Canada", "Scale AI"]

CASES = {
    # Table 1: regional headquarters.
    "cq-gic-headquarters": [(GICS[0], "Atlantic Canada"), (GICS[1], "British Columbia"),
                            (GICS[2], "Ontario"), (GICS[3], "Prairie provinces"), (GICS[4], "Québec")],
    # Table 1: focus row.
    "cq-gic-focus": [(GICS[0], "Ocean-based industries"), (GICS[1], "Digital technologies"),
                     (GICS[2], "Advanced manufacturing"), (GICS[3], "Plant-based protein alternatives"),
                     (GICS[4], "Artificial intelligence")],
    # Figure 9.
    "cq-gic-membership-ranked": [("Scale AI", 3147), (GICS[2], 3080), ("Digital Supercluster", 1228),
                                 (GICS[0], 532), (GICS[3], 230)],
    "cq-gic-membership-total": [(8217, 8217)],
    # Table 4 and section 4.1.1.
    "cq-eccp-top-countries": [("Spain", 176), ("Germany", 124), ("France", 111), ("Italy", 94),
                              ("Poland", 80), ("Romania", 63)],
    "cq-eccp-fewest-countries": [("Luxembourg",), ("Malta",)],
    "cq-table-4-total-check": [(1108, 1108, 27)],
    "cq-member-state-count": [(27,)],
    # Box 1.
    "cq-industrial-ecosystems": [(1, "Tourism"), (2, "Aerospace and Defence"), (3, "Retail"), (4, "Digital"),
                                 (5, "Creative & Cultural Industries"), (6, "Textiles"),
                                 (7, "Proximity & Social Economy"), (8, "Construction"),
                                 (9, "Energy Intensive Industries"), (10, "Electronics"), (11, "Agri-Food"),
                                 (12, "Renewable Energy"), (13, "Mobility, Transport & Automotive"), (14, "Health")],
    # Section 2.2: the six key ecosystems.
    "cq-key-ecosystems": [("Aerospace and Defence",), ("Agri-Food",), ("Digital",), ("Health",),
                          ("Mobility, Transport & Automotive",), ("Renewable Energy",)],
    # Box 5: eight Euroclusters with Canada as target market (also section 5.2: "eight").
    "cq-euroclusters-targeting-canada": [(n,) for n in ["CIRCINWATER", "DESIRE", "DREAM", "E-BOOST",
                                                        "GEMSTONE", "LEVIATAD", "METASTARS", "SUAVE"]],
    # Figure 24: numbers 1-8, 9-20, 21-33, 34-39.
    "cq-escp4i-by-generation": [(1, 8), (2, 12), (3, 13), (4, 6)],
    "cq-escp4i-by-strand": [(1, 22), (2, 17)],
    "cq-escp4i-non-eu-origins": [(6, "EACP ABROAD", "Turkey"), (9, "SpaceWave", "United Kingdom"),
                                 (10, "ELBE", "United Kingdom"), (14, "GEO-ENERGY EUROPE", "Turkey"),
                                 (15, "PIMAP Partnership", "Nepal"), (21, "BRIDGE", "Serbia"),
                                 (22, "C2Future", "Serbia"), (28, "ELBE PLUS", "United Kingdom"),
                                 (33, "S2W", "United Kingdom"), (37, "ICBUILD", "Serbia")],
    "cq-escp4i-estonia": [("EU KETs4Dual-Use",), ("EU KETs4Dual-Use 2.0",)],
    # Table 1 columns summed vs section 3.3 (CAD 750 million, CAD 950 million, CAD 1.76 billion).
    "cq-gic-budget-sums-vs-programme": [("GIC phase (2022/23-2028)", 702 * M, 750 * M),
                                        ("ISI phase (2018-2023)", 979 * M, 950 * M),
                                        ("Total", 1681 * M, 1760 * M)],
    "cq-gic-largest-budget": [(GICS[2], 427 * M)],
    # Sections 3.1, 3.3, executive summary; Horizon Europe (section 3.2).
    "cq-programme-successions": [
        ("European Strategic Cluster Partnerships", "Joint Cluster Initiative – Euroclusters", "succeeded by"),
        ("Horizon 2020", "Horizon Europe", "succeeded by"),
        ("INNOSUP-1: Cluster facilitated projects for new value chains",
         "Joint Cluster Initiative – Euroclusters", "succeeded by"),
        # Section 3.3: the ISI "was rebranded as" the GIC, and a rebranding is a succession
        # (eucan:rebrandedAs rdfs:subPropertyOf eucan:succeededBy, entailed), so a query
        # for successors finds the GIC too
        ("Innovation Superclusters Initiative", "Global Innovation Clusters", "rebranded as"),
        ("Innovation Superclusters Initiative", "Global Innovation Clusters", "succeeded by")],
    # Section 3.3: ISI 2017 (funded 2018-2023), GIC 2022 to 2028.
    "cq-isi-gic-timeline": [("Innovation Superclusters Initiative", 2017, 2023),
                            ("Global Innovation Clusters", 2022, 2028)],
    # Section 3.3: NCE 1989, joint initiative of NSERC, SSHRC, CIHR and ISED; CECR and BL-NCE 2007.
    "cq-nce-founders": [("Canadian Institutes of Health Research", 1989),
                        ("Innovation, Science and Economic Development Canada", 1989),
                        ("Natural Sciences and Engineering Research Council", 1989),
                        ("Social Sciences and Humanities Research Council", 1989)],
    "cq-nce-expansion-2007": [("Business-Led Networks of Centres of Excellence", 2007),
                              ("Centres of Excellence in Commercialisation and Research", 2007)],
    # Figure 2.
    "cq-escp-strands": [("ESCP for Excellence", "COSME"), ("ESCP for Going International", "COSME"),
                        ("ESCP for Smart Specialisation", "COSME")],
    "cq-period-2021-2027": [("European Cluster Collaboration Platform",), ("Horizon Europe",),
                            ("Joint Cluster Initiative – Euroclusters",), ("Single Market Programme",)],
    # Section 3.1: EUR 42 million, 2021 to 2024.
    "cq-euroclusters-budget": [(42 * M, "EUR", "2021-2024")],
    # Section 3.1: 30 projects, 222 partners, 1,687 SMEs, six calls, EUR 132 million, EUR 2.5-5 million.
    "cq-innosup-figures": [("Budget", 132 * M), ("Consortium partners", 222),
                           ("Direct beneficiaries (SMEs)", 1687), ("Partnerships funded", 30),
                           ("Project budget", 2_500_000), ("Project calls", 6)],
    # Section 3.1 (EUR 1.05 million) vs Box 5 ("1,050 M €").
    "cq-suave-budget-claims": [
        (1_050_000, "a total budget of EUR 1.05 million",
         "3.1 Enhancing intra-European cluster cooperation: the cluster policy landscape in the European Union"),
        (1_050_000_000, "vouchers value of 1,050 M €",
         "Box 5: Brief descriptions of the Euroclusters with Canada as target market")],
    # Box 5 prints each Eurocluster's name in full beside its acronym.
    "cq-name-variants": [("DESIRE", "Development of E-Health Solutions Improving Resilience in Europe"),
                         ("DREAM", "Digital Resilient Europe for Advanced Manufacturing"),
                         ("E-BOOST", "Electromobility for the recovery and internationalisation of Small enterprises"),
                         ("GEMSTONE", "Green Manufacturing supporting recovery and resilience of industrial SMEs"),
                         ("LEVIATAD", "Level 1 Accelerator for Defence Sector"),
                         ("METASTARS", "METAcuster Support Towards a more resilient AeRospace and defence ecosystem"),
                         ("SUAVE", "SUAVA"),
                         ("SUAVE", "Stimulating SMEs in New Urban Agriculture Value Chain for sustainable growth in Europe"),
                         ("SUAVE", "Stimulating SMEs in the new Urban Agriculture Value Chain for sustainable growth in Europe")],
    # Section 2.2 (EUR 24.3 billion) vs executive summary (EUR 24.9 billion).
    "cq-trade-import-claims": [(24_300 * M, "2.2 Key value chains in EU & Canadian trade flows"),
                               (24_900 * M, "Executive Summary")],
    # Section 3.1 (30 participations) vs Figure 8 (33 members).
    "cq-spain-eurocluster-claims": [("Eurocluster project participations", 30), ("Eurocluster members", 33)],
    # Section 5.2.
    "cq-agreements-in-force-2017": [("Canada-EU Comprehensive Economic and Trade Agreement",),
                                    ("Canada-EU Strategic Partnership Agreement",)],
    "cq-administrative-arrangement": [("DG GROW", 2019, 25), ("ISED", 2019, 25)],
    "cq-jmc-2022-outcomes": [("EU-Canada Strategic Partnership on Raw Materials",),
                             ("Global Partnership on Artificial Intelligence",)],
    "cq-gic-ecosystems": [(GICS[0], "Mobility, Transport & Automotive"), (GICS[0], "Renewable Energy"),
                          (GICS[1], "Digital"), (GICS[1], "Health"), (GICS[2], "Mobility, Transport & Automotive"),
                          (GICS[3], "Agri-Food"), (GICS[4], "Health"), (GICS[4], "Mobility, Transport & Automotive")],
    # Section 4.1.1: no cluster organisation in Retail.
    "cq-ecosystem-without-eccp-clusters": [("Retail",)],
    "cq-ecosystems-without-gic": [(n,) for n in ["Aerospace and Defence", "Construction",
                                                 "Creative & Cultural Industries", "Electronics",
                                                 "Energy Intensive Industries", "Proximity & Social Economy",
                                                 "Retail", "Textiles", "Tourism"]],
    # Box 5 x section 5.2 (Protein Industries Canada in agri-food).
    "cq-euroclusters-meeting-a-gic": [("CIRCINWATER", "Agri-Food"), ("GEMSTONE", "Agri-Food"),
                                      ("SUAVE", "Agri-Food")],
    "cq-euroclusters-without-gic-partner": [("LEVIATAD",), ("METASTARS",)],
    # Table 3 and section 5.1 (419 to 765 partnerships).
    "cq-gic-partnerships-ranked": [("Digital Supercluster", 765), (GICS[2], 438), ("Scale AI", 432),
                                   (GICS[3], 419), (GICS[0], 254)],
    "cq-table-3-sme-check": [(1171, 1171)],
    # Table 2.
    "cq-table-2-composition": [("SMEs", 166034, 76), ("Other", 22736, 10), ("Large companies", 17993, 8),
                               ("Research organisations", 12716, 6)],
    # Section 4.1.2.
    "cq-partnerships-by-province": [("British Columbia", 794), ("Ontario", 632), ("Québec", 265)],
    # Section 4.2 and Figure 11.
    "cq-clusters-targeting-canada-by-country": [("France", 58), ("Spain", 29), ("Italy", 27)],
    # Box 4.
    "cq-zones-innovation": [("Zone d'innovation on microelectronics (Bromont)", "microelectronics", "Bromont", "2022-02"),
                            ("Zone d'innovation on quantum technology (Sherbrooke)", "quantum technology",
                             "Sherbrooke", "2022-02")],
    # Boxes 3 and 4.
    "cq-quebec-programmes": [("ACCORD: Action concertée de coopération régionale de développement", 2002),
                             ("Zones d'Innovation", 2019)],
    # Section 3.2.
    "cq-catalonia-calls": [("Catalonia Clusters Programme", 5_600_000),
                           ("NON call (Catalonia Clusters Programme)", 3_000_000),
                           ("IRC call (Catalonia Clusters Programme)", 2_500_000)],
    "cq-member-state-policy-budgets": [("Clusters4Future", 450 * M),
                                       ("Programa de Apoyo a Agrupaciones Empresariales Innovadoras", 49_600_000),
                                       ("Catalonia Clusters Programme", 5_600_000),
                                       ("Cluster and Network Support Saxony", 5 * M),
                                       ("NON call (Catalonia Clusters Programme)", 3 * M),
                                       ("IRC call (Catalonia Clusters Programme)", 2_500_000),
                                       ("Cluster and Network Support Saxony", 200_000)],
    # Section 3.3 and footnotes 59-63.
    "cq-isi-reports": [("The Innovation Superclusters Initiative – A preliminary analysis", 2020),
                       ("Building Superclusters for Canada", 2021),
                       ("Evaluation of ISED Canada's Innovation Superclusters Initiative", 2022),
                       ("Innovation Superclusters Initiative: Economic Analysis", 2022),
                       ("Audit of ISED Canada's Innovation Superclusters Initiative", 2023)],
    # Section 4.1.1: 14 dedicated, 2 sectoral, 11 broader; "All EU27 Member States" (27).
    "cq-cluster-policy-approaches": [
        ("Total", 27),
        ("Dedicated cluster support scheme", 14),
        ("Broader regional development, business and/or innovation programmes that include cluster support", 11),
        ("Sectoral industrial policies supporting clusters", 2)],
    # Provenance: Table 1 and footnote 57 (all dollar numbers are CAD).
    "cq-provenance-of-ngen-budget": [("Footnote 57",),
                                     ("Table 1: Overview of the five Canadian Global Innovation Clusters",)],
    # Section 2.1: CAD 2.81 trillion (EUR 2.1 trillion).
    "cq-canada-gdp-2022": [(2_810_000 * M, "CAD"), (2_100_000 * M, "EUR")],
    # Section 3.3 / Figure 6.
    "cq-gic-programme-results": [("Investment by industry and other partners", 1420 * M, "CAD"),
                                 ("Investment by industry and other partners", 1300 * M, "EUR"),
                                 # 3.3: "thousands of new jobs" (at least 2,000, qualified)
                                 ("Jobs created", 2000, "jobs"),
                                 ("Membership", 8200, "members"), ("Partners", 2500, "partners"),
                                 ("Projects announced", 500, "projects"),
                                 ("Total investment leveraged", 2290 * M, "CAD"),
                                 ("Total investment leveraged", 2090 * M, "EUR")],
    # Box 7.
    "cq-aerospace-support": [("Budget 2021 support for Canada's aerospace industry", 2000 * M),
                             ("Strategic Innovation Fund aerospace investment target", 1750 * M),
                             ("Initiative for Sustainable Aviation Technology of Canada", 350 * M),
                             ("Aerospace Regional Recovery Initiative", 250 * M)],
    # Section 4.2.
    "cq-wageningen-partnership": [("Wageningen University", "Protein Industries Canada")],
}


def test_there_are_at_least_fifty_competency_questions():
    assert len(CASES) >= 50
    assert {q.name for q in queries.catalogue() if q.name.startswith("cq-")} == set(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_competency_question_answer_matches_the_paper(store, name):
    rows = queries.run(name, store)
    assert [tuple(row.values()) for row in rows] == CASES[name]
