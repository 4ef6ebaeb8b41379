package dev.switchboard.daemon;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.engine.StackControl;
import dev.switchboard.engine.SwitchboardHome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * The supervisor service: one per user, it hosts one {@link StackControl} for every stack and
 * serves it on the local socket. It never owns the processes it supervises in the Unix sense
 * (they lead their own sessions), so when it exits, for whatever reason, the stacks keep running
 * and the next service re-adopts them.
 */
public final class SupervisorDaemon implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SupervisorDaemon.class);

    /**
     * What the service hosts: the control it serves, and how to let go of it when the service exits
     * without stopping anything (a normal {@link StackControl#close()} would stop the stacks).
     */
    public record Backend(StackControl control, Runnable detach) {
    }

    /** Creates the backend once the service holds its lock (so two services never adopt the same processes). */
    @FunctionalInterface
    public interface BackendFactory {
        /** Creates the backend for {@code home}. */
        Backend create(SwitchboardHome home) throws Exception;
    }

    /** Another service already holds the lock. */
    public static final class AlreadyRunningException extends IOException {
        AlreadyRunningException(String message) {
            super(message);
        }
    }

    private final Backend backend;
    private final ServiceLock lock;
    private final CompletableFuture<Void> exited = new CompletableFuture<>();
    private SupervisorServer server;

    private SupervisorDaemon(Backend backend, ServiceLock lock) {
        this.backend = backend;
        this.lock = lock;
    }

    /** The lock file that keeps the service to one per user. */
    public static Path lockFile(SwitchboardHome home) {
        return home.runtimeDir().resolve("supervisor.lock");
    }

    /** The service's own log when it runs in the background. */
    public static Path logFile(SwitchboardHome home) {
        return home.stateDir().resolve("supervisor.log");
    }

    /**
     * Takes the lock, creates the backend, binds the socket and starts accepting connections on a
     * thread of its own. Fails with {@link AlreadyRunningException} if another service holds the lock.
     */
    public static SupervisorDaemon start(SwitchboardHome home, BackendFactory factory) throws IOException {
        SwitchboardHome.ensurePrivateDir(home.runtimeDir());
        SwitchboardHome.ensurePrivateDir(home.stateDir());
        Path lockFile = lockFile(home);
        ServiceLock lock = ServiceLock.tryAcquire(lockFile).orElseThrow(() -> new AlreadyRunningException(
                "a supervisor service is already running" + ServiceLock.holderPid(lockFile).stream()
                        .mapToObj(pid -> " (pid " + pid + ")").findFirst().orElse("")
                        + ": stop it with 'switchboard daemon stop'"));
        Backend backend;
        try {
            backend = factory.create(home);
        } catch (Exception e) {
            lock.close();
            throw new IOException("the supervisor could not start: " + e.getMessage(), e);
        }
        SupervisorDaemon daemon = new SupervisorDaemon(backend, lock);
        try {
            daemon.server = SupervisorServer.bind(home.socket(), backend.control(), hello(), daemon::requestShutdown);
        } catch (IOException | RuntimeException e) {
            backend.detach().run();
            lock.close();
            throw e;
        }
        Thread.ofPlatform().name("switchboard-accept").start(daemon.server::serve);
        LOG.info("supervisor service {} listening on {}", ProcessHandle.current().pid(), home.socket());
        return daemon;
    }

    /** Blocks until the service has exited (after {@code daemon stop} or {@link #close()}). */
    public void awaitExit() throws InterruptedException {
        try {
            exited.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Completes when the service has exited. */
    public CompletableFuture<Void> exited() {
        return exited;
    }

    /** How many clients are connected now. */
    public int connectionCount() {
        return server.connectionCount();
    }

    /** Stops serving and releases the lock, leaving every stack running. Idempotent. */
    @Override
    public synchronized void close() {
        if (exited.isDone()) {
            return;
        }
        LOG.info("supervisor service {} exiting; stacks keep running", ProcessHandle.current().pid());
        try {
            server.close();
            backend.detach().run();
        } finally {
            lock.close();
            exited.complete(null);
        }
    }

    private void requestShutdown() {
        // off the connection's thread: closing drops every connection, including the asking one
        Thread.ofPlatform().name("switchboard-shutdown").start(this::close);
    }

    private static ObjectNode hello() {
        ObjectNode hello = WireCodec.mapper().createObjectNode();
        hello.put("hello", Protocol.HELLO);
        hello.put("protocol", Protocol.VERSION);
        hello.put("pid", ProcessHandle.current().pid());
        String version = SupervisorDaemon.class.getPackage().getImplementationVersion();
        hello.put("version", version == null ? "dev" : version);
        return hello;
    }
}
