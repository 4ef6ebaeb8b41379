package dev.switchboard.ui.controls;

import dev.switchboard.engine.ProcessState;
import javafx.animation.Animation;
import javafx.animation.FadeTransition;
import javafx.scene.control.Label;
import javafx.scene.control.SkinBase;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.util.Duration;

/** Draws a {@link StatusLight}: a round lamp with a glyph; the lamp pulses while starting or stopping. */
public class StatusLightSkin extends SkinBase<StatusLight> {
    private final Region lamp = new Region();
    private final Label glyph = new Label();
    private final Tooltip tooltip = new Tooltip();
    private final FadeTransition pulse;

    /** Creates the skin for a light. */
    public StatusLightSkin(StatusLight light) {
        super(light);
        lamp.getStyleClass().add("lamp");
        glyph.getStyleClass().add("glyph");
        glyph.setMouseTransparent(true);
        StackPane pane = new StackPane(lamp, glyph);
        pane.getStyleClass().add("status-light-pane");
        getChildren().add(pane);

        pulse = new FadeTransition(Duration.millis(700), lamp);
        pulse.setFromValue(1.0);
        pulse.setToValue(0.45);
        pulse.setAutoReverse(true);
        pulse.setCycleCount(Animation.INDEFINITE);

        Tooltip.install(light, tooltip);
        registerChangeListener(light.stateProperty(), o -> update());
        update();
    }

    private void update() {
        ProcessState s = getSkinnable().getState();
        glyph.setText(StatusLight.glyph(s));
        tooltip.setText(StatusLight.describe(s));
        boolean transitional = s == ProcessState.STARTING || s == ProcessState.STOPPING;
        if (transitional && pulse.getStatus() != Animation.Status.RUNNING) {
            pulse.play();
        } else if (!transitional) {
            pulse.stop();
            lamp.setOpacity(1.0);
        }
    }

    @Override
    public void dispose() {
        pulse.stop();
        Tooltip.uninstall(getSkinnable(), tooltip);
        super.dispose();
    }
}
