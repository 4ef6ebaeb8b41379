package dev.switchboard.engine;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Finds the file a command's first word names, the way {@code execvp} would, so that a launch
 * that cannot work fails before spawning with a message saying what to fix.
 */
final class ProgramResolver {

    private ProgramResolver() {
    }

    /** Checks that {@code cwd} is an existing folder. */
    static void checkWorkingFolder(Path cwd) throws LaunchException {
        if (cwd == null || !Files.exists(cwd)) {
            throw new LaunchException("working folder " + cwd + " does not exist", null);
        }
        if (!Files.isDirectory(cwd)) {
            throw new LaunchException("working folder " + cwd + " is not a folder", null);
        }
    }

    /**
     * Resolves {@code program}: a name with a '/' relative to {@code cwd}, any other name on
     * {@code path} (a PATH value, ':'-separated; an empty entry means the working folder).
     */
    static Path resolve(String program, Path cwd, String path) throws LaunchException {
        if (program == null || program.isBlank()) {
            throw new LaunchException("nothing to run: the command is empty", null);
        }
        if (program.indexOf('/') >= 0) {
            Path file = toPath(program, cwd);
            String problem = problemWith(file);
            if (problem != null) {
                throw new LaunchException("cannot run '" + program + "': " + problem, null);
            }
            return file;
        }
        String firstProblem = null;
        for (String dir : (path == null ? "" : path).split(":", -1)) {
            Path file;
            try {
                file = (dir.isEmpty() ? cwd : cwd.resolve(dir)).resolve(program).toAbsolutePath().normalize();
            } catch (InvalidPathException e) {
                continue;
            }
            if (!Files.exists(file)) {
                continue;
            }
            String problem = problemWith(file);
            if (problem == null) {
                return file;
            }
            if (firstProblem == null) {
                firstProblem = problem;
            }
        }
        if (firstProblem != null) {
            throw new LaunchException("cannot run '" + program + "': " + firstProblem, null);
        }
        throw new LaunchException("cannot run '" + program + "': no such program on PATH", null);
    }

    private static Path toPath(String program, Path cwd) throws LaunchException {
        try {
            return cwd.resolve(program).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new LaunchException("cannot run '" + program + "': not a valid file name", e);
        }
    }

    /** Why {@code file} cannot be executed, or null if it can. */
    private static String problemWith(Path file) {
        if (!Files.exists(file)) {
            return file + " does not exist";
        }
        if (Files.isDirectory(file)) {
            return file + " is a folder, not a program";
        }
        if (!Files.isExecutable(file)) {
            return file + " is not executable (chmod +x?)";
        }
        return null;
    }
}
