package dev.mooring.control.ecs;

/** A Describe* entry that could not be answered; waiters look for {@code reason: "MISSING"} (spec §1.3). */
public record Failure(String arn, String reason, String detail) {
    public static Failure missing(String arn) {
        return new Failure(arn, "MISSING", null);
    }
}
