package com.acme.goals.localstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * No process left behind, whatever fails: a stack that cannot start stops what it started, services stop by themselves
 * when their launcher is killed with {@code kill -9}, and temporary stack folders do not pile up. The services here are
 * fakes (a process that never answers, or one that exits at once); the broker and the store are the real embedded ones.
 */
class LocalStackTest {

    @TempDir
    Path home;

    static LocalStack.Options options(Path home) {
        return new LocalStack.Options(home, null, home.resolve("logs"), 0, "local-stack-test-secret-0123456789-abcdef", null, null,
                List.of("-Xmx32m", "-XX:TieredStopAtLevel=1"), Duration.ofSeconds(60), Duration.ZERO, 1);
    }

    @Test
    void the_gateway_and_goal_service_get_the_optimising_compiler_and_the_feeds_stay_on_the_quick_one() {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("GOALS_C2_SERVICES") == null
                && System.getenv("GOALS_SERVICE_JVM_OPTS") == null, "the defaults are overridden in this environment");
        List<String> defaults = LocalStack.Options.defaultJvmOptions();
        assertThat(LocalStack.optimised(LocalStack.GATEWAY, defaults)).doesNotContain("-XX:TieredStopAtLevel=1").contains("-Xmx320m");
        assertThat(LocalStack.optimised("goal-service", defaults)).doesNotContain("-XX:TieredStopAtLevel=1");
        for (String c2 : List.of(LocalStack.GATEWAY, "goal-service")) {
            assertThat(LocalStack.optimised(c2, defaults)).as(c2).contains("-XX:PerMethodTrapLimit=0");
        }
        for (String feed : List.of("crm-link-service", "scoring-service", "report-service", LocalStack.ISSUER)) {
            assertThat(LocalStack.optimised(feed, defaults)).as(feed).contains("-XX:TieredStopAtLevel=1")
                    .doesNotContain("-XX:PerMethodTrapLimit=0");
        }
    }

    @Test
    void the_gateway_gets_a_fixed_young_generation_and_goal_service_a_floor_after_the_defaults() {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv().keySet().stream() // any process's own options
                .noneMatch(name -> name.matches("GOALS_.*_JVM_OPTS") && !name.equals("GOALS_LAUNCHER_JVM_OPTS")),
                "the defaults are overridden in this environment");
        List<String> defaults = LocalStack.Options.defaultJvmOptions();
        List<String> gateway = LocalStack.ownOptions(LocalStack.GATEWAY, defaults);
        // the JVM takes the last of repeated options: the gateway's come after the shared -Xms64m
        assertThat(gateway.subList(defaults.size(), gateway.size())).containsExactly("-Xms128m", "-Xmn96m");
        assertThat(gateway).containsAll(defaults);
        List<String> goals = LocalStack.ownOptions("goal-service", defaults);
        assertThat(goals.subList(defaults.size(), goals.size())).containsExactly("-Xms128m");
        for (String service : List.of("crm-link-service", "scoring-service", "report-service", LocalStack.ISSUER)) {
            assertThat(LocalStack.ownOptions(service, defaults)).as(service).isEqualTo(defaults);
        }
        List<String> chosen = options(home).jvmOptions(); // -Xmx32m: with -Xms128m the gateway would not start
        assertThat(LocalStack.ownOptions(LocalStack.GATEWAY, chosen)).isEqualTo(chosen);
        assertThat(LocalStack.ownOptions("goal-service", chosen)).isEqualTo(chosen);
        assertThat(LocalStack.jvmOptionsOf(LocalStack.GATEWAY, defaults)).contains("-Xmn96m").doesNotContain("-XX:TieredStopAtLevel=1");
        assertThat(LocalStack.envName("crm-link-service")).isEqualTo("CRM_LINK_SERVICE"); // CRM_LINK_SERVICE_URL too
    }

    /** Writes {@code <home>/<service>/target/<service>.jar} whose main class is {@code main}. */
    private void fakeJar(String service, Class<?> main) throws IOException {
        Path jar = LocalStack.jarOf(home, service);
        Files.createDirectories(jar.getParent());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, main.getName());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            for (Class<?> type : List.of(FakeService.class, FakeService.Broken.class, FakeService.Impostor.class,
                    FakeService.Healthy.class)) {
                String entry = type.getName().replace('.', '/') + ".class";
                try (InputStream in = type.getClassLoader().getResourceAsStream(entry)) {
                    out.putNextEntry(new JarEntry(entry));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
    }

    private void fakeServices(Class<?> reportService) throws IOException {
        for (String service : LocalStack.SERVICES) {
            fakeJar(service, service.equals("report-service") ? reportService : FakeService.class);
        }
        fakeJar(LocalStack.GATEWAY, FakeService.class);
        fakeJar(LocalStack.ISSUER, FakeService.Healthy.class);
    }

    @Test
    void a_port_answered_by_another_process_fails_the_start_instead_of_passing_for_the_service() throws Exception {
        fakeServices(FakeService.Impostor.class);
        LocalStack stack = new LocalStack(options(home));

        assertThatThrownBy(stack::start).hasMessageContaining("report-service: port")
                .hasMessageContaining("is answered by another process");

        for (ServiceProcess process : stack.processes().values()) {
            assertThat(ProcessHandle.of(process.pid()).map(ProcessHandle::isAlive).orElse(false))
                    .as(process.name() + " (pid " + process.pid() + ") after the failed start").isFalse();
        }
    }

    @Test
    void a_stack_that_fails_to_start_stops_every_process_it_started_and_deletes_its_folder() throws Exception {
        fakeServices(FakeService.Broken.class);
        LocalStack stack = new LocalStack(options(home));

        assertThatThrownBy(stack::start).hasMessageContaining("report-service exited with 3")
                .hasMessageContaining("fake service: refusing to start");

        assertThat(stack.processes()).hasSize(6);
        for (ServiceProcess process : stack.processes().values()) {
            assertThat(ProcessHandle.of(process.pid()).map(ProcessHandle::isAlive).orElse(false))
                    .as(process.name() + " (pid " + process.pid() + ") after the failed start").isFalse();
        }
        assertThat(stack.workDir()).doesNotExist();
    }

    @Test
    void services_stop_by_themselves_when_their_launcher_is_killed() throws Exception {
        fakeServices(FakeService.class);
        Process launcher = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), FakeLauncher.class.getName(), home.toString())
                .redirectErrorStream(true).start();
        List<Long> pids = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (pids.isEmpty() && (line = out.readLine()) != null) {
                if (line.startsWith("pids ")) {
                    Arrays.stream(line.substring(5).split(" ")).map(Long::parseLong).forEach(pids::add);
                }
            }
            assertThat(pids).as("the launcher started six processes (issuer, four services, gateway)").hasSize(6);
            for (long pid : pids) {
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("service " + pid + " runs").isTrue();
            }

            launcher.destroyForcibly().waitFor(); // kill -9: no shutdown hook runs, nothing stops the services but themselves
        } finally {
            launcher.destroyForcibly();
        }

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<Long> alive = new ArrayList<>(pids);
        while (!alive.isEmpty() && System.nanoTime() < deadline) {
            alive.removeIf(pid -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
            Thread.sleep(200);
        }
        alive.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly)); // leave nothing behind either way
        assertThat(alive).as("services still running 30 s after their launcher was killed").isEmpty();
        assertThat(Files.readString(home.resolve("logs").resolve("goal-service.log")))
                .contains("the launcher (pid " + launcher.pid() + ") is gone: stopping this service");
    }

    @Test
    void a_killed_launchers_folder_is_deleted_by_the_next_stack_and_a_running_ones_is_kept() throws Exception {
        Process gone = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version").start();
        gone.waitFor();
        Path leftover = Files.createTempDirectory("goals-stack-");
        Files.writeString(leftover.resolve("launcher.pid"), String.valueOf(gone.pid()));
        Files.createDirectories(leftover.resolve("kafka"));
        Path running = Files.createTempDirectory("goals-stack-");
        Files.writeString(running.resolve("launcher.pid"), String.valueOf(ProcessHandle.current().pid()));
        try {
            LocalStack stack = new LocalStack(options(home));
            assertThat(leftover).doesNotExist();
            assertThat(running).exists();
            assertThat(stack.workDir()).exists();
            stack.close(); // never started: still deletes its own folder
            assertThat(stack.workDir()).doesNotExist();
        } finally {
            LocalStack.deleteTree(running);
            LocalStack.deleteTree(leftover);
        }
    }
}
