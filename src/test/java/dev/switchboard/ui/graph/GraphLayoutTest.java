package dev.switchboard.ui.graph;

import dev.switchboard.model.Condition;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GraphLayoutTest {

    private static GraphLayout.Node node(String name, String group, String... deps) {
        return new GraphLayout.Node(name, Arrays.stream(deps).map(d -> new GraphLayout.Edge(d, Condition.READY)).toList(), group);
    }

    @Test
    void dependenciesAreLaidOutLeftOfTheirDependents() {
        GraphLayout.Result r = GraphLayout.layout(List.of(
                node("hub", null), node("stt", "g1", "hub"), node("tts", "g1", "hub"),
                node("model", null), node("worker", null, "stt", "tts", "model")));
        Map<String, GraphLayout.Point> p = r.nodes();
        assertEquals(3, r.layers());
        assertEquals(p.get("hub").x(), p.get("model").x());
        assertTrue(p.get("stt").x() > p.get("hub").x());
        assertEquals(p.get("stt").x(), p.get("tts").x());
        assertTrue(p.get("worker").x() > p.get("stt").x());
        assertEquals(5, r.routes().size());
    }

    @Test
    void anEdgeSkippingLayersBendsAroundTheLayersBetween() {
        GraphLayout.Result r = GraphLayout.layout(List.of(node("a", null), node("b", null, "a"),
                node("c", null, "b"), node("d", null, "a", "c")));
        GraphLayout.Route skip = r.routes().stream().filter(e -> e.from().equals("a") && e.to().equals("d"))
                .findFirst().orElseThrow();
        assertEquals(6, skip.points().size(), "start, two bends per skipped layer, end: " + skip.points());
        assertEquals(r.nodes().get("a").x() + GraphLayout.NODE_W, skip.points().getFirst().x());
        assertEquals(r.nodes().get("d").x(), skip.points().getLast().x());
    }

    @Test
    void aParallelGroupGetsOneBackdropAroundAllItsMembers() {
        GraphLayout.Result r = GraphLayout.layout(List.of(node("hub", null), node("x", null, "hub"),
                node("stt", "g", "hub"), node("y", null, "hub"), node("tts", "g", "hub")));
        assertEquals(1, r.groups().size());
        GraphLayout.Box box = r.groups().getFirst();
        for (String member : List.of("stt", "tts")) {
            GraphLayout.Point p = r.nodes().get(member);
            assertTrue(p.y() >= box.y() && p.y() + GraphLayout.NODE_H <= box.y() + box.height(), member + " inside");
        }
        for (String other : List.of("x", "y")) {
            GraphLayout.Point p = r.nodes().get(other);
            boolean outside = p.y() + GraphLayout.NODE_H <= box.y() || p.y() >= box.y() + box.height();
            assertTrue(outside, other + " is not a member and stays outside the backdrop");
        }
    }

    @Test
    void aHundredProcessesLayOutQuicklyWithoutOverlaps() {
        List<GraphLayout.Node> nodes = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            List<String> deps = new ArrayList<>();
            if (i >= 10) {
                deps.add("p" + (i - 10));
                deps.add("p" + (i * 7 % Math.max(1, i - 10)));
            }
            nodes.add(node("p" + i, i % 10 < 3 && i >= 10 ? "g" + (i / 10) : null, deps.toArray(String[]::new)));
        }
        long start = System.nanoTime();
        GraphLayout.Result r = GraphLayout.layout(nodes);
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms < 2_000, "took " + ms + " ms");
        assertEquals(100, r.nodes().size());
        Map<Double, List<GraphLayout.Point>> columns = new java.util.HashMap<>();
        r.nodes().values().forEach(p -> columns.computeIfAbsent(p.x(), x -> new ArrayList<>()).add(p));
        columns.values().forEach(col -> {
            col.sort(Comparator.comparingDouble(GraphLayout.Point::y));
            for (int i = 1; i < col.size(); i++) {
                assertTrue(col.get(i).y() - col.get(i - 1).y() >= GraphLayout.NODE_H, "no overlap in a column");
            }
        });
    }

    @Test
    void crossingsAreRemovedWhenAnOrderWithoutThemExists() {
        // file order would cross: a->d, b->c
        GraphLayout.Result r = GraphLayout.layout(List.of(node("a", null), node("b", null),
                node("c", null, "b"), node("d", null, "a")));
        boolean aAboveB = r.nodes().get("a").y() < r.nodes().get("b").y();
        boolean dAboveC = r.nodes().get("d").y() < r.nodes().get("c").y();
        assertEquals(aAboveB, dAboveC);
    }
}
