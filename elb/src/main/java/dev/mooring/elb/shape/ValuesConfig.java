package dev.mooring.elb.shape;

import java.util.List;

/** The values of a path-pattern, host-header or http-request-method condition. */
public record ValuesConfig(List<String> values) {}
