package dev.switchboard.model;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as stack files write them: {@code 500ms}, {@code 20s}, {@code 2m}, {@code 1h}, {@code 1m30s}. */
public final class Durations {
    private static final Pattern FORMAT = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m(?!s))?(?:(\\d+)s)?(?:(\\d+)ms)?");
    private static final Pattern BARE_NUMBER = Pattern.compile("\\d+(\\.\\d+)?");

    private Durations() {
    }

    /**
     * Parses a duration.
     *
     * @throws IllegalArgumentException with a message that says what to write instead
     */
    public static Duration parse(String text) {
        String t = text.strip();
        if (BARE_NUMBER.matcher(t).matches()) {
            throw new IllegalArgumentException("write " + t + "s, not " + t + " (a duration needs a unit)");
        }
        Matcher m = FORMAT.matcher(t);
        if (t.isEmpty() || !m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration like 500ms, 20s, 2m or 1m30s");
        }
        try {
            return Duration.ofHours(part(m, 1))
                    .plusMinutes(part(m, 2))
                    .plusSeconds(part(m, 3))
                    .plusMillis(part(m, 4));
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is too long a duration");
        }
    }

    private static long part(Matcher m, int group) {
        String g = m.group(group);
        if (g == null) {
            return 0;
        }
        if (g.length() > 12) {
            throw new ArithmeticException("too large");
        }
        return Long.parseLong(g);
    }

    /** Formats a duration the way stack files write it, such as {@code 1m30s} or {@code 250ms}. */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder b = new StringBuilder();
        if (d.toHours() > 0) {
            b.append(d.toHours()).append('h');
        }
        if (d.toMinutesPart() > 0) {
            b.append(d.toMinutesPart()).append('m');
        }
        if (d.toSecondsPart() > 0) {
            b.append(d.toSecondsPart()).append('s');
        }
        if (d.toMillisPart() > 0) {
            b.append(d.toMillisPart()).append("ms");
        }
        return b.toString();
    }
}
