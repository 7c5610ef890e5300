package dev.mooring.samples.yelb.appserver;

import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;

/**
 * The {@code pageviews} counter in yelb-redis, on a new connection per call as upstream's {@code pageviews()} does
 * (sample-app.md §11.2, §11.4).
 */
final class PageViews {
    static final String KEY = "pageviews";
    private static final int TIMEOUT_MILLIS = 5_000;

    private final HostAndPort server;
    private final JedisClientConfig config = DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(TIMEOUT_MILLIS).socketTimeoutMillis(TIMEOUT_MILLIS)
            // the Ruby client sends nothing but the commands; Redis 4 (the sample's) has no CLIENT SETINFO anyway
            .clientSetInfoConfig(ClientSetInfoConfig.DISABLED).build();

    PageViews(String host, int port) {
        this.server = new HostAndPort(host, port);
    }

    /** {@code INCR pageviews} then {@code GET pageviews}: the counter as Redis returns it. */
    String increment() {
        try (Jedis redis = new Jedis(server, config)) {
            redis.incr(KEY);
            return redis.get(KEY);
        }
    }
}
