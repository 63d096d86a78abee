package io.relais.retail.etl;

/** An open-addressing set of longs (the duplicate filter: 8 bytes a line instead of a boxed Long's ~50). */
final class LongHashSet {

    private long[] slots;
    private boolean hasZero;
    private int size;

    LongHashSet(int capacity) {
        slots = new long[Integer.highestOneBit(Math.max(16, capacity) * 2 - 1)];
    }

    /** True when the value was not there yet. */
    boolean add(long value) {
        if (value == 0) {
            if (hasZero) return false;
            hasZero = true;
            return true;
        }
        if (size * 2 >= slots.length) grow();
        int mask = slots.length - 1;
        int i = (int) (mix(value) & mask);
        while (slots[i] != 0) {
            if (slots[i] == value) return false;
            i = (i + 1) & mask;
        }
        slots[i] = value;
        size++;
        return true;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        size = 0;
        for (long v : old) if (v != 0) add(v);
    }

    private static long mix(long v) {
        v ^= v >>> 33;
        v *= 0xff51afd7ed558ccdL;
        return v ^ (v >>> 33);
    }
}
