package dev.switchboard.daemon;

/**
 * Constants of the supervisor's local socket protocol: newline-delimited JSON over a Unix domain
 * socket. The client opens with {@code {"hello":"switchboard","protocol":1}} and the service answers
 * with its own hello (or an error, then closes). After that every request carries an {@code id} and
 * gets exactly one reply with the same id; subscriptions additionally receive
 * {@code {"sub":ID,"event":{…}}} and {@code {"sub":ID,"dropped":N}} messages. docs/supervisor.md
 * describes every operation.
 */
final class Protocol {

    /** The value of the {@code hello} field on both sides. */
    static final String HELLO = "switchboard";

    /** The protocol version this build speaks; a peer speaking another is refused with a clear error. */
    static final int VERSION = 1;

    /** The longest line either side accepts; a longer one closes the connection. */
    static final int MAX_LINE_BYTES = 1 << 20;

    private Protocol() {
    }
}
