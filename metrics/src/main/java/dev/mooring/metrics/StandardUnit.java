package dev.mooring.metrics;

/** CloudWatch's units, the few the data plane uses. */
public enum StandardUnit {
    COUNT("Count"),
    BYTES("Bytes"),
    MILLISECONDS("Milliseconds"),
    SECONDS("Seconds"),
    NONE("None");

    private final String cloudWatchName;

    StandardUnit(String cloudWatchName) {
        this.cloudWatchName = cloudWatchName;
    }

    /** The name CloudWatch uses ({@code Milliseconds}). */
    public String cloudWatchName() {
        return cloudWatchName;
    }
}
