package dev.switchboard.ui.controls;

import dev.switchboard.engine.ProcessState;
import dev.switchboard.engine.StackState;
import javafx.css.PseudoClass;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(ApplicationExtension.class)
class StatusLightTest {
    private StatusLight light;

    @Start
    void start(Stage stage) {
        light = new StatusLight();
        stage.setScene(new Scene(new StackPane(light), 100, 100));
        stage.show();
    }

    @Test
    void eachStateTurnsOnExactlyItsPseudoClass(FxRobot robot) {
        for (ProcessState s : ProcessState.values()) {
            robot.interact(() -> light.setState(s));
            for (ProcessState other : ProcessState.values()) {
                boolean on = light.getPseudoClassStates().contains(PseudoClass.getPseudoClass(other.id()));
                assertEquals(other == s, on, "pseudo-class :" + other.id() + " while " + s.id());
            }
        }
        robot.interact(() -> light.setState(null));
        for (ProcessState other : ProcessState.values()) {
            assertFalse(light.getPseudoClassStates().contains(PseudoClass.getPseudoClass(other.id())));
        }
    }

    @Test
    void stateIsShownByGlyphAndWordsNotOnlyColour(FxRobot robot) {
        robot.interact(() -> light.setState(ProcessState.FAILED));
        Label glyph = robot.from(light).lookup(".glyph").queryAs(Label.class);
        assertEquals("✖", glyph.getText());
        assertEquals("failed", light.getAccessibleText());
        robot.interact(() -> light.setState(ProcessState.COMPLETED));
        assertEquals("◆", glyph.getText());
        robot.interact(() -> light.setStackState(StackState.READY));
        assertEquals("✓", glyph.getText());
        assertEquals(ProcessState.READY, light.getState());
    }

    @Test
    void stylesheetGivesReadyAndFailedDifferentColours(FxRobot robot) {
        Region lamp = robot.from(light).lookup(".lamp").queryAs(Region.class);
        robot.interact(() -> light.setState(ProcessState.READY));
        WaitForAsyncUtils.waitForFxEvents();
        Color ready = (Color) lamp.getBackground().getFills().getFirst().getFill();
        robot.interact(() -> {
            light.setState(ProcessState.FAILED);
            light.applyCss();
        });
        Color failed = (Color) lamp.getBackground().getFills().getFirst().getFill();
        assertNotEquals(ready, failed);
        assertTrue(ready.getGreen() > ready.getRed(), "ready is green: " + ready);
        assertFalse(failed.getGreen() > failed.getRed(), "failed is red: " + failed);
    }
}
