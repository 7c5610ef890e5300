package dev.mooring.samples.yelb.appserver;

import java.util.Map;

/**
 * Where the app server listens and finds its backends.
 *
 * @param maxConcurrentRequests requests served at once; more wait their turn. The Ruby app runs on thin, one request
 *                              at a time per task; unbounded virtual threads would open a PostgreSQL connection per
 *                              waiting request and exhaust the server's max_connections (100) under the sample's
 *                              100-worker load test.
 */
public record AppServerConfig(int port, String dbHost, int dbPort, String redisHost, int redisPort,
                              int maxConcurrentRequests) {
    public static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 8;

    public AppServerConfig {
        checkPort("APP_PORT", port, true);
        checkPort("YELB_DB_SERVER_PORT", dbPort, false);
        checkPort("YELB_REDIS_SERVER_PORT", redisPort, false);
        if (maxConcurrentRequests < 1) {
            throw new IllegalArgumentException("YELB_APPSERVER_MAX_CONCURRENCY must be at least 1, got "
                    + maxConcurrentRequests);
        }
    }

    /**
     * The sample images' variables (sample-app.md §4.6) first; else upstream's {@code RACK_ENV} configure blocks
     * (§11.2): {@code custom} reads {@code REDIS_SERVER_ENDPOINT} and {@code YELB_DB_SERVER_ENDPOINT},
     * {@code development} uses localhost, anything else the production names {@code redis-server} and
     * {@code yelb-db}. Ports default to upstream's fixed 4567, 5432 and 6379.
     */
    public static AppServerConfig fromEnvironment(Map<String, String> env) {
        String rackEnv = env.getOrDefault("RACK_ENV", "production");
        String upstreamDb = switch (rackEnv) {
            case "custom" -> env.get("YELB_DB_SERVER_ENDPOINT");
            case "development" -> "localhost";
            default -> "yelb-db";
        };
        String upstreamRedis = switch (rackEnv) {
            case "custom" -> env.get("REDIS_SERVER_ENDPOINT");
            case "development" -> "localhost";
            default -> "redis-server";
        };
        return new AppServerConfig(
                intVar(env, "APP_PORT", 4567),
                host(env, "YELB_DB_SERVER", upstreamDb),
                intVar(env, "YELB_DB_SERVER_PORT", 5432),
                host(env, "YELB_REDIS_SERVER", upstreamRedis),
                intVar(env, "YELB_REDIS_SERVER_PORT", 6379),
                intVar(env, "YELB_APPSERVER_MAX_CONCURRENCY", DEFAULT_MAX_CONCURRENT_REQUESTS));
    }

    private static String host(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        if (value != null && !value.isBlank()) {
            return value.strip();
        }
        if (fallback == null || fallback.isBlank()) {
            throw new IllegalArgumentException(name + " is not set, and RACK_ENV=custom names no upstream endpoint"
                    + " either (YELB_DB_SERVER_ENDPOINT / REDIS_SERVER_ENDPOINT)");
        }
        return fallback;
    }

    private static int intVar(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got '" + value + "'");
        }
    }

    private static void checkPort(String name, int port, boolean zeroAllowed) {
        if (port < (zeroAllowed ? 0 : 1) || port > 65535) {
            throw new IllegalArgumentException(name + " must be a TCP port (1-65535), got " + port);
        }
    }
}
