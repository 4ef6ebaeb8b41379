package dev.switchboard.engine;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Repeats an attempt until it succeeds: at once, then {@code interval} after each failed attempt
 * ends (attempts never overlap). Completing or cancelling the result, for example by a timeout,
 * stops the polling and cancels the attempt in flight.
 */
final class PolledProbe {

    private final Duration interval;
    private final Supplier<CompletableFuture<Boolean>> attempt;
    private final CompletableFuture<Void> result = new CompletableFuture<>();
    private Future<?> pending; // the timer or the attempt in flight; guarded by this

    private PolledProbe(Duration interval, Supplier<CompletableFuture<Boolean>> attempt) {
        this.interval = interval;
        this.attempt = attempt;
    }

    /** Starts polling; the result completes normally on the first successful attempt. */
    static CompletableFuture<Void> start(Duration interval, Supplier<CompletableFuture<Boolean>> attempt) {
        PolledProbe probe = new PolledProbe(interval, attempt);
        probe.result.whenComplete((v, e) -> probe.stop());
        probe.runAttempt();
        return probe.result;
    }

    private void runAttempt() {
        if (result.isDone()) {
            return;
        }
        CompletableFuture<Boolean> current;
        try {
            current = attempt.get();
        } catch (RuntimeException e) {
            current = CompletableFuture.completedFuture(false);
        }
        synchronized (this) {
            pending = current;
        }
        current.whenComplete((ready, error) -> {
            if (Boolean.TRUE.equals(ready)) {
                result.complete(null);
                return;
            }
            synchronized (this) {
                if (!result.isDone()) {
                    pending = EngineThreads.scheduler().schedule(this::runAttempt,
                            interval.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        });
    }

    private synchronized void stop() {
        if (pending != null) {
            pending.cancel(true);
            pending = null;
        }
    }
}
