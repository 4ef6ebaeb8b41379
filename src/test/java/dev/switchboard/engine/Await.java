package dev.switchboard.engine;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/** Waiting on conditions with a deadline, never a bare sleep; shared by the tests of every layer. */
public final class Await {

    private Await() {
    }

    /** Polls {@code condition} every few milliseconds until it holds or {@code timeout} passes. */
    public static void until(Duration timeout, String what, BooleanSupplier condition) {
        until(timeout, () -> "waiting for " + what, condition);
    }

    /** As {@link #until(Duration, String, BooleanSupplier)}, describing the failure only when it happens. */
    public static void until(Duration timeout, java.util.function.Supplier<String> whatFailed, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + timeout.toMillis() + " ms: " + whatFailed.get());
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted: " + whatFailed.get());
            }
        }
    }

    /** The value of {@code future}, failing the test if it takes longer than {@code timeout}. */
    public static <T> T done(CompletableFuture<T> future, Duration timeout, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return fail("timed out after " + timeout.toMillis() + " ms waiting for " + what);
        } catch (ExecutionException e) {
            return fail(what + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted waiting for " + what);
        }
    }

    /** True if {@code future} is still not done after {@code duration}. */
    static boolean stillPendingAfter(CompletableFuture<?> future, Duration duration) {
        try {
            future.get(duration.toMillis(), TimeUnit.MILLISECONDS);
            return false;
        } catch (TimeoutException e) {
            return true;
        } catch (ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
