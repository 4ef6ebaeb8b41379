package dev.switchboard.ui;

import javafx.application.Platform;
import javafx.scene.Scene;

import java.time.Duration;
import java.time.Instant;

/**
 * Measures cold start for packaging/startup-benchmark.sh: with {@code -Dswitchboard.startupProbe=true}
 * the first pulse after the window is shown prints {@code first frame after N ms} (counted from the
 * start of the process, so the native launcher and JVM boot are included) and ends the program.
 */
final class StartupProbe {
    static final String PROPERTY = "switchboard.startupProbe";

    private StartupProbe() {
    }

    static boolean enabled() {
        return Boolean.getBoolean(PROPERTY);
    }

    /** Call right after {@code stage.show()}: the next layout pulse is the one that draws the first frame. */
    static void measureFirstFrame(Scene scene) {
        Runnable[] listener = new Runnable[1];
        listener[0] = () -> {
            scene.removePostLayoutPulseListener(listener[0]);
            // after this pulse's render has been handed to the render thread
            Platform.runLater(() -> {
                Instant start = ProcessHandle.current().info().startInstant().orElseThrow();
                System.out.println("first frame after " + Duration.between(start, Instant.now()).toMillis() + " ms");
                System.out.flush();
                Runtime.getRuntime().halt(0);
            });
        };
        scene.addPostLayoutPulseListener(listener[0]);
    }
}
