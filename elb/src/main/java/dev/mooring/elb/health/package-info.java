/**
 * Active HTTP health checks of registered targets, as an ALB runs them per target group (ALB's thresholds, interval,
 * timeout, path and matcher), and the health they observe. Observations live in memory: they are what the data plane
 * sees now, not configuration, so a restarted server checks its targets afresh from {@code initial}.
 */
package dev.mooring.elb.health;
