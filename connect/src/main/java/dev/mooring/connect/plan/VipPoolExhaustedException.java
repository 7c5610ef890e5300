package dev.mooring.connect.plan;

/** No virtual IP is left for a new alias name: the task cannot be wired and stops with this message. */
public final class VipPoolExhaustedException extends ServiceConnectException {
    public VipPoolExhaustedException(String message) {
        super(message);
    }
}
