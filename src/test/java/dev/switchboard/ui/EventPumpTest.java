package dev.switchboard.ui;

import dev.switchboard.engine.Event;
import dev.switchboard.engine.LogStream;
import dev.switchboard.engine.Supervisor;
import dev.switchboard.engine.SwitchboardHome;
import dev.switchboard.model.StackLoader;
import dev.switchboard.ui.logs.LogEntry;
import dev.switchboard.ui.logs.LogViewModel;
import dev.switchboard.ui.stack.ControlPanelViewModel;
import javafx.application.Platform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The pump draws frames only while events come, and still applies every event that comes later. */
@ExtendWith(ApplicationExtension.class)
class EventPumpTest {
    private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(10);

    @TempDir
    Path dir;
    private Supervisor supervisor;
    private EventPump pump;

    @AfterEach
    void stop() {
        if (pump != null) {
            onFx(() -> {
                pump.stop();
                return null;
            });
        }
        if (supervisor != null) {
            supervisor.close();
        }
    }

    @Test
    void theFrameTimerStopsWhenNothingComesAndAnEventStartsItAgain() {
        supervisor = new Supervisor(SwitchboardHome.from(Map.of("SWITCHBOARD_HOME", dir.toString()), dir.toString()));
        ControlPanelViewModel vm = new ControlPanelViewModel(supervisor, StackLoader::load, Platform::runLater,
                Executors.newVirtualThreadPerTaskExecutor(), Clock.systemUTC());
        pump = new EventPump(vm);
        onFx(() -> {
            vm.logs().sourceProperty().set(new LogViewModel.Source("demo", null));
            pump.start();
            return null;
        });
        await("the timer stops with nothing to drain", () -> !pump.isDraining());

        for (int round = 1; round <= 2; round++) {
            pump.accept(new Event.LogLine("demo", "hub", LogStream.STDOUT, round, Instant.now(), "line " + round));
            int expected = round;
            await("line " + round + " is applied", () -> onFx(() -> vm.logs().lines().size()) == expected);
            await("the timer stops again", () -> !pump.isDraining());
        }
        assertEquals(List.of("line 1", "line 2"), onFx(() -> vm.logs().lines().stream().map(LogEntry::text).toList()));

        // the clock for elapsed-time captions goes on without frames
        Instant before = onFx(() -> vm.nowProperty().get());
        await("the clock ticks", () -> onFx(() -> vm.nowProperty().get()).isAfter(before));
    }

    private static void await(String what, Supplier<Boolean> condition) {
        long end = System.nanoTime() + DEADLINE_NANOS;
        while (!condition.get()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting until " + what);
            }
            WaitForAsyncUtils.sleep(20, TimeUnit.MILLISECONDS);
        }
    }

    private static <T> T onFx(Supplier<T> s) {
        try {
            return WaitForAsyncUtils.asyncFx(s::get).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
