package dev.switchboard.cli;

import dev.switchboard.model.Problem;
import dev.switchboard.model.StackFileException;
import dev.switchboard.model.StackLoader;
import dev.switchboard.model.StackSpec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loading a stack file for a command: problems printed as FILE:LINE:COLUMN lines, exit code 2. */
final class Stacks {
    private Stacks() {
    }

    /** Loads the file or prints every problem and throws a {@link UserException} with exit code 2. */
    static StackSpec load(Path file, PrintWriter err) {
        if (!Files.isRegularFile(file)) {
            throw new UserException(file + ": no such stack file", SwitchboardCommand.INVALID);
        }
        try {
            return StackLoader.load(file);
        } catch (StackFileException e) {
            printProblems(e, err);
            throw new UserException(file + " is not a valid stack file (" + e.problems().size()
                    + (e.problems().size() == 1 ? " problem" : " problems") + "); nothing was started",
                    SwitchboardCommand.INVALID);
        }
    }

    /** Prints each problem on its own line. */
    static void printProblems(StackFileException e, PrintWriter err) {
        for (Problem p : e.problems()) {
            err.println(p);
        }
        err.flush();
    }
}
