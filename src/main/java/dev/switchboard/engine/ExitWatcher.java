package dev.switchboard.engine;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.FunctionDescriptor;
import java.lang.invoke.MethodHandle;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;

/**
 * Learns of process exits on one thread for all processes: each is watched through a pidfd in
 * one epoll set. Adding a process costs the caller two system calls (pidfd_open, epoll_ctl) and
 * wakes nobody; the thread sleeps in {@code epoll_wait}, using no CPU, until something exits.
 *
 * <p>A child of ours is reaped once its pidfd is readable, which gives its exact exit status;
 * a process that is not our child (adopted after a restart) ends with {@link ExitStatus#unknown()}.
 */
final class ExitWatcher {

    private static final int EPOLL_CLOEXEC = 02000000;
    private static final int EPOLL_CTL_ADD = 1;
    private static final int EPOLLIN = 0x1;
    private static final int MAX_EVENTS = 64;
    /** struct epoll_event is packed on x86-64 (12 bytes), naturally aligned elsewhere (16 bytes). */
    private static final boolean PACKED = "amd64".equals(System.getProperty("os.arch"))
            || "x86_64".equals(System.getProperty("os.arch"));
    private static final long EVENT_SIZE = PACKED ? 12 : 16;
    private static final long DATA_OFFSET = PACKED ? 4 : 8;
    private static final long WAITER_STACK_BYTES = 128 * 1024;

    private static final MethodHandle EPOLL_CREATE = Posix.downcall("epoll_create1",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle EPOLL_CTL = Posix.downcall("epoll_ctl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS), Posix.ERRNO_OPTION);
    private static final MethodHandle EPOLL_WAIT = Posix.downcall("epoll_wait",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), Posix.ERRNO_OPTION);

    private static final ExitWatcher INSTANCE = new ExitWatcher();

    /** One watched process. */
    private record Watch(long pid, int pidfd, boolean reap, CompletableFuture<ExitStatus> exit) {
    }

    private final int epfd;
    /** Watches by pidfd. */
    private final Map<Integer, Watch> watched = new ConcurrentHashMap<>();
    /** Set if the watcher thread failed: later watches get a thread of their own. */
    private volatile boolean broken;

    private ExitWatcher() {
        int fd;
        try {
            fd = (int) EPOLL_CREATE.invokeExact(EPOLL_CLOEXEC);
        } catch (Throwable t) {
            fd = -1;
        }
        epfd = fd;
        if (epfd >= 0) {
            Thread.ofPlatform().daemon().name("sb-exit-watcher").start(this::run);
        }
    }

    /**
     * The exit of our child {@code pid}, reaped here (nobody else may wait for it). Completes
     * with its exit code or the signal that killed it.
     */
    static CompletableFuture<ExitStatus> child(long pid) {
        OptionalInt pidfd = Posix.pidfdOpen(pid); // a child not yet reaped cannot lose its pid to another
        if (pidfd.isPresent()) {
            Optional<CompletableFuture<ExitStatus>> exit = INSTANCE.add(pid, pidfd.getAsInt(), true);
            if (exit.isPresent()) {
                return exit.get();
            }
            Posix.close(pidfd.getAsInt());
        }
        return onOwnThread(pid, () -> PosixSpawn.awaitExit(pid));
    }

    /**
     * The exit of a process that is not our child, through a pidfd the caller opened (and hands
     * over: it is closed here). Completes with {@link ExitStatus#unknown()}.
     */
    static CompletableFuture<ExitStatus> adopted(long pid, int pidfd) {
        return INSTANCE.add(pid, pidfd, false).orElseGet(() -> onOwnThread(pid, () -> {
            try {
                return Posix.awaitReadable(pidfd) ? ExitStatus.unknown()
                        : ExitStatus.failed("could not watch process " + pid);
            } finally {
                Posix.close(pidfd);
            }
        }));
    }

    /** Adds a pidfd to the epoll set; empty if that is not possible here. */
    private Optional<CompletableFuture<ExitStatus>> add(long pid, int pidfd, boolean reap) {
        if (epfd < 0 || broken) {
            return Optional.empty();
        }
        Watch watch = new Watch(pid, pidfd, reap, new CompletableFuture<>());
        watched.put(pidfd, watch);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment event = arena.allocate(16, 8);
            event.set(JAVA_INT, 0, EPOLLIN);
            event.set(JAVA_INT_UNALIGNED, DATA_OFFSET, pidfd);
            int rc = (int) EPOLL_CTL.invokeExact(arena.allocate(Posix.CAPTURE), epfd, EPOLL_CTL_ADD, pidfd, event);
            if (rc != 0) {
                watched.remove(pidfd);
                return Optional.empty();
            }
        } catch (Throwable t) {
            watched.remove(pidfd);
            return Optional.empty();
        }
        return Optional.of(watch.exit());
    }

    private void run() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment events = arena.allocate(EVENT_SIZE * MAX_EVENTS, 8);
            MemorySegment state = arena.allocate(Posix.CAPTURE);
            while (true) {
                int n = (int) EPOLL_WAIT.invokeExact(state, epfd, events, MAX_EVENTS, -1);
                if (n < 0) {
                    if (Posix.errno(state) == Posix.EINTR) {
                        continue;
                    }
                    throw new IllegalStateException("epoll_wait failed: " + Posix.strerror(Posix.errno(state)));
                }
                for (int i = 0; i < n; i++) {
                    int pidfd = events.get(JAVA_INT_UNALIGNED, EVENT_SIZE * i + DATA_OFFSET);
                    Watch w = watched.remove(pidfd);
                    if (w == null) {
                        continue;
                    }
                    Posix.close(pidfd); // also takes it out of the epoll set
                    // Readable pidfd: the process has exited, so waitid returns at once.
                    w.exit().complete(w.reap() ? PosixSpawn.awaitExit(w.pid()) : ExitStatus.unknown());
                }
            }
        } catch (Throwable t) {
            broken = true;
            ExitStatus lost = ExitStatus.failed("the exit watcher failed: " + t);
            watched.values().forEach(w -> w.exit().complete(lost));
            throw new IllegalStateException("the exit watcher failed", t);
        }
    }

    /** Where pidfds or epoll are missing (Linux before 5.3): a thread blocked on the one process. */
    private static CompletableFuture<ExitStatus> onOwnThread(long pid, java.util.function.Supplier<ExitStatus> wait) {
        CompletableFuture<ExitStatus> exit = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("sb-wait-" + pid).stackSize(WAITER_STACK_BYTES)
                .start(() -> exit.complete(wait.get()));
        return exit;
    }
}
