package dev.switchboard.model;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Filesystem step: the folders and files a stack names must exist ({@code base}, {@code project},
 * {@code cwd} folders; {@code config}, {@code env_file} files), and env files must parse.
 */
final class FilesystemCheck {
    private final Problems problems;

    private FilesystemCheck(Problems problems) {
        this.problems = problems;
    }

    /** Checks every path of {@code stack} and reads its env files. */
    static void check(StackDraft stack, Problems problems) {
        new FilesystemCheck(problems).check(stack);
    }

    private void check(StackDraft stack) {
        if (stack.base != null && !folder("base", stack.base, stack.basePath)) {
            return; // every relative path would be reported again for the same reason
        }
        // a disabled process may name folders that are missing on this machine: that can be why it is disabled
        for (ProcessDraft p : stack.enabled()) {
            folder("project", p.project, p.projectPath);
            folder("cwd", p.cwd, p.cwdPath);
            file("config", p.config, p.configPath);
            if (file("env_file", p.envFile, p.envFilePath)) {
                p.fileEnv = readEnvFile(p.envFile, p.envFilePath);
            }
        }
    }

    private boolean folder(String field, YamlNode.Scalar written, Path path) {
        if (written == null) {
            return true;
        }
        if (Files.isDirectory(path)) {
            return true;
        }
        problems.add(written, Files.exists(path)
                ? "'" + field + "' must be a folder, but " + path + " is a file"
                : "'" + field + "' folder does not exist: " + path);
        return false;
    }

    private boolean file(String field, YamlNode.Scalar written, Path path) {
        if (written == null) {
            return false;
        }
        if (Files.isRegularFile(path)) {
            return true;
        }
        problems.add(written, Files.exists(path)
                ? "'" + field + "' must be a file, but " + path + " is a folder"
                : "'" + field + "' file does not exist: " + path);
        return false;
    }

    private java.util.Map<String, String> readEnvFile(YamlNode.Scalar written, Path path) {
        try {
            String text = TextFiles.read(path);
            return DotEnv.parse(text, (line, column, message) ->
                    problems.add(written.where(), new SourceLocation(path, line, column), message));
        } catch (TextFiles.TooLarge e) {
            problems.add(written, "'env_file' " + path + " is larger than 1 MiB; is it the right file?");
        } catch (CharacterCodingException e) {
            problems.add(written, "'env_file' " + path + " is not UTF-8 text");
        } catch (IOException e) {
            problems.add(written, "cannot read 'env_file' " + path + ": " + TextFiles.reason(e));
        }
        return java.util.Map.of();
    }
}
