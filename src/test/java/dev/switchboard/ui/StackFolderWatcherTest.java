package dev.switchboard.ui;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StackFolderWatcherTest {

    @Test
    void reportsASavedStackFileOnceAndIgnoresOtherFiles(@TempDir Path dir) throws Exception {
        LinkedBlockingQueue<Set<Path>> batches = new LinkedBlockingQueue<>();
        try (StackFolderWatcher watcher = new StackFolderWatcher(batches::add)) {
            watcher.watch(dir);
            Path stack = dir.resolve("demo.yaml");
            // an editor's save: create, write, write again
            Files.writeString(stack, "name: demo\n");
            Files.writeString(stack, "name: demo\nprocesses: []\n");
            Files.writeString(dir.resolve("notes.txt"), "not a stack");

            Set<Path> batch = batches.poll(10, TimeUnit.SECONDS);
            assertNotNull(batch, "no change reported within 10 s");
            assertEquals(Set.of(stack), batch);

            Files.delete(stack);
            Set<Path> deleted = batches.poll(10, TimeUnit.SECONDS);
            assertNotNull(deleted);
            assertTrue(deleted.contains(stack));
        }
    }

    @Test
    void recognisesBothYamlSpellings() {
        assertTrue(StackFolderWatcher.isStackFile(Path.of("/x/a.yaml")));
        assertTrue(StackFolderWatcher.isStackFile(Path.of("b.yml")));
        assertTrue(!StackFolderWatcher.isStackFile(Path.of("c.yaml.swp")));
    }
}
