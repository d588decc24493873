package io.github.concurrent4j.multiprocessing.managers;

/**
 * The equivalent of Python's {@code multiprocessing.managers.RemoteError}: a method of a shared
 * object threw, in the manager's process, an exception that is not one of those re-thrown as
 * themselves (the JDK's argument, state, index, element, null, cast and arithmetic exceptions,
 * and this library's queue, barrier and serialization exceptions). It carries the remote
 * exception's class name and the server's stack trace.
 */
public final class RemoteException extends RuntimeException {
    private final String remoteType;
    private final String remoteTrace;

    public RemoteException(String remoteType, String message, String remoteTrace) {
        super(remoteType + ": " + message + "\n--- in the manager's process:\n" + remoteTrace);
        this.remoteType = remoteType;
        this.remoteTrace = remoteTrace;
    }

    /** The class name of the exception the server caught. */
    public String remoteType() {
        return remoteType;
    }

    /** The stack trace printed in the manager's process. */
    public String remoteTrace() {
        return remoteTrace;
    }
}
