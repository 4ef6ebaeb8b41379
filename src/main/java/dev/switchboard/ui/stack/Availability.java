package dev.switchboard.ui.stack;

/**
 * Whether a command makes sense now, and if not, why (shown as the disabled button's tooltip).
 *
 * @param enabled true when the command can be run
 * @param why     the reason it cannot, or a description of what it will do
 */
public record Availability(boolean enabled, String why) {
    /** The command can run; {@code what} says what it will do. */
    public static Availability yes(String what) {
        return new Availability(true, what);
    }

    /** The command cannot run, because {@code why}. */
    public static Availability no(String why) {
        return new Availability(false, why);
    }
}
