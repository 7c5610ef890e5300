package dev.mooring.core.operation;

/**
 * The class of an error as the service's model declares it (Smithy's {@code @error} and {@code @httpError} traits):
 * whose fault it is, and the HTTP status class a protocol that uses statuses gives it. The kind follows the AWS model,
 * not the English of the code: ECS models {@code ClusterNotFoundException} as a 400, Route 53 {@code NoSuchHostedZone}
 * as a 404.
 */
public enum ErrorKind {
    BAD_REQUEST(Fault.CLIENT),
    NOT_FOUND(Fault.CLIENT),
    CONFLICT(Fault.CLIENT),
    PAYLOAD_TOO_LARGE(Fault.CLIENT),
    UNSUPPORTED_MEDIA_TYPE(Fault.CLIENT),
    INTERNAL(Fault.SERVER);

    /** Who must act: the caller (awsQuery's {@code Sender}) or the service ({@code Receiver}). */
    public enum Fault { CLIENT, SERVER }

    private final Fault fault;

    ErrorKind(Fault fault) {
        this.fault = fault;
    }

    public Fault fault() {
        return fault;
    }
}
