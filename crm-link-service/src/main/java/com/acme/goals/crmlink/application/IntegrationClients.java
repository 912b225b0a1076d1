package com.acme.goals.crmlink.application;

import com.acme.goals.contracts.Topics;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which CloudEvents {@code source} each integration client may publish for ({@code goals.ingest.clients}:
 * {@code client=source|source;client=...}, a source ending in {@code *} covers every source that starts with the rest).
 * Over HTTP the client is its token's subject. A client that is not named may publish for none, except in local mode,
 * where an unnamed client may publish for any source (the tests' and the tutorial's clients); a named client is held to
 * its list in every mode. A connector's token that leaks can then not speak for the HR system or another CRM.
 * <p>
 * Over Kafka a consumer cannot see who wrote a record, so each named client has a topic of its own,
 * {@code crm.activity.<client>}, which the broker's ACLs let only that client's principal write; a record there for
 * another source is dead-lettered to that topic's {@code .dlq}, whose replay comes back to the same check.
 */
public final class IntegrationClients {

    private static final java.util.regex.Pattern TOPIC_NAME = java.util.regex.Pattern.compile("[a-zA-Z0-9._-]{1,200}");
    private final Map<String, List<String>> sources;
    private final boolean local;

    private IntegrationClients(Map<String, List<String>> sources, boolean local) {
        this.sources = sources;
        this.local = local;
    }

    /** @throws IllegalArgumentException naming the entry that is not {@code client=source|source} */
    public static IntegrationClients parse(String setting, boolean local) {
        Map<String, List<String>> sources = new HashMap<>();
        for (String entry : (setting == null ? "" : setting).split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.trim().split("=", 2);
            List<String> list = parts.length == 2 ? Arrays.stream(parts[1].split("\\|")).map(String::trim).filter(s -> !s.isEmpty()).toList()
                    : List.of();
            if (parts[0].isBlank() || list.isEmpty()) {
                throw new IllegalArgumentException("goals.ingest.clients: '" + entry.trim() + "' is not client=source|source");
            }
            if (!TOPIC_NAME.matcher(parts[0].trim()).matches()) {
                throw new IllegalArgumentException("goals.ingest.clients: client '" + parts[0].trim()
                        + "' must be letters, digits, '.', '_' or '-' (it names the client's Kafka topic)");
            }
            sources.put(parts[0].trim(), list);
        }
        return new IntegrationClients(Map.copyOf(sources), local);
    }

    /** Each named client's own inbound topic, {@code crm.activity.<client>}. */
    public List<String> topics() {
        return sources.keySet().stream().sorted().map(IntegrationClients::topicOf).toList();
    }

    public static String topicOf(String client) {
        return Topics.CRM_ACTIVITY + "." + client;
    }

    /** The client whose own topic this is; empty for {@code crm.activity} and anything else. */
    public Optional<String> clientOf(String topic) {
        return sources.keySet().stream().filter(client -> topicOf(client).equals(topic)).findFirst();
    }

    /** Why {@code client} may not publish for {@code source}, or empty when it may. */
    public Optional<String> refusal(String client, String source) {
        List<String> allowed = sources.get(client);
        if (allowed == null) {
            return local ? Optional.empty()
                    : Optional.of("client " + client + " is not registered to publish (goals.ingest.clients)");
        }
        boolean covered = allowed.stream().anyMatch(a -> a.endsWith("*") ? source.startsWith(a.substring(0, a.length() - 1)) : a.equals(source));
        return covered ? Optional.empty()
                : Optional.of("client " + client + " is registered for " + String.join(", ", allowed) + ", not for '" + source + "'");
    }
}
