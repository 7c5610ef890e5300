package dev.mooring.connect.plan;

/**
 * A Service Connect configuration the data plane cannot honour for one task (an exhausted VIP pool, a port taken
 * twice). The launch turns it into a stopped task whose stoppedReason is this message; the server keeps serving.
 */
public class ServiceConnectException extends RuntimeException {
    public ServiceConnectException(String message) {
        super(message);
    }
}
