"""Demo data for `manage.py seed_demo`: a hand-shaped base set plus bulk volume.

`base` writes a small, realistic school through the ORM; `scale` adds volume
per unit of `--scale` with COPY; `bulk` holds the set-based helpers; `content`
and `build` the Kenyan CBC material both use.
"""
