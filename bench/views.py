"""Bare views: the same SQL as a product page, a minimal template.

bench/load.py records, for every measured page, the read queries the
product's view ran with every cache off (its cold, uncached SQL), writes
them to a JSON file and starts this server with BENCH_QUERIES naming it.
Each bare view runs those statements as they are and renders one list item
per row: what a plain Django view doing the same queries costs.
"""

from __future__ import annotations

import json
import os
from functools import cache

from django.db import connection
from django.http import Http404, HttpResponse
from django.shortcuts import render


@cache
def _queries() -> dict[str, list[str]]:
    with open(os.environ["BENCH_QUERIES"], encoding="utf-8") as handle:
        return json.load(handle)


def healthz(request):
    return HttpResponse("ok")


def bare_page(request, page):
    statements = _queries().get(page)
    if statements is None:
        raise Http404("No such page.")
    results = []
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
            results.append([row[0] for row in cursor.fetchall()])
    return render(request, "bench/bare.html", {"page": page, "results": results})
