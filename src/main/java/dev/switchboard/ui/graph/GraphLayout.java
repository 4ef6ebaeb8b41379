package dev.switchboard.ui.graph;

import dev.switchboard.model.Condition;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A layered left-to-right layout of a dependency graph (the Sugiyama scheme, kept small):
 * longest-path layering, dummy nodes on edges that skip layers, barycentre sweeps to reduce
 * crossings (members of a parallel group kept together), then vertical placement that pulls each node
 * towards its neighbours. Pure computation, no JavaFX.
 */
public final class GraphLayout {
    /** Width and height of a process box. */
    public static final double NODE_W = 176;
    public static final double NODE_H = 58;
    private static final double LAYER_GAP = 70;
    private static final double NODE_GAP = 30;
    private static final double DUMMY_H = 10;
    private static final int SWEEPS = 12;

    private GraphLayout() {
    }

    /** A process to place: its dependencies and its parallel group (null when not in one). */
    public record Node(String name, List<Edge> dependsOn, String group) {
        public Node {
            dependsOn = List.copyOf(dependsOn);
        }
    }

    /** A dependency of a node: wait for {@code name} to reach {@code condition}. */
    public record Edge(String name, Condition condition) {
    }

    /** A point on the canvas. */
    public record Point(double x, double y) {
    }

    /** Where an edge runs: from the dependency's right side through bends to the dependent's left side. */
    public record Route(String from, String to, Condition condition, List<Point> points) {
    }

    /** A rectangle around the members of a parallel group. */
    public record Box(String group, double x, double y, double width, double height) {
    }

    /** The computed layout: top-left corner of each node, edge routes, group boxes and the total size. */
    public record Result(Map<String, Point> nodes, List<Route> routes, List<Box> groups, int layers,
                         double width, double height) {
    }

    private static final class Vertex {
        final String name;
        final boolean dummy;
        final String group;
        final int index;
        int layer;
        double key;
        double y;
        final List<Vertex> up = new ArrayList<>();
        final List<Vertex> down = new ArrayList<>();

        Vertex(String name, boolean dummy, String group, int index) {
            this.name = name;
            this.dummy = dummy;
            this.group = group;
            this.index = index;
        }

        double height() {
            return dummy ? DUMMY_H : NODE_H;
        }
    }

    /** Lays out the nodes (in file order). Dependencies on unknown names are ignored. */
    public static Result layout(List<Node> nodes) {
        Map<String, Vertex> vertices = new LinkedHashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            vertices.put(n.name(), new Vertex(n.name(), false, n.group(), i));
        }
        Map<String, Node> byName = new HashMap<>();
        nodes.forEach(n -> byName.put(n.name(), n));
        Map<String, Integer> layerOf = new HashMap<>();
        for (Node n : nodes) {
            layer(n.name(), byName, layerOf, 0);
        }
        vertices.values().forEach(v -> v.layer = layerOf.get(v.name));
        int layerCount = vertices.values().stream().mapToInt(v -> v.layer).max().orElse(-1) + 1;

        // edges, split by dummy vertices where they skip layers
        List<List<Vertex>> chains = new ArrayList<>();
        List<Route> pending = new ArrayList<>();
        int dummyIndex = nodes.size();
        for (Node n : nodes) {
            Vertex to = vertices.get(n.name());
            for (Edge e : n.dependsOn()) {
                Vertex from = vertices.get(e.name());
                if (from == null || from == to) {
                    continue;
                }
                List<Vertex> chain = new ArrayList<>();
                chain.add(from);
                for (int l = from.layer + 1; l < to.layer; l++) {
                    Vertex d = new Vertex(from.name + "→" + to.name + "#" + l, true, null, dummyIndex++);
                    d.layer = l;
                    chain.add(d);
                }
                chain.add(to);
                for (int k = 0; k + 1 < chain.size(); k++) {
                    chain.get(k).down.add(chain.get(k + 1));
                    chain.get(k + 1).up.add(chain.get(k));
                }
                chains.add(chain);
                pending.add(new Route(from.name, to.name, e.condition(), List.of()));
            }
        }

        List<List<Vertex>> layers = new ArrayList<>();
        for (int l = 0; l < layerCount; l++) {
            layers.add(new ArrayList<>());
        }
        vertices.values().forEach(v -> layers.get(v.layer).add(v));
        chains.forEach(c -> c.subList(1, c.size() - 1).forEach(d -> layers.get(d.layer).add(d)));
        layers.forEach(layer -> layer.sort(Comparator.comparingInt(v -> v.index)));

        order(layers);
        place(layers);

        Map<String, Point> placed = new LinkedHashMap<>();
        double height = 0;
        for (List<Vertex> layer : layers) {
            for (Vertex v : layer) {
                height = Math.max(height, v.y + v.height());
                if (!v.dummy) {
                    placed.put(v.name, new Point(x(v.layer), v.y));
                }
            }
        }
        List<Route> routes = new ArrayList<>();
        for (int i = 0; i < chains.size(); i++) {
            List<Vertex> chain = chains.get(i);
            List<Point> points = new ArrayList<>();
            Vertex first = chain.getFirst();
            points.add(new Point(x(first.layer) + NODE_W, first.y + NODE_H / 2));
            for (Vertex d : chain.subList(1, chain.size() - 1)) {
                points.add(new Point(x(d.layer), d.y + DUMMY_H / 2));
                points.add(new Point(x(d.layer) + NODE_W, d.y + DUMMY_H / 2));
            }
            Vertex last = chain.getLast();
            points.add(new Point(x(last.layer), last.y + NODE_H / 2));
            Route r = pending.get(i);
            routes.add(new Route(r.from(), r.to(), r.condition(), points));
        }
        double width = layerCount == 0 ? 0 : x(layerCount - 1) + NODE_W;
        return new Result(placed, routes, groupBoxes(nodes, placed), layerCount, width, height);
    }

    private static double x(int layer) {
        return layer * (NODE_W + LAYER_GAP);
    }

    /** Longest path from a node without dependencies; a cycle (never in a valid file) is cut. */
    private static int layer(String name, Map<String, Node> nodes, Map<String, Integer> memo, int depth) {
        Integer known = memo.get(name);
        if (known != null) {
            return known;
        }
        memo.put(name, 0);
        int l = 0;
        if (depth < nodes.size()) {
            for (Edge e : nodes.get(name).dependsOn()) {
                if (nodes.containsKey(e.name()) && !e.name().equals(name)) {
                    l = Math.max(l, layer(e.name(), nodes, memo, depth + 1) + 1);
                }
            }
        }
        memo.put(name, l);
        return l;
    }

    /** Barycentre sweeps down and up, keeping the ordering with the fewest crossings. */
    private static void order(List<List<Vertex>> layers) {
        // one pass even without crossings, so parallel groups end up side by side
        for (int l = 0; l < layers.size(); l++) {
            sortByBarycentre(layers.get(l), l == 0 ? List.of() : layers.get(l - 1), true);
        }
        List<List<Vertex>> best = copy(layers);
        long bestCrossings = crossings(layers);
        for (int sweep = 0; sweep < SWEEPS && bestCrossings > 0; sweep++) {
            boolean downward = sweep % 2 == 0;
            if (downward) {
                for (int l = 1; l < layers.size(); l++) {
                    sortByBarycentre(layers.get(l), layers.get(l - 1), true);
                }
            } else {
                for (int l = layers.size() - 2; l >= 0; l--) {
                    sortByBarycentre(layers.get(l), layers.get(l + 1), false);
                }
            }
            long c = crossings(layers);
            if (c < bestCrossings) {
                bestCrossings = c;
                best = copy(layers);
            }
        }
        for (int l = 0; l < layers.size(); l++) {
            layers.get(l).clear();
            layers.get(l).addAll(best.get(l));
        }
    }

    private static void sortByBarycentre(List<Vertex> layer, List<Vertex> fixed, boolean fromAbove) {
        Map<Vertex, Integer> pos = new HashMap<>();
        for (int i = 0; i < fixed.size(); i++) {
            pos.put(fixed.get(i), i);
        }
        for (int i = 0; i < layer.size(); i++) {
            Vertex v = layer.get(i);
            List<Vertex> neighbours = fromAbove ? v.up : v.down;
            v.key = neighbours.isEmpty() ? i
                    : neighbours.stream().mapToInt(pos::get).average().orElse(i);
        }
        // members of one parallel group share their mean key and their first member's place, so they
        // stay side by side; ties keep the current order
        Map<String, double[]> groups = new HashMap<>();
        for (int i = 0; i < layer.size(); i++) {
            Vertex v = layer.get(i);
            if (v.group != null) {
                double[] acc = groups.computeIfAbsent(v.group, g -> new double[]{0, 0, Double.MAX_VALUE});
                acc[0] += v.key;
                acc[1]++;
                acc[2] = Math.min(acc[2], i);
            }
        }
        Map<Vertex, double[]> sortKey = new HashMap<>();
        for (int i = 0; i < layer.size(); i++) {
            Vertex v = layer.get(i);
            double[] acc = v.group == null ? null : groups.get(v.group);
            sortKey.put(v, acc == null ? new double[]{v.key, i, i} : new double[]{acc[0] / acc[1], acc[2], i});
        }
        layer.sort(Comparator.comparingDouble((Vertex v) -> sortKey.get(v)[0])
                .thenComparingDouble(v -> sortKey.get(v)[1])
                .thenComparingDouble(v -> sortKey.get(v)[2]));
    }

    private static long crossings(List<List<Vertex>> layers) {
        long total = 0;
        for (int l = 0; l + 1 < layers.size(); l++) {
            Map<Vertex, Integer> pos = new HashMap<>();
            List<Vertex> next = layers.get(l + 1);
            for (int i = 0; i < next.size(); i++) {
                pos.put(next.get(i), i);
            }
            List<int[]> edges = new ArrayList<>();
            List<Vertex> layer = layers.get(l);
            for (int i = 0; i < layer.size(); i++) {
                for (Vertex w : layer.get(i).down) {
                    edges.add(new int[]{i, pos.get(w)});
                }
            }
            for (int a = 0; a < edges.size(); a++) {
                for (int b = a + 1; b < edges.size(); b++) {
                    int[] e = edges.get(a);
                    int[] f = edges.get(b);
                    if ((e[0] - f[0]) * (long) (e[1] - f[1]) < 0) {
                        total++;
                    }
                }
            }
        }
        return total;
    }

    private static List<List<Vertex>> copy(List<List<Vertex>> layers) {
        return layers.stream().map(l -> (List<Vertex>) new ArrayList<>(l)).toList();
    }

    /** Stacks each layer, then pulls nodes towards the mean height of their neighbours, keeping order and gaps. */
    private static void place(List<List<Vertex>> layers) {
        for (List<Vertex> layer : layers) {
            double y = 0;
            for (Vertex v : layer) {
                v.y = y;
                y += v.height() + NODE_GAP;
            }
        }
        for (int pass = 0; pass < 8; pass++) {
            boolean downward = pass % 2 == 0;
            int from = downward ? 1 : layers.size() - 2;
            int step = downward ? 1 : -1;
            for (int l = from; l >= 0 && l < layers.size(); l += step) {
                List<Vertex> layer = layers.get(l);
                double[] wanted = new double[layer.size()];
                for (int i = 0; i < layer.size(); i++) {
                    Vertex v = layer.get(i);
                    List<Vertex> n = downward ? v.up : v.down;
                    wanted[i] = n.isEmpty() ? v.y + v.height() / 2
                            : n.stream().mapToDouble(w -> w.y + w.height() / 2).average().orElse(0);
                    wanted[i] -= v.height() / 2;
                }
                pack(layer, wanted);
            }
        }
        double top = layers.stream().flatMap(List::stream).mapToDouble(v -> v.y).min().orElse(0);
        layers.forEach(layer -> layer.forEach(v -> v.y -= top));
    }

    /** Places the layer as close to the wanted tops as order and gaps allow (pool-adjacent blocks). */
    private static void pack(List<Vertex> layer, double[] wanted) {
        int n = layer.size();
        // blocks of consecutive vertices that touch; each block sits at the mean of what its members want
        List<int[]> blocks = new ArrayList<>();
        List<Double> blockTop = new ArrayList<>();
        double[] offset = new double[n];
        for (int i = 0; i < n; i++) {
            offset[i] = i == 0 ? 0 : offset[i - 1] + layer.get(i - 1).height() + NODE_GAP;
        }
        for (int i = 0; i < n; i++) {
            blocks.add(new int[]{i, i});
            blockTop.add(wanted[i] - offset[i]);
            // members of one parallel group always touch, so their backdrop holds only them
            boolean sameGroup = i > 0 && layer.get(i).group != null && layer.get(i).group.equals(layer.get(i - 1).group);
            while (blocks.size() > 1) {
                int last = blocks.size() - 1;
                if (!sameGroup && blockTop.get(last - 1) <= blockTop.get(last)) {
                    break;
                }
                sameGroup = false;
                int[] a = blocks.get(last - 1);
                int[] b = blocks.remove(last);
                blockTop.remove(last);
                a[1] = b[1];
                double sum = 0;
                for (int k = a[0]; k <= a[1]; k++) {
                    sum += wanted[k] - offset[k];
                }
                blockTop.set(last - 1, sum / (a[1] - a[0] + 1));
            }
        }
        for (int b = 0; b < blocks.size(); b++) {
            for (int k = blocks.get(b)[0]; k <= blocks.get(b)[1]; k++) {
                layer.get(k).y = blockTop.get(b) + offset[k];
            }
        }
    }

    private static List<Box> groupBoxes(List<Node> nodes, Map<String, Point> placed) {
        Map<String, double[]> bounds = new LinkedHashMap<>();
        Map<String, Integer> members = new HashMap<>();
        double pad = 8;
        double caption = 12;
        for (Node n : nodes) {
            if (n.group() == null) {
                continue;
            }
            Point p = placed.get(n.name());
            // one backdrop per group and layer: members placed in different layers never span other nodes
            String key = n.group() + "@" + (long) p.x();
            double[] b = bounds.computeIfAbsent(key, g -> new double[]{Double.MAX_VALUE, Double.MAX_VALUE,
                    -Double.MAX_VALUE, -Double.MAX_VALUE});
            b[0] = Math.min(b[0], p.x() - pad);
            b[1] = Math.min(b[1], p.y() - pad - caption);
            b[2] = Math.max(b[2], p.x() + NODE_W + pad);
            b[3] = Math.max(b[3], p.y() + NODE_H + pad);
            members.merge(key, 1, Integer::sum);
        }
        List<Box> boxes = new ArrayList<>();
        bounds.forEach((g, b) -> {
            if (members.get(g) > 1) {
                boxes.add(new Box(g.substring(0, g.lastIndexOf('@')), b[0], b[1], b[2] - b[0], b[3] - b[1]));
            }
        });
        return boxes;
    }
}
