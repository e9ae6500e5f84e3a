"""Locust: each simulated student starts the bench quiz and autosaves twice.

Run through bench/assessments.py, which prepares the sessions file.
"""

import itertools
import json
import os
import threading

from locust import between, task
from locust.contrib.fasthttp import FastHttpUser

DATA = json.loads(open(os.environ["BENCH_CREDENTIALS"], encoding="utf-8").read())
_next = itertools.count()
_lock = threading.Lock()


class Student(FastHttpUser):
    # geventhttpclient: the load generator shares the 2 cores with the site,
    # and requests' per-call cost would be measured as the site's.
    wait_time = between(1, 3)

    def on_start(self):
        with _lock:
            me = DATA["students"][next(_next) % len(DATA["students"])]
        # The signed-in session and its CSRF pair, sent as a browser would.
        self.headers = {
            "X-CSRFToken": me["csrf"],
            "Cookie": f"sessionid={me['session']}; csrftoken={me['csrf']}",
        }
        self.attempt = None
        self.saves = 0

    @task
    def take(self):
        if self.attempt is None:
            with self.client.post(
                f"/assessments/{DATA['assessment']}/start/",
                headers=self.headers,
                allow_redirects=False,
                name="start",
                catch_response=True,
            ) as response:
                location = response.headers.get("Location", "")
                if response.status_code != 302 or "/attempts/" not in location:
                    response.failure(
                        f"start: {response.status_code} {location} {response.error or ''}"
                    )
                    return
                self.attempt = location.rstrip("/").rsplit("/", 1)[-1]
            return
        if self.saves >= 2:
            return  # done: stays idle so Locust does not start a new student
        answers = [{"answer-q1": "4"}, {"answer-q2": "false", "answer-q3": "Sunlight."}]
        with self.client.post(
            f"/assessments/attempts/{self.attempt}/autosave/",
            data=answers[self.saves],
            headers=self.headers,
            name="autosave",
            catch_response=True,
        ) as response:
            if response.status_code != 200 or not response.json().get("saved"):
                # Status 0 is a connection error: name it (reset, refused...).
                response.failure(
                    f"autosave: {response.status_code} {response.error or ''}"
                )
        self.saves += 1
