package dev.switchboard.ui.graph;

import dev.switchboard.model.Dependency;
import dev.switchboard.model.ProcessSpec;
import dev.switchboard.model.StackSpec;
import dev.switchboard.ui.stack.Actions;
import dev.switchboard.ui.stack.Availability;
import dev.switchboard.ui.stack.Commands;
import dev.switchboard.ui.stack.ControlPanelViewModel;
import dev.switchboard.ui.stack.ProcessViewModel;
import dev.switchboard.ui.stack.StackViewModel;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.ClosePath;
import javafx.scene.shape.CubicCurveTo;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.Rectangle;
import javafx.scene.transform.Scale;
import javafx.scene.transform.Translate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The selected stack's processes as a layered left-to-right graph: dependencies on the left, arrows
 * towards what waits for them; parallel groups on a shared backdrop. Ctrl+wheel zooms around the
 * pointer, dragging pans, {@link #fit()} shows everything. Clicking a process selects it everywhere.
 */
public final class DependencyGraphView extends StackPane {
    private static final double MIN_SCALE = 0.15;
    private static final double MAX_SCALE = 2.5;
    private static final double MARGIN = 24;
    /** Below this the names are hard to read: the automatic fit stops here and shows the start of the graph. */
    private static final double READABLE_SCALE = 0.55;

    private final ControlPanelViewModel vm;
    private final Commands commands;
    private final Pane viewport = new Pane();
    private final Group world = new Group();
    private final Group backdrops = new Group();
    private final Group edges = new Group();
    private final Group nodes = new Group();
    private final Scale scale = new Scale(1, 1, 0, 0);
    private final Translate translate = new Translate();
    private final Map<String, ProcessNode> nodeViews = new HashMap<>();
    private final Map<String, List<Path>> edgesByNode = new HashMap<>();
    private final Label empty = new Label();
    private final ChangeListener<Number> relayout = (o, a, b) -> rebuild();
    private GraphLayout.Result layout;
    private StackViewModel shown;
    private boolean userMoved;
    private Point2D dragAnchor;
    private boolean dragged;

    /** Creates the view for the view model's selected stack; a process's context menu runs {@code commands}. */
    public DependencyGraphView(ControlPanelViewModel vm, Commands commands) {
        this.vm = vm;
        this.commands = commands;
        getStyleClass().add("dependency-graph");
        world.getChildren().addAll(backdrops, edges, nodes);
        world.getTransforms().addAll(translate, scale);
        viewport.getChildren().add(world);
        viewport.getStyleClass().add("graph-viewport");
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(viewport.widthProperty());
        clip.heightProperty().bind(viewport.heightProperty());
        viewport.setClip(clip);
        empty.getStyleClass().add("graph-empty");
        empty.setMouseTransparent(true);
        getChildren().addAll(viewport, empty, zoomBar());

        viewport.addEventFilter(ScrollEvent.SCROLL, this::onScroll);
        viewport.addEventHandler(MouseEvent.MOUSE_PRESSED, this::onPress);
        viewport.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::onDrag);
        viewport.addEventHandler(MouseEvent.MOUSE_RELEASED, this::onRelease);
        viewport.widthProperty().addListener((o, a, b) -> fitUnlessMoved());
        viewport.heightProperty().addListener((o, a, b) -> fitUnlessMoved());

        setFocusTraversable(true);
        addEventHandler(javafx.scene.input.KeyEvent.KEY_PRESSED, this::onKey);
        viewport.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> requestFocus());
        vm.selectedStackProperty().addListener((o, was, now) -> show(now));
        vm.selectedProcessProperty().addListener((o, was, now) -> markSelection());
        show(vm.selectedStackProperty().get());
    }

    private HBox zoomBar() {
        Button out = new Button("−");
        out.setTooltip(new Tooltip("Zoom out (Ctrl+wheel)"));
        out.setOnAction(e -> zoomBy(1 / 1.25, center()));
        Button in = new Button("+");
        in.setTooltip(new Tooltip("Zoom in (Ctrl+wheel)"));
        in.setOnAction(e -> zoomBy(1.25, center()));
        Button fit = new Button("Fit");
        fit.setId("fit-graph");
        fit.setTooltip(new Tooltip("Show the whole graph (Ctrl+0)"));
        fit.setOnAction(e -> fit());
        HBox bar = new HBox(4, out, in, fit);
        bar.getStyleClass().add("zoom-bar");
        bar.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        StackPane.setAlignment(bar, Pos.BOTTOM_RIGHT);
        return bar;
    }

    private Point2D center() {
        return new Point2D(viewport.getWidth() / 2, viewport.getHeight() / 2);
    }

    private void show(StackViewModel stack) {
        if (shown != null) {
            shown.revisionProperty().removeListener(relayout);
        }
        shown = stack;
        userMoved = false;
        if (stack != null) {
            stack.revisionProperty().addListener(relayout);
        }
        rebuild();
    }

    private void rebuild() {
        nodeViews.values().forEach(ProcessNode::dispose);
        nodeViews.clear();
        edgesByNode.clear();
        backdrops.getChildren().clear();
        edges.getChildren().clear();
        nodes.getChildren().clear();
        StackViewModel stack = shown;
        if (stack == null || stack.processes().isEmpty()) {
            layout = null;
            empty.setText(stack == null ? "Choose a stack on the left, or open a stack file (Ctrl+O)."
                    : stack.problems().isEmpty() ? "Loading " + stack.name() + "…" : "");
            empty.setVisible(true);
            return;
        }
        empty.setVisible(false);
        layout = GraphLayout.layout(layoutNodes(stack));
        for (GraphLayout.Box box : layout.groups()) {
            Rectangle r = new Rectangle(box.x(), box.y(), box.width(), box.height());
            r.getStyleClass().add("parallel-group");
            r.setArcWidth(18);
            r.setArcHeight(18);
            Label caption = new Label("parallel");
            caption.getStyleClass().add("parallel-caption");
            caption.relocate(box.x() + 8, box.y() + 1);
            backdrops.getChildren().addAll(r, caption);
        }
        for (GraphLayout.Route route : layout.routes()) {
            Path line = edgePath(route);
            Path head = arrowHead(route);
            edges.getChildren().addAll(line, head);
            for (String end : List.of(route.from(), route.to())) {
                List<Path> list = edgesByNode.computeIfAbsent(end, k -> new ArrayList<>());
                list.add(line);
                list.add(head);
            }
        }
        for (ProcessViewModel p : stack.processes()) {
            GraphLayout.Point at = layout.nodes().get(p.name());
            ProcessNode view = new ProcessNode(p, vm.nowProperty());
            view.relocate(at.x(), at.y());
            view.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.isStillSincePress()) {
                    vm.selectedProcessProperty().set(p);
                    e.consume();
                }
            });
            view.setOnContextMenuRequested(e -> {
                vm.selectedProcessProperty().set(p);
                contextMenu(p).show(view, e.getScreenX(), e.getScreenY());
                e.consume();
            });
            nodeViews.put(p.name(), view);
            nodes.getChildren().add(view);
        }
        markSelection();
        fitUnlessMoved();
    }

    private ContextMenu contextMenu(ProcessViewModel p) {
        ContextMenu menu = new ContextMenu();
        if (p.mode() == dev.switchboard.model.LaunchMode.REUSE) {
            menu.getItems().add(item("Check", Actions.check(p), () -> commands.check(p)));
        } else {
            menu.getItems().addAll(
                    item("Start", Actions.startProcess(p), () -> commands.start(p)),
                    item("Stop", Actions.stopProcess(p), () -> commands.stop(p)),
                    item("Restart", Actions.restartProcess(p), () -> commands.restart(p)));
        }
        return menu;
    }

    private static MenuItem item(String text, Availability a, Runnable action) {
        MenuItem item = new MenuItem(a.enabled() ? text : text + " — " + a.why());
        item.setDisable(!a.enabled());
        item.setOnAction(e -> action.run());
        return item;
    }

    private static List<GraphLayout.Node> layoutNodes(StackViewModel stack) {
        StackSpec spec = stack.spec();
        List<GraphLayout.Node> list = new ArrayList<>();
        for (ProcessViewModel p : stack.processes()) {
            ProcessSpec ps = spec == null ? null : spec.process(p.name()).orElse(null);
            if (ps == null) {
                list.add(new GraphLayout.Node(p.name(), List.of(), null));
                continue;
            }
            List<GraphLayout.Edge> deps = new ArrayList<>();
            for (Dependency d : ps.dependsOn()) {
                deps.add(new GraphLayout.Edge(d.name(), d.condition()));
            }
            list.add(new GraphLayout.Node(p.name(), deps, ps.parallel() ? "item-" + ps.item() : null));
        }
        return list;
    }

    private static Path edgePath(GraphLayout.Route route) {
        Path path = new Path();
        List<GraphLayout.Point> pts = route.points();
        path.getElements().add(new MoveTo(pts.getFirst().x(), pts.getFirst().y()));
        for (int i = 1; i < pts.size(); i++) {
            GraphLayout.Point a = pts.get(i - 1);
            GraphLayout.Point b = pts.get(i);
            double end = i == pts.size() - 1 ? 7 : 0;
            if (Math.abs(a.y() - b.y()) < 0.5) {
                path.getElements().add(new LineTo(b.x() - end, b.y()));
            } else {
                double mid = (a.x() + b.x()) / 2;
                path.getElements().add(new CubicCurveTo(mid, a.y(), mid, b.y(), b.x() - end, b.y()));
            }
        }
        path.getStyleClass().addAll("edge", "edge-" + route.condition().id());
        Tooltip.install(path, new Tooltip(route.to() + " waits until " + route.from() + " is " + route.condition().id()));
        return path;
    }

    private static Path arrowHead(GraphLayout.Route route) {
        GraphLayout.Point tip = route.points().getLast();
        Path head = new Path(new MoveTo(tip.x(), tip.y()), new LineTo(tip.x() - 8, tip.y() - 4.5),
                new LineTo(tip.x() - 8, tip.y() + 4.5), new ClosePath());
        head.getStyleClass().addAll("edge-head", "edge-" + route.condition().id());
        return head;
    }

    private void markSelection() {
        ProcessViewModel sel = vm.selectedProcessProperty().get();
        String name = sel == null || sel.stack() != shown ? null : sel.name();
        nodeViews.forEach((n, view) -> view.setSelected(n.equals(name)));
        edges.getChildren().forEach(e -> e.getStyleClass().remove("related"));
        if (name != null) {
            edgesByNode.getOrDefault(name, List.of()).forEach(e -> e.getStyleClass().add("related"));
            ensureVisible(nodeViews.get(name));
        }
    }

    /** Pans so a node selected elsewhere (a banner, the keyboard) is in view. */
    private void ensureVisible(ProcessNode node) {
        if (node == null || viewport.getWidth() <= 0) {
            return;
        }
        Bounds b = viewport.sceneToLocal(node.localToScene(node.getBoundsInLocal()));
        if (b == null || (b.getMinX() >= 0 && b.getMinY() >= 0
                && b.getMaxX() <= viewport.getWidth() && b.getMaxY() <= viewport.getHeight())) {
            return;
        }
        translate.setX(translate.getX() + viewport.getWidth() / 2 - b.getCenterX());
        translate.setY(translate.getY() + viewport.getHeight() / 2 - b.getCenterY());
    }

    /** The node drawn for a process, for tests and keyboard focus. */
    public Node nodeFor(String process) {
        return nodeViews.get(process);
    }

    /** Arrow keys move the selection: left and right along dependencies, up and down within a column. */
    private void onKey(javafx.scene.input.KeyEvent e) {
        if (layout == null || layout.nodes().isEmpty()) {
            return;
        }
        ProcessViewModel sel = vm.selectedProcessProperty().get();
        String current = sel == null || sel.stack() != shown ? null : sel.name();
        String next = switch (e.getCode()) {
            case RIGHT -> current == null ? first() : nearest(current, +1, 0);
            case LEFT -> current == null ? first() : nearest(current, -1, 0);
            case DOWN -> current == null ? first() : nearest(current, 0, +1);
            case UP -> current == null ? first() : nearest(current, 0, -1);
            case ESCAPE -> "";
            default -> null;
        };
        if (next == null) {
            return;
        }
        vm.selectedProcessProperty().set(next.isEmpty() ? null : shown.process(next));
        e.consume();
    }

    private String first() {
        return layout.nodes().entrySet().stream()
                .min(java.util.Comparator.comparingDouble((Map.Entry<String, GraphLayout.Point> en) -> en.getValue().x())
                        .thenComparingDouble(en -> en.getValue().y()))
                .map(Map.Entry::getKey).orElse(null);
    }

    /** The closest node in a direction: the next column (dx) or the same column (dy); itself if none. */
    private String nearest(String from, int dx, int dy) {
        GraphLayout.Point p = layout.nodes().get(from);
        String best = from;
        double bestScore = Double.MAX_VALUE;
        for (Map.Entry<String, GraphLayout.Point> en : layout.nodes().entrySet()) {
            GraphLayout.Point q = en.getValue();
            double ddx = q.x() - p.x();
            double ddy = q.y() - p.y();
            boolean ahead = dx != 0 ? Math.signum(ddx) == dx : Math.abs(ddx) < 1 && Math.signum(ddy) == dy;
            if (!ahead) {
                continue;
            }
            double score = dx != 0 ? Math.abs(ddx) * 10 + Math.abs(ddy) : Math.abs(ddy);
            if (score < bestScore) {
                bestScore = score;
                best = en.getKey();
            }
        }
        return best;
    }

    // ---- zoom and pan ----------------------------------------------------------------------

    /** Scales and centres the graph so all of it is visible (never larger than 100 %). */
    public void fit() {
        fit(MIN_SCALE);
    }

    /**
     * Fits the graph, but not below {@code floor}: a graph too large to be read whole is shown from its
     * top-left corner at a readable size instead (pan or press Fit to see all of it).
     */
    private void fit(double floor) {
        userMoved = false;
        if (layout == null || viewport.getWidth() <= 0 || viewport.getHeight() <= 0) {
            return;
        }
        Bounds b = contentBounds();
        double whole = Math.min((viewport.getWidth() - 2 * MARGIN) / b.getWidth(),
                (viewport.getHeight() - 2 * MARGIN) / b.getHeight());
        double s = clamp(Math.max(floor, Math.min(whole, 1.0)));
        scale.setX(s);
        scale.setY(s);
        double x = (viewport.getWidth() - b.getWidth() * s) / 2;
        double y = (viewport.getHeight() - b.getHeight() * s) / 2;
        translate.setX(Math.max(x, MARGIN) - b.getMinX() * s);
        translate.setY(Math.max(y, MARGIN) - b.getMinY() * s);
    }

    private Bounds contentBounds() {
        double minX = 0;
        double minY = layout.groups().stream().mapToDouble(GraphLayout.Box::y).min().orElse(0);
        minY = Math.min(0, minY);
        double maxX = layout.width();
        double maxY = Math.max(layout.height(),
                layout.groups().stream().mapToDouble(g -> g.y() + g.height()).max().orElse(0));
        return new javafx.geometry.BoundingBox(minX, minY, Math.max(1, maxX - minX), Math.max(1, maxY - minY));
    }

    private void fitUnlessMoved() {
        if (!userMoved) {
            fit(READABLE_SCALE);
        }
    }

    /** The current zoom factor. */
    public double zoom() {
        return scale.getX();
    }

    private void zoomBy(double factor, Point2D pivot) {
        double old = scale.getX();
        double next = clamp(old * factor);
        double f = next / old;
        translate.setX(pivot.getX() - (pivot.getX() - translate.getX()) * f);
        translate.setY(pivot.getY() - (pivot.getY() - translate.getY()) * f);
        scale.setX(next);
        scale.setY(next);
        userMoved = true;
    }

    private static double clamp(double s) {
        return Math.max(MIN_SCALE, Math.min(MAX_SCALE, s));
    }

    private void onScroll(ScrollEvent e) {
        if (e.isControlDown()) {
            zoomBy(Math.pow(1.0015, e.getDeltaY()), new Point2D(e.getX(), e.getY()));
        } else {
            translate.setX(translate.getX() + e.getDeltaX());
            translate.setY(translate.getY() + e.getDeltaY());
            userMoved = true;
        }
        e.consume();
    }

    private void onPress(MouseEvent e) {
        dragAnchor = new Point2D(e.getX() - translate.getX(), e.getY() - translate.getY());
        dragged = false;
    }

    private void onDrag(MouseEvent e) {
        if (dragAnchor != null) {
            translate.setX(e.getX() - dragAnchor.getX());
            translate.setY(e.getY() - dragAnchor.getY());
            dragged = true;
            userMoved = true;
        }
    }

    private void onRelease(MouseEvent e) {
        if (!dragged && e.getButton() == MouseButton.PRIMARY && e.getTarget() == viewport) {
            vm.selectedProcessProperty().set(null);
        }
        dragAnchor = null;
    }
}
