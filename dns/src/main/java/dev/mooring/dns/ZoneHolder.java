package dev.mooring.dns;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/** The current snapshot, swapped atomically by the control plane's publisher and read by the DNS server. */
public final class ZoneHolder implements Zones {
    private final AtomicReference<ZoneSnapshot> current = new AtomicReference<>(ZoneSnapshot.EMPTY);

    @Override
    public ZoneSnapshot current() {
        return current.get();
    }

    public void publish(ZoneSnapshot snapshot) {
        current.set(Objects.requireNonNull(snapshot, "snapshot"));
    }
}
