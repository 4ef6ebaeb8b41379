package dev.switchboard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.daemon.ServiceUnavailableException;
import dev.switchboard.daemon.SupervisorClient;
import dev.switchboard.daemon.SupervisorDaemon;
import dev.switchboard.daemon.WireCodec;
import dev.switchboard.engine.Await;
import dev.switchboard.engine.SwitchboardHome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static dev.switchboard.cli.Cli.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real thing: the CLI in this JVM, a supervisor service spawned in the background by the first
 * command (as a user would get it), the real engine and real processes in a private home.
 */
class ServiceEndToEndTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    SwitchboardHome home;
    String stack;
    Path file;

    @BeforeEach
    void privateHome() throws Exception {
        System.setProperty("switchboard.home", dir.resolve("home").toString());
        home = SwitchboardHome.fromEnvironment();
        // a unique name finds every process of this test (and its grandchildren) by environment for clean-up
        stack = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        file = Files.writeString(dir.resolve(stack + ".yaml"), """
                name: %s
                processes:
                  - name: hub
                    command: [sh, -c, 'sleep 0.2; touch "$2"; exec sleep 1000', sh]
                  - name: worker
                    command: [sh, -c, 'sleep 1000 & touch "$2"; wait', sh]
                  - name: model
                    launch_mode: persist
                    depends_on: []
                    command: [sh, -c, 'touch "$2"; exec sleep 1000', sh]
                """.formatted(stack));
    }

    @AfterEach
    void stopEverything() {
        try {
            servicePid().ifPresent(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            // one that no longer answers (or is still starting) is found by the pid in its lock file
            lockHolder().ifPresent(pid -> ProcessHandle.of(pid)
                    .filter(p -> p.info().commandLine().orElse("").contains("dev.switchboard.Launcher daemon"))
                    .ifPresent(ProcessHandle::destroyForcibly));
        } finally {
            LiveProcesses.kill(LiveProcesses.withEnvironment("SWITCHBOARD_STACK=" + stack));
            System.clearProperty("switchboard.home");
        }
    }

    @Test
    void stacksOutliveAKilledServiceAndAreReadoptedThenStoppedWithTheirGrandchildren() throws Exception {
        Cli.Result up = run("up", file.toString(), "--wait");
        assertEquals(0, up.code(), up::toString);
        assertTrue(up.out().contains("[hub] starting…"), up.out());
        assertTrue(up.out().contains("[hub] ready ("), up.out());
        assertTrue(up.out().contains("stack '" + stack + "' is ready"), up.out());

        Map<String, Long> pids = readyPids();
        assertEquals(List.of("hub", "worker", "model"), List.copyOf(pids.keySet()));
        long worker = pids.get("worker");
        assertEquals(2, LiveProcesses.group(worker).size(), "the worker and its background sleep");

        long service = servicePid().orElseThrow();
        ProcessHandle.of(service).orElseThrow().destroyForcibly();
        awaitDead(List.of(service));
        pids.values().forEach(pid -> assertTrue(LiveProcesses.alive(pid), "process " + pid + " survived the service"));

        assertEquals(pids, readyPids(), "a new service re-adopted the same processes");
        assertNotEquals(service, servicePid().orElseThrow());

        Cli.Result down = run("down", stack);
        assertEquals(0, down.code(), down::toString);
        assertTrue(down.out().contains("left running (persist): model (pid " + pids.get("model") + ")"), down.out());
        List<Long> ownGroups = new ArrayList<>(LiveProcesses.group(pids.get("hub")));
        ownGroups.addAll(LiveProcesses.group(worker));
        assertEquals(List.of(), ownGroups, "nothing of hub and worker is left, grandchildren included");
        assertTrue(LiveProcesses.alive(pids.get("model")));

        Cli.Result again = run("up", file.toString(), "--wait");
        assertEquals(0, again.code(), again::toString);
        assertEquals(pids.get("model"), readyPids().get("model"), "the persist process was adopted, not spawned twice");

        Cli.Result all = run("down", stack, "--persist");
        assertEquals(0, all.code(), all::toString);
        assertEquals(List.of(), LiveProcesses.withEnvironment("SWITCHBOARD_STACK=" + stack));
    }

    @Test
    void daemonStopLeavesTheStacksRunning() throws Exception {
        assertEquals(0, run("up", file.toString(), "--wait").code());
        Map<String, Long> pids = readyPids();
        Cli.Result stop = run("daemon", "stop");
        assertEquals(0, stop.code(), stop::toString);
        assertTrue(stop.out().startsWith("stopped the supervisor service"), stop.out());
        assertFalse(SupervisorDaemonProbe.answers(home));
        pids.values().forEach(pid -> assertTrue(LiveProcesses.alive(pid)));
        assertEquals(pids, readyPids());
        assertEquals(0, run("down", stack, "--persist").code());
    }

    @Test
    void logsFollowGoesOnAfterTheProcessRestarts() throws Exception {
        Path talking = Files.writeString(dir.resolve("talking.yaml"), """
                name: %s
                processes:
                  - name: talker
                    command: [sh, -c, 'echo "hello from $$"; touch "$2"; exec sleep 1000', sh]
                """.formatted(stack));
        assertEquals(0, run("up", talking.toString(), "--wait").code());
        Cli.Running follow = Cli.start("logs", "-f", stack, "talker");
        try {
            Await.until(TIMEOUT, () -> "the first launch's line; got " + follow.out(),
                    () -> follow.out().toString().contains("hello from"));
            Cli.Result restart = run("restart", stack, "talker");
            assertEquals(0, restart.code(), restart::toString);
            // each launch numbers its lines on from the last: a follower that drops numbers it has
            // seen would never print the second launch's first line
            Await.until(TIMEOUT, () -> "the second launch's line; got " + follow.out(),
                    () -> follow.out().toString().split("hello from", -1).length == 3);
        } finally {
            run("daemon", "stop"); // ends the follow (the service went away)
        }
        assertEquals(1, follow.code().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS), follow.err()::toString);
    }

    @Test
    void statusWithNoServiceRunningStartsOneAndAnswersWithinTwoSeconds() throws Exception {
        long began = System.nanoTime();
        Cli.Result status = run("status", "--json");
        long millis = (System.nanoTime() - began) / 1_000_000;
        assertEquals(0, status.code(), status::toString);
        assertEquals("{\"stacks\":[]}\n", status.out());
        assertTrue(millis < 2000, "status took " + millis + " ms");
        assertTrue(Files.isRegularFile(SupervisorDaemon.logFile(home)));
    }

    @Test
    void aFailedStartNamesTheProcessAndHowItEnded() throws Exception {
        Path failing = Files.writeString(dir.resolve("failing.yaml"), """
                name: %s
                processes:
                  - name: hub
                    command: [sh, -c, 'exit 3']
                """.formatted(stack));
        Cli.Result up = run("up", failing.toString(), "--wait");
        assertEquals(1, up.code(), up::toString);
        assertTrue(up.err().contains("hub exited with code 3"), up.err());
    }

    @Test
    void anInvalidStackFileIsReportedLineByLineFromTheService() throws Exception {
        Path invalid = Files.writeString(dir.resolve("invalid.yaml"), """
                processes:
                  - name: hub
                    comand: [sleep, '1']
                """);
        Cli.Result up = run("up", invalid.toString());
        assertEquals(2, up.code(), up::toString);
        assertTrue(up.err().contains(invalid + ":3:5: unknown field 'comand'"), up.err());
    }

    @Test
    void aSecondServiceProcessRefusesToStart() throws Exception {
        assertEquals(0, run("status").code());
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "dev.switchboard.Launcher", "daemon"));
        ProcessBuilder second = new ProcessBuilder(command).redirectErrorStream(true);
        second.environment().put("SWITCHBOARD_HOME", dir.resolve("home").toString());
        Process process = second.start();
        assertTrue(process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(1, process.exitValue(), output);
        assertTrue(output.contains("a supervisor service is already running (pid " + servicePid().orElseThrow() + ")"), output);
    }

    @Test
    void aServiceThatCannotStartIsReportedWithItsLogFile() throws Exception {
        // a socket path over the kernel's 108-byte limit: the client cannot connect, the service cannot bind
        Path deep = dir.resolve("h".repeat(120));
        System.setProperty("switchboard.home", deep.toString());
        SwitchboardHome longHome = SwitchboardHome.fromEnvironment();
        Cli.Result status = run("status");
        assertEquals(1, status.code(), status::toString);
        assertTrue(status.err().startsWith("switchboard: the supervisor service exited while starting: "), status.err());
        assertTrue(status.err().endsWith(" (see " + SupervisorDaemon.logFile(longHome) + ")\n"), status.err());
        assertTrue(Files.readString(SupervisorDaemon.logFile(longHome)).contains("switchboard: "));
    }

    /** The pid of each process of the stack, once all are ready (per status --json). */
    private Map<String, Long> readyPids() throws Exception {
        Cli.Result status = run("status", stack, "--json");
        assertEquals(0, status.code(), status::toString);
        JsonNode processes = WireCodec.mapper().readTree(status.out()).get("stacks").get(0).get("processes");
        Map<String, Long> pids = new LinkedHashMap<>();
        for (JsonNode p : processes) {
            assertEquals("ready", p.get("state").asText(), status.out());
            pids.put(p.get("name").asText(), p.get("pid").asLong());
        }
        return pids;
    }

    private OptionalLong servicePid() {
        try (SupervisorClient client = SupervisorClient.connect(home)) {
            return OptionalLong.of(client.servicePid());
        } catch (ServiceUnavailableException e) {
            return OptionalLong.empty();
        }
    }

    private OptionalLong lockHolder() {
        try {
            String text = Files.readString(SupervisorDaemon.lockFile(home)).strip();
            return text.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(text));
        } catch (java.io.IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static void awaitDead(List<Long> pids) throws InterruptedException {
        long end = System.nanoTime() + TIMEOUT.toNanos();
        while (pids.stream().anyMatch(LiveProcesses::alive)) {
            assertTrue(System.nanoTime() < end, "still alive: " + pids);
            Thread.sleep(10);
        }
    }

    /** Whether a service answers, without starting one. */
    private static final class SupervisorDaemonProbe {
        static boolean answers(SwitchboardHome home) {
            try (SupervisorClient _ = SupervisorClient.connect(home)) {
                return true;
            } catch (ServiceUnavailableException e) {
                return false;
            }
        }
    }
}
