package dev.switchboard.ui.stack;

import dev.switchboard.model.Problem;
import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.function.Consumer;

/**
 * The problems of a stack file that does not validate, each with its line and column. Shown above the
 * graph, which keeps showing the last good definition and the running processes (which are left alone).
 */
public final class ProblemsView extends VBox {
    private final Label headline = new Label();
    private final VBox list = new VBox(2);
    private final ListChangeListener<Problem> changed = c -> update();
    private final ChangeListener<StackViewModel> selected;
    private StackViewModel shown;

    /** Creates the panel; {@code showDocument} opens the stack file in the desktop's editor. */
    public ProblemsView(ControlPanelViewModel vm, Consumer<String> showDocument) {
        getStyleClass().add("problems-view");
        setId("problems");
        headline.getStyleClass().add("problems-headline");
        headline.setWrapText(true);
        Button edit = new Button("Open file");
        edit.setTooltip(new Tooltip("Open the stack file in your editor; it is reloaded when you save it"));
        edit.setOnAction(e -> {
            if (shown != null) {
                showDocument.accept(shown.file().toUri().toString());
            }
        });
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(8, headline, spacer, edit);
        top.setAlignment(Pos.CENTER_LEFT);
        list.setId("problem-list");
        getChildren().addAll(top, list);
        selected = (o, was, now) -> show(now);
        vm.selectedStackProperty().addListener(selected);
        show(vm.selectedStackProperty().get());
    }

    private void show(StackViewModel stack) {
        if (shown != null) {
            shown.problems().removeListener(changed);
        }
        shown = stack;
        if (stack != null) {
            stack.problems().addListener(changed);
        }
        update();
    }

    private void update() {
        boolean any = shown != null && !shown.problems().isEmpty();
        setVisible(any);
        setManaged(any);
        list.getChildren().clear();
        if (!any) {
            return;
        }
        int n = shown.problems().size();
        headline.setText(shown.file().getFileName() + " has " + (n == 1 ? "a problem" : n + " problems")
                + (shown.isOpened() ? ": nothing was reloaded, running processes are left alone." : ": fix it and save; it is reloaded."));
        for (Problem p : shown.problems()) {
            Label where = new Label("line " + p.where().line() + ", column " + p.where().column());
            where.getStyleClass().addAll("problem-where", "mono");
            Label what = new Label(p.message());
            what.getStyleClass().add("problem-message");
            what.setWrapText(true);
            HBox row = new HBox(10, where, what);
            row.getStyleClass().add("problem-row");
            list.getChildren().add(row);
        }
    }
}
