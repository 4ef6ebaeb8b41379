package dev.switchboard.engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * One inotify instance, read directly through the FFM API by one daemon thread that sleeps in
 * {@code poll} until something happens, and tells listeners which file of a watched folder was
 * created, written, touched or moved in. The thread that reads the event is the thread that
 * calls the listener: no hand-over between threads, which is what keeps readiness latency under
 * a millisecond ({@link java.nio.file.WatchService} on Linux passes each event through two).
 * Several listeners may watch the same folder; the folder is unwatched when the last one leaves.
 */
final class DirectoryWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryWatcher.class);

    /** Told about changes in a watched folder. Called on the watcher thread: keep it short. */
    interface Listener {
        /** A file of the folder was created, modified or moved in. */
        void changed(Path fileName);

        /** Events were lost: look at every file of interest. */
        void overflowed();
    }

    /** A watch of one listener; closing it stops the notifications. */
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    private static final int IN_NONBLOCK = 04000;
    private static final int IN_CLOEXEC = 02000000;
    private static final int IN_MODIFY = 0x2;
    private static final int IN_ATTRIB = 0x4;
    private static final int IN_MOVED_TO = 0x80;
    private static final int IN_CREATE = 0x100;
    private static final int IN_Q_OVERFLOW = 0x4000;
    private static final int IN_IGNORED = 0x8000;
    private static final int EVENTS = IN_CREATE | IN_MOVED_TO | IN_MODIFY | IN_ATTRIB;
    private static final int EVENT_HEADER = 16; // struct inotify_event { int wd; u32 mask, cookie, len; char name[]; }
    private static final int BUFFER = 64 * 1024;
    private static final int EAGAIN = 11;

    private static final MethodHandle INIT = Posix.downcall("inotify_init1", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle ADD_WATCH = Posix.downcall("inotify_add_watch",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT), Posix.ERRNO_OPTION);
    private static final MethodHandle RM_WATCH = Posix.downcall("inotify_rm_watch",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle READ = Posix.downcall("read",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), Posix.ERRNO_OPTION);

    private final int fd;
    private final Posix.WakeUp wakeUp;
    /** Listeners by watch descriptor. Guarded by this. */
    private final Map<Integer, List<Listener>> listeners = new HashMap<>();
    private volatile boolean closed;

    DirectoryWatcher(String name) throws IOException {
        int f;
        try {
            f = (int) INIT.invokeExact(IN_NONBLOCK | IN_CLOEXEC);
        } catch (Throwable t) {
            throw new IOException("cannot create an inotify instance", t);
        }
        if (f < 0) {
            throw new IOException("cannot create an inotify instance (too many open, see fs.inotify.max_user_instances)");
        }
        this.fd = f;
        this.wakeUp = Posix.WakeUp.create();
        Thread thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts telling {@code listener} about {@code dir}; closing the result stops it. */
    synchronized Registration watch(Path dir, Listener listener) throws IOException {
        int wd;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Posix.CAPTURE);
            wd = (int) ADD_WATCH.invokeExact(state, fd, arena.allocateFrom(dir.toString()), EVENTS);
            if (wd < 0) {
                int errno = Posix.errno(state);
                throw new IOException("cannot watch " + dir + ": " + Posix.strerror(errno)
                        + (errno == 28 ? " (raise fs.inotify.max_user_watches)" : ""));
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("cannot watch " + dir, t);
        }
        listeners.computeIfAbsent(wd, k -> new CopyOnWriteArrayList<>()).add(listener);
        int watchDescriptor = wd;
        return () -> unwatch(watchDescriptor, listener);
    }

    private synchronized void unwatch(int wd, Listener listener) {
        List<Listener> list = listeners.get(wd);
        if (list != null && list.remove(listener) && list.isEmpty()) {
            listeners.remove(wd);
            if (!closed) {
                try {
                    int ignored = (int) RM_WATCH.invokeExact(fd, wd);
                } catch (Throwable t) {
                    // the folder stays watched; its events find no listener
                }
            }
        }
    }

    private synchronized List<Listener> listenersOf(int wd) {
        return listeners.getOrDefault(wd, List.of());
    }

    private synchronized List<Listener> allListeners() {
        return listeners.values().stream().flatMap(List::stream).toList();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        wakeUp.wake(); // the thread closes the descriptors on its way out
    }

    private void run() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(BUFFER, 8);
            MemorySegment fds = Posix.pollFds(arena, fd, wakeUp.fd());
            MemorySegment state = arena.allocate(Posix.CAPTURE);
            while (!closed) {
                int ready = Posix.poll(fds, 2, -1);
                if (ready <= 0) {
                    continue; // EINTR
                }
                while (!closed) {
                    long n = (long) READ.invokeExact(state, fd, buffer, (long) BUFFER);
                    if (n <= 0) {
                        int errno = Posix.errno(state);
                        if (n < 0 && errno != EAGAIN && errno != Posix.EINTR) {
                            LOG.warn("reading file events failed: {}", Posix.strerror(errno));
                        }
                        break;
                    }
                    dispatch(buffer, n);
                }
            }
        } catch (Throwable t) {
            LOG.error("the file watcher stopped", t);
        } finally {
            Posix.close(fd);
            wakeUp.close();
        }
    }

    private void dispatch(MemorySegment buffer, long length) {
        for (long at = 0; at + EVENT_HEADER <= length; ) {
            int wd = buffer.get(JAVA_INT, at);
            int mask = buffer.get(JAVA_INT, at + 4);
            int nameLength = buffer.get(JAVA_INT, at + 12);
            long next = at + EVENT_HEADER + nameLength;
            if ((mask & IN_Q_OVERFLOW) != 0) {
                allListeners().forEach(l -> call(l::overflowed));
            } else if ((mask & IN_IGNORED) == 0 && nameLength > 0) {
                Path name = Path.of(name(buffer, at + EVENT_HEADER, nameLength));
                for (Listener listener : listenersOf(wd)) {
                    call(() -> listener.changed(name));
                }
            }
            at = next;
        }
    }

    /** The NUL-padded file name of an event. */
    private static String name(MemorySegment buffer, long offset, int max) {
        int length = 0;
        while (length < max && buffer.get(JAVA_BYTE, offset + length) != 0) {
            length++;
        }
        byte[] bytes = new byte[length];
        MemorySegment.copy(buffer, JAVA_BYTE, offset, bytes, 0, length);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void call(Runnable listenerCall) {
        try {
            listenerCall.run();
        } catch (RuntimeException e) {
            LOG.warn("file watch listener failed", e);
        }
    }
}
