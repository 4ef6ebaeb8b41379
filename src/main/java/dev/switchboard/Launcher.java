package dev.switchboard;

import dev.switchboard.cli.SwitchboardCommand;

/** The program's entry point. Deliberately not a JavaFX Application: the CLI never touches the display. */
public final class Launcher {
    private Launcher() {
    }

    /** Runs the command line and exits with its code (the GUI returns only when its window closes). */
    public static void main(String[] args) {
        System.exit(SwitchboardCommand.execute(args));
    }
}
