"""The network measures ``kg analyse`` computes, each explained in one sentence (a light
module: the command line lists them without importing the graph libraries).

>>> sorted(MEASURES)[:3]
['articulation', 'betweenness', 'bridges']
"""

from __future__ import annotations

__all__ = ["MEASURES"]

#: Measure name -> what it means, in one sentence.
MEASURES = {
    "degree": "Degree centrality: the share of all other actors and topics a node is directly "
              "linked to; high values mark the hubs everyone refers to.",
    "betweenness": "Betweenness centrality: how often a node lies on the shortest links between "
                   "two others; high values mark brokers that connect otherwise distant parts.",
    "brokerage": "EU-Canada brokerage: betweenness counted only on shortest links from EU-side "
                 "to Canadian-side actors; high values mark the nodes EU-Canada linkage runs "
                 "through.",
    "articulation": "Articulation points: nodes whose removal splits the network; each is a "
                    "single point of failure for the links that pass through it.",
    "bridges": "Bridges: links whose removal splits the network; an actor hanging on a bridge "
               "is connected to the rest by that one relation only.",
    "communities": "Communities (Louvain): groups of nodes more densely linked among "
                   "themselves than to the rest: the clusters of cooperation.",
    "components": "Connected components: separate islands of the network; anything outside "
                  "the largest one has no link at all to the rest.",
}
