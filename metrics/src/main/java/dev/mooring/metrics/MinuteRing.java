package dev.mooring.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A series' minutes: slot {@code minute % size} holds that minute's bucket. The first sample of a new minute swaps a
 * fresh bucket in with a compare-and-set (the old one is then {@code size} minutes old, past retention); a racing
 * recorder that loses the swap uses the winner's bucket, so nothing is lost and nothing locks.
 */
final class MinuteRing {
    private final AtomicReferenceArray<MinuteBucket> slots;

    MinuteRing(int retainedMinutes) {
        // the current, partial minute plus the retained full ones
        this.slots = new AtomicReferenceArray<>(retainedMinutes + 1);
    }

    /** The bucket of {@code minute}, or null when that minute is already older than the ring keeps. */
    MinuteBucket bucket(long minute) {
        int i = (int) Math.floorMod(minute, (long) slots.length());
        while (true) {
            MinuteBucket b = slots.get(i);
            if (b != null && b.minute == minute) {
                return b;
            }
            if (b != null && b.minute > minute) {
                return null;
            }
            MinuteBucket fresh = new MinuteBucket(minute);
            if (slots.compareAndSet(i, b, fresh)) {
                return fresh;
            }
        }
    }

    /** Buckets of minutes in [{@code fromMinute}, {@code nowMinute}] that are still retained, oldest first. */
    List<MinuteBucket> between(long fromMinute, long nowMinute) {
        long oldestKept = nowMinute - slots.length() + 1;
        List<MinuteBucket> out = new ArrayList<>();
        for (int i = 0; i < slots.length(); i++) {
            MinuteBucket b = slots.get(i);
            if (b != null && b.minute >= Math.max(fromMinute, oldestKept) && b.minute <= nowMinute) {
                out.add(b);
            }
        }
        out.sort(Comparator.comparingLong(b -> b.minute));
        return out;
    }

    /** Forgets every minute. A recorder racing this may land one sample in a fresh bucket: kept, not lost. */
    void clear() {
        for (int i = 0; i < slots.length(); i++) slots.set(i, null);
    }
}
