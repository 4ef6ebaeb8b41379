package dev.switchboard.daemon;

import dev.switchboard.engine.Await;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition with a deadline (never a bare sleep as synchronisation). */
final class Deadline {
    private Deadline() {
    }

    static void await(Duration timeout, BooleanSupplier condition, Supplier<String> whatFailed) {
        Await.until(timeout, whatFailed, condition);
    }
}
