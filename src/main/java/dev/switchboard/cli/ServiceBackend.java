package dev.switchboard.cli;

import dev.switchboard.daemon.SupervisorDaemon;
import dev.switchboard.engine.Supervisor;
import dev.switchboard.engine.SwitchboardHome;

/** The engine the supervisor service hosts. */
final class ServiceBackend {
    private ServiceBackend() {
    }

    /** A supervisor for {@code home} that re-adopts what an earlier service left running. */
    static SupervisorDaemon.Backend create(SwitchboardHome home) {
        Supervisor supervisor = new Supervisor(home);
        return new SupervisorDaemon.Backend(supervisor, supervisor::detach);
    }
}
