package io.github.concurrent4j.multiprocessing.connection;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a {@link Listener} listens and a {@link Client} connects: a Unix-domain socket path
 * (Python's {@code 'AF_UNIX'} string addresses) or a TCP host and port (Python's
 * {@code ('host', port)} tuples, {@code 'AF_INET'}).
 */
public sealed interface Address {
    /** A Unix-domain socket: private to this machine, and to this user when its directory is. */
    record Unix(Path path) implements Address {
        public Unix {
            Objects.requireNonNull(path, "path");
            if (path.toString().length() > 100) {
                throw new IllegalArgumentException("Unix socket path longer than 100 characters: " + path);
            }
        }

        @Override
        public SocketAddress toSocketAddress() {
            return UnixDomainSocketAddress.of(path);
        }

        @Override
        public String toString() {
            return path.toString();
        }
    }

    /** A TCP address; port 0 asks the listener for any free port. */
    record Tcp(String host, int port) implements Address {
        public Tcp {
            Objects.requireNonNull(host, "host");
            if (port < 0 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
        }

        @Override
        public SocketAddress toSocketAddress() {
            return new InetSocketAddress(host, port);
        }

        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    static Address unix(Path path) {
        return new Unix(path);
    }

    static Address tcp(String host, int port) {
        return new Tcp(host, port);
    }

    /** The JDK socket address. */
    SocketAddress toSocketAddress();
}
