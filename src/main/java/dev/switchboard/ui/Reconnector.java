package dev.switchboard.ui;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Connects again after the connection to the supervisor was lost, on a thread of its own: tries after
 * 0.5 s, then waits twice as long after each failure, at most 5 s, until it connects or is given up.
 */
final class Reconnector {
    private static final Logger LOG = LoggerFactory.getLogger(Reconnector.class);
    static final long FIRST_WAIT_MILLIS = 500;
    static final long MAX_WAIT_MILLIS = 5_000;

    private Reconnector() {
    }

    /**
     * Starts trying; {@code connected} gets the new connection (on the retry thread). Stops early once
     * {@code givenUp} is true (the window closed).
     */
    static void start(AppConfig.Reconnect reconnect, BooleanSupplier givenUp, Consumer<AppConfig.Connection> connected) {
        Thread.ofPlatform().daemon().name("switchboard-reconnect").start(() -> {
            long wait = FIRST_WAIT_MILLIS;
            while (!givenUp.getAsBoolean()) {
                try {
                    Thread.sleep(wait); // the backoff between attempts, not a synchronisation
                } catch (InterruptedException e) {
                    return;
                }
                try {
                    connected.accept(reconnect.connect());
                    return;
                } catch (Exception e) {
                    wait = Math.min(wait * 2, MAX_WAIT_MILLIS);
                    LOG.info("reconnecting to the supervisor failed, next try in {} ms: {}", wait, e.toString());
                }
            }
        });
    }
}
