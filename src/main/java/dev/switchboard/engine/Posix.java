package dev.switchboard.engine;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.OptionalInt;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * The few libc calls the JDK does not offer, made through the FFM API: signalling a process
 * group, watching a process that is not our child (pidfd), and the clock tick rate.
 * Needs {@code --enable-native-access=ALL-UNNAMED}.
 */
public final class Posix {

    /** SIGKILL on Linux. */
    public static final int SIGKILL = 9;
    /** SIGTERM on Linux. */
    public static final int SIGTERM = 15;

    static final int EINTR = 4;
    static final int ESRCH = 3;
    static final int EPERM = 1;

    private static final int SYS_PIDFD_OPEN = 434; // same number on every architecture
    private static final int SC_CLK_TCK = 2;
    private static final short POLLIN = 0x1;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(groupElement("errno"));
    static final Linker.Option ERRNO_OPTION = Linker.Option.captureCallState("errno");

    private static final MethodHandle KILL = downcall("kill",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), ERRNO_OPTION);
    private static final MethodHandle SYSCALL_2 = downcall("syscall",
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_INT),
            ERRNO_OPTION, Linker.Option.firstVariadicArg(1));
    private static final MethodHandle POLL = downcall("poll",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT), ERRNO_OPTION);
    private static final MethodHandle CLOSE = downcall("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle EVENTFD = downcall("eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle WRITE = downcall("write",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle STRERROR = downcall("strerror", FunctionDescriptor.of(ADDRESS, JAVA_INT));
    private static final MethodHandle SYSCONF = downcall("sysconf", FunctionDescriptor.of(JAVA_LONG, JAVA_INT));

    private static final long CLOCK_TICKS = clockTicksPerSecond0();
    private static final long OWN_PID = ProcessHandle.current().pid();
    private static final long OWN_PGID = ProcStat.read(OWN_PID).map(ProcStat::pgrp).orElse(-1L);

    private Posix() {
    }

    /** What became of a signal. */
    public enum SignalResult {
        /** The signal was delivered to at least one process. */
        SENT,
        /** No such process or group: it is already gone, which counts as success. */
        GONE,
        /** The target exists but is not ours (EPERM): nothing was done. */
        NOT_PERMITTED;

        /** True unless the target turned out to belong to someone else. */
        public boolean isSuccess() {
            return this != NOT_PERMITTED;
        }
    }

    /** Sends {@code signal} to every process of group {@code pgid} (signal 0 only probes). */
    public static SignalResult signalGroup(long pgid, int signal) {
        requireSafeTarget(pgid);
        return toResult(kill(-(int) pgid, signal), "group " + pgid, signal);
    }

    /** Calls libc {@code kill} and returns 0 on success or the errno. */
    static int kill(int pid, int signal) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            int rc = (int) KILL.invokeExact(state, pid, signal);
            return rc == 0 ? 0 : (int) ERRNO.get(state, 0L);
        } catch (Throwable t) {
            throw new IllegalStateException("kill(" + pid + ", " + signal + ") failed", t);
        }
    }

    /**
     * Opens a pidfd for {@code pid} (Linux 5.3+): a handle that stays bound to this very process
     * even if its pid is later reused. Empty if the process is gone or the kernel lacks pidfds.
     */
    public static OptionalInt pidfdOpen(long pid) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            long fd = (long) SYSCALL_2.invokeExact(state, (long) SYS_PIDFD_OPEN, (int) pid, 0);
            return fd >= 0 ? OptionalInt.of((int) fd) : OptionalInt.empty();
        } catch (Throwable t) {
            return OptionalInt.empty();
        }
    }

    /**
     * Blocks until {@code fd} is readable; for a pidfd that means the process has exited.
     * Returns false only if polling failed for a reason other than an interrupted call.
     */
    public static boolean awaitReadable(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment pollfd = pollFds(arena, fd);
            while (true) {
                int rc = poll(pollfd, 1, -1);
                if (rc > 0) {
                    return true;
                }
                if (rc != -EINTR) {
                    return false;
                }
            }
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Closes a file descriptor obtained from {@link #pidfdOpen}. */
    public static void close(int fd) {
        try {
            int ignored = (int) CLOSE.invokeExact(fd);
        } catch (Throwable t) {
            // Nothing useful to do: the descriptor is lost either way.
        }
    }

    /** An array of struct pollfd (int fd, short events, short revents) waiting for input on each of {@code fds}. */
    static MemorySegment pollFds(Arena arena, int... fds) {
        MemorySegment array = arena.allocate(8L * fds.length, 4);
        for (int i = 0; i < fds.length; i++) {
            array.set(JAVA_INT, 8L * i, fds[i]);
            array.set(JAVA_SHORT, 8L * i + 4, POLLIN);
        }
        return array;
    }

    /**
     * Calls {@code poll} on the first {@code n} entries of {@code pollfds} and returns how many are
     * ready, or minus the errno on failure ({@code -EINTR} when a signal interrupted it).
     */
    static int poll(MemorySegment pollfds, long n, int timeoutMillis) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            int rc = (int) POLL.invokeExact(state, pollfds, n, timeoutMillis);
            return rc >= 0 ? rc : -errno(state);
        } catch (Throwable t) {
            throw new IllegalStateException("poll failed", t);
        }
    }

    /** The system's text for an errno ("Permission denied"). */
    @SuppressWarnings("restricted") // reading the C string strerror returns; see the class comment
    static String strerror(int errno) {
        try {
            MemorySegment text = (MemorySegment) STRERROR.invokeExact(errno);
            return text.reinterpret(1024).getString(0);
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }

    /** The errno a call made with {@link #ERRNO_OPTION} left in {@code state}. */
    static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    /** An eventfd that wakes a thread sleeping in {@code poll} on it. Non-blocking, closed on exec. */
    static final class WakeUp implements AutoCloseable {
        private static final int EFD_NONBLOCK = 04000;
        private static final int EFD_CLOEXEC = 02000000;

        private final int fd;

        private WakeUp(int fd) {
            this.fd = fd;
        }

        /** A new eventfd. */
        static WakeUp create() throws java.io.IOException {
            int fd;
            try {
                fd = (int) EVENTFD.invokeExact(0, EFD_NONBLOCK | EFD_CLOEXEC);
            } catch (Throwable t) {
                throw new java.io.IOException("cannot create an eventfd", t);
            }
            if (fd < 0) {
                throw new java.io.IOException("cannot create an eventfd");
            }
            return new WakeUp(fd);
        }

        /** The descriptor to poll. */
        int fd() {
            return fd;
        }

        /** Makes the descriptor readable (any thread). */
        void wake() {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment one = arena.allocate(JAVA_LONG);
                one.set(JAVA_LONG, 0, 1L);
                long ignored = (long) WRITE.invokeExact(fd, one, 8L);
            } catch (Throwable t) {
                throw new IllegalStateException("cannot write to eventfd " + fd, t);
            }
        }

        @Override
        public void close() {
            Posix.close(fd);
        }
    }

    /** Clock ticks per second ({@code sysconf(_SC_CLK_TCK)}), the unit of /proc start times. */
    public static long clockTicksPerSecond() {
        return CLOCK_TICKS;
    }

    private static long clockTicksPerSecond0() {
        try {
            long ticks = (long) SYSCONF.invokeExact(SC_CLK_TCK);
            return ticks > 0 ? ticks : 100;
        } catch (Throwable t) {
            return 100; // the value on every mainstream Linux build
        }
    }

    /** kill(0), kill(-1) or our own pid/group would hit the supervisor itself or everything we may signal. */
    private static void requireSafeTarget(long id) {
        if (id <= 1 || id > Integer.MAX_VALUE || id == OWN_PID || id == OWN_PGID) {
            throw new IllegalArgumentException("refusing to signal pid/pgid " + id);
        }
    }

    private static SignalResult toResult(int errno, String target, int signal) {
        return switch (errno) {
            case 0 -> SignalResult.SENT;
            case ESRCH -> SignalResult.GONE;
            case EPERM -> SignalResult.NOT_PERMITTED;
            default -> throw new IllegalArgumentException(
                    "cannot send signal " + signal + " to " + target + ": errno " + errno);
        };
    }

    @SuppressWarnings("restricted") // native access is enabled on the command line, see the class comment
    static MethodHandle downcall(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        MemorySegment symbol = LIBC.find(name)
                .orElseThrow(() -> new IllegalStateException("libc has no " + name + "()"));
        return LINKER.downcallHandle(symbol, descriptor, options);
    }
}
