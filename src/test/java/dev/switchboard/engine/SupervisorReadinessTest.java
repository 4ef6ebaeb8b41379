package dev.switchboard.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every readiness kind of CONTRACT section 2, each against a real process. */
class SupervisorReadinessTest {

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static StackStatus upSingle(StackFixture f, String processYaml) throws Exception {
        f.stack("name: probe\nprocesses:\n" + processYaml);
        return f.up();
    }

    @Test
    void fileReadiness(@TempDir Path dir) throws Exception {
        try (StackFixture f = new StackFixture(dir)) {
            // The ready file arrives as the last two arguments, as the seed's protocol says.
            StackStatus st = upSingle(f, "  - name: p\n    command: [sh, -c, 'sleep 0.2; touch \"$2\"; exec sleep 1000', sh]\n");
            assertEquals(ProcessState.READY, st.process("p").state(), st.toString());
            assertTrue(st.process("p").readyAfterMs() >= 150, "ready only once the file appeared");
        }
    }

    @Test
    void tcpReadiness(@TempDir Path dir) throws Exception {
        int port = freePort();
        try (StackFixture f = new StackFixture(dir)) {
            StackStatus st = upSingle(f, "  - name: p\n    command: [python3, -c, 'import socket,time; time.sleep(0.3); "
                    + "s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind((\"127.0.0.1\", " + port
                    + ")); s.listen(); time.sleep(1000)']\n    ready: {tcp: " + port + ", interval: 50ms}\n");
            assertEquals(ProcessState.READY, st.process("p").state(), st.toString());
            assertTrue(st.process("p").readyAfterMs() >= 250);
        }
    }

    @Test
    void httpReadiness(@TempDir Path dir) throws Exception {
        int port = freePort();
        try (StackFixture f = new StackFixture(dir)) {
            StackStatus st = upSingle(f, "  - name: web\n    command: [python3, -m, http.server, '" + port
                    + "', --bind, 127.0.0.1]\n    ready: {http: 'http://127.0.0.1:" + port + "/', interval: 50ms}\n");
            assertEquals(ProcessState.READY, st.process("web").state(), st.toString());
        }
    }

    @Test
    void logReadiness(@TempDir Path dir) throws Exception {
        try (StackFixture f = new StackFixture(dir)) {
            StackStatus st = upSingle(f, "  - name: p\n    command: [sh, -c, 'echo loading; sleep 0.3; "
                    + "echo \"listening on port 9\" >&2; exec sleep 1000']\n    ready: {log: 'listening on port \\d+'}\n");
            assertEquals(ProcessState.READY, st.process("p").state(), st.toString());
            assertTrue(st.process("p").readyAfterMs() >= 250);
        }
    }

    @Test
    void execReadiness(@TempDir Path dir) throws Exception {
        Path flag = dir.resolve("flag");
        try (StackFixture f = new StackFixture(dir)) {
            StackStatus st = upSingle(f, "  - name: p\n    command: [sh, -c, 'sleep 0.3; touch " + flag
                    + "; exec sleep 1000']\n    ready: {exec: 'test -e " + flag + "', interval: 50ms}\n");
            assertEquals(ProcessState.READY, st.process("p").state(), st.toString());
        }
    }

    @Test
    void startedReadiness(@TempDir Path dir) throws Exception {
        try (StackFixture f = new StackFixture(dir)) {
            StackStatus st = upSingle(f, "  - name: p\n    command: [sleep, '1000']\n    ready: started\n");
            assertEquals(ProcessState.READY, st.process("p").state());
        }
    }

    @Test
    void exitedReadinessCompletesOnZeroAndFailsOtherwise(@TempDir Path dir) throws Exception {
        try (StackFixture f = new StackFixture(dir)) {
            f.stack("name: oneshot\nprocesses:\n  - name: ok\n    command: [sh, -c, 'sleep 0.1; exit 0']\n    ready: exited\n"
                    + "  - name: bad\n    command: [sh, -c, 'exit 4']\n    ready: exited\n");
            StackStatus st = f.up();
            assertEquals(ProcessState.COMPLETED, st.process("ok").state());
            assertEquals(ProcessState.FAILED, st.process("bad").state());
            assertTrue(st.process("bad").reason().contains("exited with code 4"));
        }
    }

    @Test
    void reuseProcessIsProbedNeverSpawnedAndNeverSignalled(@TempDir Path dir) throws Exception {
        try (ServerSocket outside = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
             StackFixture f = new StackFixture(dir)) {
            f.stack("name: reuse\nprocesses:\n  - name: db\n    launch_mode: reuse\n    port: " + outside.getLocalPort() + "\n"
                    + SupervisorOrderTest.service("app", 0));
            StackStatus st = f.up();
            assertEquals(StackState.READY, st.state(), st.toString());
            assertEquals(null, st.process("db").pid());
            st = f.down(true);
            assertEquals(ProcessState.STOPPED, st.process("db").state());
            assertTrue(!outside.isClosed());
        }
    }

    @Test
    void reuseProcessThatIsNotThereFailsAfterItsTimeout(@TempDir Path dir) throws Exception {
        int port = freePort();
        try (StackFixture f = new StackFixture(dir)) {
            f.stack("name: reuse\nprocesses:\n  - name: db\n    launch_mode: reuse\n    port: " + port
                    + "\n    ready: {tcp: " + port + ", timeout: 300ms, interval: 50ms}\n");
            StackStatus st = f.up();
            assertEquals(ProcessState.FAILED, st.process("db").state());
            assertTrue(st.process("db").reason().contains("not ready after 0.3 s"), st.process("db").reason());
        }
    }

    @Test
    void childWriting50MegabytesToStderrBeforeReadyNeverBlocks(@TempDir Path dir) throws Exception {
        try (StackFixture f = new StackFixture(dir)) {
            f.stack("name: noisy\nprocesses:\n  - name: p\n    command: [sh, -c, "
                    + "'yes \"warning: something rather verbose happened here\" | head -c 50000000 >&2; "
                    + "touch \"$SWITCHBOARD_READY_FILE\"; exec sleep 1000']\n    ready: {timeout: 60s}\n");
            StackStatus st = f.supervisor.up(f.stack).get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(ProcessState.READY, st.process("p").state(), st.toString());
            StackFixture.awaitTrue(() -> !f.supervisor.logs(f.stack, "p", LogStream.STDERR, 5).join().isEmpty(),
                    Duration.ofSeconds(20), () -> "no stderr lines seen");
            assertTrue(f.supervisor.logs(f.stack, "p", LogStream.STDERR, 5).join().getLast().text()
                    .contains("something rather verbose"));
        }
    }
}
