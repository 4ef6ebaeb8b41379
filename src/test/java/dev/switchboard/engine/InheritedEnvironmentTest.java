package dev.switchboard.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InheritedEnvironmentTest {

    @AfterEach
    void clearProperty() {
        System.clearProperty("jpackage.app-path");
    }

    @Test
    void theInstalledLaunchersAdditionsAreNotPassedOn() {
        System.setProperty("jpackage.app-path", "/opt/switchboard/bin/switchboard");
        Map<String, String> env = new HashMap<>(Map.of("_JPACKAGE_LAUNCHER", "0",
                "LD_LIBRARY_PATH", ":/opt/switchboard/lib/app:/usr/local/cuda/lib64", "HOME", "/home/lab"));

        InheritedEnvironment.clean(env);

        assertFalse(env.containsKey("_JPACKAGE_LAUNCHER"));
        assertEquals("/usr/local/cuda/lib64", env.get("LD_LIBRARY_PATH"));
        assertEquals("/home/lab", env.get("HOME"));
    }

    @Test
    void aLibraryPathOfOnlyTheAppsFolderIsRemoved() {
        System.setProperty("jpackage.app-path", "/opt/switchboard/bin/switchboard");
        Map<String, String> env = new HashMap<>(Map.of("LD_LIBRARY_PATH", ":/opt/switchboard/lib/app"));

        InheritedEnvironment.clean(env);

        assertFalse(env.containsKey("LD_LIBRARY_PATH"));
    }

    @Test
    void outsideThePackageTheLibraryPathIsLeftAlone() {
        Map<String, String> env = new HashMap<>(Map.of("LD_LIBRARY_PATH", ":/x"));

        InheritedEnvironment.clean(env);

        assertEquals(":/x", env.get("LD_LIBRARY_PATH"));
    }
}
