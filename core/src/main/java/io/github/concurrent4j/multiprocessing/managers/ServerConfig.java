package io.github.concurrent4j.multiprocessing.managers;

import java.util.List;

import io.github.concurrent4j.multiprocessing.connection.Address;

/**
 * What a manager's process is started with: where to listen (null: a fresh private Unix
 * socket), the key clients must hold, and the registered types.
 */
record ServerConfig(Address address, byte[] authkey, List<Types.Registration> registrations) {
    ServerConfig {
        registrations = List.copyOf(registrations);
    }
}
