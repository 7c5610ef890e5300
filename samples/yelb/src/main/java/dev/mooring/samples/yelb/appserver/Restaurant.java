package dev.mooring.samples.yelb.appserver;

import java.util.Locale;

/** The four restaurants of the {@code restaurants} table, each with its vote endpoint {@code /api/<name>}. */
public enum Restaurant {
    OUTBACK, BUCADIBEPPO, IHOP, CHIPOTLE;

    /** The row's name and the endpoint's last segment. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
