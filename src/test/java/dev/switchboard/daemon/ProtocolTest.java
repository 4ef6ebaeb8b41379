package dev.switchboard.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.engine.Event;
import dev.switchboard.engine.LogStream;
import dev.switchboard.engine.ProcessState;
import dev.switchboard.engine.StackControl;
import dev.switchboard.engine.StackStatus;
import dev.switchboard.engine.SwitchboardHome;
import dev.switchboard.model.StackFileException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The wire protocol, served in-process over a {@link FakeStackControl}: these test the service, not the engine. */
class ProtocolTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    SwitchboardHome home;
    FakeStackControl fake;
    SupervisorDaemon daemon;
    final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeEach
    void startService() throws Exception {
        home = SwitchboardHome.from(java.util.Map.of("SWITCHBOARD_HOME", dir.toString()), dir.toString());
        fake = new FakeStackControl();
        daemon = SupervisorDaemon.start(home, h -> new SupervisorDaemon.Backend(fake, () -> fake.detached = true));
        Path file = Files.writeString(dir.resolve("demo.yaml"), "processes: []\n");
        fake.open(file).join();
    }

    @AfterEach
    void stopService() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        daemon.close();
    }

    private SupervisorClient client() throws Exception {
        SupervisorClient client = SupervisorClient.connect(home);
        toClose.add(client);
        return client;
    }

    private RawConnection raw() throws Exception {
        RawConnection raw = new RawConnection(home.socket());
        toClose.add(raw);
        return raw;
    }

    @Test
    void twoSubscribersBothSeeEveryEventInOrder() throws Exception {
        List<Event> first = new CopyOnWriteArrayList<>();
        List<Event> second = new CopyOnWriteArrayList<>();
        client().subscribe(first::add);
        client().subscribe(second::add);
        Deadline.await(TIMEOUT, () -> fake.subscriberCount() == 2, () -> "both subscribed");

        for (int i = 0; i < 500; i++) {
            fake.emitLog("demo", "hub", LogStream.STDOUT, "line " + i);
            if (i % 50 == 0) {
                fake.emitState("demo", "hub", ProcessState.STARTING, "step " + i);
            }
        }
        Deadline.await(TIMEOUT, () -> first.size() == 511 && second.size() == 511,
                () -> first.size() + " and " + second.size() + " events of 511");
        assertInstanceOf(Event.Snapshot.class, first.getFirst());
        assertEquals(first, second);
        List<String> texts = first.stream().filter(e -> e instanceof Event.LogLine).map(e -> ((Event.LogLine) e).text()).toList();
        assertEquals("line 0", texts.getFirst());
        assertEquals("line 499", texts.getLast());
    }

    @Test
    void aFilteredSubscriptionSeesOnlyTheStatesOfItsStack() throws Exception {
        Path other = Files.writeString(dir.resolve("other.yaml"), "processes: []\n");
        fake.open(other).join();
        List<Event> seen = new CopyOnWriteArrayList<>();
        client().subscribe(EventFilter.statesOf("demo"), seen::add, n -> { });
        Deadline.await(TIMEOUT, () -> fake.subscriberCount() == 1, () -> "subscribed");
        fake.emitLog("demo", "hub", LogStream.STDOUT, "not wanted");
        fake.emitState("other", "hub", ProcessState.READY, "not wanted");
        fake.emitState("demo", "hub", ProcessState.READY, "wanted");
        Deadline.await(TIMEOUT, () -> seen.size() == 2, seen::toString);
        assertEquals(List.of("demo"), ((Event.Snapshot) seen.getFirst()).stacks().stream().map(StackStatus::name).toList());
        assertEquals("wanted", ((Event.ProcessStateChanged) seen.get(1)).process().reason());
    }

    @Test
    void aSubscriptionWithALogRateIsSentAThinnedFloodAndEveryStateEvent() throws Exception {
        List<Event> thinned = new CopyOnWriteArrayList<>();
        List<Event> all = new CopyOnWriteArrayList<>();
        client().subscribe(thinned::add, 100);
        client().subscribe(all::add);
        Deadline.await(TIMEOUT, () -> fake.subscriberCount() == 2, () -> "both subscribed");

        // 5,000 lines as fast as they come: far beyond 100 lines/s, so little more than the burst passes
        for (int i = 0; i < 5000; i++) {
            fake.emitLog("demo", "flood", LogStream.STDOUT, "line " + i);
        }
        fake.emitLog("demo", "quiet", LogStream.STDOUT, "one line of a quiet process");
        fake.emitState("demo", "flood", ProcessState.READY, "last");

        Deadline.await(TIMEOUT, () -> all.size() == 1 + 5001 + 1, () -> all.size() + " events of 5003");
        Deadline.await(TIMEOUT, () -> thinned.getLast() instanceof Event.ProcessStateChanged, () -> "the state event arrived");
        long floodLines = thinned.stream().filter(e -> e instanceof Event.LogLine l && l.process().equals("flood")).count();
        assertTrue(floodLines >= 10 && floodLines < 500, floodLines + " flood lines passed");
        assertTrue(thinned.stream().anyMatch(e -> e instanceof Event.LogLine l && l.process().equals("quiet")),
                "a quiet process keeps its own budget");
        RawConnection raw = raw().hello().send("{\"id\":1,\"op\":\"subscribe\",\"log_rate\":0}");
        assertTrue(raw.next(TIMEOUT).path("error").asText().contains("'log_rate' must be a positive whole number"));
    }

    @Test
    void clientThatDisconnectsMidStreamDoesNotDisturbTheService() throws Exception {
        SupervisorClient leaving = client();
        List<Event> staying = new CopyOnWriteArrayList<>();
        AtomicLong leavingCount = new AtomicLong();
        leaving.subscribe(e -> leavingCount.incrementAndGet());
        client().subscribe(staying::add);
        Deadline.await(TIMEOUT, () -> fake.subscriberCount() == 2, () -> "both subscribed");

        Thread emitter = Thread.ofVirtual().start(() -> {
            for (int i = 0; i < 2000; i++) {
                fake.emitLog("demo", "hub", LogStream.STDOUT, "line " + i);
            }
        });
        Deadline.await(TIMEOUT, () -> leavingCount.get() > 10, () -> "some events reached the leaving client");
        leaving.close();
        emitter.join(TIMEOUT);

        Deadline.await(TIMEOUT, () -> fake.subscriberCount() == 1, () -> "the leaving client's subscription was closed");
        Deadline.await(TIMEOUT, () -> staying.size() == 2001, () -> staying.size() + " events of 2001");
        assertEquals(1, client().status().get(5, TimeUnit.SECONDS).size());
    }

    @Test
    void garbageGetsAnErrorReplyAndTheServiceCarriesOn() throws Exception {
        RawConnection raw = raw().hello();
        byte[] garbage = new byte[4096];
        new Random(7).nextBytes(garbage);
        for (int i = 0; i < garbage.length; i++) {
            if (garbage[i] == '\n') {
                garbage[i] = 'x';
            }
        }
        raw.sendBytes(garbage).send("");
        JsonNode reply = raw.next(TIMEOUT);
        assertFalse(reply.path("ok").asBoolean(true), reply::toString);
        assertEquals("invalid", reply.path("code").asText());

        raw.send("{\"op\":\"status\"}");
        assertTrue(raw.next(TIMEOUT).path("error").asText().contains("numeric 'id'"));
        raw.send("{\"id\":4,\"op\":\"launch-missiles\"}");
        JsonNode unknown = raw.next(TIMEOUT);
        assertEquals(4, unknown.path("id").asInt());
        assertEquals("unknown operation 'launch-missiles'", unknown.path("error").asText());
        raw.send("{\"id\":5,\"op\":\"up\"}");
        assertTrue(raw.next(TIMEOUT).path("error").asText().contains("'stack'"));

        raw.send("{\"id\":6,\"op\":\"status\"}");
        JsonNode status = raw.next(TIMEOUT);
        assertTrue(status.path("ok").asBoolean(), status::toString);
        assertEquals("demo", status.path("result").get(0).path("name").asText());
    }

    @Test
    void aHundredMegabyteLineClosesThatConnectionOnly() throws Exception {
        RawConnection raw = raw().hello();
        Thread flood = Thread.ofVirtual().start(() -> {
            byte[] chunk = new byte[1 << 20];
            java.util.Arrays.fill(chunk, (byte) 'a');
            try {
                for (int i = 0; i < 100; i++) {
                    raw.sendBytes(chunk);
                }
            } catch (Exception e) {
                // the service closed the connection: expected
            }
        });
        JsonNode reply = raw.next(TIMEOUT);
        if (reply != null) {
            assertTrue(reply.path("error").asText().contains("longer than"), reply::toString);
            assertEquals(null, raw.next(TIMEOUT), "the connection is closed after the error");
        }
        flood.join(TIMEOUT);
        assertEquals("demo", client().status().get(5, TimeUnit.SECONDS).getFirst().name());
    }

    @Test
    void aWrongProtocolVersionGetsAClearErrorAndIsClosed() throws Exception {
        RawConnection raw = raw().send("{\"hello\":\"switchboard\",\"protocol\":2}");
        JsonNode reply = raw.next(TIMEOUT);
        assertFalse(reply.path("ok").asBoolean(true));
        assertTrue(reply.path("error").asText().contains("speaks protocol 1 but the client speaks 2"), reply::toString);
        assertEquals(null, raw.next(TIMEOUT));

        RawConnection stranger = raw().send("GET / HTTP/1.1");
        assertTrue(stranger.next(TIMEOUT).path("error").asText().startsWith("not a switchboard client"));
        assertEquals(null, stranger.next(TIMEOUT));
    }

    @Test
    void theSocketIsPrivateToTheUser() throws Exception {
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(home.socket())));
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(home.runtimeDir())));
    }

    @Test
    void aSecondServiceRefusesToStartAndTheFirstCarriesOn() throws Exception {
        var e = assertThrows(SupervisorDaemon.AlreadyRunningException.class,
                () -> SupervisorDaemon.start(home, h -> new SupervisorDaemon.Backend(new FakeStackControl(), () -> { })));
        assertTrue(e.getMessage().contains("already running (pid " + ProcessHandle.current().pid() + ")"), e.getMessage());
        assertEquals(1, client().status().get(5, TimeUnit.SECONDS).size());
    }

    @Test
    void aStaleSocketFileIsReplaced() throws Exception {
        daemon.close();
        // a socket file nobody listens on, as a killed service leaves behind
        var stale = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX);
        stale.bind(java.net.UnixDomainSocketAddress.of(home.socket()));
        stale.close();
        assertTrue(Files.exists(home.socket()));
        assertThrows(ServiceUnavailableException.class, () -> SupervisorClient.connect(home));

        daemon = SupervisorDaemon.start(home, h -> new SupervisorDaemon.Backend(fake, () -> { }));
        assertEquals(1, client().status().get(5, TimeUnit.SECONDS).size());
    }

    @Test
    void errorsKeepTheirCodeAndStackFileProblemsSurviveTheTrip() throws Exception {
        SupervisorClient client = client();
        var unknown = assertThrows(CompletionException.class, () -> client.up("nope").join());
        ServiceException notFound = assertInstanceOf(ServiceException.class, unknown.getCause());
        assertEquals(ErrorCode.NOT_FOUND, notFound.code());
        assertEquals("no stack named 'nope' (known: demo)", notFound.getMessage());

        Path invalid = dir.resolve("invalid.yaml");
        var bad = assertThrows(CompletionException.class, () -> client.open(invalid).join());
        StackFileException problems = assertInstanceOf(StackFileException.class, bad.getCause());
        assertEquals(List.of(invalid + ":3:5: unknown field 'comand' (did you mean 'command'?)",
                invalid + ":7:1: unknown launch_mode 'keep'"),
                problems.problems().stream().map(Object::toString).toList());
    }

    @Test
    void requestsReachTheControlAndRepliesCarryTheResult() throws Exception {
        SupervisorClient client = client();
        StackStatus up = client.up("demo").get(5, TimeUnit.SECONDS);
        assertEquals("ready", up.state().id());
        assertEquals(ProcessState.READY, up.process("hub").state());
        StackStatus byFile = client.down(dir.resolve("demo.yaml").toString(), true).get(5, TimeUnit.SECONDS);
        assertEquals("stopped", byFile.state().id());
        StackStatus early = client.beginUp("demo").get(5, TimeUnit.SECONDS);
        assertEquals("demo", early.name());
    }

    @Test
    void aSlowSubscriberLosesLogLinesButNeverStateEventsAndIsToldHowMany() throws Exception {
        RawConnection slow = raw().hello().send("{\"id\":1,\"op\":\"subscribe\"}");
        Deadline.await(TIMEOUT, () -> fake.subscriberCount() == 1, () -> "subscribed");
        slow.pauseReading(); // a client that does not keep up: the socket fills, then the service's queue
        int lines = 60_000;
        for (int i = 0; i < lines; i++) {
            fake.emitLog("demo", "hub", LogStream.STDOUT, "x".repeat(100) + i);
            if (i % 1000 == 0) {
                fake.emitState("demo", "hub", ProcessState.STARTING, "mark " + i);
            }
        }
        fake.emitState("demo", "hub", ProcessState.READY, "end");
        slow.resumeReading();

        long received = 0;
        long dropped = 0;
        List<String> marks = new ArrayList<>();
        while (true) {
            JsonNode message = slow.next(TIMEOUT);
            if (message.has("dropped")) {
                dropped += message.path("dropped").asLong();
            } else if (message.has("event")) {
                JsonNode event = message.get("event");
                switch (event.path("type").asText()) {
                    case "log_line" -> received++;
                    case "process_state_changed" -> marks.add(event.path("process").path("reason").asText());
                    default -> { }
                }
                if ("end".equals(event.path("process").path("reason").asText())) {
                    break;
                }
            }
        }
        assertTrue(dropped > 0, "the queue overflowed");
        assertEquals(lines, received + dropped);
        assertEquals(61, marks.size(), "every state event arrived");
    }

    @Test
    void followingLogsSendsTheTailThenLiveLinesWithoutGapOrRepeat() throws Exception {
        for (int i = 1; i <= 50; i++) {
            fake.emitLog("demo", "hub", i % 2 == 0 ? LogStream.STDERR : LogStream.STDOUT, "old " + i);
        }
        fake.emitLog("demo", "worker", LogStream.STDOUT, "not followed");
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        client().followLogs("demo", "hub", null, 10, line -> seen.add(line.text()), n -> { }).get(5, TimeUnit.SECONDS);
        for (int i = 51; i <= 60; i++) {
            fake.emitLog("demo", "hub", LogStream.STDOUT, "new " + i);
        }
        Deadline.await(TIMEOUT, () -> seen.size() == 20, () -> seen.toString());
        assertEquals("old 41", seen.getFirst());
        assertEquals("new 60", seen.getLast());

        var unknown = assertThrows(Exception.class,
                () -> client().followLogs("demo", "nope", null, 10, l -> { }, n -> { }).get(5, TimeUnit.SECONDS));
        assertTrue(unknown.getCause().getMessage().contains("has no process 'nope' (known: hub, worker)"));
    }

    @Test
    void daemonStopExitsTheServiceAndLeavesTheStacksAlone() throws Exception {
        SupervisorClient client = client();
        client.shutdownService().get(5, TimeUnit.SECONDS);
        daemon.exited().get(5, TimeUnit.SECONDS);
        client.disconnected().get(5, TimeUnit.SECONDS);
        assertTrue(fake.detached, "the backend was let go of");
        assertFalse(fake.closed, "the backend was not closed (that would stop the stacks)");
        assertFalse(Files.exists(home.socket()));
        assertNotNull(assertThrows(ServiceUnavailableException.class, () -> SupervisorClient.connect(home)));
    }
}
