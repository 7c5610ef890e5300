package dev.mooring.elb.health;

/** The outcome of one health check. */
public sealed interface Probe {
    /** The target answered with {@code status}, which the matcher accepts. */
    record Passed(int status) implements Probe {}

    /** The target answered with {@code status}, which the matcher does not accept. */
    record WrongStatus(int status) implements Probe {}

    /** No answer within the health check timeout. */
    record TimedOut() implements Probe {}

    /** The connection failed (refused, reset, closed early, not HTTP). */
    record Failed(String why) implements Probe {}

    default boolean passed() {
        return this instanceof Passed;
    }
}
