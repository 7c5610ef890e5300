package dev.mooring.metrics;

import java.time.Instant;

/** One minute of a series: the minute's start and its statistic set. */
public record Datapoint(Instant timestamp, Statistics statistics) {}
