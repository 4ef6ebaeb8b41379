package dev.switchboard.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.engine.Event;
import dev.switchboard.engine.LogStream;
import dev.switchboard.engine.ProcessState;
import dev.switchboard.engine.ProcessStatus;
import dev.switchboard.engine.StackState;
import dev.switchboard.engine.StackStatus;
import dev.switchboard.model.LaunchMode;
import dev.switchboard.model.Problem;
import dev.switchboard.model.SourceLocation;
import dev.switchboard.model.StackFileException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

class WireCodecTest {
    private static final Instant AT = Instant.parse("2026-11-02T10:15:30.123456Z");
    private static final ProcessStatus HUB = new ProcessStatus("hub", LaunchMode.PERSIST, ProcessState.FAILED, 4242L, null, 9,
            "hub was killed by SIGKILL", 812L, "/logs/hub.out", "/logs/hub.err", AT, AT, null, AT, true);
    private static final StackStatus STACK = new StackStatus("demo", "/abs/demo.yaml", "d", StackState.FAILED, "why",
            List.of(HUB));

    @Test
    void theWarmUpRoundTripsEveryKindOfEvent() {
        assertDoesNotThrow(WireCodec::warmUp);
    }

    @Test
    void everyEventSurvivesTheRoundTripWithItsTypeTag() throws Exception {
        List<Event> events = List.of(
                new Event.Snapshot(List.of(STACK)),
                new Event.StackLoaded(STACK),
                new Event.ProcessStateChanged("demo", HUB),
                new Event.StackStateChanged("demo", StackState.STOPPING, null, AT),
                new Event.LogLine("demo", "hub", LogStream.STDERR, 7, AT, "héllo \"world\"\t"));
        for (Event event : events) {
            JsonNode node = WireCodec.encode(event);
            assertEquals(event, WireCodec.decodeEvent(WireCodec.mapper().readTree(node.toString())));
        }
        assertEquals("process_state_changed", WireCodec.encode(events.get(2)).get("type").asText());
    }

    @Test
    void statesAndModesAreWrittenAsTheirIds() {
        JsonNode hub = WireCodec.encode(STACK).get("processes").get(0);
        assertEquals("persist", hub.get("mode").asText());
        assertEquals("failed", hub.get("state").asText());
        assertEquals(812, hub.get("ready_after_ms").asInt());
        assertEquals("2026-11-02T10:15:30.123456Z", hub.get("started_at").asText());
        assertEquals("failed", WireCodec.encode(STACK).get("state").asText());
    }

    @Test
    void logLineListsKeepTheirTypeTags() throws Exception {
        List<Event.LogLine> lines = List.of(new Event.LogLine("demo", "hub", LogStream.STDOUT, 1, AT, "a"),
                new Event.LogLine("demo", "hub", LogStream.STDERR, 1, AT, "b"));
        assertEquals(lines, WireCodec.decodeLogLines(WireCodec.encodeLogLines(lines)));
        assertEquals(List.of(STACK), WireCodec.decodeStacks(WireCodec.encodeStacks(List.of(STACK))));
    }

    @Test
    void stackFileProblemsAreRebuiltWithFileLineAndColumn() {
        StackFileException original = new StackFileException(List.of(
                new Problem(new SourceLocation(Path.of("/s/demo.yaml"), 4, 7), "bad duration '5x'")));
        StackFileException rebuilt = WireCodec.decodeProblems(WireCodec.encodeProblems(original));
        assertEquals(original.problems(), rebuilt.problems());
        assertEquals("/s/demo.yaml:4:7: bad duration '5x'", rebuilt.getMessage());
    }
}
