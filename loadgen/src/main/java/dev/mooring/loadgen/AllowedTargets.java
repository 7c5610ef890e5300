package dev.mooring.loadgen;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Where load may go: loopback and Mooring's task network (house rule: traffic never leaves the machine). The name
 * is resolved here, once, and the run connects to the address that was checked, so a name cannot change its answer
 * between the check and the connection.
 */
public record AllowedTargets(List<Cidr> blocks) {
    public static final Cidr DEFAULT_TASK_CIDR = Cidr.parse("198.18.0.0/16");

    public AllowedTargets {
        blocks = List.copyOf(blocks);
    }

    /** Loopback (127.0.0.0/8 and ::1) plus the given task CIDR. */
    public static AllowedTargets loopbackAnd(Cidr taskCidr) {
        return new AllowedTargets(List.of(Cidr.parse("127.0.0.0/8"), Cidr.parse("::1/128"), taskCidr));
    }

    /** Resolves {@code host} and returns its address when every address it has is allowed. */
    public InetAddress check(String host) {
        InetAddress[] all;
        try {
            all = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new RefusedTargetException("cannot resolve " + host);
        }
        for (InetAddress a : all) {
            if (blocks.stream().noneMatch(b -> b.contains(a))) {
                throw new RefusedTargetException("refusing to send traffic to " + host + " ("
                        + Arrays.stream(all).map(InetAddress::getHostAddress).collect(Collectors.joining(", "))
                        + "): mooring traffic only targets " + describe());
            }
        }
        return all[0];
    }

    public String describe() {
        return blocks.stream().map(Cidr::toString).collect(Collectors.joining(", "));
    }

    /** A target outside the allowed blocks, or one that does not resolve. */
    public static final class RefusedTargetException extends IllegalArgumentException {
        public RefusedTargetException(String message) {
            super(message);
        }
    }
}
