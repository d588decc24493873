package io.github.concurrent4j.multiprocessing.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.concurrent4j.transport.Serialization;
import io.github.concurrent4j.transport.internal.LambdaShapes;

/**
 * Shows waiting standby JVMs what the next tasks will need, so that starting one costs a
 * message rather than class loading and lambda spinning in a young JVM.
 *
 * <pre>
 *  parent: Process.start(task)          standby JVMs (waiting)
 *     shape of the task is new? ─PRIME──▶ load the class / spin the lambda class, discard
 *  new standby ready ────────────PRIME──▶ the same, for every remembered shape
 * </pre>
 *
 * A shape is a {@code Process} subclass's name (the standby initializes the class), a
 * lambda's {@link LambdaShapes shape} (recreated with placeholder captured values), or an inert
 * stand-in of a library class that every task carries, such as a {@code Process} without a
 * target (decoded and dropped). Nothing a real task carries is decoded by priming. The parent
 * remembers the last {@value #REMEMBERED} shapes. Priming is best-effort: a shape that fails is ignored.
 */
final class Priming {
    static final int REMEMBERED = 16;
    private static final byte LAMBDA = 1, CLASS = 2, SAMPLE = 3;
    private static final Priming SHARED = new Priming();
    /** The library's package prefix ({@code io.github.concurrent4j.}): its classes need no class priming. */
    static final String LIBRARY = libraryPrefix();

    private final Map<String, byte[]> recent = new LinkedHashMap<>(32, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > REMEMBERED;
        }
    };

    private byte[] standIn;
    private byte[] standInFrame;

    /** What this process has shown standbys (and what the AOT cache's training run is shown). */
    static Priming shared() {
        return SHARED;
    }

    /**
     * Remembers the process layer's inert stand-in task (see {@link StartRequest#standIn()}):
     * standbys decode it, and the AOT training run runs it. Returns its PRIME frame if it is new.
     */
    synchronized byte[] rememberStandIn(byte[] encoded) {
        if (standIn != null) return null;
        standIn = encoded.clone();
        standInFrame = sampleFrame(encoded);
        return standInFrame;
    }

    /** The stand-in task, once a process has been started. */
    synchronized java.util.Optional<byte[]> standIn() {
        return java.util.Optional.ofNullable(standIn);
    }

    /** The PRIME frame for a task, if it is new (null if already remembered or not primable). */
    synchronized byte[] remember(Object task, Object target) {
        Optional<List<Object>> shape = LambdaShapes.shapeOf(target);
        String key;
        byte[] body;
        if (shape.isPresent()) {
            key = LambdaShapes.key(shape.get());
            if (recent.containsKey(key)) return null;
            body = encode(LAMBDA, shape.get());
        } else if (task != null && !task.getClass().getName().startsWith(LIBRARY)) {
            key = task.getClass().getName();
            if (recent.containsKey(key)) return null;
            body = encode(CLASS, List.of(key));
        } else {
            return null;
        }
        byte[] frame = Control.prime(body);
        recent.put(key, frame);
        return frame;
    }

    /**
     * The PRIME frame for a stand-in object of a library class that tasks carry (null if
     * already remembered): the standby decodes it and throws it away, so that the codec's
     * serializer for that class is built before a real task needs it. The stand-in must be
     * inert: decoding it may not open, start or register anything.
     */
    synchronized byte[] rememberSample(String key, byte[] encoded) {
        if (recent.containsKey(key)) return null;
        byte[] frame = sampleFrame(encoded);
        recent.put(key, frame);
        return frame;
    }

    private static byte[] sampleFrame(byte[] encoded) {
        List<Object> msg = new ArrayList<>();
        msg.add((int) SAMPLE);
        msg.add(encoded);
        return Control.prime(Serialization.codec().encode(msg));
    }

    /** Every frame a new standby is sent: the stand-in task first, then the remembered shapes. */
    synchronized List<byte[]> all() {
        List<byte[]> frames = new ArrayList<>();
        if (standInFrame != null) frames.add(standInFrame);
        frames.addAll(recent.values());
        return frames;
    }

    private static String libraryPrefix() {
        String transport = Serialization.class.getPackageName();
        return transport.substring(0, transport.lastIndexOf('.') + 1);
    }

    private static byte[] encode(byte kind, List<Object> shape) {
        List<Object> msg = new ArrayList<>();
        msg.add((int) kind);
        msg.addAll(shape);
        return Serialization.codec().encode(new ArrayList<>(msg));
    }

    /** In a standby: act on a PRIME frame. */
    static void prime(byte[] frame) {
        try {
            List<?> msg = (List<?>) Serialization.codec().decode(frame, 1, frame.length - 1);
            int kind = (Integer) msg.get(0);
            List<Object> shape = new ArrayList<>(msg.subList(1, msg.size()));
            ClassLoader loader = ClassLoader.getSystemClassLoader();
            if (kind == LAMBDA) LambdaShapes.prime(shape, loader);
            else if (kind == CLASS) Class.forName((String) shape.get(0), true, loader);
            else if (kind == SAMPLE) Serialization.codec().decode((byte[]) shape.get(0));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // best effort: the task will do the work when it comes
        }
    }
}
