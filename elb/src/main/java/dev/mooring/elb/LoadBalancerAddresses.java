package dev.mooring.elb;

/**
 * Where load balancers get their addresses: one of Mooring's task network per load balancer, so that tasks reach its
 * listeners by its DNS name (the server gives the process runtime's; with no task network there is none).
 */
public interface LoadBalancerAddresses {
    /** An address for a load balancer: {@code preferred} (the one it had) if free, else another; null if none. */
    String open(String preferred);

    void close(String address);

    LoadBalancerAddresses NONE = new LoadBalancerAddresses() {
        @Override
        public String open(String preferred) {
            return null;
        }

        @Override
        public void close(String address) {
            // nothing was handed out
        }
    };
}
