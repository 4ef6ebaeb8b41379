package dev.switchboard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code switchboard run} as a user runs it: a separate JVM, real processes, real signals. */
class RunCommandTest {
    @TempDir
    Path dir;
    private final List<Process> jvms = new ArrayList<>();
    private final List<Long> pids = new ArrayList<>();

    private static final String HUB = "  - name: hub\n"
            + "    command: [sh, -c, 'echo hub says hello; echo \"pid $$\" >&2; sleep 0.2; touch \"$SWITCHBOARD_READY_FILE\"; exec sleep 1000']\n";
    private static final String MODEL = "  - name: model\n    launch_mode: persist\n"
            + "    command: [sh, -c, 'echo \"pid $$\" >&2; touch \"$SWITCHBOARD_READY_FILE\"; exec sleep 1000']\n";

    private Process run(String yaml, String... extra) throws IOException {
        Path stack = dir.resolve("demo.yaml");
        Files.writeString(stack, yaml);
        List<String> cmd = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-Dstdout.encoding=UTF-8", "-Dstderr.encoding=UTF-8",
                "-cp", System.getProperty("java.class.path"),
                "dev.switchboard.Launcher", "run", stack.toString()));
        cmd.addAll(List.of(extra));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile());
        pb.environment().put("SWITCHBOARD_HOME", dir.resolve("home").toString());
        Process p = pb.start();
        jvms.add(p);
        return p;
    }

    private String out() throws IOException {
        return Files.exists(dir.resolve("out.txt")) ? Files.readString(dir.resolve("out.txt")) : "";
    }

    private String err() throws IOException {
        return Files.exists(dir.resolve("err.txt")) ? Files.readString(dir.resolve("err.txt")) : "";
    }

    private void awaitOutput(String text) {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        try {
            while (!out().contains(text)) {
                if (System.nanoTime() > end) {
                    throw new AssertionError("no '" + text + "' in output:\n" + out() + "\nstderr:\n" + err());
                }
                Thread.sleep(20);
            }
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** The pids the test scripts printed as "[name] pid N". */
    private long pidOf(String name) throws IOException {
        Matcher m = Pattern.compile("\\[" + name + "\\]\\s+pid (\\d+)").matcher(out());
        assertTrue(m.find(), "no pid line for " + name + " in:\n" + out());
        long pid = Long.parseLong(m.group(1));
        pids.add(pid);
        return pid;
    }

    private int exitOf(Process p) throws InterruptedException {
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "switchboard run did not exit");
        return p.exitValue();
    }

    private static void signal(Process p, String sig) throws Exception {
        new ProcessBuilder("kill", "-" + sig, Long.toString(p.pid())).start().waitFor();
    }

    @AfterEach
    void cleanUp() {
        jvms.forEach(Process::destroyForcibly);
        pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    @Test
    void exitAfterReadyStopsOwnProcessesAndLeavesPersistOnes() throws Exception {
        Process p = run("name: demo\nprocesses:\n" + HUB + MODEL, "--exit-after-ready");
        assertEquals(0, exitOf(p), err());
        String out = out();
        assertTrue(Pattern.compile("\\[hub\\]\\s+hub says hello").matcher(out).find(), out);
        assertTrue(Pattern.compile("\\[hub\\]\\s+waiting… \\(0s\\)").matcher(out).find(), out);
        assertTrue(Pattern.compile("\\[hub\\]\\s+ready \\(\\d+\\.\\ds\\)").matcher(out).find(), out);
        assertTrue(out.contains("==> demo is ready"), out);
        assertFalse(alive(pidOf("hub")), "own process stopped");
        assertTrue(alive(pidOf("model")), "persist process left running");
    }

    @Test
    void failureExitsOneNamingTheProcessAndItsExitCode() throws Exception {
        Process p = run("name: demo\nprocesses:\n" + HUB
                + "  - name: model\n    command: [sh, -c, 'echo \"RuntimeError: CUDA out of memory\" >&2; exit 1']\n");
        assertEquals(1, exitOf(p));
        assertTrue(err().contains("demo failed: model exited with code 1 before it was ready"), err());
        assertTrue(Pattern.compile("\\[model\\]\\s+RuntimeError: CUDA out of memory").matcher(out()).find(), out());
        assertFalse(alive(pidOf("hub")));
    }

    @Test
    void invalidFileStartsNothingAndExitsTwo() throws Exception {
        Process p = run("name: demo\nprocesses:\n  - name: hub\n    comand: [sleep, '1']\n");
        assertEquals(2, exitOf(p));
        assertTrue(err().contains("demo.yaml:4:5: "), err());
        assertFalse(err().contains("Exception"), err());
    }

    @Test
    void interruptBeforeReadyAbortsEverythingThisRunSpawnedAndExits130() throws Exception {
        Process p = run("name: demo\nprocesses:\n" + MODEL
                + "  - name: slow\n    command: [sh, -c, 'echo \"pid $$\"; exec sleep 1000']\n");
        awaitOutput("[slow]");
        awaitOutput("pid ");
        signal(p, "INT");
        assertEquals(130, exitOf(p), out() + err());
        assertFalse(alive(pidOf("model")), "an aborted start stops persist processes it spawned");
        assertFalse(alive(pidOf("slow")));
    }

    @Test
    void sigtermAfterReadyStopsCleanlyAndExitsZero() throws Exception {
        Process p = run("name: demo\nprocesses:\n" + HUB + MODEL);
        awaitOutput("==> demo is ready");
        signal(p, "TERM");
        assertEquals(0, exitOf(p), out() + err());
        assertFalse(alive(pidOf("hub")));
        assertTrue(alive(pidOf("model")), "persist stays after a clean stop");
    }

    private static boolean alive(long pid) {
        return dev.switchboard.engine.ProcStat.read(pid).map(s -> s.state() != 'Z').orElse(false);
    }

    @Test
    void aStackAlreadyRunningUnderAnotherSupervisorIsNotStartedTwice() throws Exception {
        Path stack = dir.resolve("demo.yaml");
        Files.writeString(stack, "name: demo\nprocesses:\n" + HUB);
        var home = new dev.switchboard.engine.SwitchboardHome(dir.resolve("home/run"), dir.resolve("home/state"),
                dir.resolve("home/config"));
        try (var other = new dev.switchboard.engine.Supervisor(home, dev.switchboard.engine.Supervisor.Adoption.PERSIST_ONLY)) {
            other.open(stack).get();
            long hub = other.up("demo").get().process("hub").pid();
            pids.add(hub);

            Process p = run("name: demo\nprocesses:\n" + HUB);
            assertEquals(1, exitOf(p), out() + err());
            assertTrue(err().contains("demo is already running (hub pid " + hub + ")"), err());
            assertTrue(alive(hub), "the other supervisor's process is left alone");
        }
    }
}
