package io.github.concurrent4j.multiprocessing.sharedctypes;

import io.github.concurrent4j.multiprocessing.synchronize.RLock;
import io.github.concurrent4j.transport.Transferable;

/** What a {@link Value} or an {@link Array} travels as: its file, lender pid, typecode, length and lock. */
record SharedForm(boolean array, String path, long lender, char code, int length, RLock lock) implements Transferable.Form {
    static final int VALUE = 20, ARRAY = 21;

    @Override
    public Object transferIn() {
        return array ? new Array(this) : new Value(this);
    }
}
