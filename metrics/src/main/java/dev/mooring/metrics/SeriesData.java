package dev.mooring.metrics;

import java.util.List;

/** A series as a query returns it: its minutes in time order, oldest first, only minutes that saw samples. */
public record SeriesData(MetricKey key, MetricKind kind, StandardUnit unit, List<Datapoint> datapoints) {
    public SeriesData {
        datapoints = List.copyOf(datapoints);
    }

    /** The statistic set over the whole window, as CloudWatch gives it for one period spanning the window. */
    public Statistics total() {
        Statistics s = Statistics.EMPTY;
        for (Datapoint d : datapoints) {
            s = s.merge(d.statistics());
        }
        return s;
    }
}
