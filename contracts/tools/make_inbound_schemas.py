#!/usr/bin/env python3
"""Writes the JSON Schemas of the inbound CloudEvent types (inbound-contract.md) into
contracts/src/main/resources/schemas/inbound/. The schemas are the contract: crm-link and goal-service
validate against them at run time and the README publishes them. Edit here, run, commit both."""
import json
import os

ID = {"type": "string", "minLength": 1, "maxLength": 200, "pattern": "\\S"}
TEXT = dict(ID)
AMOUNT = {"type": "string", "pattern": "^[0-9]{1,15}(\\.[0-9]{1,4})?$",
          "description": "a decimal string, zero or more, at most 15 digits and 4 decimals, e.g. \"125000.00\"; never a JSON number"}
CURRENCY = {"type": "string", "pattern": "^[A-Z]{3}$", "description": "an ISO 4217 currency code, e.g. CNY"}
NULLABLE_ID = {"type": ["string", "null"], "minLength": 1, "maxLength": 200, "pattern": "\\S"}

# type -> (required data fields in order, optional fields, what it counts toward)
TYPES = {
    "crm.customer.created": (["customerId", "name", "ownerId"], [], "new_customers +1"),
    "crm.opportunity.created": (["opportunityId", "customerId", "ownerId", "amount", "currency", "stage"], [], "new_opportunities +1"),
    "crm.opportunity.stage-changed": (["opportunityId", "ownerId", "fromStage", "toStage"], ["customerId"], "pipeline (no metric)"),
    "crm.opportunity.won": (["opportunityId", "customerId", "ownerId", "amount", "currency"], [], "sales_amount +amount, won_deals +1"),
    "crm.opportunity.lost": (["opportunityId", "customerId", "ownerId", "reason"], [], "lost_deals +1"),
    "crm.contract.signed": (["contractId", "customerId", "ownerId", "amount", "currency"], [], "contract_amount +amount"),
    "crm.payment.received": (["paymentId", "customerId", "ownerId", "amount", "currency"], ["receivedAt"], "payment_collection +amount"),
    "crm.ticket.opened": (["ticketId", "customerId", "ownerId"], [], "new_service_tickets +1"),
    "crm.ticket.closed": (["ticketId", "customerId", "ownerId"], [], "closed_service_tickets +1"),
    "crm.approval.submitted": (["approvalId", "ownerId", "kind"], ["customerId"], "new_approvals +1"),
    "crm.approval.decided": (["approvalId", "ownerId", "kind", "decision"], ["customerId"], "approvals (no metric)"),
    "crm.visit.logged": (["activityId", "customerId", "ownerId"], ["actionId"], "visits +1; completes the planned action actionId"),
    "crm.call.logged": (["activityId", "customerId", "ownerId"], ["actionId"], "calls +1; completes the planned action actionId"),
    "hr.employee.hired": (["employeeId", "name", "role", "timeZone"], ["supervisorId"], "org chart"),
    "hr.employee.moved": (["employeeId", "supervisorId"], [], "org chart"),
    "hr.employee.left": (["employeeId"], [], "org chart"),
}


def field(name):
    if name == "amount":
        return AMOUNT
    if name == "currency":
        return CURRENCY
    if name == "decision":
        return {"type": "string", "enum": ["APPROVED", "REJECTED"]}
    if name == "receivedAt":
        return {"type": "string", "format": "date-time"}
    if name == "timeZone":
        return dict(ID, description="an IANA time zone, e.g. Asia/Shanghai")
    if name == "supervisorId":
        return NULLABLE_ID
    return ID


def schema(type_name, required, optional, counts):
    data_properties = {name: field(name) for name in required + optional}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:goals:schema:inbound:{type_name}:1",
        "title": f"{type_name} (CloudEvent, data version 1)",
        "description": f"Inbound CloudEvent, JSON structured mode. Counts toward: {counts}. "
                       "source + id identify it across both transports; time decides the day, ISO week and month "
                       "in the owner's time zone and may be at most a day ahead. Unknown fields are ignored.",
        "type": "object",
        "required": ["specversion", "id", "source", "type", "time", "data"],
        "properties": {
            "specversion": {"const": "1.0"},
            "id": ID,
            "source": ID,
            "type": {"const": type_name},
            "subject": TEXT,
            "time": {"type": "string", "format": "date-time", "maxLength": 64},
            "datacontenttype": {"type": "string"},
            "dataschemaversion": {"type": "string"},
            "data": {
                "type": "object",
                "required": required,
                "properties": data_properties,
            },
        },
    }


if __name__ == "__main__":
    out = os.path.join(os.path.dirname(__file__), "..", "src", "main", "resources", "schemas", "inbound")
    os.makedirs(out, exist_ok=True)
    for type_name, (required, optional, counts) in TYPES.items():
        with open(os.path.join(out, f"{type_name}.schema.json"), "w", encoding="utf-8") as f:
            json.dump(schema(type_name, required, optional, counts), f, indent=2, ensure_ascii=False)
            f.write("\n")
    # the list the services load the schemas by, so the types are named in this file only
    with open(os.path.join(out, "index.json"), "w", encoding="utf-8") as f:
        json.dump(list(TYPES), f, indent=2)
        f.write("\n")
    print(f"wrote {len(TYPES)} schemas and index.json to {os.path.normpath(out)}")
