package dev.switchboard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.daemon.FakeStackControl;
import dev.switchboard.daemon.SupervisorDaemon;
import dev.switchboard.daemon.WireCodec;
import dev.switchboard.engine.LogStream;
import dev.switchboard.engine.SwitchboardHome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.switchboard.cli.Cli.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service-backed commands' output and exit codes, against an in-process service over a fake
 * StackControl (the end-to-end test drives the real engine).
 */
class ServiceCommandsTest {

    @TempDir
    Path dir;
    FakeStackControl fake;
    SupervisorDaemon daemon;
    Path demo;

    @BeforeEach
    void startService() throws Exception {
        System.setProperty("switchboard.home", dir.toString());
        fake = new FakeStackControl();
        daemon = SupervisorDaemon.start(SwitchboardHome.fromEnvironment(), h -> new SupervisorDaemon.Backend(fake, () -> { }));
        demo = Files.writeString(dir.resolve("demo.yaml"), "processes: []\n");
    }

    @AfterEach
    void stopService() {
        daemon.close();
        System.clearProperty("switchboard.home");
    }

    @Test
    void upWaitPrintsProgressAndExitsZeroOnceReady() {
        Cli.Result up = run("up", demo.toString(), "--wait");
        assertEquals(0, up.code(), up::toString);
        assertTrue(up.out().contains("[hub] starting…\n[hub] ready\n"), up.out());
        assertTrue(up.out().contains("stack 'demo' is ready ("), up.out());
    }

    @Test
    void upWaitOfAFailingStackExitsOneNamingTheProcess() throws Exception {
        Path failing = Files.writeString(dir.resolve("failing.yaml"), "processes: []\n");
        Cli.Result up = run("up", failing.toString(), "--wait");
        assertEquals(1, up.code(), up::toString);
        assertTrue(up.out().contains("[hub] failed: hub exited with code 3 before it was ready"), up.out());
        assertEquals("switchboard: stack 'failing' failed: hub exited with code 3 before it was ready\n", up.err());
    }

    @Test
    void upWithoutWaitReturnsOnceTheStartHasBegun() {
        Cli.Result up = run("up", demo.toString());
        assertEquals(0, up.code(), up::toString);
        assertEquals("stack 'demo' is ready\n", up.out());
    }

    @Test
    void anInvalidStackFilePrintsEveryProblemAndExitsTwo() throws Exception {
        Path invalid = Files.writeString(dir.resolve("invalid.yaml"), "processes: []\n");
        Cli.Result up = run("up", invalid.toString());
        assertEquals(2, up.code(), up::toString);
        assertEquals(invalid + ":3:5: unknown field 'comand' (did you mean 'command'?)\n"
                + invalid + ":7:1: unknown launch_mode 'keep'\n"
                + "switchboard: " + invalid + " is not a valid stack file (2 problems); nothing was started\n", up.err());
    }

    @Test
    void anUnknownStackOrProcessListsTheKnownNamesAndExitsTwo() {
        run("up", demo.toString());
        Cli.Result stack = run("down", "nope");
        assertEquals(2, stack.code());
        assertEquals("switchboard: no stack named 'nope' (known: demo); to open another, give its stack file\n", stack.err());
        Cli.Result missing = run("up", "missing.yaml");
        assertEquals(2, missing.code());
        assertEquals("switchboard: cannot read missing.yaml: no such file\n", missing.err());
        Cli.Result process = run("restart", "demo", "nope");
        assertEquals(2, process.code());
        assertEquals("switchboard: stack 'demo' has no process 'nope' (known: hub, worker)\n", process.err());
    }

    @Test
    void statusJsonIsExactlyTheContractDocument() throws Exception {
        run("up", demo.toString(), "--wait");
        Cli.Result status = run("status", "--json");
        assertEquals(0, status.code(), status::toString);
        JsonNode root = WireCodec.mapper().readTree(status.out());
        assertEquals(List.of("stacks"), fieldNames(root));
        JsonNode stack = root.get("stacks").get(0);
        assertEquals(List.of("name", "file", "state", "processes"), fieldNames(stack));
        assertEquals("demo", stack.get("name").asText());
        assertEquals(demo.toString(), stack.get("file").asText());
        assertEquals("ready", stack.get("state").asText());
        JsonNode hub = stack.get("processes").get(0);
        assertEquals(List.of("name", "mode", "state", "pid", "exit_code", "signal", "reason", "ready_after_ms",
                "stdout_log", "stderr_log"), fieldNames(hub));
        assertEquals("own", hub.get("mode").asText());
        assertTrue(hub.get("pid").isNull());
    }

    @Test
    void statusTableShowsTheStackAndEveryProcessWithoutColourWhenNotATerminal() {
        run("up", demo.toString(), "--wait");
        Cli.Result status = run("status", "demo");
        assertEquals(0, status.code(), status::toString);
        assertEquals("""
                STACK  PROCESS  MODE     STATE  PID  READY-AFTER  REASON
                demo                     ready                    -
                demo   hub      own      ready  -    -            -
                demo   worker   persist  ready  -    -            -
                """, status.out());
        assertFalse(status.out().contains("\u001b"));
    }

    @Test
    void statusTableColoursStatesOnlyWhenAsked() {
        fake.open(demo).join();
        String coloured = StatusTable.render(fake.status().join(), true);
        assertTrue(coloured.contains("\u001b[2mstopped\u001b[0m"), coloured);
    }

    @Test
    void statusOfAStackFileTheServiceDoesNotKnowOpensIt() {
        Cli.Result status = run("status", demo.toString(), "--json");
        assertEquals(0, status.code(), status::toString);
        assertTrue(status.out().contains("\"state\":\"stopped\""), status.out());
    }

    @Test
    void logsPrintsTheTailWithEachStreamOnItsOwnOutput() {
        run("up", demo.toString());
        fake.emitLog("demo", "hub", LogStream.STDOUT, "listening on 8000");
        fake.emitLog("demo", "hub", LogStream.STDERR, "warning: slow disk");
        fake.emitLog("demo", "hub", LogStream.STDOUT, "ready");
        Cli.Result both = run("logs", "demo", "hub");
        assertEquals(0, both.code(), both::toString);
        assertEquals("listening on 8000\nready\n", both.out());
        assertEquals("warning: slow disk\n", both.err());
        Cli.Result last = run("logs", "demo", "hub", "-n", "1", "--stdout");
        assertEquals("ready\n", last.out());
        Cli.Result err = run("logs", "demo", "hub", "--stderr");
        assertEquals("", err.out());
        assertEquals("warning: slow disk\n", err.err());
    }

    @Test
    void downReportsWhatItStopped() {
        run("up", demo.toString(), "--wait");
        Cli.Result down = run("down", "demo", "--persist");
        assertEquals(0, down.code(), down::toString);
        assertEquals("stopped stack 'demo'\n", down.out());
    }

    @Test
    void daemonStopWithoutAServiceSaysSoAndSucceeds() {
        daemon.close();
        Cli.Result stop = run("daemon", "stop");
        assertEquals(0, stop.code(), stop::toString);
        assertEquals("no supervisor service is running\n", stop.out());
    }

    @Test
    void daemonStopAsksTheServiceToExit() throws Exception {
        Cli.Result stop = run("daemon", "stop");
        assertEquals(0, stop.code(), stop::toString);
        assertTrue(stop.out().startsWith("stopped the supervisor service (pid "), stop.out());
        daemon.exited().get(5, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Test
    void aSecondForegroundServiceRefusesToStart() {
        Cli.Result second = run("daemon");
        assertEquals(1, second.code(), second::toString);
        assertTrue(second.err().contains("a supervisor service is already running (pid "), second.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"up", "down", "start", "stop", "restart", "status", "logs", "daemon"})
    void everyCommandExplainsItselfAndItsExitCodes(String command) {
        Cli.Result help = run(command, "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().startsWith("Usage: switchboard " + command), help.out());
        assertTrue(help.out().contains("Exit codes:"), help.out());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
