package dev.switchboard.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ShellWordsTest {
    @Test
    void splitsOnWhitespaceAndKeepsQuotedTextTogether() {
        assertEquals(List.of("a", "b c", "d e", "f"), ShellWords.split("  a 'b c'\t\"d e\"\nf "));
    }

    @Test
    void singleQuotesKeepEverythingLiteral() {
        assertEquals(List.of("$HOME \\\" `x`"), ShellWords.split("'$HOME \\\" `x`'"));
    }

    @Test
    void doubleQuotesUnescapeOnlyQuoteBackslashDollarAndBacktick() {
        assertEquals(List.of("\" \\ $ ` \\n"), ShellWords.split("\"\\\" \\\\ \\$ \\` \\n\""));
    }

    @Test
    void backslashOutsideQuotesEscapesTheNextCharacter() {
        assertEquals(List.of("a b", "'", "x"), ShellWords.split("a\\ b \\' \\x"));
    }

    @Test
    void nothingIsExpandedOrGlobbed() {
        assertEquals(List.of("$HOME", "*.txt", "~", "a;b", "$(id)"), ShellWords.split("$HOME *.txt ~ a;b $(id)"));
    }

    @Test
    void adjacentPartsJoinAndEmptyQuotesMakeAnEmptyWord() {
        assertEquals(List.of("ab c", ""), ShellWords.split("a'b 'c \"\""));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "echo 'abc      | 5 | unterminated single quote",
            "echo \"abc     | 5 | unterminated double quote",
            "echo a\\       | 6 | a backslash at the end escapes nothing"})
    void reportsWhereSplittingFails(String command, int index, String message) {
        ShellWords.SplitException e = assertThrows(ShellWords.SplitException.class, () -> ShellWords.split(command));

        assertEquals(index, e.index());
        assertEquals(message, e.getMessage());
    }

    @Test
    void quotesOnlyWordsThatNeedItAndRoundTrips() {
        List<String> words = List.of("uv", "--config", "/a/b.yaml", "it's", "a b", "", "$HOME");

        String line = ShellWords.join(words);

        assertEquals("uv --config /a/b.yaml 'it'\\''s' 'a b' '' '$HOME'", line);
        assertEquals(words, ShellWords.split(line));
    }
}
