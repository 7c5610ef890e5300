package dev.mooring.samples.yelb.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mooring.samples.yelb.YelbBackends;
import dev.mooring.samples.yelb.appserver.AppServer;
import dev.mooring.samples.yelb.appserver.AppServerConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The whole app in a real browser: Chromium loads the page through the UI front, which proxies to the app server,
 * which counts in the real PostgreSQL and Redis; a click on a vote button changes the chart.
 */
class UiBrowserTest {
    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(30);
    private static final String APP_SERVER = "yelb-appserver.yelb.lb.internal";
    /** The chart's slices as the page draws them: restaurant to votes. */
    private static final String SLICES = "Object.fromEntries([...document.querySelectorAll('#chart [data-restaurant]')]"
            + ".map(e => [e.dataset.restaurant, Number(e.dataset.votes)]))";

    @Test
    void aVoteInTheBrowserChangesTheChart() throws Exception {
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        try (YelbBackends backends = YelbBackends.start();
             AppServer appServer = AppServer.start(new AppServerConfig(0, "127.0.0.1", backends.postgresPort,
                     "127.0.0.1", backends.redisPort, AppServerConfig.DEFAULT_MAX_CONCURRENT_REQUESTS), loopback);
             UiServer ui = UiServer.start(new UiConfig(0, APP_SERVER, appServer.port()),
                     host -> List.of(InetAddress.getLoopbackAddress()), loopback)) {
            backends.sql("UPDATE restaurants SET count = 3 WHERE name = 'outback'");
            backends.sql("UPDATE restaurants SET count = 1 WHERE name = 'chipotle'");

            try (HeadlessChromium browser = HeadlessChromium.open("http://127.0.0.1:" + ui.port() + "/", 1200, 800)) {
                await("the page loaded its votes and stats").atMost(PAGE_TIMEOUT).ignoreExceptions()
                        .until(() -> text(browser, "document.body.dataset.state"), "ready"::equals);
                assertThat(slices(browser)).isEqualTo(Map.of("outback", 3, "chipotle", 1));
                assertThat(text(browser, "document.getElementById('chart').dataset.total")).isEqualTo("4");
                assertThat(text(browser, "document.getElementById('pageviews').textContent")).isEqualTo("1");
                assertThat(text(browser, "document.getElementById('hostname').textContent"))
                        .isEqualTo(Files.readAllLines(Path.of("/proc/sys/kernel/hostname")).getFirst().strip());

                browser.click("button[data-restaurant=ihop]");

                await("the chart shows the vote").atMost(PAGE_TIMEOUT)
                        .until(() -> slices(browser), Map.of("outback", 3, "chipotle", 1, "ihop", 1)::equals);
                assertThat(text(browser, "document.getElementById('chart').dataset.total")).isEqualTo("5");
                assertThat(text(browser, "document.querySelector('article[data-restaurant=ihop] .count').textContent"))
                        .isEqualTo("1");
                assertThat(text(browser, "document.body.dataset.state")).isEqualTo("ready");
                assertThat(backends.sql("SELECT count FROM restaurants WHERE name = 'ihop'")).isEqualTo("1");

                Path screenshot = Path.of("target", "yelb-ui.png");
                Files.write(screenshot, browser.screenshot());
                assertThat(Files.size(screenshot)).isPositive();
            }
        }
    }

    private static Map<String, Integer> slices(HeadlessChromium browser) {
        Map<String, Integer> slices = new TreeMap<>();
        browser.evaluate(SLICES).properties().forEach(e -> slices.put(e.getKey(), e.getValue().asInt()));
        return slices;
    }

    private static String text(HeadlessChromium browser, String expression) {
        JsonNode value = browser.evaluate(expression);
        return value == null ? null : value.asText();
    }
}
