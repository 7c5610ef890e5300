package dev.mooring.elb;

import java.time.Duration;
import java.time.Instant;

/**
 * A target registered in a target group. Deregistration does not remove it at once: it drains for the group's
 * deregistration delay from {@code deregisteredAt}, then it is gone (and swept from the store). {@code owner} is what
 * registered it on a user's behalf (an ECS task's ARN), or null for RegisterTargets.
 */
public record Registration(String targetGroupArn, String id, int port, String availabilityZone, Instant registeredAt,
                           Instant deregisteredAt, String owner) {

    public static String key(String targetGroupArn, String id, int port) {
        return targetGroupArn + "|" + id + "|" + port;
    }

    public String key() {
        return key(targetGroupArn, id, port);
    }

    public boolean deregistering() {
        return deregisteredAt != null;
    }

    /** Still registered or still draining at {@code now}. */
    public boolean present(Instant now, Duration delay) {
        return deregisteredAt == null || now.isBefore(deregisteredAt.plus(delay));
    }

    public Registration deregistered(Instant at) {
        return new Registration(targetGroupArn, id, port, availabilityZone, registeredAt, at, owner);
    }
}
