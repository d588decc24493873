package io.github.concurrent4j.futures;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Python's {@code assertLogs('concurrent.futures')}: collects what concurrent4j logs on a
 * {@code System.Logger} (backed by java.util.logging in tests), message and stack trace.
 */
public final class LogCapture extends Handler implements AutoCloseable {
    private final Logger logger;
    private final List<String> lines = new ArrayList<>();

    public LogCapture(String name) {
        this.logger = Logger.getLogger(name);
        logger.addHandler(this);
        setLevel(Level.ALL);
    }

    @Override
    public synchronized void publish(LogRecord r) {
        StringWriter w = new StringWriter();
        w.append(r.getLevel().getName()).append(' ').append(r.getMessage()).append('\n');
        if (r.getThrown() != null) r.getThrown().printStackTrace(new PrintWriter(w));
        lines.add(w.toString());
    }

    /** Everything logged so far, one entry per record. */
    public synchronized List<String> records() {
        return List.copyOf(lines);
    }

    public synchronized String text() {
        return String.join("", lines);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
