package io.github.concurrent4j.multiprocessing.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * What a freshly started child JVM needs before it can talk to its parent, handed over on the
 * child's standard input (then closed, so that the child's own reads of {@code System.in}
 * see end-of-file, as a Python child's {@code input()} does).
 *
 * <p>Why stdin: the {@code authkey} must never appear on a command line ({@code ps} shows it to
 * every user) nor in a file others could read; a pipe between parent and child is private to
 * the two of them.
 *
 * <pre>
 *  u32 magic "C4J1" | UTF socketPath | u16 keyLength | key bytes | u64 token | bool standby
 *  | UTF runtimeDir | UTF shmDir
 * </pre>
 *
 * @param socketPath the parent's control socket to connect back to
 * @param authkey    the family's key, for the handshake and for the child's own children
 * @param token      matches the connection to this launch
 * @param standby    warm up and wait for a task (true) or take the task at once (false)
 * @param runtimeDir the family's private socket directory (0700)
 * @param shmDir     the family's private shared-memory directory (0700)
 */
record Boot(String socketPath, byte[] authkey, long token, boolean standby, String runtimeDir, String shmDir) {
    private static final int MAGIC = 0x43344A31; // "C4J1"
    private static final int MAX_KEY = 1024;

    void writeTo(OutputStream os) throws IOException {
        DataOutputStream out = new DataOutputStream(os);
        out.writeInt(MAGIC);
        out.writeUTF(socketPath);
        out.writeShort(authkey.length);
        out.write(authkey);
        out.writeLong(token);
        out.writeBoolean(standby);
        out.writeUTF(runtimeDir);
        out.writeUTF(shmDir);
        out.flush();
    }

    static Boot readFrom(InputStream is) throws IOException {
        DataInputStream in = new DataInputStream(is);
        if (in.readInt() != MAGIC) throw new IOException("not started by concurrent4j: bad boot record on stdin");
        String socket = in.readUTF();
        int keyLength = in.readUnsignedShort();
        if (keyLength == 0 || keyLength > MAX_KEY) throw new IOException("bad authkey length " + keyLength);
        byte[] key = in.readNBytes(keyLength);
        if (key.length != keyLength) throw new IOException("truncated boot record");
        return new Boot(socket, key, in.readLong(), in.readBoolean(), in.readUTF(), in.readUTF());
    }
}
