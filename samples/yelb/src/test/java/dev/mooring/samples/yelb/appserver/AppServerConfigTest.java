package dev.mooring.samples.yelb.appserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AppServerConfigTest {
    private static final int CONCURRENCY = AppServerConfig.DEFAULT_MAX_CONCURRENT_REQUESTS;

    @Test
    void theSampleImagesVariablesComeFirst() {
        assertThat(AppServerConfig.fromEnvironment(Map.of("APP_PORT", "4567",
                "YELB_DB_SERVER", "yelb-db.yelb.cloudmap.internal", "YELB_DB_SERVER_PORT", "5432",
                "YELB_REDIS_SERVER", "yelb-redis.yelb.cloudmap.internal", "YELB_REDIS_SERVER_PORT", "6379",
                "YELB_DB_SERVER_ENDPOINT", "ignored", "RACK_ENV", "custom")))
                .isEqualTo(new AppServerConfig(4567, "yelb-db.yelb.cloudmap.internal", 5432,
                        "yelb-redis.yelb.cloudmap.internal", 6379, CONCURRENCY));
    }

    @Test
    void withoutThemUpstreamsRackEnvironmentsDecide() {
        assertThat(AppServerConfig.fromEnvironment(Map.of()))
                .isEqualTo(new AppServerConfig(4567, "yelb-db", 5432, "redis-server", 6379, CONCURRENCY));
        assertThat(AppServerConfig.fromEnvironment(Map.of("RACK_ENV", "development")))
                .isEqualTo(new AppServerConfig(4567, "localhost", 5432, "localhost", 6379, CONCURRENCY));
        assertThat(AppServerConfig.fromEnvironment(Map.of("RACK_ENV", "custom",
                "YELB_DB_SERVER_ENDPOINT", "db.example", "REDIS_SERVER_ENDPOINT", "cache.example")))
                .isEqualTo(new AppServerConfig(4567, "db.example", 5432, "cache.example", 6379, CONCURRENCY));
    }

    @Test
    void badValuesSayWhichVariable() {
        assertThatThrownBy(() -> AppServerConfig.fromEnvironment(Map.of("YELB_DB_SERVER_PORT", "five")))
                .hasMessage("YELB_DB_SERVER_PORT must be a number, got 'five'");
        assertThatThrownBy(() -> AppServerConfig.fromEnvironment(Map.of("APP_PORT", "70000")))
                .hasMessage("APP_PORT must be a TCP port (1-65535), got 70000");
        assertThatThrownBy(() -> AppServerConfig.fromEnvironment(Map.of("RACK_ENV", "custom")))
                .hasMessageContaining("YELB_DB_SERVER is not set");
    }
}
