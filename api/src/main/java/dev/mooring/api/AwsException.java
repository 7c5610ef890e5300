package dev.mooring.api;

import java.util.Map;

/**
 * An error the client is meant to see: its AWS code ({@code __type}), HTTP status and text, plus any modelled extra
 * members (for example Cloud Map's {@code NamespaceId} on NamespaceAlreadyExists).
 */
public class AwsException extends RuntimeException {
    private final String code;
    private final int status;
    private final Map<String, Object> extra;

    public AwsException(String code, int status, String message, Map<String, Object> extra) {
        super(message, null, false, false);
        this.code = code;
        this.status = status;
        this.extra = Map.copyOf(extra);
    }

    public AwsException(String code, String message) {
        this(code, 400, message, Map.of());
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    public Map<String, Object> extra() {
        return extra;
    }
}
