"""The VENONA lesson: faulty pad production and simulated traffic with messages in depth.

:func:`generate` writes a :class:`Traffic` folder from a :class:`TrafficPlan`; the pads come
from a faulty factory (:func:`produce`) that prints some pages into two books.
"""

from cipherwire.venona.folder import LINKS, Message, Traffic
from cipherwire.venona.production import Duplicate, Production, produce
from cipherwire.venona.traffic import TrafficPlan, generate

__all__ = [
    "LINKS",
    "Duplicate",
    "Message",
    "Production",
    "Traffic",
    "TrafficPlan",
    "generate",
    "produce",
]
