package io.github.concurrent4j.multiprocessing.managers;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.Objects;

import io.github.concurrent4j.multiprocessing.connection.Address;
import io.github.concurrent4j.queue.EmptyException;
import io.github.concurrent4j.queue.FullException;
import io.github.concurrent4j.queue.ShutDownException;
import io.github.concurrent4j.threading.BrokenBarrierException;
import io.github.concurrent4j.transport.SerializationException;

/**
 * What travels between a proxy and the manager's server, over one authenticated connection per
 * client thread (Python's {@code BaseProxy} keeps one per thread too):
 *
 * <pre>
 *  client thread                         server (one session thread per connection)
 *  Request(object id, method, args)  ->  table lookup: typeid's Op for 'method' (refused if absent)
 *                                    <-  the result (any allowed value, proxies as their forms)
 *                                    <-  or Failure(exception type, message, remote stack trace)
 * </pre>
 *
 * Object id {@link #SERVER} addresses the server itself ({@code create}, {@code shutdown},
 * {@code bye}, {@code adoptLambdas}, {@code count}). Each record is on the library's
 * allow-list ({@code META-INF/concurrent4j/serial-allow.txt}).
 */
final class Wire {
    /** The object id of the server itself. */
    static final long SERVER = 0;
    /** A timeout on the wire meaning "wait forever". */
    static final long FOREVER = -1;

    private Wire() {}

    /** One call: {@code method} of object {@code object} with {@code args}. */
    record Request(long object, String method, Object[] args) {
        Request {
            Objects.requireNonNull(method, "method");
            if (args == null) args = new Object[0];
        }

        @Override
        public String toString() {
            return "Request[" + object + "." + method + Arrays.toString(args) + "]";
        }
    }

    /** The exception a call raised on the server, by type name; rebuilt by {@link #toException}. */
    record Failure(String type, String message, String remoteTrace) {
        static Failure of(Throwable t) {
            StringWriter w = new StringWriter();
            t.printStackTrace(new PrintWriter(w));
            return new Failure(t.getClass().getName(), String.valueOf(t.getMessage()), w.toString());
        }

        /**
         * The exception to throw in the caller: the same JDK or library type for the ones a
         * proxy's interface documents (Python re-raises the server's exception too), a
         * {@link RemoteException} carrying the server's trace for anything else.
         */
        RuntimeException toException() {
            String m = message;
            return switch (type) {
                case "java.lang.IllegalArgumentException" -> new IllegalArgumentException(m);
                case "java.lang.IllegalStateException" -> new IllegalStateException(m);
                case "java.lang.IllegalMonitorStateException" -> new IllegalMonitorStateException(m);
                case "java.lang.UnsupportedOperationException" -> new UnsupportedOperationException(m);
                case "java.lang.IndexOutOfBoundsException", "java.lang.ArrayIndexOutOfBoundsException" ->
                        new IndexOutOfBoundsException(m);
                case "java.util.NoSuchElementException" -> new java.util.NoSuchElementException(m);
                case "java.lang.NullPointerException" -> new NullPointerException(m);
                case "java.lang.ClassCastException" -> new ClassCastException(m);
                case "java.lang.ArithmeticException" -> new ArithmeticException(m);
                case "io.github.concurrent4j.queue.EmptyException" -> new EmptyException(m);
                case "io.github.concurrent4j.queue.FullException" -> new FullException(m);
                case "io.github.concurrent4j.queue.ShutDownException" -> new ShutDownException(m);
                case "io.github.concurrent4j.threading.BrokenBarrierException" -> new BrokenBarrierException(m);
                case "io.github.concurrent4j.transport.SerializationException",
                     "io.github.concurrent4j.transport.ClassNotAllowedException" ->
                        new SerializationException("the manager's server could not decode the call: " + m);
                default -> new RemoteException(type, m, remoteTrace);
            };
        }
    }

    /** Names a shared object: Python's {@code Token(typeid, address, id)}. */
    record Token(String typeid, Address address, long id) {
        Token {
            Objects.requireNonNull(typeid, "typeid");
            Objects.requireNonNull(address, "address");
        }
    }
}
