package dev.mooring.elb.shape;

import java.util.List;

/** A listener as DescribeListeners answers it. */
public record Listener(String listenerArn, String loadBalancerArn, Integer port, Protocol protocol, List<Certificate> certificates, String sslPolicy, List<Action> defaultActions) {}
