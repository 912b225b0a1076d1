package com.acme.goals.localstack;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production manifests render, and every setting a service reads is set in each of them: every Kustomize overlay
 * ({@code kubectl kustomize}) and the compose file in both profiles ({@code docker-compose config}). "A setting a
 * service reads" is each {@code ${NAME}} placeholder of its configuration files (its application.yml, and for the
 * services platform-defaults.yml), so a new setting added there fails this test until every deployment sets it. No
 * container runs here: these machines have no Docker engine and no cluster.
 */
class DeploymentManifestsTest {

    private static final Path HOME = Path.of(System.getProperty("goals.home", "../..")).toAbsolutePath().normalize();
    private static final List<String> DEPLOYMENTS = List.of("goal-service", "report-service", "crm-link-service", "scoring-service", "gateway");
    /** Read by the services but for test stacks only: a deployment must leave them out (the services refuse them under prod). */
    private static final Set<String> TEST_ONLY = Set.of("GOALS_CLOCK_OFFSET", "GOALS_MODE");
    /** Spring's own settings a service needs and no placeholder names (Boot binds them from the environment). */
    private static final Map<String, Set<String>> ALSO_READ = Map.of("report-service", Set.of("SPRING_MAIL_HOST", "SPRING_MAIL_PORT"));
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");

    @Test
    void every_kustomize_overlay_renders_and_sets_every_setting_each_service_reads() throws Exception {
        Set<String> secretKeys = keysOf(HOME.resolve("deploy/k8s/base/goals-secrets.example.env"));
        List<Path> overlays;
        try (Stream<Path> dirs = Files.list(HOME.resolve("deploy/k8s/overlays"))) {
            overlays = dirs.filter(Files::isDirectory).sorted().toList();
        }
        assertThat(overlays).extracting(p -> p.getFileName().toString()).contains("staging", "production", "production-keda");
        for (Path overlay : overlays) {
            String name = overlay.getFileName().toString();
            List<Map<String, Object>> objects = objects(run("kubectl", "kustomize", overlay.toString()));
            Map<String, Map<String, Object>> configMaps = new HashMap<>();
            objects.stream().filter(o -> "ConfigMap".equals(o.get("kind")))
                    .forEach(o -> configMaps.put(name(o), map(o.getOrDefault("data", Map.of()))));
            for (String deployment : DEPLOYMENTS) {
                Map<String, Object> d = find(objects, "Deployment", deployment).orElseThrow(() ->
                        new AssertionError(name + ": no Deployment " + deployment));
                Map<String, Object> container = map(list(at(d, "spec", "template", "spec", "containers")).get(0));
                Map<String, Object> settings = new HashMap<>();
                for (Object source : list(container.getOrDefault("envFrom", List.of()))) {
                    Map<String, Object> from = map(source);
                    if (from.containsKey("configMapRef")) {
                        String ref = (String) map(from.get("configMapRef")).get("name");
                        assertThat(configMaps).as(name + ": " + deployment + " refers to ConfigMap " + ref).containsKey(ref);
                        settings.putAll(configMaps.get(ref));
                    } else if (from.containsKey("secretRef")) {
                        secretKeys.forEach(k -> settings.put(k, "(secret)"));
                    }
                }
                for (Object env : list(container.getOrDefault("env", List.of()))) {
                    settings.put((String) map(env).get("name"), map(env).get("value"));
                }
                String where = name + "/" + deployment;
                assertThat(settings.keySet()).as(where + ": settings it reads").containsAll(readBy(deployment));
                assertThat(settings.keySet()).as(where + ": test-only settings").doesNotContainAnyElementsOf(TEST_ONLY);
                assertThat(settings.get("SPRING_PROFILES_ACTIVE")).as(where).isEqualTo("prod");
                assertThat(container).as(where + ": probes").containsKeys("readinessProbe", "livenessProbe");
                assertThat(at(container, "readinessProbe", "httpGet", "path")).isEqualTo("/actuator/health/readiness");
                assertThat(at(container, "livenessProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
                assertThat(map(at(container, "resources", "requests"))).as(where + ": resources").containsKeys("cpu", "memory");
                assertThat(find(objects, "PodDisruptionBudget", deployment)).as(where + ": PodDisruptionBudget").isPresent();
                assertThat(find(objects, "HorizontalPodAutoscaler", deployment).or(() -> find(objects, "ScaledObject", deployment)))
                        .as(where + ": an autoscaler").isPresent();
            }
            assertThat(objects.stream().filter(o -> "NetworkPolicy".equals(o.get("kind"))).map(DeploymentManifestsTest::name))
                    .as(name + ": network policies").contains("default-deny", "services-from-gateway-and-prometheus",
                            "services-to-kafka-and-mongodb", "readers-to-scoring", "scoring-service-from-readers");
        }
    }

    @Test
    void the_compose_file_is_valid_in_both_profiles_and_sets_every_setting_each_service_reads() throws Exception {
        Path compose = HOME.resolve("deploy/compose");
        // the example's blanks are the operator's secrets: filled here only so that compose's checks of them pass
        Path env = Files.createTempFile("compose", ".env");
        Path ha = Files.createTempFile("compose-ha", ".env");
        try {
            String example = Files.readString(compose.resolve("example.env")).replaceAll("(?m)^([A-Z_]+)=$", "$1=filled-for-the-check");
            Files.writeString(env, example);
            Files.writeString(ha, example + "\n" + Files.readString(compose.resolve("ha.env")));
            for (List<String> profile : List.of(List.of("--env-file", env.toString()),
                    List.of("--env-file", ha.toString(), "--profile", "ha"))) {
                List<String> command = new ArrayList<>(List.of("docker-compose", "--project-directory", compose.toString(),
                        "-f", compose.resolve("docker-compose.yml").toString()));
                command.addAll(profile);
                command.add("config");
                Map<String, Object> rendered = map(new Yaml().load(run(command.toArray(String[]::new))));
                Map<String, Object> services = map(rendered.get("services"));
                assertThat(services).as(profile.toString()).containsKeys("mongo", "kafka-1", "prometheus", "grafana");
                if (profile.contains("ha")) {
                    assertThat(services).containsKeys("kafka-2", "kafka-3");
                    assertThat(map(map(services.get("kafka-1")).get("environment")).get("KAFKA_MIN_INSYNC_REPLICAS")).hasToString("2");
                }
                for (String service : DEPLOYMENTS) {
                    Map<String, Object> s = map(services.get(service));
                    assertThat(map(s.get("environment")).keySet()).as("compose " + profile + " " + service)
                            .containsAll(readBy(service)).doesNotContainAnyElementsOf(TEST_ONLY);
                    if (!service.equals("gateway")) {
                        assertThat(at(s, "deploy", "replicas")).as(service + " replicas").hasToString("2");
                    }
                }
            }
        } finally {
            Files.deleteIfExists(env);
            Files.deleteIfExists(ha);
        }
    }

    /** The environment settings a deployment's configuration files name, less the test-only ones. */
    static Set<String> readBy(String deployment) throws IOException {
        List<Path> files = new ArrayList<>(List.of(HOME.resolve(deployment).resolve("src/main/resources/application.yml")));
        if (!deployment.equals("gateway")) {
            files.add(HOME.resolve("platform/src/main/resources/platform-defaults.yml"));
        }
        Set<String> names = new TreeSet<>(ALSO_READ.getOrDefault(deployment, Set.of()));
        for (Path file : files) {
            Matcher m = PLACEHOLDER.matcher(Files.readString(file));
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        names.removeAll(TEST_ONLY);
        assertThat(names).as(deployment + " reads its store and broker at least").isNotEmpty();
        return names;
    }

    private static Set<String> keysOf(Path envFile) throws IOException {
        Set<String> keys = new TreeSet<>();
        for (String line : Files.readAllLines(envFile)) {
            if (line.matches("[A-Z_][A-Z0-9_]*=.*")) {
                keys.add(line.substring(0, line.indexOf('=')));
            }
        }
        return keys;
    }

    private static String run(String... command) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(false).start();
        } catch (IOException e) {
            throw new AssertionError(command[0] + " is not installed: the test command needs it (.ci/run installs docker-compose;"
                    + " kubectl comes with these machines)", e);
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + err).isZero();
        return out;
    }

    private static List<Map<String, Object>> objects(String yaml) {
        List<Map<String, Object>> objects = new ArrayList<>();
        new Yaml().loadAll(yaml).forEach(o -> {
            if (o != null) {
                objects.add(map(o));
            }
        });
        return objects;
    }

    private static java.util.Optional<Map<String, Object>> find(List<Map<String, Object>> objects, String kind, String name) {
        return objects.stream().filter(o -> kind.equals(o.get("kind")) && name.equals(name(o))).findFirst();
    }

    private static String name(Map<String, Object> object) {
        return (String) map(object.get("metadata")).get("name");
    }

    private static Object at(Map<String, Object> object, String... path) {
        Object here = object;
        for (String key : path) {
            here = map(here).get(key);
        }
        return here;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o == null ? Map.of() : (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return o == null ? List.of() : (List<Object>) o;
    }
}
