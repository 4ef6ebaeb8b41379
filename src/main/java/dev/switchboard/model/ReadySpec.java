package dev.switchboard.model;

import java.time.Duration;

/** A readiness probe with its timeout and, for polled probes, its interval. */
public record ReadySpec(Probe probe, Duration timeout, Duration interval) {
    /** Default interval between polls of tcp, http and exec probes. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(250);
    /** Default ready timeout when neither the process nor {@code defaults} set one. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
}
