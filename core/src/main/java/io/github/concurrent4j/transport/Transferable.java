package io.github.concurrent4j.transport;

/**
 * An object that is not sent as its fields but as a small "form" from which the receiving
 * process rebuilds its own equivalent: a pipe end becomes the name of its shared-memory file
 * and which end it is, a shared lock the offset of its word. Python's
 * {@code multiprocessing.reduction} does the same for connections and semaphores.
 *
 * <p>{@link #transferOut()} runs in the sender each time the object is encoded (it may record
 * that a copy is in flight, e.g. to keep a pipe end open until the receiver holds it); the
 * form's {@link Form#transferIn()} runs in the receiver after the form is decoded, and its
 * result takes the object's place. A loan made by {@code transferOut} is recorded under the
 * receiver's pid when {@link Lending#receiver()} knows it, and registered with
 * {@link Lending#onCancel} so that a message that is never delivered takes it back. The form's class must be on the allow-list (library forms
 * are listed in {@code META-INF/concurrent4j/serial-allow.txt}).
 */
public interface Transferable {
    /** The form to send instead of this object. */
    Form transferOut();

    /** What crosses the process boundary in place of a {@link Transferable}. */
    interface Form {
        /** Rebuilds the object in the receiving process. */
        Object transferIn();
    }
}
