package dev.mooring.proxy;

/** How a cluster picks a host: round robin (AWS's, the default) or least request by power of two choices. */
public enum LoadBalancerPolicy { ROUND_ROBIN, LEAST_REQUEST }
