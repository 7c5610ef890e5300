package dev.mooring.elb;

import dev.mooring.core.operation.ErrorKind;
import dev.mooring.core.operation.ServiceException;

/** ELBv2's error codes (its awsQuery error names) and the messages Mooring gives with them. */
final class Errors {
    private Errors() {}

    static ServiceException validation(String message) {
        return new ServiceException("ValidationError", message);
    }

    static ServiceException loadBalancerNotFound(String what) {
        return new ServiceException("LoadBalancerNotFound", ErrorKind.NOT_FOUND,
                "One or more load balancers not found" + (what == null ? "" : ": " + what));
    }

    static ServiceException targetGroupNotFound(String what) {
        return new ServiceException("TargetGroupNotFound", ErrorKind.NOT_FOUND,
                "One or more target groups not found" + (what == null ? "" : ": " + what));
    }

    static ServiceException listenerNotFound(String what) {
        return new ServiceException("ListenerNotFound", ErrorKind.NOT_FOUND,
                "One or more listeners not found" + (what == null ? "" : ": " + what));
    }

    static ServiceException ruleNotFound(String what) {
        return new ServiceException("RuleNotFound", ErrorKind.NOT_FOUND,
                "One or more rules not found" + (what == null ? "" : ": " + what));
    }

    static ServiceException notFound(Arns.Kind kind, String arn) {
        return switch (kind) {
            case LOAD_BALANCER -> loadBalancerNotFound(arn);
            case TARGET_GROUP -> targetGroupNotFound(arn);
            case LISTENER -> listenerNotFound(arn);
            case RULE -> ruleNotFound(arn);
        };
    }

    static ServiceException of(String code, String message) {
        return new ServiceException(code, message);
    }

    static <T> T required(T value, String member) {
        if (value == null || value instanceof String s && s.isEmpty()) {
            throw validation("1 validation error detected: Value null at '" + lowerFirst(member)
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return value;
    }

    static int range(Integer value, String member, int min, int max) {
        if (value < min || value > max) {
            throw validation("1 validation error detected: Value '" + value + "' at '" + lowerFirst(member)
                    + "' failed to satisfy constraint: Member must have value " + (value < min
                    ? "greater than or equal to " + min : "less than or equal to " + max));
        }
        return value;
    }

    private static String lowerFirst(String s) {
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
