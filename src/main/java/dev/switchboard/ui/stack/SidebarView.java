package dev.switchboard.ui.stack;

import dev.switchboard.ui.controls.StatusLight;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.nio.file.Path;
import java.util.List;

/**
 * The list of stacks: bundled examples, the user's stacks folder and recent files, each with its
 * overall state light; "Open…" below. Selecting one shows it in the main area.
 */
public final class SidebarView extends VBox {
    private final ControlPanelViewModel vm;
    private final TreeView<Object> tree = new TreeView<>();
    private final TreeItem<Object> root = new TreeItem<>("stacks");
    private boolean syncing;

    /** A section heading in the list. */
    private record Section(String title, String hint) {
    }

    /**
     * Creates the sidebar.
     *
     * @param open           runs the Open… dialog
     * @param openUserFolder opens the user's stacks folder in the file manager
     */
    public SidebarView(ControlPanelViewModel vm, Runnable open, Runnable openUserFolder) {
        this.vm = vm;
        getStyleClass().add("sidebar");
        setId("sidebar");
        tree.setId("stack-list");
        tree.setRoot(root);
        tree.setShowRoot(false);
        tree.setCellFactory(t -> new StackCell());
        VBox.setVgrow(tree, Priority.ALWAYS);
        tree.getSelectionModel().selectedItemProperty().addListener((o, was, item) -> {
            if (!syncing && item != null && item.getValue() instanceof StackViewModel s) {
                vm.select(s);
            }
        });
        Button openButton = new Button("+ Open…");
        openButton.setId("open-stack");
        openButton.setTooltip(new Tooltip("Open a stack file (Ctrl+O); you can also drop one on the window"));
        openButton.setOnAction(e -> open.run());
        openButton.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(openButton, Priority.ALWAYS);
        Button folder = new Button("Folder");
        folder.setTooltip(new Tooltip("Open your stacks folder; stack files saved there are listed here"));
        folder.setOnAction(e -> openUserFolder.run());
        HBox buttons = new HBox(6, openButton, folder);
        buttons.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(tree, buttons);
        setSpacing(6);

        vm.stacks().addListener((ListChangeListener<StackViewModel>) c -> rebuild());
        vm.recent().addListener((ListChangeListener<Path>) c -> rebuild());
        vm.selectedStackProperty().addListener((o, was, now) -> selectInTree(now));
        rebuild();
    }

    private void rebuild() {
        syncing = true;
        try {
            root.getChildren().clear();
            addSection("BUNDLED", "examples shipped with Switchboard",
                    vm.stacks().stream().filter(s -> s.origin() == StackViewModel.Origin.BUNDLED).toList());
            addSection("MY STACKS", "stack files in your stacks folder",
                    vm.stacks().stream().filter(s -> s.origin() == StackViewModel.Origin.USER).toList());
            List<StackViewModel> recent = vm.recent().stream()
                    .map(p -> vm.stacks().stream().filter(s -> s.file().equals(p)).findFirst().orElse(null))
                    .filter(s -> s != null && s.origin() == StackViewModel.Origin.OTHER).toList();
            addSection("RECENT", "files you opened", recent);
            List<StackViewModel> elsewhere = vm.stacks().stream()
                    .filter(s -> s.origin() == StackViewModel.Origin.OTHER && !recent.contains(s)).toList();
            if (!elsewhere.isEmpty()) {
                addSection("OTHER", "stacks the supervisor knows", elsewhere);
            }
        } finally {
            syncing = false;
        }
        selectInTree(vm.selectedStackProperty().get());
    }

    private void addSection(String title, String hint, List<StackViewModel> stacks) {
        TreeItem<Object> section = new TreeItem<>(new Section(title, hint));
        section.setExpanded(true);
        if (stacks.isEmpty()) {
            section.getChildren().add(new TreeItem<>("none yet"));
        }
        stacks.forEach(s -> section.getChildren().add(new TreeItem<>(s)));
        root.getChildren().add(section);
    }

    private void selectInTree(StackViewModel stack) {
        syncing = true;
        try {
            for (TreeItem<Object> section : root.getChildren()) {
                for (TreeItem<Object> item : section.getChildren()) {
                    if (item.getValue() == stack) {
                        tree.getSelectionModel().select(item);
                        return;
                    }
                }
            }
            tree.getSelectionModel().clearSelection();
        } finally {
            syncing = false;
        }
    }

    /** A stack with its light, or a section heading. */
    private static final class StackCell extends TreeCell<Object> {
        private final StatusLight light = new StatusLight();
        private final Label name = new Label();
        private final Label count = new Label();
        private final HBox row = new HBox(6, light, name, count);

        StackCell() {
            row.setAlignment(Pos.CENTER_LEFT);
            count.getStyleClass().add("dim");
        }

        @Override
        protected void updateItem(Object item, boolean empty) {
            super.updateItem(item, empty);
            light.stateProperty().unbind();
            name.textProperty().unbind();
            count.textProperty().unbind();
            getStyleClass().removeAll("section-cell", "placeholder-cell", "stack-cell");
            setTooltip(null);
            if (empty || item == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            switch (item) {
                case Section s -> {
                    getStyleClass().add("section-cell");
                    setText(s.title());
                    setGraphic(null);
                    setTooltip(new Tooltip(s.hint()));
                    setDisclosureNode(null);
                }
                case StackViewModel s -> {
                    getStyleClass().add("stack-cell");
                    setText(null);
                    setId("stack-" + s.file().getFileName().toString().replaceFirst("\\.ya?ml$", "").replace('.', '-'));
                    light.stateProperty().bind(Bindings.createObjectBinding(
                            () -> s.state() == null ? null : StatusLight.forStack(s.state()), s.stateProperty()));
                    name.textProperty().bind(s.nameProperty());
                    count.textProperty().bind(Bindings.createStringBinding(
                            () -> s.problems().isEmpty() ? "" : "invalid", s.problems()));
                    setTooltip(new Tooltip(s.file().toString()));
                    setGraphic(row);
                }
                default -> {
                    getStyleClass().add("placeholder-cell");
                    setText(item.toString());
                    setGraphic(null);
                }
            }
        }
    }
}
