package dev.switchboard.ui;

import dev.switchboard.daemon.FakeStackControl;
import dev.switchboard.engine.StackStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SwitchableControlTest {

    @Test
    void requestsMadeBeforeTheFirstConnectionReachItInOrder(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("demo.yaml"), "processes:\n  - name: hub\n    command: [sleep, '1']\n");
        SwitchableControl control = SwitchableControl.pending();
        assertFalse(control.isConnected());
        assertNull(control.current());
        List<String> events = new ArrayList<>();
        control.subscribe(e -> events.add("early")).close(); // nothing to subscribe to yet: a no-op

        CompletableFuture<StackStatus> opened = control.open(file);
        CompletableFuture<List<StackStatus>> listed = control.status();
        assertFalse(opened.isDone(), "waits for a connection");

        try (FakeStackControl fake = new FakeStackControl()) {
            assertNull(control.swap(fake), "nothing was replaced");
            assertTrue(control.isConnected());
            assertSame(fake, control.current());
            assertEquals("demo", opened.get(5, TimeUnit.SECONDS).name());
            assertEquals(List.of("demo"), listed.get(5, TimeUnit.SECONDS).stream().map(StackStatus::name).toList(),
                    "the status asked for after the open saw it: requests went in order");
            assertTrue(events.isEmpty());

            try (FakeStackControl second = new FakeStackControl()) {
                assertSame(fake, control.swap(second), "a reconnect replaces the first connection");
                assertEquals(List.of(), control.status().get(5, TimeUnit.SECONDS), "new requests go to the new one");
            }
        }
    }
}
