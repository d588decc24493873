package io.github.concurrent4j.multiprocessing.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The messages of the control link between a parent and a child JVM (one authenticated
 * Unix-domain connection per child, which is also the child's lifeline: when it reaches
 * end-of-file, the parent is gone and the child halts).
 *
 * <pre>
 *  parent                                     child (ChildMain)
 *    |  &lt;-- HELLO token pid --------------------  connected and authenticated
 *    |  &lt;-- READY ------------------------------  warmed up (standbys only)
 *    |  --- PRIME lambda shape ----------------&gt;  resolve a lambda class ahead of time
 *    |  --- RUN header + task -----------------&gt;  become the Process, run it
 *    |  &lt;-- EXIT code ---------------------------  about to halt with this code
 * </pre>
 *
 * Terminate and kill are signals, not messages: they must work on a child that is stuck.
 */
final class Control {
    static final byte HELLO = 1, READY = 2, PRIME = 3, RUN = 4, EXIT = 5;

    private Control() {}

    /** The header of a RUN message: who the child becomes, and under which rules. */
    record Run(String name, int[] identity, boolean daemon, String parentName, long parentPid,
               List<String> allowList, String codecClass, Map<String, String> properties, long sentAtNanos,
               byte[] task) {

        byte[] encode() {
            return write(out -> {
                out.writeByte(RUN);
                out.writeUTF(name);
                out.writeShort(identity.length);
                for (int i : identity) out.writeInt(i);
                out.writeBoolean(daemon);
                out.writeUTF(parentName);
                out.writeLong(parentPid);
                out.writeInt(allowList.size());
                for (String e : allowList) out.writeUTF(e);
                out.writeUTF(codecClass);
                out.writeInt(properties.size());
                for (Map.Entry<String, String> e : properties.entrySet()) {
                    out.writeUTF(e.getKey());
                    out.writeUTF(e.getValue());
                }
                out.writeLong(sentAtNanos);
                out.writeInt(task.length);
                out.write(task);
            });
        }

        static Run decode(byte[] frame) {
            return read(frame, RUN, in -> {
                String name = utf(in);
                int[] identity = new int[count(in, in.readUnsignedShort(), 4)];
                for (int i = 0; i < identity.length; i++) identity[i] = in.readInt();
                boolean daemon = in.readBoolean();
                String parentName = utf(in);
                long parentPid = in.readLong();
                int n = count(in, 2);
                List<String> allow = new ArrayList<>(n);
                for (int i = 0; i < n; i++) allow.add(utf(in));
                String codec = utf(in);
                int np = count(in, 4);
                Map<String, String> props = new TreeMap<>();
                for (int i = 0; i < np; i++) props.put(utf(in), utf(in));
                long sentAt = in.readLong();
                byte[] task = in.readNBytes(count(in, 1));
                return new Run(name, identity, daemon, parentName, parentPid, allow, codec, props, sentAt, task);
            });
        }
    }

    static byte[] hello(long token, long pid) {
        return write(out -> {
            out.writeByte(HELLO);
            out.writeLong(token);
            out.writeLong(pid);
        });
    }

    /** {token, pid} of a HELLO frame. */
    static long[] readHello(byte[] frame) {
        return read(frame, HELLO, in -> new long[] {in.readLong(), in.readLong()});
    }

    static byte[] ready() {
        return new byte[] {READY};
    }

    static byte[] exit(int code) {
        return write(out -> {
            out.writeByte(EXIT);
            out.writeInt(code);
        });
    }

    static int readExit(byte[] frame) {
        return read(frame, EXIT, DataInputStream::readInt);
    }

    static byte[] prime(byte[] lambda) {
        byte[] f = new byte[lambda.length + 1];
        f[0] = PRIME;
        System.arraycopy(lambda, 0, f, 1, lambda.length);
        return f;
    }

    static byte type(byte[] frame) {
        if (frame.length == 0) throw new IllegalStateException("empty control frame");
        return frame[0];
    }

    interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    static byte[] write(Writer w) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            w.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen on a byte array
        }
        return bytes.toByteArray();
    }

    /** A count read from a frame, refused when the frame's remaining bytes cannot hold that many items of {@code minBytes}. */
    private static int count(DataInputStream in, int minBytes) throws IOException {
        return count(in, in.readInt(), minBytes);
    }

    /**
     * {@link DataInputStream#readUTF}, after checking that the frame holds the length it
     * announces: readUTF sizes its buffers (up to 384 KiB) from that length before reading.
     */
    private static String utf(DataInputStream in) throws IOException {
        in.mark(2);
        int len = in.readUnsignedShort();
        if (len > in.available()) throw new IOException("a string of " + len + " bytes does not fit the " + in.available() + " bytes left");
        in.reset();
        return in.readUTF();
    }

    private static int count(DataInputStream in, int n, int minBytes) throws IOException {
        if (n < 0 || (long) n * minBytes > in.available()) {
            throw new IOException("a count of " + n + " does not fit the " + in.available() + " bytes left");
        }
        return n;
    }

    static <T> T read(byte[] frame, byte expected, Reader<T> r) {
        if (type(frame) != expected) {
            throw new IllegalStateException("control protocol error: expected message " + expected + ", got " + frame[0]);
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(frame, 1, frame.length - 1))) {
            return r.read(in);
        } catch (IOException e) {
            throw new IllegalStateException("control protocol error: truncated message " + expected, e);
        }
    }
}
