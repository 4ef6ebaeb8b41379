package dev.switchboard.cli;

import picocli.CommandLine;

/** Reads the version from the jar manifest (set from the pom). */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {"switchboard " + (v == null ? "dev" : v)};
    }
}
