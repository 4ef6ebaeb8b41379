package dev.switchboard.model;

import dev.switchboard.model.YamlNode.Entry;
import dev.switchboard.model.YamlNode.Kind;
import dev.switchboard.model.YamlNode.Mapping;
import dev.switchboard.model.YamlNode.Scalar;
import dev.switchboard.model.YamlNode.Sequence;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Typed access to the fields of a {@link YamlNode} tree. Every getter reports a wrong type as a
 * problem at the offending node ("'port' must be …, not a list") and returns empty, so the
 * shape step can go on and find the next mistake.
 */
final class FieldReader {
    /** Variables Switchboard sets itself, so a stack may not. */
    static final Set<String> RESERVED_ENV = Set.of("SWITCHBOARD_STACK", "SWITCHBOARD_PROCESS", "SWITCHBOARD_READY_FILE");

    private final Problems problems;

    FieldReader(Problems problems) {
        this.problems = problems;
    }

    Problems problems() {
        return problems;
    }

    /**
     * The entries of {@code map} by name, after reporting every key not in {@code known}
     * (with the closest known name) unless {@code ignored} accepts it.
     */
    Map<String, Entry> fields(Mapping map, Set<String> known, String owner, Predicate<String> ignored) {
        Map<String, Entry> fields = new LinkedHashMap<>();
        for (Entry e : map.entries()) {
            if (known.contains(e.name())) {
                fields.put(e.name(), e);
            } else if (!ignored.test(e.name())) {
                String hint = Suggestions.closest(e.name(), known)
                        .map(c -> " — did you mean '" + c + "'?")
                        .orElse(" (" + owner + " takes: " + String.join(", ", known) + ")");
                problems.add(e.key(), "unknown field '" + e.name() + "'" + hint);
            }
        }
        return fields;
    }

    Map<String, Entry> fields(Mapping map, Set<String> known, String owner) {
        return fields(map, known, owner, name -> false);
    }

    /** Reports that {@code e}'s value is not {@code expected}. */
    void wrongType(Entry e, String expected) {
        problems.add(e.valueWhere(), "'" + e.name() + "' must be " + expected + ", not " + e.value().describe());
    }

    /** A string value (quoted or not); numbers and booleans are a type error. */
    Optional<Scalar> string(Entry e) {
        if (e.value() instanceof Scalar s && s.kind() == Kind.STRING) {
            return Optional.of(s);
        }
        wrongType(e, "a string");
        return Optional.empty();
    }

    /** A non-empty string value. */
    Optional<Scalar> nonEmptyString(Entry e) {
        Optional<Scalar> s = string(e);
        if (s.isPresent() && s.get().text().isBlank()) {
            problems.add(e.valueWhere(), "'" + e.name() + "' is empty");
            return Optional.empty();
        }
        return s;
    }

    Optional<Boolean> bool(Entry e) {
        if (e.value() instanceof Scalar s && s.kind() == Kind.BOOLEAN) {
            return Optional.of(Boolean.parseBoolean(s.text().toLowerCase(java.util.Locale.ROOT)));
        }
        wrongType(e, "true or false");
        return Optional.empty();
    }

    Optional<Mapping> map(Entry e, String expected) {
        if (e.value() instanceof Mapping m) {
            return Optional.of(m);
        }
        wrongType(e, expected);
        return Optional.empty();
    }

    Optional<Sequence> list(Entry e, String expected) {
        if (e.value() instanceof Sequence s) {
            return Optional.of(s);
        }
        wrongType(e, expected);
        return Optional.empty();
    }

    /** A duration such as {@code 20s}; {@code positive} rejects zero. */
    Optional<Duration> duration(Entry e, boolean positive) {
        if (!(e.value() instanceof Scalar s) || s.kind() == Kind.NULL || s.kind() == Kind.BOOLEAN) {
            wrongType(e, "a duration like 500ms, 20s, 2m or 1m30s");
            return Optional.empty();
        }
        try {
            Duration d = Durations.parse(s.text());
            if (positive && d.isZero()) {
                problems.add(s, "'" + e.name() + "' must be longer than 0s");
                return Optional.empty();
            }
            return Optional.of(d);
        } catch (IllegalArgumentException ex) {
            problems.add(s, "bad duration for '" + e.name() + "': " + ex.getMessage());
            return Optional.empty();
        }
    }

    /** A TCP port number from 1 to 65535. */
    Optional<Integer> port(Entry e) {
        if (e.value() instanceof Scalar s && s.kind() == Kind.NUMBER) {
            Optional<Integer> port = parsePort(s.text());
            if (port.isPresent()) {
                return port;
            }
        }
        wrongType(e, "a number from 1 to 65535");
        return Optional.empty();
    }

    static Optional<Integer> parsePort(String text) {
        if (!text.matches("\\d{1,5}")) {
            return Optional.empty();
        }
        int port = Integer.parseInt(text);
        return port >= 1 && port <= 65535 ? Optional.of(port) : Optional.empty();
    }

    /** A list of words (strings, numbers or booleans taken as written), such as argv. */
    Optional<List<String>> words(Entry e) {
        if (!(e.value() instanceof Sequence seq)) {
            wrongType(e, "a list");
            return Optional.empty();
        }
        List<String> words = new ArrayList<>();
        boolean ok = true;
        for (YamlNode item : seq.items()) {
            if (item instanceof Scalar s && s.isText()) {
                words.add(s.text());
            } else {
                problems.add(item, "each item of '" + e.name() + "' must be a string, not " + item.describe());
                ok = false;
            }
        }
        return ok ? Optional.of(words) : Optional.empty();
    }

    /**
     * A command written as a list (argv) or as a string split like a shell does. Split errors point
     * at the offending character when the string sits on one line.
     */
    Optional<List<String>> command(Entry e) {
        if (e.value() instanceof Sequence) {
            return words(e).filter(w -> notEmpty(e, w));
        }
        if (!(e.value() instanceof Scalar s) || s.kind() != Kind.STRING) {
            wrongType(e, "a string or a list");
            return Optional.empty();
        }
        try {
            return Optional.of(ShellWords.split(s.text())).filter(w -> notEmpty(e, w));
        } catch (ShellWords.SplitException ex) {
            problems.add(columnIn(s, ex.index()), "bad '" + e.name() + "': " + ex.getMessage());
            return Optional.empty();
        }
    }

    private boolean notEmpty(Entry e, List<String> words) {
        if (words.isEmpty()) {
            problems.add(e.valueWhere(), "'" + e.name() + "' is empty");
            return false;
        }
        return true;
    }

    /** The location of character {@code index} of a scalar's text, exact for single-line scalars. */
    static SourceLocation columnIn(Scalar s, int index) {
        if (s.text().indexOf('\n') >= 0) {
            return s.where();
        }
        int opening = s.quoted() ? 1 : 0;
        SourceLocation w = s.where();
        return new SourceLocation(w.file(), w.line(), w.column() + opening + index);
    }

    /** A map of environment variables; values may be strings, numbers or booleans. */
    Map<String, String> env(Entry e) {
        Map<String, String> env = new LinkedHashMap<>();
        map(e, "a map of NAME: value").ifPresent(m -> m.entries().forEach(v -> {
            if (!DotEnv.NAME.matcher(v.name()).matches()) {
                problems.add(v.key(), "'" + v.name() + "' is not a valid environment variable name"
                        + " (letters, digits and '_', not starting with a digit)");
            } else if (RESERVED_ENV.contains(v.name())) {
                problems.add(v.key(), "'" + v.name() + "' is set by Switchboard itself; choose another name");
            } else if (v.value() instanceof Scalar s && s.isText()) {
                env.put(v.name(), s.text());
            } else {
                problems.add(v.valueWhere(), "the value of '" + v.name() + "' must be a string, number or"
                        + " true/false, not " + v.value().describe() + (v.value() instanceof Scalar
                        ? " (write '' for an empty value)" : ""));
            }
        }));
        return env;
    }
}
