package dev.switchboard.ui.stack;

import dev.switchboard.engine.Event;
import dev.switchboard.engine.LogStream;
import dev.switchboard.engine.ProcessState;
import dev.switchboard.engine.ProcessStatus;
import dev.switchboard.engine.StackState;
import dev.switchboard.engine.StackStatus;
import dev.switchboard.model.Dependency;
import dev.switchboard.model.DependencyGraph;
import dev.switchboard.model.LaunchMode;
import dev.switchboard.model.Probe;
import dev.switchboard.model.Problem;
import dev.switchboard.model.ProcessSpec;
import dev.switchboard.model.ReadySpec;
import dev.switchboard.model.SourceLocation;
import dev.switchboard.model.StackFileException;
import dev.switchboard.model.StackSpec;
import dev.switchboard.model.StopSignal;
import dev.switchboard.ui.logs.LogEntry;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ControlPanelViewModelTest {
    private static final Path FILE = Path.of("/stacks/demo.yaml");
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    private final FakeStackControl control = new FakeStackControl();
    private final Map<Path, Object> files = new HashMap<>();
    private final List<Notice> notices = new ArrayList<>();
    private final ControlPanelViewModel vm = new ControlPanelViewModel(control, file -> {
        Object o = files.get(file);
        if (o instanceof StackFileException e) {
            throw e;
        }
        return (StackSpec) o;
    }, Runnable::run, Runnable::run, Clock.fixed(T0, ZoneOffset.UTC));

    {
        vm.setNotifier(notices::add);
    }

    private static ProcessSpec spec(String name, LaunchMode mode, String... deps) {
        return new ProcessSpec(name, List.of("/bin/true"), Path.of("/"), Map.of(), mode, null,
                new ReadySpec(new Probe.Started(), Duration.ofSeconds(5), ReadySpec.DEFAULT_INTERVAL),
                java.util.Arrays.stream(deps).map(d -> new Dependency(d, dev.switchboard.model.Condition.READY)).toList(),
                StopSignal.TERM, Duration.ofSeconds(1), List.of(), 0, false, new SourceLocation(FILE, 1, 1));
    }

    private static StackSpec stackSpec(ProcessSpec... ps) {
        return new StackSpec("demo", "", FILE, FILE.getParent(), List.of(ps), DependencyGraph.of(List.of(ps)));
    }

    private static ProcessStatus status(String name, LaunchMode mode, ProcessState state, String reason) {
        return new ProcessStatus(name, mode, state, 42L, null, null, reason, null, null, null,
                null, T0, null, state == ProcessState.FAILED ? T0.plusSeconds(3) : null, false);
    }

    private static StackStatus stack(StackState state, ProcessStatus... ps) {
        return new StackStatus("demo", FILE.toString(), "", state, null, List.of(ps));
    }

    private StackViewModel openDemo() {
        files.put(FILE, stackSpec(spec("hub", LaunchMode.OWN), spec("model", LaunchMode.PERSIST, "hub"),
                spec("db", LaunchMode.REUSE)));
        control.opened.put(FILE, stack(StackState.STOPPED,
                ProcessStatus.initial("hub", LaunchMode.OWN), ProcessStatus.initial("model", LaunchMode.PERSIST),
                ProcessStatus.initial("db", LaunchMode.REUSE)));
        return vm.openFile(FILE);
    }

    @Test
    void openingAFileReadsItsGraphAndOpensItInTheSupervisor() {
        StackViewModel s = openDemo();
        assertSame(s, vm.selectedStackProperty().get());
        assertEquals(List.of("open demo.yaml"), control.calls.stream().filter(c -> c.startsWith("open")).toList());
        assertEquals(StackState.STOPPED, s.state());
        assertEquals(List.of("hub", "model", "db"), s.processes().stream().map(ProcessViewModel::name).toList());
        assertEquals(List.of("hub"), s.spec().graph().dependenciesOf("model").stream().map(Dependency::name).toList());
        assertEquals(List.of(FILE), vm.recent());
    }

    @Test
    void aFileThatNoLongerValidatesShowsItsProblemsAndLeavesRunningProcessesAlone() {
        StackViewModel s = openDemo();
        vm.apply(List.of(new Event.ProcessStateChanged("demo", status("hub", LaunchMode.OWN, ProcessState.READY, null))));
        control.calls.clear();
        files.put(FILE, new StackFileException(List.of(
                new Problem(new SourceLocation(FILE, 7, 5), "unknown field 'comand' (did you mean 'command'?)"))));

        vm.fileChanged(FILE);

        assertEquals(1, s.problems().size());
        assertEquals(7, s.problems().getFirst().where().line());
        assertEquals(5, s.problems().getFirst().where().column());
        assertTrue(control.calls.isEmpty(), "the supervisor is not asked to reload: " + control.calls);
        assertEquals(ProcessState.READY, s.process("hub").state());
        assertFalse(Actions.startStack(s).enabled());
    }

    @Test
    void aFailedProcessIsExplainedWithItsLastStderrLines() {
        StackViewModel s = openDemo();
        control.logLines.put("model", List.of(
                new Event.LogLine("demo", "model", LogStream.STDOUT, 1, T0, "loading"),
                new Event.LogLine("demo", "model", LogStream.STDERR, 1, T0, "Traceback (most recent call last):"),
                new Event.LogLine("demo", "model", LogStream.STDERR, 2, T0, "\u001b[31mRuntimeError: CUDA out of memory\u001b[0m")));

        vm.apply(List.of(
                new Event.ProcessStateChanged("demo", status("model", LaunchMode.PERSIST, ProcessState.FAILED,
                        "model exited with code 1 before it was ready (after 3.2 s)")),
                new Event.StackStateChanged("demo", StackState.FAILED, "model exited with code 1", T0)));

        assertEquals("model", s.failedProcessProperty().get().name());
        assertEquals(List.of("Traceback (most recent call last):", "RuntimeError: CUDA out of memory"), s.failureTail());
        assertEquals(1, notices.size());
        assertTrue(notices.getFirst().failure());
        assertTrue(notices.getFirst().text().contains("exited with code 1"), notices.getFirst().text());
    }

    @Test
    void becomingReadyIsAnnouncedOnceAndTheSnapshotAnnouncesNothing() {
        openDemo();
        vm.apply(List.of(new Event.Snapshot(List.of(stack(StackState.READY)))));
        assertTrue(notices.isEmpty());
        vm.apply(List.of(new Event.StackStateChanged("demo", StackState.STARTING, null, T0),
                new Event.StackStateChanged("demo", StackState.READY, null, T0),
                new Event.StackStateChanged("demo", StackState.READY, null, T0)));
        assertEquals(1, notices.size());
        assertFalse(notices.getFirst().failure());
    }

    @Test
    void reuseProcessesCannotBeStartedOrStoppedOnlyChecked() {
        StackViewModel s = openDemo();
        ProcessViewModel db = s.process("db");
        assertFalse(Actions.startProcess(db).enabled());
        assertEquals(Actions.MANAGED_OUTSIDE, Actions.stopProcess(db).why());
        assertFalse(Actions.restartProcess(db).enabled());
        assertTrue(Actions.check(db).enabled());
        assertFalse(Actions.check(s.process("hub")).enabled());
        vm.check(db);
        assertTrue(control.calls.contains("check demo db"));
    }

    @Test
    void buttonsFollowTheStateAndSayWhyTheyAreDisabled() {
        StackViewModel s = openDemo();
        assertTrue(Actions.startStack(s).enabled());
        assertEquals("nothing is running", Actions.stopStack(s).why());
        vm.apply(List.of(new Event.StackStateChanged("demo", StackState.READY, null, T0),
                new Event.ProcessStateChanged("demo", status("model", LaunchMode.PERSIST, ProcessState.READY, null))));
        assertEquals("the stack is already running", Actions.startStack(s).why());
        assertTrue(Actions.stopStack(s).enabled());
        assertTrue(Actions.stopStackWithPersist(s).enabled());
        assertTrue(Actions.stopProcess(s.process("model")).why().contains("asks first"));
        assertEquals("not running", Actions.stopProcess(s.process("hub")).why());
    }

    @Test
    void aFailedCommandLeavesOneReadableMessage() {
        StackViewModel s = openDemo();
        vm.startStack(s);
        control.nextCommand.completeExceptionally(new java.util.concurrent.CompletionException(
                new IllegalStateException("supervisor is gone")));
        assertEquals("Could not start demo: supervisor is gone", vm.messageProperty().get());
    }

    @Test
    void selectingAProcessShowsItsLogsAndLiveLinesFollow() {
        StackViewModel s = openDemo();
        control.logLines.put("hub", List.of(new Event.LogLine("demo", "hub", LogStream.STDOUT, 1, T0, "hub up")));
        vm.selectedProcessProperty().set(s.process("hub"));
        vm.apply(List.of(new Event.LogLine("demo", "hub", LogStream.STDOUT, 2, T0, "client connected"),
                new Event.LogLine("demo", "model", LogStream.STDOUT, 1, T0, "not shown")));
        assertEquals(List.of("hub up", "client connected"), vm.logs().lines().stream().map(LogEntry::text).toList());
        vm.selectedProcessProperty().set(null);
        assertNull(vm.logs().sourceProperty().get().process());
    }

    @Test
    void aStackTheSupervisorAlreadyRunsIsShownWithoutBeingReopened() {
        files.put(FILE, stackSpec(spec("hub", LaunchMode.OWN)));
        vm.apply(List.of(new Event.Snapshot(List.of(stack(StackState.READY,
                status("hub", LaunchMode.OWN, ProcessState.READY, null))))));
        StackViewModel s = vm.byName("demo");
        vm.select(s);
        assertEquals(StackState.READY, s.state());
        assertEquals(1, s.spec().processes().size(), "the file is read for the graph");
        assertTrue(control.calls.stream().noneMatch(c -> c.startsWith("open")), control.calls.toString());
    }

    @Test
    void aSecondStartBeforeTheSupervisorAnswersIsNotSent() {
        StackViewModel s = openDemo();
        Commands commands = new Commands(vm, () -> null);
        commands.startStack();
        commands.startStack();
        assertEquals(1, control.calls.stream().filter(c -> c.startsWith("up")).count(), control.calls.toString());
        assertFalse(Actions.startStack(s).enabled());
        vm.apply(List.of(new Event.StackStateChanged("demo", StackState.STARTING, null, T0),
                new Event.StackStateChanged("demo", StackState.FAILED, "hub failed", T0)));
        assertTrue(Actions.startStack(s).enabled(), "after the start ended it can be started again");
    }
}
