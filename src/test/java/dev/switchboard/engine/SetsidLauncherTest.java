package dev.switchboard.engine;

/** The launcher tests again, on the fallback for systems without glibc 2.34: ProcessBuilder and setsid. */
class SetsidLauncherTest extends NativeProcessLauncherTest {

    @Override
    NativeProcessLauncher launcher() {
        return new NativeProcessLauncher(false);
    }
}
