package dev.switchboard.model;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DotEnvTest {
    private final List<String> problems = new ArrayList<>();

    private Map<String, String> parse(String text) {
        return DotEnv.parse(text, (line, column, message) -> problems.add(line + ":" + column + " " + message));
    }

    @Test
    void readsPlainExportedQuotedAndCommentedLines() {
        Map<String, String> env = parse("""
                # a comment
                PLAIN=value with spaces   # trailing comment
                export EXPORTED=1

                SINGLE='$NOT #expanded'
                DOUBLE="line\\nnext \\"q\\" \\\\ \\$X"
                EMPTY=
                HASH=a#b
                """);

        assertEquals(Map.of("PLAIN", "value with spaces", "EXPORTED", "1", "SINGLE", "$NOT #expanded",
                "DOUBLE", "line\nnext \"q\" \\ $X", "EMPTY", "", "HASH", "a#b"), env);
        assertEquals(List.of(), problems);
    }

    @Test
    void laterLinesWin() {
        assertEquals(Map.of("A", "2"), parse("A=1\nA=2\n"));
    }

    @Test
    void reportsEachBadLineWithItsColumnAndKeepsTheRest() {
        Map<String, String> env = parse("OK=1\n  no equals\n1BAD=x\nQ='open\nR=\"x\" tail\n");

        assertEquals(Map.of("OK", "1"), env);
        assertEquals(List.of(
                "2:3 expected KEY=VALUE",
                "3:1 '1BAD' is not a valid variable name (letters, digits and '_', not starting with a digit)",
                "4:3 unterminated single quote",
                "5:7 unexpected text after the closing quote"), problems);
    }
}
