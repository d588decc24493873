package io.github.concurrent4j.net;

/**
 * The equivalent of Python's {@code selectors} module: the event constants and the factory of
 * {@link DefaultSelector}.
 *
 * <pre>{@code
 * // Python:  sel = selectors.DefaultSelector(); sel.register(sock, selectors.EVENT_READ, accept)
 * try (DefaultSelector<Callback> sel = Selectors.defaultSelector()) {
 *     sel.register(serverChannel, Selectors.EVENT_READ, this::accept);
 *     while (running)
 *         for (DefaultSelector.Ready<Callback> ready : sel.select())
 *             ready.key().data().call(ready.key().channel(), ready.events());
 * }
 * }</pre>
 *
 * <p>Differences from Python: there is one selector implementation (the JDK's, which is epoll
 * on Linux, kqueue on macOS), so there are no {@code SelectSelector}/{@code PollSelector}/
 * {@code EpollSelector} classes to choose from; {@code defaultSelector()} is the only factory.
 *
 * <p>Thread safety: this class has no state. Memory consistency effects: none of its own; see
 * {@link DefaultSelector}.
 */
public final class Selectors {
    /** Python's {@code selectors.EVENT_READ}: readable, or (for a listening channel) a connection to accept. */
    public static final int EVENT_READ = 1;
    /** Python's {@code selectors.EVENT_WRITE}: writable, or (for a connecting channel) connected. */
    public static final int EVENT_WRITE = 1 << 1;

    private Selectors() {}

    /**
     * Python's {@code selectors.DefaultSelector()}: opens a new selector.
     *
     * @param <D> the type of the data attached to each registration (often a callback)
     * @throws java.io.UncheckedIOException if the operating system refuses a new selector
     */
    public static <D> DefaultSelector<D> defaultSelector() {
        return new DefaultSelector<>();
    }

    /** {@code "EVENT_READ|EVENT_WRITE"} style text of an event mask, for messages and logs. */
    static String describe(int events) {
        StringBuilder sb = new StringBuilder();
        if ((events & EVENT_READ) != 0) sb.append("EVENT_READ");
        if ((events & EVENT_WRITE) != 0) sb.append(sb.isEmpty() ? "" : "|").append("EVENT_WRITE");
        int rest = events & ~(EVENT_READ | EVENT_WRITE);
        if (rest != 0 || sb.isEmpty()) sb.append(sb.isEmpty() ? "" : "|").append("0x").append(Integer.toHexString(rest));
        return sb.toString();
    }
}
