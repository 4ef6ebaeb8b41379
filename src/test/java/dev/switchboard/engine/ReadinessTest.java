package dev.switchboard.engine;

import com.sun.net.httpserver.HttpServer;
import dev.switchboard.model.Probe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadinessTest {

    private static final Duration LONG = Duration.ofSeconds(10);
    private static final Duration FAST = Duration.ofMillis(20);
    private static final Duration NOT_YET = Duration.ofMillis(300);

    @TempDir
    Path dir;
    private Spawned spawned;
    private SwitchboardHome home;
    private ReadyFileWatcher watcher;
    private Readiness readiness;
    private ServerSocket server;
    private HttpServer http;
    private LogTail tail;

    @BeforeEach
    void setUp() throws Exception {
        spawned = new Spawned(dir);
        home = SwitchboardHome.from(Map.of("SWITCHBOARD_HOME", dir.toString()), "/nonexistent");
        watcher = new ReadyFileWatcher(home.readyDir());
        readiness = new Readiness(watcher, spawned.launcher);
    }

    @AfterEach
    void tearDown() throws Exception {
        spawned.close();
        watcher.close();
        if (server != null) {
            server.close();
        }
        if (http != null) {
            http.stop(0);
        }
        if (tail != null) {
            tail.close();
        }
    }

    private ReadyContext context(Map<String, String> env) {
        return new ReadyContext(null, dir, env, FAST, null);
    }

    @Test
    void startedIsReadyAtOnce() {
        assertTrue(readiness.await(new Probe.Started(), context(Map.of())).isDone());
    }

    @Test
    void exitedIsNotAProbe() {
        assertThrows(IllegalArgumentException.class, () -> readiness.await(new Probe.Exited(), context(Map.of())));
    }

    @Test
    void fileProbeCompletesWhenTheProcessTouchesItsReadyFile() throws Exception {
        Path readyFile = ReadyFiles.fresh(home, "s", "p");
        CompletableFuture<Void> ready = readiness.await(new Probe.File(),
                new ReadyContext(readyFile, dir, Map.of(), null, null));

        spawned.launch("sh", "-c", "touch \"$1\"; exec sleep 1000", "sh", readyFile.toString());

        Await.done(ready, LONG, "ready file");
    }

    @Test
    void tcpProbeWaitsForAListener() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        CompletableFuture<Void> ready = readiness.await(new Probe.Tcp("127.0.0.1", port), context(Map.of()));
        assertTrue(Await.stillPendingAfter(ready, NOT_YET), "nothing listens yet");

        server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());

        Await.done(ready, LONG, "tcp ready");
    }

    @Test
    void httpProbeWaitsForASuccessOrRedirectAnswer() throws Exception {
        AtomicInteger status = new AtomicInteger(503);
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/health", exchange -> {
            if (status.get() == 302) {
                exchange.getResponseHeaders().add("Location", "/broken");
            }
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        http.createContext("/broken", exchange -> {
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        http.start();
        URI url = URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/health");

        CompletableFuture<Void> ready = readiness.await(new Probe.Http(url), context(Map.of()));
        assertTrue(Await.stillPendingAfter(ready, NOT_YET), "503 is not ready");
        status.set(404);
        assertTrue(Await.stillPendingAfter(ready, NOT_YET), "404 is not ready");
        status.set(302);

        Await.done(ready, LONG, "http ready on a redirect that is not followed");
    }

    @Test
    void httpProbeCompletesOnOk() throws Exception {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        http.start();

        CompletableFuture<Void> ready = readiness.await(
                new Probe.Http(URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/")), context(Map.of()));

        Await.done(ready, LONG, "http ready");
    }

    @Test
    void execProbeIsReadyWhenTheCommandExitsZero() {
        Await.done(readiness.await(new Probe.Exec("true"), context(Map.of())), LONG, "true");
    }

    @Test
    void execProbeRunsInTheProcessFolderWithItsEnvironment() throws Exception {
        CompletableFuture<Void> ready = readiness.await(new Probe.Exec("test -e flag && test \"$MODE\" = on"),
                context(Map.of("MODE", "on")));
        assertTrue(Await.stillPendingAfter(ready, NOT_YET), "no flag yet");

        Files.createFile(dir.resolve("flag"));

        Await.done(ready, LONG, "exec ready");
    }

    @Test
    void failingExecProbeIsNeverReady() {
        CompletableFuture<Void> ready = readiness.await(new Probe.Exec("false"), context(Map.of()));

        assertTrue(Await.stillPendingAfter(ready, NOT_YET));
        ready.cancel(false);
    }

    @Test
    void hangingExecProbeIsKilledWithItsChildren() throws Exception {
        Path pids = dir.resolve("pids");
        CompletableFuture<Void> ready = readiness.await(
                new Probe.Exec("sleep 1000 & echo $! >> pids; wait"), context(Map.of()));
        try {
            long first = spawned.pidFrom("pids");

            // The attempt is killed after 5 s (the minimum for exec) and a new one starts.
            Await.until(Duration.ofSeconds(15), "the hung attempt to be killed", () -> !Spawned.isLive(first));
            Await.until(LONG, "a second attempt", () -> lines(pids) >= 2);
            assertFalse(ready.isDone());
        } finally {
            ready.cancel(false);
        }
        List<String> all = Files.readAllLines(pids);
        long last = Long.parseLong(all.getLast().trim());
        Await.until(LONG, "the attempt in flight to be killed on cancel", () -> !Spawned.isLive(last));
    }

    @Test
    void cancellingAPolledProbeStopsIt() throws Exception {
        Path attempts = dir.resolve("attempts");
        CompletableFuture<Void> ready = readiness.await(new Probe.Exec("echo x >> attempts; exit 1"), context(Map.of()));
        Await.until(LONG, "a few attempts", () -> lines(attempts) >= 3);

        ready.cancel(false);
        Thread.sleep(100); // lets an attempt already in flight finish
        int after = lines(attempts);

        Thread.sleep(300); // an observation window: with a 20 ms interval, polling would add lines
        assertEquals(after, lines(attempts));
    }

    @Test
    void logProbeMatchesALineOfTheLaunch() throws Exception {
        LogFiles.Pair pair = new LogFiles(dir.resolve("logs"), java.time.Clock.systemUTC()).allocate("s", "p");
        tail = LogTail.follow(pair.stdout(), pair.stderr(), (s, seq, at, text) -> { });
        Files.writeString(pair.stdout(), "booting\n", StandardOpenOption.APPEND);
        ReadyContext ctx = new ReadyContext(null, dir, Map.of(), null, ReadyContext.linesOf(tail));

        CompletableFuture<Void> ready = readiness.await(new Probe.Log(Pattern.compile("listening on \\d+")), ctx);
        assertTrue(Await.stillPendingAfter(ready, NOT_YET));
        spawned.track(spawned.launcher.launch(new LaunchSpec("t", List.of("sh", "-c", "echo 'now listening on 8080' >&2"),
                dir, Map.of(), pair.stdout(), pair.stderr())));

        Await.done(ready, LONG, "log ready");
    }

    @Test
    void logProbeSeesALineWrittenBeforeItStarted() throws Exception {
        LogFiles.Pair pair = new LogFiles(dir.resolve("logs"), java.time.Clock.systemUTC()).allocate("s", "p");
        tail = LogTail.follow(pair.stdout(), pair.stderr(), (s, seq, at, text) -> { });
        Files.writeString(pair.stdout(), "Server started\n", StandardOpenOption.APPEND);
        Await.until(LONG, "the tail to read it", () -> !tail.lines(LogStream.STDOUT, 1).isEmpty());

        CompletableFuture<Void> ready = readiness.await(new Probe.Log(Pattern.compile("started")),
                new ReadyContext(null, dir, Map.of(), null, ReadyContext.linesOf(tail)));

        Await.done(ready, LONG, "log ready");
    }

    @Test
    void attemptTimeoutsFollowTheInterval() {
        assertEquals(Duration.ofSeconds(1), Readiness.attemptTimeout(Duration.ofMillis(100)));
        assertEquals(Duration.ofSeconds(2), Readiness.attemptTimeout(Duration.ofMillis(500)));
        assertEquals(Duration.ofSeconds(5), Readiness.attemptTimeout(Duration.ofSeconds(10)));
        assertEquals(Duration.ofSeconds(5), Readiness.execTimeout(Duration.ofMillis(250)));
        assertEquals(Duration.ofSeconds(8), Readiness.execTimeout(Duration.ofSeconds(2)));
    }

    private static int lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file).size() : 0;
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
