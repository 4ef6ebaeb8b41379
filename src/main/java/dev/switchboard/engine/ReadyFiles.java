package dev.switchboard.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Names the ready file of each launch: fresh every time, so a file left by an earlier run never counts. */
public final class ReadyFiles {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ReadyFiles() {
    }

    /**
     * A path in {@code home.readyDir()} (created if needed) that does not exist yet and is unique
     * to this launch: {@code <stack>--<process>--<millis>-<random>.ready}.
     */
    public static Path fresh(SwitchboardHome home, String stack, String process) throws IOException {
        Path dir = home.readyDir();
        if (!Files.isDirectory(dir)) {
            SwitchboardHome.ensurePrivateDir(dir);
        }
        String prefix = LogFiles.safeName(stack) + "--" + LogFiles.safeName(process) + "--";
        while (true) {
            byte[] random = new byte[6];
            RANDOM.nextBytes(random);
            Path file = dir.resolve(prefix + Long.toString(System.currentTimeMillis(), 36)
                    + "-" + HexFormat.of().formatHex(random) + ".ready");
            if (!Files.exists(file)) {
                return file;
            }
        }
    }

    /** Deletes a ready file once it has served its purpose; a missing file is fine. */
    public static void discard(Path readyFile) {
        try {
            Files.deleteIfExists(readyFile);
        } catch (IOException e) {
            // A stale ready file is harmless: its name is never used again.
        }
    }
}
