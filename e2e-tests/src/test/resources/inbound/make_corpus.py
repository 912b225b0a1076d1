#!/usr/bin/env python3
"""Writes hostile.jsonl: malformed and hostile inbound CloudEvents, each with the outcome the pipeline must reach.

Each line: {"case": name, "expect": ACCEPTED|DUPLICATE|REJECTED|PARKED, "reason": prefix of the reason or null,
"raw": the exact bytes to send}. In "raw", {RUN} is replaced per run (so every run sends fresh ids), {OWNER} by a
registered owner, {GHOST} by an owner nobody hired, {TIME} by a time in last week and {FUTURE} by a time a month
ahead (both from the clock of the run). Run: python3 make_corpus.py > hostile.jsonl
"""
import json

def ev(type_="crm.payment.received", data=None, **env):
    e = {"specversion": "1.0", "id": "{RUN}-" + env.pop("suffix", "x"), "source": "urn:acme:crm-core", "type": type_,
         "time": "{TIME}", "datacontenttype": "application/json"}
    e.update(env)
    if data is not None:
        e["data"] = data
    return e

def pay(**over):
    d = {"paymentId": "P-1", "customerId": "C-1", "ownerId": "{OWNER}", "amount": "100.00", "currency": "CNY"}
    d.update(over)
    return {k: v for k, v in d.items() if v is not DROP}

DROP = object()
cases = []
def add(name, expect, reason, raw):
    cases.append({"case": name, "expect": expect, "reason": reason,
                  "raw": raw if isinstance(raw, str) else json.dumps(raw, ensure_ascii=False)})

good = json.dumps(ev(data=pay(), suffix="good-0"))
for i, cut in enumerate([1, 10, 40, 80, 120, 160, 200, 240, len(good) - 2, len(good) - 1]):
    add(f"truncated at {cut}", "REJECTED", "body: not JSON", good[:cut])
for i, text in enumerate(["hello", "<event><id>1</id></event>", "{'single': 'quotes'}", "{\"a\":1,}", "\u0000\u0001\u0002"]):
    add(f"not JSON {i}", "REJECTED", "body: not JSON", text)
for i, text in enumerate(["1.5", "42", "\"a string\"", "true", "null"]):
    add(f"not an object {i}", "REJECTED", "body:", text)
for v in ["0.3", "2.0", ""]:
    add(f"specversion {v!r}", "REJECTED", "specversion:", ev(data=pay(), specversion=v, suffix="sv" + v))
add("no specversion", "REJECTED", "specversion:", {k: v for k, v in ev(data=pay(), suffix="nsv").items() if k != "specversion"})
for f in ["id", "source", "type", "time"]:
    e = ev(data=pay(), suffix="miss-" + f)
    del e[f]
    add(f"envelope without {f}", "REJECTED", f + ":", e)
add("id is a number", "REJECTED", "id: must be a string", ev(data=pay(), id=12345))
add("id is blank", "REJECTED", "id: must not be blank", ev(data=pay(), id="   "))
for t in ["crm.payment.reversed", "CRM.PAYMENT.RECEIVED", "crm.payment.receiv\u0435d", "hr.employee.hired", "crm.payment.received ",
          "crm.*", "' OR 1=1 --"]:
    add(f"type {t!r}", "REJECTED", "type: unknown type", ev(type_=t, data=pay(), suffix="t" + str(len(cases))))
required = {
    "crm.customer.created": {"customerId": "C-1", "name": "Agent", "ownerId": "{OWNER}"},
    "crm.opportunity.created": {"opportunityId": "O-1", "customerId": "C-1", "ownerId": "{OWNER}", "amount": "1.00", "currency": "CNY", "stage": "QUALIFY"},
    "crm.opportunity.won": {"opportunityId": "O-1", "customerId": "C-1", "ownerId": "{OWNER}", "amount": "1.00", "currency": "CNY"},
    "crm.contract.signed": {"contractId": "K-1", "customerId": "C-1", "ownerId": "{OWNER}", "amount": "1.00", "currency": "CNY"},
    "crm.ticket.opened": {"ticketId": "T-1", "customerId": "C-1", "ownerId": "{OWNER}"},
    "crm.approval.decided": {"approvalId": "A-1", "ownerId": "{OWNER}", "kind": "DISCOUNT", "decision": "APPROVED"},
    "crm.visit.logged": {"activityId": "V-1", "customerId": "C-1", "ownerId": "{OWNER}"},
}
for t, data in required.items():
    for f in data:
        d = {k: v for k, v in data.items() if k != f}
        add(f"{t} without {f}", "REJECTED", f"data.{f}: required", ev(type_=t, data=d, suffix=f"{t}-{f}"))
for name, value in [("number", 42), ("object", {"id": "E-1"}), ("array", ["E-1"]), ("boolean", True)]:
    add(f"ownerId as {name}", "REJECTED", "data.ownerId: must be a string", ev(data=pay(ownerId=value), suffix="o" + name))
add("ownerId 201 characters", "REJECTED", "data.ownerId: longer than 200", ev(data=pay(ownerId="E" * 201), suffix="long1"))
add("customerId 10000 characters", "REJECTED", "data.customerId: longer than 200", ev(data=pay(customerId="C" * 10000), suffix="long2"))
add("paymentId 30000 characters", "REJECTED", "data.paymentId: longer than 200", ev(data=pay(paymentId="P" * 30000), suffix="long3"))
add("blank ownerId", "REJECTED", "data.ownerId: must not be blank", ev(data=pay(ownerId=" \t "), suffix="blank"))
for amount in ["-0.01", "-1000", "-100.00"]:
    add(f"negative amount {amount}", "REJECTED", "data.amount: " + amount + " is negative", ev(data=pay(amount=amount), suffix="neg" + amount))
for amount in ["1e5", "1,000.00", "NaN", "Infinity", " 100", "100.123456", "0x10", "", "\u0661\u0660\u0660", "12345678901234567890"]:
    add(f"amount {amount!r}", "REJECTED", "data.amount:", ev(data=pay(amount=amount), suffix="amt" + str(len(cases))))
for amount in [100.5, 100]:
    add(f"amount as number {amount}", "REJECTED", "data.amount: must be a decimal string", ev(data=pay(amount=amount), suffix="num" + str(amount)))
add("amount missing", "REJECTED", "data.amount: required", ev(data=pay(amount=DROP), suffix="noamt"))
for cur in ["ABC", "cny", "US", "EURO", "C\u200bNY", "\u0421NY"]:
    add(f"currency {cur!r}", "REJECTED", "data.currency:", ev(data=pay(currency=cur), suffix="cur" + str(len(cases))))
for t in ["yesterday", "2026-11-24 10:15:00", "2026-11-24", "2026-13-01T00:00:00Z", "9999-12-31T00:00:00Z", "{FUTURE}"]:
    add(f"time {t!r}", "REJECTED", "time:", ev(data=pay(), time=t, suffix="time" + str(len(cases))))
add("data missing", "REJECTED", "data: required", ev(suffix="nodata"))
add("data is a string", "REJECTED", "data: must be a JSON object", ev(data="payment", suffix="strdata"))
add("data is an array", "REJECTED", "data: must be a JSON object", ev(data=[pay()], suffix="arrdata"))
for i in range(3):
    add(f"unknown owner {i}", "PARKED", "data.ownerId:", ev(data=pay(ownerId="{GHOST}", paymentId=f"PG-{i}"), suffix=f"ghost-{i}"))
add("owner with zero-width space (someone else)", "PARKED", "data.ownerId:", ev(data=pay(ownerId="{OWNER}\u200b"), suffix="zw"))
valid = []
for i, amount in enumerate(["100.00", "250.50", "0.01", "1000", "33.33"]):
    raw = json.dumps(ev(data=pay(amount=amount, paymentId=f"P-ok-{i}"), suffix=f"ok-{i}"))
    valid.append(raw)
    add(f"valid payment {amount}", "ACCEPTED", None, raw)
for i in range(3):
    add(f"duplicate of valid {i}", "DUPLICATE", None, valid[i])
for c in cases:
    print(json.dumps(c, ensure_ascii=False))
