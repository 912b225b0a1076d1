package com.acme.goals.platform.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class InboundContractTest {

    private static final InboundContract CONTRACT = new InboundContract();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode event(String type, String data) throws Exception {
        return JSON.readTree("""
                {"specversion":"1.0","id":"crm-1","source":"urn:acme:crm-core","type":"%s",
                 "time":"2026-11-24T10:15:00+08:00","data":{%s}}""".formatted(type, data));
    }

    @Test
    void there_is_a_schema_for_every_inbound_type_of_the_contract() {
        assertThat(CONTRACT.types("crm.")).hasSize(13).contains("crm.payment.received", "crm.opportunity.stage-changed");
        assertThat(CONTRACT.types("hr.")).containsExactly("hr.employee.hired", "hr.employee.left", "hr.employee.moved");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "crm.payment.received    | \"paymentId\":\"P-1\",\"customerId\":\"C-1\",\"ownerId\":\"E-1\",\"amount\":\"125000.00\",\"currency\":\"CNY\",\"receivedAt\":\"2026-11-24T10:15:00+08:00\"",
            "crm.customer.created    | \"customerId\":\"C-1\",\"name\":\"华东渠道\",\"ownerId\":\"E-1\"",
            "crm.approval.decided    | \"approvalId\":\"A-1\",\"ownerId\":\"E-1\",\"kind\":\"DISCOUNT\",\"decision\":\"APPROVED\"",
            "crm.visit.logged        | \"activityId\":\"V-1\",\"customerId\":\"C-1\",\"ownerId\":\"E-1\",\"actionId\":\"act-9\",\"extra\":true",
            "hr.employee.hired       | \"employeeId\":\"E-1\",\"name\":\"王总\",\"role\":\"SALES_DIRECTOR\",\"supervisorId\":null,\"timeZone\":\"Asia/Shanghai\""})
    void a_well_formed_event_keeps_the_contract_and_unknown_fields_are_tolerated(String type, String data) throws Exception {
        assertThat(CONTRACT.violations(type, event(type, data))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "missing owner     | \"paymentId\":\"P-1\",\"customerId\":\"C-1\",\"amount\":\"1.00\",\"currency\":\"CNY\"                      | data.ownerId: required",
            "owner a number    | \"paymentId\":\"P-1\",\"customerId\":\"C-1\",\"ownerId\":7,\"amount\":\"1.00\",\"currency\":\"CNY\"         | data.ownerId: must be a string",
            "blank customer    | \"paymentId\":\"P-1\",\"customerId\":\"  \",\"ownerId\":\"E-1\",\"amount\":\"1.00\",\"currency\":\"CNY\"  | data.customerId: must not be blank",
            "negative amount   | \"paymentId\":\"P-1\",\"customerId\":\"C-1\",\"ownerId\":\"E-1\",\"amount\":\"-0.01\",\"currency\":\"CNY\" | data.amount: -0.01 is negative; amounts must be zero or more",
            "float amount      | \"paymentId\":\"P-1\",\"customerId\":\"C-1\",\"ownerId\":\"E-1\",\"amount\":0.1,\"currency\":\"CNY\"       | data.amount: must be a decimal string",
            "five decimals     | \"paymentId\":\"P-1\",\"customerId\":\"C-1\",\"ownerId\":\"E-1\",\"amount\":\"1.00001\",\"currency\":\"CNY\"| data.amount: '1.00001' is not a decimal with at most 15 digits and 4 decimals",
            "lower currency    | \"paymentId\":\"P-1\",\"customerId\":\"C-1\",\"ownerId\":\"E-1\",\"amount\":\"1.00\",\"currency\":\"cny\"  | data.currency: 'cny' is not an ISO 4217 code"})
    void each_broken_rule_is_named_with_its_field(String name, String data, String reason) throws Exception {
        assertThat(CONTRACT.violations("crm.payment.received", event("crm.payment.received", data))).first().asString().startsWith(reason);
    }

    @Test
    void several_faults_are_all_reported_in_the_order_of_the_schema() throws Exception {
        JsonNode event = JSON.readTree("""
                {"specversion":"1.0","source":"urn:acme:crm-core","type":"crm.payment.received","time":"yesterday",
                 "data":{"paymentId":"P-1","customerId":"C-1","amount":"1.00","currency":"CNY"}}""");
        assertThat(CONTRACT.violations("crm.payment.received", event)).containsExactly(
                "id: required",
                "time: 'yesterday' is not an RFC 3339 timestamp such as 2026-11-24T10:15:00+08:00",
                "data.ownerId: required");
    }

    @Test
    void an_approval_decision_outside_its_values_is_refused() throws Exception {
        JsonNode event = event("crm.approval.decided", "\"approvalId\":\"A-1\",\"ownerId\":\"E-1\",\"kind\":\"DISCOUNT\",\"decision\":\"MAYBE\"");
        assertThat(CONTRACT.violations("crm.approval.decided", event)).containsExactly(
                "data.decision: 'MAYBE' is not one of [\"APPROVED\",\"REJECTED\"]");
    }

    @Test
    void a_string_over_200_characters_is_refused() throws Exception {
        JsonNode event = event("hr.employee.left", "\"employeeId\":\"" + "E".repeat(201) + "\"");
        assertThat(CONTRACT.violations("hr.employee.left", event)).containsExactly("data.employeeId: longer than 200 characters");
    }
}
