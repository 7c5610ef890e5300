package dev.mooring.core.operation;

import java.util.Map;

/**
 * An error the caller is meant to see: its code (the modelled error's name, e.g. {@code ClusterNotFoundException}),
 * its {@link ErrorKind}, a clear message, and any modelled extra members (Cloud Map's {@code NamespaceId} on
 * {@code NamespaceAlreadyExists}). Thrown by the domain; each protocol turns it into its own error shape.
 */
public class ServiceException extends RuntimeException {
    private final String code;
    private final ErrorKind kind;
    private final Map<String, Object> extra;

    public ServiceException(String code, ErrorKind kind, String message, Map<String, Object> extra) {
        super(message, null, false, false);
        this.code = code;
        this.kind = kind;
        this.extra = Map.copyOf(extra);
    }

    public ServiceException(String code, ErrorKind kind, String message) {
        this(code, kind, message, Map.of());
    }

    /** A client error with extra members. */
    public ServiceException(String code, String message, Map<String, Object> extra) {
        this(code, ErrorKind.BAD_REQUEST, message, extra);
    }

    /** A client error: the common case of bad or conflicting input. */
    public ServiceException(String code, String message) {
        this(code, ErrorKind.BAD_REQUEST, message, Map.of());
    }

    /** A server fault; the protocol names it with its service's own fault code where the service models one. */
    public static ServiceException internal(String message) {
        return new ServiceException("InternalFailure", ErrorKind.INTERNAL, message);
    }

    public String code() {
        return code;
    }

    public ErrorKind kind() {
        return kind;
    }

    public Map<String, Object> extra() {
        return extra;
    }
}
