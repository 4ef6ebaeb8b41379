package dev.switchboard.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a dotenv file: {@code KEY=VALUE} lines, an optional {@code export } prefix, {@code #}
 * comments, blank lines, and single- or double-quoted values. Nothing is expanded: {@code $X}
 * stays as written, as in a single-quoted shell string.
 */
final class DotEnv {
    /** Environment variable names the loader accepts, in stack files and dotenv files alike. */
    static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** Receives a problem at a 1-based line and column of the dotenv file. */
    interface ProblemSink {
        void problem(int line, int column, String message);
    }

    private DotEnv() {
    }

    /** Parses {@code text}, reporting each bad line and keeping the good ones (a later line wins). */
    static Map<String, String> parse(String text, ProblemSink problems) {
        Map<String, String> env = new LinkedHashMap<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int lineNo = i + 1;
            int start = skipBlanks(line, 0);
            if (start == line.length() || line.charAt(start) == '#') {
                continue;
            }
            if (line.startsWith("export ", start) || line.startsWith("export\t", start)) {
                start = skipBlanks(line, start + "export".length());
            }
            int eq = line.indexOf('=', start);
            if (eq < 0) {
                problems.problem(lineNo, start + 1, "expected KEY=VALUE");
                continue;
            }
            String key = line.substring(start, eq).strip();
            if (!NAME.matcher(key).matches()) {
                problems.problem(lineNo, start + 1, "'" + key + "' is not a valid variable name"
                        + " (letters, digits and '_', not starting with a digit)");
                continue;
            }
            try {
                env.put(key, value(line, skipBlanks(line, eq + 1)));
            } catch (ValueException e) {
                problems.problem(lineNo, e.column, e.getMessage());
            }
        }
        return env;
    }

    private static final class ValueException extends Exception {
        private final int column;

        ValueException(String message, int index) {
            super(message, null, false, false);
            this.column = index + 1;
        }
    }

    private static String value(String line, int start) throws ValueException {
        if (start >= line.length()) {
            return "";
        }
        char quote = line.charAt(start);
        if (quote != '\'' && quote != '"') {
            // an unquoted value ends at a comment: a '#' after whitespace
            String raw = line.substring(start);
            java.util.regex.Matcher comment = Pattern.compile("\\s#").matcher(raw);
            return (comment.find() ? raw.substring(0, comment.start()) : raw).strip();
        }
        StringBuilder value = new StringBuilder();
        int i = start + 1;
        while (i < line.length() && line.charAt(i) != quote) {
            char c = line.charAt(i);
            if (quote == '"' && c == '\\' && i + 1 < line.length()) {
                char next = line.charAt(++i);
                value.append(switch (next) {
                    case 'n' -> "\n";
                    case 't' -> "\t";
                    case 'r' -> "\r";
                    case '"', '\\', '$' -> String.valueOf(next);
                    default -> "\\" + next;
                });
            } else {
                value.append(c);
            }
            i++;
        }
        if (i >= line.length()) {
            throw new ValueException("unterminated " + (quote == '"' ? "double" : "single") + " quote", start);
        }
        String rest = line.substring(i + 1).strip();
        if (!rest.isEmpty() && !rest.startsWith("#")) {
            throw new ValueException("unexpected text after the closing quote", i + 1 + line.substring(i + 1).indexOf(rest));
        }
        return value.toString();
    }

    private static int skipBlanks(String line, int from) {
        int i = from;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }
}
