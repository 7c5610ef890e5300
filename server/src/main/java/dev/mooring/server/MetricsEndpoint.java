package dev.mooring.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mooring.api.ApiRequest;
import dev.mooring.api.ApiResponse;
import dev.mooring.api.HttpHandler;
import dev.mooring.core.operation.ErrorKind;
import dev.mooring.core.operation.ServiceException;
import dev.mooring.metrics.Datapoint;
import dev.mooring.metrics.Dimensions;
import dev.mooring.metrics.MetricKey;
import dev.mooring.metrics.MetricKind;
import dev.mooring.metrics.MetricRegistry;
import dev.mooring.metrics.PrometheusText;
import dev.mooring.metrics.SeriesData;
import dev.mooring.metrics.SeriesFilter;
import dev.mooring.metrics.StandardUnit;
import dev.mooring.metrics.Statistics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /_mooring/metrics}: every series in Prometheus text; with {@code format=json}, the per-minute statistic
 * sets of the series a query selects ({@code namespace}, {@code metric}, {@code dim.<Name>=<value>} (a series may
 * carry more dimensions unless {@code exact=true}), {@code since=15m}), as {@code mooring metrics --json} prints them.
 */
public final class MetricsEndpoint implements HttpHandler {
    static final Duration DEFAULT_SINCE = Duration.ofMinutes(15);
    private static final Pattern DURATION = Pattern.compile("(?:(\\d{1,5})h)?(?:(\\d{1,6})m)?(?:(\\d{1,7})s)?");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MetricRegistry registry;

    MetricsEndpoint(MetricRegistry registry) {
        this.registry = registry;
    }

    /** One minute (or the whole window) of a series; {@code average}, {@code minimum}, {@code maximum} null if empty. */
    public record Stats(long sampleCount, double sum, Double average, Double minimum, Double maximum) {
        static Stats of(Statistics s) {
            return new Stats(s.sampleCount(), s.sum(), finite(s.average()), finite(s.minimum()), finite(s.maximum()));
        }

        Statistics statistics() {
            return new Statistics(sampleCount, sum, minimum == null ? Double.POSITIVE_INFINITY : minimum,
                    maximum == null ? Double.NEGATIVE_INFINITY : maximum);
        }

        private static Double finite(double v) {
            return Double.isFinite(v) ? v : null;
        }
    }

    public record Point(String timestamp, long sampleCount, double sum, Double average, Double minimum,
                        Double maximum) {}

    /** One series: its key, kind, unit, statistics over the window and its minutes, oldest first. */
    public record Series(String namespace, String metric, Map<String, String> dimensions, MetricKind kind,
                         String unit, Stats total, List<Point> datapoints) {
        /** Back to the metrics module's form (for {@link dev.mooring.metrics.MetricsTable}). */
        public SeriesData toSeriesData() {
            String[] dims = dimensions.entrySet().stream().flatMap(e -> java.util.stream.Stream.of(e.getKey(),
                    e.getValue())).toArray(String[]::new);
            StandardUnit u = java.util.Arrays.stream(StandardUnit.values())
                    .filter(x -> x.cloudWatchName().equals(unit)).findFirst().orElse(StandardUnit.NONE);
            return new SeriesData(new MetricKey(namespace, metric, Dimensions.of(dims)), kind, u,
                    datapoints.stream().map(p -> new Datapoint(Instant.parse(p.timestamp()), new Stats(p.sampleCount(), p.sum(),
                            p.average(), p.minimum(), p.maximum()).statistics())).toList());
        }
    }

    /** What {@code format=json} answers; times are ISO-8601 UTC, each datapoint is the minute starting then. */
    public record Report(String since, String until, List<Series> series) {}

    @Override
    public ApiResponse handle(ApiRequest request) {
        if (!"json".equals(param(request, "format"))) {
            return new ApiResponse(200, PrometheusText.CONTENT_TYPE, Map.of(),
                    registry.prometheusText().getBytes(StandardCharsets.UTF_8));
        }
        try {
            return ApiResponse.json(200, JSON.writeValueAsString(query(request)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    Report query(ApiRequest request) {
        SeriesFilter filter = SeriesFilter.all().namespace(param(request, "namespace"))
                .metric(param(request, "metric"));
        for (var e : request.query().entrySet()) {
            if (e.getKey().startsWith("dim.") && e.getKey().length() > 4 && !e.getValue().isEmpty()) {
                filter = filter.dimension(e.getKey().substring(4), e.getValue().getLast());
            }
        }
        String since = param(request, "since");
        Duration window = since == null ? DEFAULT_SINCE : parseDuration(since);
        boolean exact = "true".equals(param(request, "exact"));
        Instant until = registry.clock().instant();
        Instant from = until.minus(window);
        int dims = filter.dimensions().size();
        List<Series> out = registry.series(filter, from).stream()
                .filter(d -> !exact || d.key().dimensions().values().size() == dims).map(MetricsEndpoint::series)
                .toList();
        return new Report(from.toString(), until.toString(), out);
    }

    static Series series(SeriesData d) {
        Map<String, String> dims = new LinkedHashMap<>(d.key().dimensions().values());
        return new Series(d.key().namespace(), d.key().name(), dims, d.kind(), d.unit().cloudWatchName(),
                Stats.of(d.total()), d.datapoints().stream().map(p -> {
                    Stats s = Stats.of(p.statistics());
                    return new Point(p.timestamp().toString(), s.sampleCount(), s.sum(), s.average(), s.minimum(),
                            s.maximum());
                }).toList());
    }

    private static String param(ApiRequest request, String name) {
        List<String> values = request.query().get(name);
        return values == null || values.isEmpty() || values.getLast().isEmpty() ? null : values.getLast();
    }

    /** {@code 15m}, {@code 3h}, {@code 1h30m}, {@code 90s}: at least one minute, at most the retention. */
    static Duration parseDuration(String text) {
        Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (text.isBlank() || !m.matches()) {
            throw new ServiceException("InvalidParameterValue", ErrorKind.BAD_REQUEST,
                    "since must be a duration such as 15m, 3h or 1h30m, not '" + text + "'.");
        }
        Duration d = Duration.ofHours(m.group(1) == null ? 0 : Long.parseLong(m.group(1)))
                .plusMinutes(m.group(2) == null ? 0 : Long.parseLong(m.group(2)))
                .plusSeconds(m.group(3) == null ? 0 : Long.parseLong(m.group(3)));
        if (d.isZero()) {
            throw new ServiceException("InvalidParameterValue", ErrorKind.BAD_REQUEST,
                    "since must be more than zero, not '" + text + "'.");
        }
        return d;
    }
}
