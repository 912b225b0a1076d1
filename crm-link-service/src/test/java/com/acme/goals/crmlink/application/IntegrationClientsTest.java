package com.acme.goals.crmlink.application;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IntegrationClientsTest {

    private final IntegrationClients production = IntegrationClients.parse(
            " crm-connector=urn:example:crm | https://crm.example/tenants/* ; hr-feed=urn:example:hr", false);

    @Test
    void a_client_publishes_for_its_own_sources_only() {
        assertThat(production.refusal("crm-connector", "urn:example:crm")).isEmpty();
        assertThat(production.refusal("crm-connector", "https://crm.example/tenants/42")).isEmpty();
        assertThat(production.refusal("crm-connector", "urn:example:hr")).get().asString()
                .contains("registered for urn:example:crm, https://crm.example/tenants/*, not for 'urn:example:hr'");
        assertThat(production.refusal("hr-feed", "urn:example:crm")).isPresent();
    }

    @Test
    void outside_local_mode_an_unnamed_client_publishes_for_nothing_and_in_local_mode_for_anything() {
        assertThat(production.refusal("someone", "urn:example:crm")).get().asString().contains("not registered");
        IntegrationClients local = IntegrationClients.parse("crm-probe=urn:example:probe", true);
        assertThat(local.refusal("someone", "urn:example:crm")).isEmpty();
        assertThat(local.refusal("crm-probe", "urn:example:crm")).as("a named client is held to its list").isPresent();
    }

    @Test
    void a_malformed_registration_is_refused_naming_the_entry() {
        assertThatThrownBy(() -> IntegrationClients.parse("crm-connector", false)).hasMessageContaining("'crm-connector'");
        assertThatThrownBy(() -> IntegrationClients.parse("=urn:x", false)).hasMessageContaining("'=urn:x'");
        assertThatThrownBy(() -> IntegrationClients.parse("svc:crm=urn:x", false))
                .hasMessageContaining("client 'svc:crm' must be letters, digits");
    }

    @Test
    void over_kafka_each_named_client_has_its_own_topic_and_crm_activity_belongs_to_none() {
        assertThat(production.topics()).containsExactly("crm.activity.crm-connector", "crm.activity.hr-feed");
        assertThat(production.clientOf("crm.activity.crm-connector")).contains("crm-connector");
        assertThat(production.clientOf("crm.activity")).isEmpty();
        assertThat(production.clientOf("crm.activity.someone")).as("not registered: not a client topic").isEmpty();
    }
}
