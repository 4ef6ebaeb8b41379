package dev.switchboard.ui;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Connects to the supervisor on a thread of its own, at start-up (at once) or after the connection was
 * lost (after 0.5 s), then waits twice as long after each failure, at most 5 s, until it connects or is
 * given up.
 */
final class Reconnector {
    private static final Logger LOG = LoggerFactory.getLogger(Reconnector.class);
    static final long FIRST_WAIT_MILLIS = 500;
    static final long MAX_WAIT_MILLIS = 5_000;

    private Reconnector() {
    }

    /**
     * Starts trying after {@code firstWaitMillis} (0: at once); {@code connected} gets the new connection
     * and {@code failed} each failed attempt (both on the retry thread). Stops early once
     * {@code givenUp} is true (the window closed).
     */
    static void start(AppConfig.Reconnect reconnect, long firstWaitMillis, BooleanSupplier givenUp,
                      Consumer<AppConfig.Connection> connected, Consumer<Exception> failed) {
        Thread.ofPlatform().daemon().name("switchboard-connect").start(() -> {
            long wait = firstWaitMillis;
            while (!givenUp.getAsBoolean()) {
                if (wait > 0) {
                    try {
                        Thread.sleep(wait); // the backoff between attempts, not a synchronisation
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                try {
                    connected.accept(reconnect.connect());
                    return;
                } catch (Exception e) {
                    wait = Math.min(Math.max(wait * 2, FIRST_WAIT_MILLIS), MAX_WAIT_MILLIS);
                    LOG.info("connecting to the supervisor failed, next try in {} ms: {}", wait, e.toString());
                    failed.accept(e);
                }
            }
        });
    }
}
