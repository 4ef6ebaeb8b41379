package dev.switchboard.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Files that are hostile or not stack files at all fail fast with one clear problem. */
class StackLoaderLimitsTest {
    @TempDir
    Path dir;

    private String only(String yaml) {
        List<Problem> problems = new StackFiles(dir).problems(yaml);
        assertEquals(1, problems.size(), problems::toString);
        Problem p = problems.getFirst();
        return p.where().line() + ":" + p.where().column() + " " + p.message();
    }

    @Test
    void billionLaughsStopsAtTheAliasThatExpandsTooFar() {
        String yaml = """
                x-a: &a [x, x, x, x, x, x, x, x, x, x]
                x-b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
                x-c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
                x-d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
                x-e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
                processes: [{name: a, command: run}]
                """;

        // keys and lists before the *d's make 12351 nodes and each *d adds 11111: the 8th (column 38) passes 100000
        String problem = assertTimeoutPreemptively(java.time.Duration.ofSeconds(10), () -> only(yaml));

        assertEquals("5:38 the file expands to more than 100000 YAML nodes through aliases;"
                + " write the values out instead", problem);
    }

    @Test
    void moreThanFiftyAliasesOfCollectionsAreRefused() {
        String yaml = "x-0: &a0 [x]\n" + IntStream.rangeClosed(1, 60)
                .mapToObj(i -> "x-" + i + ": &a" + i + " [*a" + (i - 1) + "]")
                .collect(Collectors.joining("\n")) + "\nprocesses: [{name: a, command: run}]\n";

        assertEquals("52:13 too many aliases: more than 50 aliases of lists or maps; write the values out instead",
                only(yaml));
    }

    @Test
    void recursiveAliasIsReportedAtTheAlias() {
        assertEquals("2:5 this alias refers to a list or map that contains it; recursive structures are not allowed",
                only("processes: &p\n  - *p\n"));
    }

    @Test
    void fileOverOneMebibyteIsRefusedBeforeParsing() throws Exception {
        Path big = dir.resolve("big.yaml");
        Files.writeString(big, "# " + "x".repeat(1024 * 1024) + "\n");

        List<Problem> problems = assertThrows(StackFileException.class, () -> StackLoader.load(big)).problems();

        assertEquals(List.of(big + ":1:1: the file is larger than 1 MiB (1048579 bytes); a stack file is a few KiB,"
                + " so this is probably the wrong file"), problems.stream().map(Problem::toString).toList());
    }

    @Test
    void missingFileIsOneProblem() {
        Path missing = dir.resolve("nope.yaml");

        List<Problem> problems = assertThrows(StackFileException.class, () -> StackLoader.load(missing)).problems();

        assertEquals(List.of(missing + ":1:1: cannot read the stack file: it does not exist"),
                problems.stream().map(Problem::toString).toList());
    }

    @Test
    void binaryFileIsNotUtf8() throws Exception {
        Path binary = dir.resolve("stack.yaml");
        Files.write(binary, new byte[] {'a', ':', ' ', (byte) 0xC3, (byte) 0x28});

        List<Problem> problems = assertThrows(StackFileException.class, () -> StackLoader.load(binary)).problems();

        assertEquals("the file is not UTF-8 text", problems.getFirst().message());
    }

    @Test
    void emptyFileAndNonMapFileSayWhatAStackNeeds() {
        assertEquals("1:1 the file is empty: a stack file needs at least 'processes'", only("# nothing\n"));
        assertEquals("1:1 a stack file must be a map with 'processes', not a list", only("- a\n- b\n"));
    }

    @Test
    void yamlOneOneWordsStayStringsSoOnIsNotABoolean() {
        assertEquals("3:14 'enabled' must be true or false, not the string 'no'",
                only("processes:\n  - {name: a, command: run,\n    enabled: no}\n"));
    }

    @Test
    void severalDocumentsAreASyntaxError() {
        assertEquals("2:1 YAML syntax error: expected a single document in the stream, but found another document",
                only("processes: [{name: a, command: run}]\n---\nprocesses: []\n"));
    }
}
