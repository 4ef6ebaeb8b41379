package dev.switchboard.daemon;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.engine.StackControl;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Listens on the supervisor's Unix domain socket (never TCP) and serves each connection on a
 * virtual thread. Only the user who owns the service may connect: the socket is 0600 in a 0700
 * folder and every peer's uid is checked again through {@code SO_PEERCRED}.
 */
final class SupervisorServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SupervisorServer.class);
    /** The kernel's limit for a socket path ({@code sun_path} is 108 bytes including the terminator). */
    private static final int MAX_SOCKET_PATH_BYTES = 107;

    private final Path socket;
    private final ServerSocketChannel server;
    private final StackControl control;
    private final ObjectNode hello;
    private final Runnable onShutdownRequested;
    private final UserPrincipal owner;
    private final Set<ServiceConnection> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private SupervisorServer(Path socket, ServerSocketChannel server, StackControl control, ObjectNode hello,
                             Runnable onShutdownRequested) throws IOException {
        this.socket = socket;
        this.server = server;
        this.control = control;
        this.hello = hello;
        this.onShutdownRequested = onShutdownRequested;
        this.owner = Files.getOwner(socket);
    }

    /**
     * Binds the socket, replacing a stale socket file that nobody answers on. The caller must hold
     * the service lock, which is what makes deleting the stale file safe.
     */
    static SupervisorServer bind(Path socket, StackControl control, ObjectNode hello, Runnable onShutdownRequested)
            throws IOException {
        if (socket.toString().getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH_BYTES) {
            throw new IOException("the socket path " + socket + " is longer than " + MAX_SOCKET_PATH_BYTES
                    + " bytes, the limit for Unix sockets: use a shorter SWITCHBOARD_HOME or XDG_RUNTIME_DIR");
        }
        if (Files.exists(socket)) {
            if (answers(socket)) {
                throw new IOException("another supervisor service already answers on " + socket);
            }
            LOG.info("replacing stale socket {}", socket);
            Files.delete(socket);
        }
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(socket));
            // the folder is already 0700, so the moment between bind and chmod exposes nothing
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
            return new SupervisorServer(socket, server, control, hello, onShutdownRequested);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** True when something accepts connections on {@code socket}: a socket file alone proves nothing. */
    static boolean answers(Path socket) {
        try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            return probe.isConnected();
        } catch (IOException e) {
            return false;
        }
    }

    /** Accepts connections until {@link #close()}; call on a thread of its own. */
    void serve() {
        while (!closed) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (ClosedChannelException e) {
                break;
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("accept failed", e);
                }
                continue;
            }
            Thread.ofVirtual().name("switchboard-connection").start(() -> serveOne(channel));
        }
    }

    private void serveOne(SocketChannel channel) {
        try {
            if (!sameUser(channel)) {
                refuse(channel);
                return;
            }
        } catch (IOException e) {
            closeQuietly(channel);
            return;
        }
        ServiceConnection connection = new ServiceConnection(channel, control, hello, onShutdownRequested);
        connections.add(connection);
        if (closed) {
            connection.close();
        }
        try {
            connection.serve();
        } finally {
            connection.done().whenComplete((ignored, failure) -> connections.remove(connection));
        }
    }

    private boolean sameUser(SocketChannel channel) throws IOException {
        UnixDomainPrincipal peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
        boolean same = peer.user().equals(owner);
        if (!same) {
            LOG.warn("refused a connection from user {}", peer.user().getName());
        }
        return same;
    }

    private static void refuse(SocketChannel channel) {
        try (channel) {
            ObjectNode reply = Requests.error(null, new ServiceException(
                    "refused: this supervisor service belongs to another user", ErrorCode.INVALID));
            byte[] bytes = (reply + "\n").getBytes(StandardCharsets.UTF_8);
            ChannelStreams.writeFully(channel, bytes, bytes.length);
        } catch (IOException e) {
            // nothing more to tell a peer that went away
        }
    }

    /** How many clients are connected now. */
    int connectionCount() {
        return connections.size();
    }

    /** Stops accepting, removes the socket file and drops every client. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly(server);
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            LOG.warn("could not remove {}", socket, e);
        }
        for (ServiceConnection connection : List.copyOf(connections)) {
            connection.close();
        }
    }

    private static void closeQuietly(java.nio.channels.Channel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
