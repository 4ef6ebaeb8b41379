package dev.switchboard.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** Test helper: writes stack files into a folder and loads them. */
final class StackFiles {
    private final Path folder;

    StackFiles(Path folder) {
        this.folder = folder;
    }

    Path write(String name, String text) {
        try {
            Path file = folder.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path folder(String name) {
        try {
            return Files.createDirectories(folder.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    StackSpec load(String yaml) throws StackFileException {
        return StackLoader.load(write("stack.yaml", yaml));
    }

    List<Problem> problems(String yaml) {
        return assertThrows(StackFileException.class, () -> load(yaml)).problems();
    }
}
