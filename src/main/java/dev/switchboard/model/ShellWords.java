package dev.switchboard.model;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits a command string into words the way a POSIX shell does, without expanding anything
 * ({@code $HOME}, {@code *} and {@code ~} stay as written), and quotes words back for display.
 */
public final class ShellWords {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private ShellWords() {
    }

    /** A command string that cannot be split; {@code index} is the offending character's position. */
    public static final class SplitException extends IllegalArgumentException {
        private final int index;

        SplitException(String message, int index) {
            super(message);
            this.index = index;
        }

        /** Position (0-based) in the command string of the character the message is about. */
        public int index() {
            return index;
        }
    }

    /**
     * Splits {@code command}: single quotes keep everything literal; double quotes keep everything
     * but {@code \" \\ \$ \`} escapes; outside quotes a backslash escapes the next character.
     *
     * @throws SplitException for an unterminated quote or a trailing backslash
     */
    public static List<String> split(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        int n = command.length();
        while (i < n) {
            char c = command.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
            } else if (c == '\'') {
                int close = command.indexOf('\'', i + 1);
                if (close < 0) {
                    throw new SplitException("unterminated single quote", i);
                }
                word.append(command, i + 1, close);
                inWord = true;
                i = close + 1;
            } else if (c == '"') {
                i = doubleQuoted(command, i, word);
                inWord = true;
            } else if (c == '\\') {
                if (i + 1 >= n) {
                    throw new SplitException("a backslash at the end escapes nothing", i);
                }
                if (command.charAt(i + 1) != '\n') {
                    word.append(command.charAt(i + 1));
                    inWord = true;
                }
                i += 2;
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /** Appends the double-quoted string starting at {@code open}; returns the index after the closing quote. */
    private static int doubleQuoted(String command, int open, StringBuilder word) {
        int i = open + 1;
        while (i < command.length()) {
            char c = command.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\' && i + 1 < command.length()) {
                char next = command.charAt(i + 1);
                if (next == '"' || next == '\\' || next == '$' || next == '`') {
                    word.append(next);
                    i += 2;
                    continue;
                }
                if (next == '\n') {
                    i += 2;
                    continue;
                }
            }
            word.append(c);
            i++;
        }
        throw new SplitException("unterminated double quote", open);
    }

    /** Quotes a word for a POSIX shell only when it needs it. */
    public static String quote(String word) {
        if (SAFE.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** Joins words into one line a shell would split back into the same words. */
    public static String join(List<String> words) {
        return String.join(" ", words.stream().map(ShellWords::quote).toList());
    }
}
