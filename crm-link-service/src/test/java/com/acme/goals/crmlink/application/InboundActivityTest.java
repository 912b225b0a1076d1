package com.acme.goals.crmlink.application;

import com.acme.goals.crmlink.domain.CheckedActivity;
import com.acme.goals.crmlink.domain.ActivityPlacement;
import com.acme.goals.contracts.crm.ActivityCatalogue;
import com.acme.goals.contracts.crm.ActivityRecorded;
import com.acme.goals.contracts.crm.MetricDelta;
import com.acme.goals.platform.messaging.InboundContract;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InboundActivityTest {

    private static final InboundContract CONTRACT = new InboundContract();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T02:00:00Z"), ZoneOffset.UTC);
    private final InboundActivity checker = new InboundActivity(CONTRACT, new ObjectMapper(), CLOCK);

    static String payment(String time, String dataFields) {
        return """
                {"specversion":"1.0","id":"crm-1","source":"urn:acme:crm-core","type":"crm.payment.received",
                 "subject":"payment/P-1","time":"%s","datacontenttype":"application/json",
                 "data":{%s}}""".formatted(time, dataFields);
    }

    static final String GOOD_DATA = "\"paymentId\":\"P-1\",\"customerId\":\"C-1\",\"ownerId\":\"E-042\",\"amount\":\"25000.00\",\"currency\":\"CNY\"";

    private CheckedActivity check(String json) throws InboundActivity.Rejected {
        return checker.check(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void a_payment_counts_its_amount_toward_payment_collection() throws Exception {
        CheckedActivity checked = check(payment("2026-11-24T10:15:00+08:00", GOOD_DATA));
        ActivityRecorded recorded = ActivityPlacement.place(checked, ZoneId.of("Asia/Shanghai"));
        assertThat(recorded.deltas()).containsExactly(new MetricDelta("payment_collection", new BigDecimal("25000.00"), "CNY"));
        assertThat(recorded.isoWeek()).isEqualTo("2026-W48");
        assertThat(recorded.ownerId()).isEqualTo("E-042");
    }

    @Test
    void two_different_sources_and_ids_never_share_a_de_duplication_key() throws Exception {
        CheckedActivity pipeInSource = check(payment("2026-11-24T10:15:00+08:00", GOOD_DATA)
                .replace("\"id\":\"crm-1\"", "\"id\":\"c\"").replace("urn:acme:crm-core", "a|b"));
        CheckedActivity pipeInId = check(payment("2026-11-24T10:15:00+08:00", GOOD_DATA)
                .replace("\"id\":\"crm-1\"", "\"id\":\"b|c\"").replace("urn:acme:crm-core", "a"));
        assertThat(pipeInSource.dedupeKey()).isNotEqualTo(pipeInId.dedupeKey()); // both were "a|b|c"
        assertThat(ActivityPlacement.place(pipeInSource, ZoneId.of("Asia/Shanghai")).activityId())
                .isNotEqualTo(ActivityPlacement.place(pipeInId, ZoneId.of("Asia/Shanghai")).activityId());
        // an ordinary source keeps the key, and so the activity id, it had before the escaping
        assertThat(check(payment("2026-11-24T10:15:00+08:00", GOOD_DATA)).dedupeKey()).isEqualTo("urn:acme:crm-core|crm-1");
    }

    @Test
    void the_owners_time_zone_decides_the_day_and_the_week() throws Exception {
        // Sunday 23:30 in Shanghai is still week 48 there, but already Monday of week 49 in Tokyo
        InboundActivity later = new InboundActivity(CONTRACT, new ObjectMapper(), Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC));
        CheckedActivity checked = later.check(payment("2026-11-29T23:30:00+08:00", GOOD_DATA).getBytes(StandardCharsets.UTF_8));
        ActivityRecorded shanghai = ActivityPlacement.place(checked, ZoneId.of("Asia/Shanghai"));
        ActivityRecorded tokyo = ActivityPlacement.place(checked, ZoneId.of("Asia/Tokyo"));
        assertThat(shanghai.day()).isEqualTo(LocalDate.of(2026, 11, 29));
        assertThat(shanghai.isoWeek()).isEqualTo("2026-W48");
        assertThat(tokyo.day()).isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(tokyo.isoWeek()).isEqualTo("2026-W49");
        assertThat(tokyo.month()).isEqualTo("2026-11");
    }

    @Test
    void the_same_source_and_id_always_become_the_same_activity_id() throws Exception {
        ActivityRecorded once = ActivityPlacement.place(check(payment("2026-11-24T10:15:00+08:00", GOOD_DATA)), ZoneId.of("UTC"));
        ActivityRecorded again = ActivityPlacement.place(check(payment("2026-11-24T10:15:00+08:00", GOOD_DATA)), ZoneId.of("UTC"));
        assertThat(again.activityId()).isEqualTo(once.activityId());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not JSON                | {\"specversion\":\"1.0\",                                     | body: not JSON",
            "a JSON array            | []                                                           | body: not a CloudEvent",
            "empty body              | ''                                                           | body: empty"})
    void bytes_that_are_not_a_cloudevent_are_rejected(String name, String body, String reason) {
        assertThatThrownBy(() -> check(body)).isInstanceOf(InboundActivity.Rejected.class).hasMessageStartingWith(reason);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "missing ownerId     | \"paymentId\":\"P-1\",\"customerId\":\"C-1\",\"amount\":\"1.00\",\"currency\":\"CNY\"                      | data.ownerId: required",
            "numeric ownerId     | \"paymentId\":\"P-1\",\"customerId\":\"C-1\",\"ownerId\":42,\"amount\":\"1.00\",\"currency\":\"CNY\"       | data.ownerId: must be a string",
            "negative amount     | \"paymentId\":\"P-1\",\"customerId\":\"C-1\",\"ownerId\":\"E-1\",\"amount\":\"-5.00\",\"currency\":\"CNY\" | data.amount: -5.00 is negative",
            "amount as a number  | \"paymentId\":\"P-1\",\"customerId\":\"C-1\",\"ownerId\":\"E-1\",\"amount\":5.5,\"currency\":\"CNY\"       | data.amount: must be a decimal string",
            "amount not decimal  | \"paymentId\":\"P-1\",\"customerId\":\"C-1\",\"ownerId\":\"E-1\",\"amount\":\"1e5\",\"currency\":\"CNY\"   | data.amount: '1e5' is not a decimal",
            "unknown currency    | \"paymentId\":\"P-1\",\"customerId\":\"C-1\",\"ownerId\":\"E-1\",\"amount\":\"1.00\",\"currency\":\"XYZ\"  | data.currency: 'XYZ' is not an ISO 4217 currency",
            "blank customer      | \"paymentId\":\"P-1\",\"customerId\":\" \",\"ownerId\":\"E-1\",\"amount\":\"1.00\",\"currency\":\"CNY\"   | data.customerId: must not be blank"})
    void a_payment_with_a_bad_field_is_rejected_naming_the_field(String name, String data, String reason) {
        assertThatThrownBy(() -> check(payment("2026-11-24T10:15:00+08:00", data)))
                .isInstanceOf(InboundActivity.Rejected.class).hasMessageStartingWith(reason);
    }

    @Test
    void a_time_more_than_a_day_ahead_is_rejected() {
        assertThatThrownBy(() -> check(payment("2026-11-28T10:00:00+08:00", GOOD_DATA)))
                .hasMessageStartingWith("time: 2026-11-28T10:00:00+08:00 is more than a day in the future");
    }

    @Test
    void an_unknown_type_is_rejected_naming_the_known_ones() {
        String json = payment("2026-11-24T10:15:00+08:00", GOOD_DATA).replace("crm.payment.received", "crm.payment.reversed");
        assertThatThrownBy(() -> check(json)).hasMessageStartingWith("type: unknown type 'crm.payment.reversed'")
                .hasMessageContaining("crm.payment.received");
    }

    @Test
    void a_wrong_specversion_is_rejected() {
        String json = payment("2026-11-24T10:15:00+08:00", GOOD_DATA).replace("\"1.0\"", "\"0.3\"");
        assertThatThrownBy(() -> check(json)).hasMessageStartingWith("specversion:");
    }

    @Test
    void a_won_deal_counts_sales_amount_and_one_won_deal() throws Exception {
        String json = """
                {"specversion":"1.0","id":"crm-2","source":"urn:acme:crm-core","type":"crm.opportunity.won",
                 "time":"2026-11-24T10:15:00+08:00","data":{"opportunityId":"O-1","customerId":"C-1","ownerId":"E-1",
                 "amount":"183369.74","currency":"CNY"}}""";
        ActivityRecorded recorded = ActivityPlacement.place(check(json), ZoneId.of("Asia/Shanghai"));
        assertThat(recorded.deltas()).containsExactlyInAnyOrder(
                new MetricDelta("sales_amount", new BigDecimal("183369.74"), "CNY"),
                new MetricDelta("won_deals", BigDecimal.ONE, MetricDelta.COUNT));
        assertThat(recorded.recordRef()).isEqualTo("opportunity/O-1");
        assertThat(recorded.recordIdField()).isEqualTo("opportunityId");
        assertThat(recorded.recordId()).isEqualTo("O-1");
        assertThat(recorded.subject()).isNull();
    }

    @Test
    void a_record_is_named_by_its_own_id_whatever_the_sender_put_in_subject() throws Exception {
        // the seed's CRM puts its own counter in subject ("payment/17") for payment P-17
        String json = """
                {"specversion":"1.0","id":"crm-17","source":"urn:acme:crm-core","type":"crm.payment.received",
                 "subject":"payment/17","time":"2026-11-24T10:15:00+08:00","data":{"paymentId":"P-17","customerId":"C-1",
                 "ownerId":"E-1","amount":"14283.22","currency":"CNY","receivedAt":"2026-11-24T10:15:00+08:00"}}""";
        ActivityRecorded recorded = ActivityPlacement.place(check(json), ZoneId.of("Asia/Shanghai"));
        assertThat(recorded.recordRef()).isEqualTo("payment/P-17");
        assertThat(recorded.recordIdField()).isEqualTo("paymentId");
        assertThat(recorded.recordId()).isEqualTo("P-17");
        assertThat(recorded.subject()).isEqualTo("payment/17");
    }

    @Test
    void every_crm_type_with_a_schema_has_metrics_and_every_catalogued_type_has_a_schema() {
        assertThat(ActivityCatalogue.types()).isEqualTo(CONTRACT.types("crm."));
    }

    @Test
    void all_faults_of_an_event_are_named_so_the_sender_fixes_them_in_one_go() {
        String json = payment("2026-11-24T10:15:00+08:00", "\"paymentId\":\"P-1\",\"amount\":\"-3\",\"currency\":\"CNY\"");
        assertThatThrownBy(() -> check(json)).hasMessage(
                "data.customerId: required; data.ownerId: required; data.amount: -3 is negative; amounts must be zero or more");
    }
}
