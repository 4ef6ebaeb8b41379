package dev.switchboard.engine;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * Spawns a child with glibc's {@code posix_spawn} through the FFM API, in one step: the child
 * calls {@code setsid()} (so it leads its own session and process group), resets signal
 * dispositions and mask, opens /dev/null and the two log files as its stdin, stdout and stderr,
 * changes folder, closes every other descriptor and execs the program. glibc spawns with
 * {@code CLONE_VFORK}, so the call returns once the program runs (or with the reason it could
 * not), with the group already formed. That is one exec where {@link ProcessBuilder} takes three
 * (jspawnhelper, setsid, the program), and no waiting for the group to appear.
 *
 * <p>The caller reaps the child with {@link #awaitExit}, which also tells an exit code from a
 * death by signal exactly (no 128+N guessing). Needs glibc 2.34 or later
 * ({@code posix_spawn_file_actions_addclosefrom_np}); {@link #isAvailable()} says whether it is there.
 */
final class PosixSpawn {

    private static final int POSIX_SPAWN_SETSIGDEF = 0x04;
    private static final int POSIX_SPAWN_SETSIGMASK = 0x08;
    private static final int POSIX_SPAWN_SETSID = 0x80;
    private static final int O_RDONLY = 0;
    private static final int O_WRONLY = 1;
    private static final int O_CREAT = 0100;
    private static final int O_APPEND = 02000;
    private static final int MODE_0666 = 0666; // the umask applies, as for files Java creates
    private static final int P_PID = 1;
    private static final int WEXITED = 4;
    private static final int CLD_EXITED = 1;
    private static final int CLD_KILLED = 2;
    private static final int CLD_DUMPED = 3;
    private static final int ENOEXEC = 8;
    private static final String SHELL = "/bin/sh";
    /** Generous upper bounds of the opaque glibc structures (80, 336 and 128 bytes on x86-64 and arm64). */
    private static final long FILE_ACTIONS_SIZE = 512;
    private static final long ATTR_SIZE = 1024;
    private static final long SIGSET_SIZE = 128;
    private static final long SIGINFO_SIZE = 128;
    private static final long SI_CODE = 8;
    private static final long SI_STATUS = 24;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();

    private static final FunctionDescriptor INT_PTR = FunctionDescriptor.of(JAVA_INT, ADDRESS);
    private static final FunctionDescriptor INT_PTR_PTR = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS);

    private static final Optional<MethodHandle> SPAWN = find("posix_spawn",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
    private static final Optional<MethodHandle> FA_INIT = find("posix_spawn_file_actions_init", INT_PTR);
    private static final Optional<MethodHandle> FA_DESTROY = find("posix_spawn_file_actions_destroy", INT_PTR);
    private static final Optional<MethodHandle> FA_OPEN = find("posix_spawn_file_actions_addopen",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    private static final Optional<MethodHandle> FA_CHDIR = find("posix_spawn_file_actions_addchdir_np", INT_PTR_PTR);
    private static final Optional<MethodHandle> FA_CLOSEFROM = find("posix_spawn_file_actions_addclosefrom_np",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final Optional<MethodHandle> ATTR_INIT = find("posix_spawnattr_init", INT_PTR);
    private static final Optional<MethodHandle> ATTR_DESTROY = find("posix_spawnattr_destroy", INT_PTR);
    private static final Optional<MethodHandle> ATTR_FLAGS = find("posix_spawnattr_setflags",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_SHORT));
    private static final Optional<MethodHandle> ATTR_SIGMASK = find("posix_spawnattr_setsigmask", INT_PTR_PTR);
    private static final Optional<MethodHandle> ATTR_SIGDEFAULT = find("posix_spawnattr_setsigdefault", INT_PTR_PTR);
    private static final Optional<MethodHandle> SIGEMPTYSET = find("sigemptyset", INT_PTR);
    private static final Optional<MethodHandle> SIGFILLSET = find("sigfillset", INT_PTR);
    private static final Optional<MethodHandle> WAITID = find("waitid",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT),
            Posix.ERRNO_OPTION);

    private static final boolean AVAILABLE = "Linux".equals(System.getProperty("os.name"))
            && List.of(SPAWN, FA_INIT, FA_DESTROY, FA_OPEN, FA_CHDIR, FA_CLOSEFROM, ATTR_INIT, ATTR_DESTROY,
                    ATTR_FLAGS, ATTR_SIGMASK, ATTR_SIGDEFAULT, SIGEMPTYSET, SIGFILLSET, WAITID)
            .stream().allMatch(Optional::isPresent);

    private PosixSpawn() {
    }

    /** True if this libc offers everything {@link #spawn} needs (glibc 2.34+ on Linux). */
    static boolean isAvailable() {
        return AVAILABLE;
    }

    /**
     * Starts {@code program} with {@code argv} (argv[0] included) in a new session, in folder
     * {@code cwd}, with exactly the environment {@code env}, stdin from /dev/null and stdout and
     * stderr appended to the two files. Returns its pid; the caller must reap it with {@link #awaitExit}.
     *
     * @throws LaunchException with the system's reason (such as "Permission denied") if it could not run
     */
    static long spawn(Path program, List<String> argv, Path cwd, Map<String, String> env,
                      Path stdout, Path stderr) throws LaunchException {
        if (!AVAILABLE) {
            throw new IllegalStateException("posix_spawn with setsid and closefrom is not available");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment actions = arena.allocate(FILE_ACTIONS_SIZE, 16);
            MemorySegment attr = arena.allocate(ATTR_SIZE, 16);
            check((int) FA_INIT.get().invokeExact(actions), "posix_spawn_file_actions_init");
            try {
                check((int) ATTR_INIT.get().invokeExact(attr), "posix_spawnattr_init");
                try {
                    check((int) FA_OPEN.get().invokeExact(actions, 0, cString(arena, "/dev/null"), O_RDONLY, 0),
                            "open /dev/null");
                    int append = O_WRONLY | O_CREAT | O_APPEND;
                    check((int) FA_OPEN.get().invokeExact(actions, 1, cString(arena, stdout.toString()), append,
                            MODE_0666), "open the stdout log");
                    check((int) FA_OPEN.get().invokeExact(actions, 2, cString(arena, stderr.toString()), append,
                            MODE_0666), "open the stderr log");
                    check((int) FA_CHDIR.get().invokeExact(actions, cString(arena, cwd.toString())), "chdir");
                    check((int) FA_CLOSEFROM.get().invokeExact(actions, 3), "closefrom");

                    MemorySegment none = arena.allocate(SIGSET_SIZE, 8);
                    MemorySegment all = arena.allocate(SIGSET_SIZE, 8);
                    check((int) SIGEMPTYSET.get().invokeExact(none), "sigemptyset");
                    check((int) SIGFILLSET.get().invokeExact(all), "sigfillset");
                    check((int) ATTR_SIGMASK.get().invokeExact(attr, none), "posix_spawnattr_setsigmask");
                    check((int) ATTR_SIGDEFAULT.get().invokeExact(attr, all), "posix_spawnattr_setsigdefault");
                    short flags = (short) (POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
                    check((int) ATTR_FLAGS.get().invokeExact(attr, flags), "posix_spawnattr_setflags");

                    MemorySegment pid = arena.allocate(JAVA_INT);
                    MemorySegment envp = stringArray(arena, environment(env));
                    int rc = (int) SPAWN.get().invokeExact(pid, cString(arena, program.toString()), actions, attr,
                            stringArray(arena, argv), envp);
                    if (rc == ENOEXEC) {
                        // A script without a #! line: run it with sh, as a shell (and execvp) would.
                        List<String> viaShell = new java.util.ArrayList<>(argv.size() + 1);
                        viaShell.add(SHELL);
                        viaShell.add(program.toString());
                        viaShell.addAll(argv.subList(1, argv.size()));
                        rc = (int) SPAWN.get().invokeExact(pid, cString(arena, SHELL), actions, attr,
                                stringArray(arena, viaShell), envp);
                    }
                    if (rc != 0) {
                        throw new LaunchException(Posix.strerror(rc), null);
                    }
                    return pid.get(JAVA_INT, 0);
                } finally {
                    int ignored = (int) ATTR_DESTROY.get().invokeExact(attr);
                }
            } finally {
                int ignored = (int) FA_DESTROY.get().invokeExact(actions);
            }
        } catch (LaunchException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("posix_spawn failed", t);
        }
    }

    /**
     * Blocks until child {@code pid} ends, reaps it and says how: its exit code, or the signal
     * that killed it. Call it once, from a thread that may block.
     */
    static ExitStatus awaitExit(long pid) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment info = arena.allocate(SIGINFO_SIZE, 8);
            MemorySegment state = arena.allocate(Posix.CAPTURE);
            while (true) {
                int rc = (int) WAITID.get().invokeExact(state, P_PID, (int) pid, info, WEXITED);
                if (rc == 0) {
                    int code = info.get(JAVA_INT, SI_CODE);
                    int status = info.get(JAVA_INT, SI_STATUS);
                    return switch (code) {
                        case CLD_EXITED -> ExitStatus.exited(status);
                        case CLD_KILLED, CLD_DUMPED -> ExitStatus.killed(status);
                        default -> ExitStatus.failed("unexpected wait status " + code + "/" + status);
                    };
                }
                int errno = Posix.errno(state);
                if (errno != Posix.EINTR) {
                    return ExitStatus.failed("could not wait for process " + pid + ": " + Posix.strerror(errno));
                }
            }
        } catch (Throwable t) {
            return ExitStatus.failed("could not wait for process " + pid + ": " + t);
        }
    }

    private static List<String> environment(Map<String, String> env) {
        return env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    }

    private static MemorySegment cString(Arena arena, String s) {
        return arena.allocateFrom(s);
    }

    /** A NULL-terminated array of C strings, as argv and envp are. */
    private static MemorySegment stringArray(Arena arena, List<String> strings) {
        MemorySegment array = arena.allocate(ADDRESS, strings.size() + 1L);
        for (int i = 0; i < strings.size(); i++) {
            array.setAtIndex(ADDRESS, i, arena.allocateFrom(strings.get(i)));
        }
        array.setAtIndex(ADDRESS, strings.size(), MemorySegment.NULL);
        return array;
    }

    private static void check(int rc, String what) throws LaunchException {
        if (rc != 0) {
            throw new LaunchException(what + ": " + Posix.strerror(rc), null);
        }
    }

    @SuppressWarnings("restricted") // native access is enabled on the command line, see Posix
    private static Optional<MethodHandle> find(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        return LIBC.find(name).map(symbol -> LINKER.downcallHandle(symbol, descriptor, options));
    }
}
