package dev.switchboard.engine;

import dev.switchboard.model.StackFileException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Runs one stack from inside a Java program, without the background service:
 * <pre>{@code
 * try (EmbeddedStack stack = EmbeddedStack.open(Path.of("headset-demo.yaml"))) {
 *     stack.onEvent(e -> System.out.println(e));
 *     stack.start();
 *     stack.awaitReady(Duration.ofMinutes(2));
 *     ... use the services ...
 * } // stops it: own processes always, persist ones too if the start never got ready
 * }</pre>
 * {@link #close()} may be called any number of times.
 */
public final class EmbeddedStack implements AutoCloseable {
    private final Supervisor supervisor;
    private final String name;
    private CompletableFuture<StackStatus> start;
    private boolean closed;

    private EmbeddedStack(Supervisor supervisor, String name) {
        this.supervisor = supervisor;
        this.name = name;
    }

    /** Loads a stack file, keeping state and logs in the user's Switchboard folders. */
    public static EmbeddedStack open(Path file) throws StackFileException {
        return open(file, SwitchboardHome.fromEnvironment());
    }

    /** Loads a stack file, keeping state and logs under {@code home}. */
    public static EmbeddedStack open(Path file, SwitchboardHome home) throws StackFileException {
        Supervisor supervisor = new Supervisor(home, Supervisor.Adoption.PERSIST_ONLY);
        try {
            return new EmbeddedStack(supervisor, supervisor.open(file).get().name());
        } catch (ExecutionException e) {
            supervisor.close();
            if (e.getCause() instanceof StackFileException sfe) {
                throw sfe;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            supervisor.close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading " + file, e);
        }
    }

    /** The stack's name. */
    public String name() {
        return name;
    }

    /** Subscribes to this supervisor's events (a snapshot first); close the subscription to stop. */
    public StackControl.Subscription onEvent(Consumer<Event> listener) {
        return supervisor.subscribe(listener);
    }

    /**
     * Starts the stack; returns at once. Throws {@link IllegalStateException} if the stack is closed,
     * or if another supervisor (the background service, a {@code switchboard run}) runs its
     * processes: a second copy is never started.
     */
    public synchronized CompletableFuture<StackStatus> start() {
        if (closed) {
            throw new IllegalStateException("stack " + name + " is closed");
        }
        if (start == null) {
            supervisor.alreadyRunningElsewhere(name).ifPresent(why -> {
                throw new IllegalStateException(why);
            });
            start = supervisor.up(name);
        }
        return start;
    }

    /**
     * Waits until every process is ready. Throws {@link StackFailedException} naming the failure if the
     * start failed, or {@link TimeoutException} if it is still starting after {@code timeout}.
     */
    public StackStatus awaitReady(Duration timeout) throws TimeoutException, InterruptedException, StackFailedException {
        try {
            StackStatus s = start().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (s.state() != StackState.READY) {
                throw new StackFailedException(s);
            }
            return s;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The stack's current state. */
    public StackStatus status() {
        return supervisor.status().join().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    /** Stops the stack (and the supervisor behind it); safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        supervisor.close();
    }

    /** The start ended in a failure; {@link #status()} says which process and why. */
    public static final class StackFailedException extends Exception {
        private final transient StackStatus status;

        StackFailedException(StackStatus status) {
            super(status.name() + " failed: " + status.reason());
            this.status = status;
        }

        /** The stack's state when the start failed. */
        public StackStatus status() {
            return status;
        }
    }
}
