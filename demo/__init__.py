"""Demo data for `manage.py seed_demo`: a base set built through the services,
plus bulk volume for `--scale`.

`base` builds a small, realistic school with the apps' own services; `scale`
adds volume per unit of `--scale` with COPY (sharing the services' pure
helpers); `bulk` holds the set-based helpers; `content` and `logins` are
plain data, `build` turns them into documents (syllabi, lessons, questions).
"""
