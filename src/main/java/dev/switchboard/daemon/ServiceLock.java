package dev.switchboard.daemon;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one-service-per-user lock: an exclusive {@link FileLock} on {@code supervisor.lock}, which
 * the kernel releases when its holder dies however it dies, so a crashed service never blocks the
 * next one. The file holds the holder's pid for messages; it is never deleted, because deleting a
 * lock file lets two processes lock two different files of the same name.
 *
 * <p>The JDK takes POSIX record locks, which the kernel drops as soon as the holding process closes
 * any descriptor of the file, even one opened only to read it. So a process that holds the lock
 * never opens the file again: {@link #HELD} answers for it instead.
 */
final class ServiceLock implements AutoCloseable {

    /** Lock files this process holds. */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private ServiceLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock and writes our pid into the file; empty if another process (or this one) holds it. */
    static Optional<ServiceLock> tryAcquire(Path file) throws IOException {
        file = file.toAbsolutePath().normalize();
        if (!HELD.add(file)) {
            return Optional.empty();
        }
        try {
            Optional<ServiceLock> acquired = lock(file);
            if (acquired.isEmpty()) {
                HELD.remove(file);
            }
            return acquired;
        } catch (IOException | RuntimeException e) {
            HELD.remove(file);
            throw e;
        }
    }

    private static Optional<ServiceLock> lock(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            return Optional.empty();
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        channel.force(false);
        return Optional.of(new ServiceLock(file, channel, lock));
    }

    /**
     * The pid the last holder wrote, if the file names one. Readers never try the lock themselves:
     * a reader holding it for a moment could make a starting service believe another one runs.
     */
    static OptionalLong holderPid(Path file) {
        if (HELD.contains(file.toAbsolutePath().normalize())) {
            return OptionalLong.of(ProcessHandle.current().pid());
        }
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
            return text.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(text));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Releases the lock. */
    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the kernel drops the lock with the descriptor anyway
        } finally {
            HELD.remove(file);
        }
    }
}
