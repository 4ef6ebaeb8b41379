package dev.switchboard.daemon;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DaemonLauncherTest {

    @Test
    void anInstalledLauncherStartsTheServiceThroughItsOwnLauncherWhenThereIsOne(@TempDir Path bin) throws Exception {
        Path main = Files.createFile(bin.resolve("switchboard"));
        assertTrue(main.toFile().setExecutable(true));
        assertEquals(main.toString(), DaemonLauncher.serviceLauncher(main.toString()), "none yet: the main launcher");

        Path service = Files.createFile(bin.resolve("switchboard-service"));
        assertTrue(service.toFile().setExecutable(true));
        assertEquals(service.toString(), DaemonLauncher.serviceLauncher(main.toString()));
    }

    @Test
    void aPlainJavaIsUsedAsItIsWithTheServiceOptions() {
        String javaCommand = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        assertEquals(javaCommand, DaemonLauncher.serviceLauncher(javaCommand));
        assertTrue(DaemonLauncher.command().containsAll(java.util.List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")),
                DaemonLauncher.command()::toString);
    }
}
