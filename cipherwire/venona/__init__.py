"""The VENONA lesson: faulty pad production and simulated traffic with messages in depth."""
