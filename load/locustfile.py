"""The request loop under load, against the local app (scripts/load starts it).

Virtual residents file requests (some retried with the same Idempotency-Key, as a mini-program on a
bad network does) and confirm or rate what was resolved; staff triage and assign; the grid worker of
G03 starts and resolves. Staff and the grid worker race for the same requests, so version conflicts
(409) happen: every 409 on a change is retried with a fresh read until the change lands or the
request's status no longer allows it.

After the run (test_stop) it checks what must hold and fails the run otherwise:
  - no response was a 5xx;
  - tracking numbers are unique, and every one a 201 returned can be read back (nothing lost);
  - every retried submit with the same key returned the same tracking number (no duplicate stored);
  - no lost update: no two successful changes of one request returned the same version, and each
    request's final version is the highest any change returned.
Figures per route (p50, p95, p99) come from locust's own CSV; scripts/load prints them.
"""
import json
import os
import random
import threading
import uuid
from collections import defaultdict

from locust import HttpUser, between, events, task

G03_BUILDINGS = ["B0301", "B0302", "B0303", "B0304"]
CATEGORIES = ["water_leak", "power_outage", "safety_hazard", "sanitation", "noise", "facilities"]
MAX_RETRIES = 20


def _tokens():
    path = os.environ.get("LINLI_TOKENS", ".local/tokens.env")
    tokens = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if "=" in line:
                name, value = line.strip().split("=", 1)
                tokens[name] = value
    return tokens


TOKENS = _tokens()


class Ledger:
    """What the virtual users saw, checked after the run."""

    def __init__(self):
        self.lock = threading.Lock()
        self.created = set()                 # tracking numbers a 201 returned
        self.duplicates = []                 # tracking numbers returned twice for different submits
        self.by_key = {}                     # Idempotency-Key -> tracking number
        self.key_mismatches = []             # a retried key that got another number
        self.versions = defaultdict(list)    # tracking number -> versions successful changes returned
        self.server_errors = []              # (route, status)
        self.gave_up = 0                     # 409s still failing after MAX_RETRIES

    def submitted(self, request_id, key, replayed):
        with self.lock:
            if key is not None and key in self.by_key:
                if self.by_key[key] != request_id:
                    self.key_mismatches.append((key, self.by_key[key], request_id))
                return
            if key is not None:
                self.by_key[key] = request_id
            if request_id in self.created and not replayed:
                self.duplicates.append(request_id)
            self.created.add(request_id)

    def changed(self, request_id, version):
        with self.lock:
            self.versions[request_id].append(version)


LEDGER = Ledger()


class Linli(HttpUser):
    abstract = True
    wait_time = between(0.05, 0.3)
    token_name = None

    def on_start(self):
        self.client.headers.update({"Authorization": "Bearer " + TOKENS[self.token_name],
                                    "Content-Type": "application/json"})

    def call(self, method, path, name, body=None, headers=None, ok=(200, 201)):
        """One HTTP call; a 5xx is recorded as a failure and in the ledger; 4xx outside `ok` are expected outcomes."""
        with self.client.request(method, path, name=name, json=body, headers=headers or {},
                                 catch_response=True) as response:
            if response.status_code >= 500:
                with LEDGER.lock:
                    LEDGER.server_errors.append((name, response.status_code))
                response.failure("5xx: %s" % response.status_code)
            else:
                response.success()
            return response

    def change(self, request_id, name, path, body_for):
        """Reads the request, applies `body_for(request)` with its version; retries a 409 version
        conflict with a fresh read. Returns the final request or None when the status no longer
        allows the change."""
        for _ in range(MAX_RETRIES):
            current = self.call("GET", "/requests/" + request_id, "GET /requests/{id}")
            if current.status_code != 200:
                return None
            request = current.json()
            body = body_for(request)
            if body is None:
                return None
            body["version"] = request["version"]
            response = self.call("POST" if not path.endswith("#patch") else "PATCH",
                                 path.replace("#patch", ""), name, body)
            if response.status_code == 200:
                result = response.json()
                LEDGER.changed(request_id, result["version"])
                return result
            if response.status_code == 409 and "version-conflict" in response.text:
                continue
            return None
        with LEDGER.lock:
            LEDGER.gave_up += 1
        return None


class Resident(Linli):
    weight = 6
    token_name = "RESIDENT_TOKEN"

    @task(5)
    def submit(self):
        body = {"category": random.choice(CATEGORIES),
                "description": "压测：%s 楼道灯不亮 %s" % (random.choice(G03_BUILDINGS), uuid.uuid4().hex[:6]),
                "location": {"buildingId": random.choice(G03_BUILDINGS)},
                "urgency": random.choice(["normal", "high"])}
        key = "load-" + uuid.uuid4().hex if random.random() < 0.5 else None
        attempts = 2 if key is not None and random.random() < 0.5 else 1
        for _ in range(attempts):
            response = self.call("POST", "/requests", "POST /requests", body,
                                 headers={"Idempotency-Key": key} if key else None)
            if response.status_code == 201:
                LEDGER.submitted(response.json()["id"], key,
                                 response.headers.get("Idempotent-Replayed") == "true")

    @task(2)
    def mine(self):
        self.call("GET", "/me/requests?limit=20", "GET /me/requests")

    @task(2)
    def close_resolved(self):
        listing = self.call("GET", "/me/requests?limit=50", "GET /me/requests")
        if listing.status_code != 200:
            return
        resolved = [r for r in listing.json()["items"] if r["status"] == "resolved"]
        if not resolved:
            return
        request_id = random.choice(resolved)["id"]
        if random.random() < 0.5:
            self.change(request_id, "POST /requests/{id}/transitions", "/requests/%s/transitions" % request_id,
                        lambda r: {"action": "confirm"} if r["status"] == "resolved" else None)
        else:
            self.change(request_id, "POST /requests/{id}/rating", "/requests/%s/rating" % request_id,
                        lambda r: {"score": random.randint(3, 5), "comment": "谢谢"} if r["status"] == "resolved" else None)


class Staff(Linli):
    weight = 2
    token_name = "STAFF_TOKEN"

    @task(3)
    def triage_and_assign(self):
        inbox = self.call("GET", "/requests?grid=G03&status=accepted&limit=20", "GET /requests")
        if inbox.status_code != 200 or not inbox.json()["items"]:
            return
        request_id = random.choice(inbox.json()["items"])["id"]
        self.change(request_id, "PATCH /requests/{id}", "/requests/%s#patch" % request_id,
                    lambda r: {"priority": "urgent" if r.get("priority") != "urgent" else "normal"}
                    if r["status"] in ("accepted", "assigned", "in_progress", "reopened") else None)
        self.change(request_id, "POST /requests/{id}/transitions", "/requests/%s/transitions" % request_id,
                    lambda r: {"action": "assign", "assignee": "demo-grid-worker"}
                    if r["status"] == "accepted" else None)

    @task(1)
    def overdue(self):
        self.call("GET", "/requests?overdue=true&limit=20", "GET /requests")


class GridWorker(Linli):
    weight = 2
    token_name = "GRID_WORKER_TOKEN"

    @task
    def work(self):
        inbox = self.call("GET", "/requests?assignee=me&limit=20", "GET /requests")
        if inbox.status_code != 200 or not inbox.json()["items"]:
            return
        request_id = random.choice(inbox.json()["items"])["id"]
        self.change(request_id, "POST /requests/{id}/transitions", "/requests/%s/transitions" % request_id,
                    lambda r: {"action": "start"} if r["status"] in ("assigned", "reopened") else None)
        self.change(request_id, "POST /requests/{id}/transitions", "/requests/%s/transitions" % request_id,
                    lambda r: {"action": "resolve", "text": "已处理，压测回复"}
                    if r["status"] in ("assigned", "in_progress", "reopened") else None)


@events.test_stop.add_listener
def verify(environment, **_):
    """Reads every created request back as staff and checks the ledger; any breach fails the run."""
    import urllib.request

    problems = []
    base = environment.host.rstrip("/")
    staff = TOKENS["STAFF_TOKEN"]
    for request_id in sorted(LEDGER.created):
        http = urllib.request.Request(base + "/requests/" + request_id, headers={"Authorization": "Bearer " + staff})
        try:
            with urllib.request.urlopen(http, timeout=10) as response:
                final = json.loads(response.read())
        except Exception as error:  # noqa: BLE001 - any failure to read back is a lost request
            problems.append("lost %s: %s" % (request_id, error))
            continue
        seen = LEDGER.versions.get(request_id, [])
        if len(seen) != len(set(seen)):
            problems.append("lost update on %s: versions %s returned twice" % (request_id, sorted(seen)))
        if seen and final["version"] < max(seen):
            problems.append("lost update on %s: final version %s < %s" % (request_id, final["version"], max(seen)))
    if LEDGER.server_errors:
        problems.append("%d responses were 5xx: %s" % (len(LEDGER.server_errors), LEDGER.server_errors[:5]))
    if LEDGER.duplicates:
        problems.append("duplicate tracking numbers: %s" % LEDGER.duplicates[:5])
    if LEDGER.key_mismatches:
        problems.append("retried keys got other numbers: %s" % LEDGER.key_mismatches[:5])
    if LEDGER.gave_up:
        problems.append("%d changes still conflicted after %d retries" % (LEDGER.gave_up, MAX_RETRIES))
    if not LEDGER.created:
        problems.append("no request was created: the load did not reach the app")
    changes = sum(len(v) for v in LEDGER.versions.values())
    summary = "load check: %d requests filed, %d changes, %d retried keys, %d 5xx" % (
        len(LEDGER.created), changes, len(LEDGER.by_key), len(LEDGER.server_errors))
    print(summary)
    for problem in problems:
        print("LOAD CHECK FAILED: " + problem)
    environment.process_exit_code = 1 if problems else 0
