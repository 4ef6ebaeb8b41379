package dev.switchboard.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The graph the loader builds from the sequence rule and depends_on, and what the engine asks of it. */
class DependencyGraphTest {
    @TempDir
    Path dir;

    private DependencyGraph graphOf(String yaml) throws StackFileException {
        return new StackFiles(dir).load(yaml).graph();
    }

    private static Dependency ready(String name) {
        return new Dependency(name, Condition.READY);
    }

    @Test
    void serialItemsFormAChain() throws Exception {
        DependencyGraph g = graphOf("""
                processes:
                  - {name: hub, command: run}
                  - {name: worker, command: run}
                  - {name: ui, command: run}
                """);

        assertEquals(List.of(List.of("hub"), List.of("worker"), List.of("ui")), g.startLevels());
        assertEquals(List.of(ready("hub")), g.dependenciesOf("worker"));
        assertEquals(List.of(ready("worker")), g.dependenciesOf("ui"));
    }

    @Test
    void parallelGroupBetweenSerialItemsStartsTogetherAndIsAwaitedAsAWhole() throws Exception {
        DependencyGraph g = graphOf("""
                processes:
                  - {name: hub, command: run}
                  - parallel:
                      - {name: stt, command: run}
                      - {name: tts, command: run}
                  - {name: worker, command: run}
                """);

        assertEquals(List.of(List.of("hub"), List.of("stt", "tts"), List.of("worker")), g.startLevels());
        assertEquals(List.of(ready("hub")), g.dependenciesOf("tts"));
        assertEquals(List.of(ready("stt"), ready("tts")), g.dependenciesOf("worker"));
        assertEquals(List.of(List.of("worker"), List.of("stt", "tts"), List.of("hub")), g.stopLevels());
    }

    @Test
    void explicitDependsOnReplacesTheSequenceRuleWithEachCondition() throws Exception {
        DependencyGraph g = graphOf("""
                processes:
                  - {name: migrate, command: run, ready: exited}
                  - {name: db, command: run, depends_on: []}
                  - {name: api, command: run, depends_on: {migrate: completed, db: ready}}
                  - {name: tail, command: run, depends_on: {api: started}}
                  - {name: worker, command: run, depends_on: [db, api]}
                """);

        assertEquals(List.of(), g.dependenciesOf("db"), "an empty depends_on means: start at once");
        assertEquals(List.of(new Dependency("migrate", Condition.COMPLETED), ready("db")), g.dependenciesOf("api"));
        assertEquals(List.of(new Dependency("api", Condition.STARTED)), g.dependenciesOf("tail"));
        assertEquals(List.of(ready("db"), ready("api")), g.dependenciesOf("worker"));
        assertEquals(List.of(List.of("migrate", "db"), List.of("api"), List.of("tail", "worker")), g.startLevels());
    }

    @Test
    void disabledProcessIsSkippedByTheSequenceRule() throws Exception {
        DependencyGraph g = graphOf("""
                processes:
                  - {name: hub, command: run}
                  - parallel:
                      - {name: stt, command: run, enabled: false}
                      - {name: tts, command: run, enabled: false}
                  - {name: worker, command: run}
                """);

        assertEquals(List.of("hub", "worker"), g.nodes());
        assertEquals(List.of(ready("hub")), g.dependenciesOf("worker"));
    }

    @Test
    void levelsKeepFileOrderEvenWhenALaterProcessIsADependency() {
        Map<String, List<Dependency>> nodes = new LinkedHashMap<>();
        nodes.put("a", List.of(ready("c")));
        nodes.put("b", List.of());
        nodes.put("c", List.of());

        DependencyGraph g = DependencyGraph.of(nodes);

        assertEquals(List.of(List.of("b", "c"), List.of("a")), g.startLevels());
    }

    @Test
    void closuresFollowEdgesTransitivelyInStartOrder() throws Exception {
        DependencyGraph g = graphOf("""
                processes:
                  - {name: hub, command: run}
                  - parallel:
                      - {name: stt, command: run}
                      - {name: tts, command: run}
                  - {name: worker, command: run, depends_on: [stt]}
                  - {name: other, command: run, depends_on: []}
                """);

        assertEquals(List.of("hub", "stt", "worker"), g.withDependencies("worker"));
        assertEquals(List.of("hub", "stt", "tts", "worker"), g.withDependents("hub"));
        assertEquals(List.of("tts"), g.withDependents("tts"));
        assertEquals(List.of("other"), g.withDependencies("other"));
        assertEquals(List.of(), g.withDependencies("nobody"));
        assertEquals(List.of("stt", "tts"), g.dependentsOf("hub"));
    }

    @Test
    void findsACycleInOrderAndRefusesLevelsForIt() {
        Map<String, List<Dependency>> nodes = new LinkedHashMap<>();
        nodes.put("a", List.of(ready("b")));
        nodes.put("b", List.of(ready("c")));
        nodes.put("c", List.of(ready("a")));
        nodes.put("d", List.of());

        DependencyGraph g = DependencyGraph.of(nodes);

        assertEquals(Optional.of(List.of("a", "b", "c", "a")), g.findCycle());
        assertThrows(IllegalStateException.class, g::startLevels);
    }

    @Test
    void aProcessThatDependsOnItselfIsACycle() {
        DependencyGraph g = DependencyGraph.of(Map.of("a", List.of(ready("a"))));

        assertEquals(Optional.of(List.of("a", "a")), g.findCycle());
    }

    @Test
    void dependentsAreListedOnceEvenIfAnEdgeRepeats() {
        Map<String, List<Dependency>> nodes = new LinkedHashMap<>();
        nodes.put("a", List.of());
        nodes.put("b", List.of(ready("a"), new Dependency("a", Condition.STARTED)));

        assertEquals(List.of("b"), DependencyGraph.of(nodes).dependentsOf("a"));
    }
}
