package dev.switchboard.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * A private Switchboard home with a real supervisor, a stack file written by the test, and every
 * event recorded. {@link #close()} stops everything (persist included) and kills any pid the
 * test's scripts wrote to {@code *.pid} files, so no process outlives a test even when it fails.
 */
final class StackFixture implements AutoCloseable {
    final Path dir;
    final SwitchboardHome home;
    final Supervisor supervisor;
    final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<Long> extraPids = new ArrayList<>();
    Path stackFile;
    String stack;

    StackFixture(Path dir) {
        this(dir, Supervisor.Adoption.PERSIST_ONLY);
    }

    StackFixture(Path dir, Supervisor.Adoption adoption) {
        this.dir = dir;
        this.home = new SwitchboardHome(dir.resolve("home/run"), dir.resolve("home/state"), dir.resolve("home/config"));
        this.supervisor = new Supervisor(home, adoption);
        supervisor.subscribe(e -> {
            // Log lines are many (a noisy test writes millions); only state changes are kept.
            if (!(e instanceof Event.Snapshot) && !(e instanceof Event.LogLine)) {
                events.add(e);
            }
        });
    }

    /** Writes the stack file (YAML text) and opens it. */
    StackFixture stack(String yaml) throws Exception {
        stackFile = dir.resolve("stack.yaml");
        Files.writeString(stackFile, yaml);
        stack = supervisor.open(stackFile).get().name();
        return this;
    }

    StackStatus up() throws Exception {
        return supervisor.up(stack).get();
    }

    StackStatus down(boolean persist) throws Exception {
        return supervisor.down(stack, persist).get();
    }

    StackStatus status() {
        return supervisor.status().join().stream().filter(s -> s.name().equals(stack)).findFirst().orElseThrow();
    }

    ProcessStatus process(String name) {
        return status().process(name);
    }

    /** Every state the process went through, in order. */
    List<ProcessState> statesOf(String name) {
        return events.stream().filter(e -> e instanceof Event.ProcessStateChanged c && c.process().name().equals(name))
                .map(e -> ((Event.ProcessStateChanged) e).process().state()).distinct().toList();
    }

    /** The index of the first event matching, or -1. */
    int indexOf(String process, ProcessState state) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) instanceof Event.ProcessStateChanged c && c.process().name().equals(process)
                    && c.process().state() == state) {
                return i;
            }
        }
        return -1;
    }

    /** The time of the first event in which the process reached the state. */
    Instant when(String process, ProcessState state) {
        for (Event e : events) {
            if (e instanceof Event.ProcessStateChanged c && c.process().name().equals(process)
                    && c.process().state() == state) {
                return switch (state) {
                    case STARTING -> c.process().startedAt();
                    case READY -> c.process().readyAt();
                    default -> Instant.now();
                };
            }
        }
        throw new AssertionError(process + " never reached " + state);
    }

    /** Waits until the process is in the state, failing after the deadline with what it saw. */
    ProcessStatus awaitProcess(String name, ProcessState state, Duration deadline) {
        awaitTrue(() -> process(name).state() == state, deadline,
                () -> name + " did not reach " + state + "; it is " + process(name));
        return process(name);
    }

    StackStatus awaitStack(Predicate<StackStatus> condition, Duration deadline) {
        awaitTrue(() -> condition.test(status()), deadline, () -> "stack is " + status());
        return status();
    }

    /** Remembers a pid (e.g. a grandchild) to kill at the end of the test whatever happens. */
    long track(long pid) {
        extraPids.add(pid);
        return pid;
    }

    /** Reads a pid a script wrote, waiting for the file. */
    long pidFrom(Path file) {
        awaitTrue(() -> {
            try {
                return Files.exists(file) && !Files.readString(file).isBlank();
            } catch (IOException e) {
                return false;
            }
        }, Duration.ofSeconds(10), () -> "no pid in " + file);
        try {
            return track(Long.parseLong(Files.readString(file).trim()));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static boolean alive(long pid) {
        return ProcStat.read(pid).map(s -> s.state() != 'Z').orElse(false);
    }

    static void awaitTrue(BooleanSupplier condition, Duration deadline, java.util.function.Supplier<String> message) {
        Await.until(deadline, message, condition);
    }

    @Override
    public void close() throws java.util.concurrent.ExecutionException, java.util.concurrent.TimeoutException {
        try {
            if (stack != null) {
                supervisor.down(stack, true).get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while stopping the test's stack", e);
        } finally {
            supervisor.close();
            for (long pid : extraPids) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }
}
