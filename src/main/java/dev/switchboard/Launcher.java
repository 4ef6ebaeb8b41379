package dev.switchboard;

import dev.switchboard.cli.SwitchboardCommand;

/** The program's entry point. Deliberately not a JavaFX Application: the CLI never touches the display. */
public final class Launcher {
    private Launcher() {
    }

    /** Runs the command line and exits with its code (the GUI returns only when its window closes). */
    public static void main(String[] args) {
        // the packaged launcher expands $HOME in its .cfg file; with HOME unset the text stays
        // literal, and JavaFX would unpack its natives into a folder named "$HOME" here
        String cacheDir = System.getProperty("javafx.cachedir");
        if (cacheDir != null && cacheDir.startsWith("$")) {
            System.clearProperty("javafx.cachedir");
        }
        System.exit(SwitchboardCommand.execute(args));
    }
}
