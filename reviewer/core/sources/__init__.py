"""A record's source texts: reading them (text, HTML, PDF in any usual encoding), their
outline of headings, and checking each pillar's citation against those outlines. Above the
workspace layer: a record's sources live in the workspace's ``sources/<id>/``."""
